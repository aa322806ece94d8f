import Foundation
import NewsmillCore

/// Text normalization applied to every document before anything counts offsets in it:
/// newlines become "\n", control characters other than tab and newline are removed (C0, DEL, C1,
/// and a stray byte-order mark), and the result is put in Unicode NFC.
///
/// It works on UTF-8 bytes and copies only what changes; NFC is computed only when the text holds a
/// character outside the ranges known to be stable under NFC (most news text in Latin, Cyrillic,
/// Greek, Chinese, Japanese and Korean scripts is), since Foundation's normalization costs more than
/// everything else in the stage.
public enum TextNormalizer {
    public static func normalize(_ text: String) -> String {
        var text = text
        let (cleaned, belowU0300): (String?, Bool) = text.withUTF8 { cleanControls($0) }
        let result = cleaned ?? text
        if belowU0300 && cleaned == nil { return result }
        return UnicodeText.nfc(result)
    }

    /// The text without control characters and with "\n" newlines (nil when nothing changes), and
    /// whether every character is below U+0300 (then NFC has nothing to do).
    static func cleanControls(_ bytes: UnsafeBufferPointer<UInt8>) -> (String?, Bool) {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return (nil, true) }
        // First pass: is there anything to change at all?
        var i = 0
        var needsWork = false
        var high: UInt8 = 0
        while i < n {
            // Eight printable ASCII bytes at a time.
            if i + 8 <= n, isPrintableASCII(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                i += 8
                continue
            }
            let b = bytes[i]
            high |= b >= 0xCC ? 1 : 0
            if b < 0x20 {
                if b != 0x0A && b != 0x09 { needsWork = true; break }
            } else if b == 0x7F {
                needsWork = true; break
            } else if b == 0xC2, i + 1 < n, bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0x9F {
                needsWork = true; break                                   // C1 controls, NEL
            } else if b == 0xEF, i + 2 < n, bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF {
                needsWork = true; break                                   // U+FEFF
            } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) {
                needsWork = true; break                                   // U+2028, U+2029
            }
            i += 1
        }
        if !needsWork { return (nil, high == 0) }
        var out = [UInt8]()
        out.reserveCapacity(n)
        // Bytes from `run` to `i` are copied as they are, in one piece, when something else comes.
        var run = 0
        // Where the last carriage return ended: a line feed right there belongs to it.
        var afterCR = -1
        @inline(__always) func flush() {
            if i > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
        }
        while i < n {
            if i + 8 <= n, isPrintableASCII(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                i += 8
                continue
            }
            let b = bytes[i]
            if b >= 0x20 && b != 0x7F && b != 0xC2 && b != 0xEF && b != 0xE2 { i += 1; continue }
            var skip = 0
            var newline = false
            if b == 0x0D {
                skip = 1; newline = true
            } else if b == 0x0A {
                skip = 1; newline = afterCR != i
            } else if b < 0x20 {
                if b == 0x09 { i += 1; continue }
                skip = 1
            } else if b == 0x7F {
                skip = 1
            } else if b == 0xC2, i + 1 < n, bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0x9F {
                skip = 2; newline = bytes[i + 1] == 0x85                  // NEL is a line break
            } else if b == 0xEF, i + 2 < n, bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF {
                skip = 3
            } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) {
                skip = 3; newline = true
            } else {
                i += 1
                continue
            }
            flush()
            if newline { out.append(0x0A) }
            i += skip
            run = i
            if b == 0x0D { afterCR = i }
        }
        flush()
        return (String(decoding: out, as: UTF8.self), false)
    }

    /// True when all eight bytes of `word` are printable ASCII (0x20–0x7E).
    @inline(__always) static func isPrintableASCII(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func less(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &- ones &* n) & ~x & high }
        return (word & high) | less(word, 0x20) | less(word ^ (ones &* 0x7F), 1) == 0
    }
}

/// Recognises content that is not text at all, so that an image renamed `.html` fails with a clear
/// reason instead of becoming a page of replacement characters.
public enum BinarySniffer {
    private static let signatures: [(bytes: [UInt8], name: String)] = [
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"), ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ([0x47, 0x49, 0x46, 0x38], "a GIF image"), ([0x25, 0x50, 0x44, 0x46], "a PDF file"),
        ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive"), ([0x7F, 0x45, 0x4C, 0x46], "an executable"),
        ([0x52, 0x49, 0x46, 0x46], "a RIFF media file (WebP, WAV or AVI)"), ([0x1F, 0x8B], "gzip data"),
        ([0x42, 0x5A, 0x68], "bzip2 data"), ([0xFD, 0x37, 0x7A, 0x58, 0x5A], "xz data"),
        ([0x00, 0x00, 0x01, 0x00], "an icon"), ([0x4F, 0x67, 0x67, 0x53], "an Ogg media file"),
        ([0x49, 0x44, 0x33], "an MP3 file"), ([0x28, 0xB5, 0x2F, 0xFD], "zstd data"),
    ]

    /// What the bytes are, when they are plainly not text.
    public static func binaryKind(_ bytes: [UInt8]) -> String? {
        for signature in signatures where bytes.starts(with: signature.bytes) { return signature.name }
        if bytes.count > 12, bytes[4...7].elementsEqual([0x66, 0x74, 0x79, 0x70]) { return "an MP4 or HEIF media file" }
        // Text, even UTF-16, has few NULs outside a regular every-other-byte pattern; and few other
        // C0 controls than tab, newline, form feed and carriage return.
        let sample = bytes.prefix(4096)
        guard !sample.isEmpty else { return nil }
        var controls = 0
        for byte in sample where byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0C && byte != 0x0D && byte != 0x00 && byte != 0x1B {
            controls += 1
        }
        if controls * 100 > sample.count * 5 { return "binary data" }
        return nil
    }
}

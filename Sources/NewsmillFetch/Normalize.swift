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
        return UnicodeText.isStableUnderNFC(result) ? result : result.precomposedStringWithCanonicalMapping
    }

    /// The text without control characters and with "\n" newlines (nil when nothing changes), and
    /// whether every character is below U+0300 (then NFC has nothing to do).
    static func cleanControls(_ bytes: UnsafeBufferPointer<UInt8>) -> (String?, Bool) {
        let n = bytes.count
        // First pass: is there anything to change at all?
        var i = 0
        var needsWork = false
        var high: UInt8 = 0
        while i < n {
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
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<i]))
        var previousCR = false
        while i < n {
            let b = bytes[i]
            if b == 0x0D { out.append(0x0A); previousCR = true; i += 1; continue }
            if b == 0x0A { if !previousCR { out.append(0x0A) }; previousCR = false; i += 1; continue }
            previousCR = false
            if b < 0x20 && b != 0x09 { i += 1; continue }
            if b == 0x7F { i += 1; continue }
            if b == 0xC2, i + 1 < n, bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0x9F {
                if bytes[i + 1] == 0x85 { out.append(0x0A) }              // NEL is a line break
                i += 2
                continue
            }
            if b == 0xEF, i + 2 < n, bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF { i += 3; continue }
            if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) {
                out.append(0x0A)
                i += 3
                continue
            }
            out.append(b)
            i += 1
        }
        return (String(decoding: out, as: UTF8.self), false)
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

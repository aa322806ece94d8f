import Foundation
import NewsmillCore

/// Text normalization applied to every document before anything counts offsets in it:
/// newlines become "\n", control characters other than tab and newline are removed (C0, DEL, C1,
/// and a stray byte-order mark), and the result is put in Unicode NFC.
public enum TextNormalizer {
    public static func normalize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x0D { out.append("\n"); previousCR = true; continue }
            if v == 0x0A { if !previousCR { out.append("\n") }; previousCR = false; continue }
            previousCR = false
            if v == 0x09 || (v >= 0x20 && v < 0x7F) || (v > 0x9F && v != 0xFEFF) {
                out.append(scalar)
            } else if v == 0x85 || v == 0x2028 || v == 0x2029 {
                out.append("\n")
            }
        }
        return String(out).precomposedStringWithCanonicalMapping
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

import Foundation

/// Unicode helpers every stage may need.
public enum UnicodeText {
    /// True when the character is in a range where text is already NFC whatever follows it: no
    /// combining marks, no characters that NFC replaces (U+2126 OHM SIGN, CJK compatibility
    /// ideographs…), no Hangul jamo. Conservative: false means "normalize", not "changes".
    @inline(__always) public static func isStableScalar(_ v: UInt32) -> Bool {
        switch v {
        case 0x0370...0x0373, 0x0375...0x037D, 0x037F...0x0386, 0x0388...0x03FF: return true   // Greek
        case 0x0400...0x0482, 0x048A...0x052F: return true                                    // Cyrillic
        case 0x2002...0x20CF: return true                                                     // punctuation, currency
        case 0x2100...0x2125, 0x2127...0x2129, 0x212C...0x2328, 0x232B...0x2ADB, 0x2ADD...0x2BFF: return true
        case 0x3000...0x3098, 0x309B...0x30FF: return true                                    // CJK punctuation, kana
        case 0x4E00...0x9FFF, 0xAC00...0xD7A3: return true                                    // CJK ideographs, Hangul
        case 0xE000...0xF8FF: return true                                                     // private use (icon fonts)
        case 0xFE00...0xFE0F, 0xFE30...0xFE4F, 0xFF01...0xFFEF: return true                   // variation selectors, forms
        case 0x1F000...0x1FAFF: return true                                                   // emoji and symbols
        default: return false
        }
    }
}


extension UnicodeText {
    /// `text` in NFC. Only the stretches around characters outside the stable ranges go through
    /// Foundation's normalization, which costs more than everything else a stage does with a page:
    /// text splits safely before an ASCII character (it has no combining class and nothing composes
    /// with it; UAX #15's stable code points), so normalizing those stretches alone gives what
    /// normalizing the whole text gives. A page in English with a language menu in Arabic and Thai
    /// sends its menu, not its 200 kB, through Foundation.
    public static func nfc(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes -> String in
            let spans = unstableSpans(bytes)
            guard let first = spans.first else { return text }
            if spans.count == 1 && first == 0..<bytes.count { return text.precomposedStringWithCanonicalMapping }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + bytes.count / 8)
            var done = 0
            for span in spans {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[done..<span.lowerBound]))
                let piece = String(decoding: UnsafeBufferPointer(rebasing: bytes[span]), as: UTF8.self)
                out.append(contentsOf: piece.precomposedStringWithCanonicalMapping.utf8)
                done = span.upperBound
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[done...]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The byte ranges of `bytes` (valid UTF-8) that NFC might change: each holds characters outside
    /// the stable ranges and starts and ends at an ASCII character (or the text's ends). Ranges less
    /// than 256 bytes apart are one range, so that text in another script is one call, not one per word.
    static func unstableSpans(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        guard let base = bytes.baseAddress else { return spans }
        let n = bytes.count
        var i = 0
        var lastASCII = -1
        while i < n {
            if i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                lastASCII = i + 7
                i += 8
                continue
            }
            let lead = bytes[i]
            if lead < 0x80 { lastASCII = i; i += 1; continue }
            if lead < 0xCC { i += 2; continue }
            var value: UInt32
            var width: Int
            if lead < 0xE0 { value = UInt32(lead & 0x1F); width = 2 }
            else if lead < 0xF0 { value = UInt32(lead & 0x0F); width = 3 }
            else { value = UInt32(lead & 0x07); width = 4 }
            width = min(width, n - i)
            for k in 1..<max(width, 1) { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
            if width > 1 && isStableScalar(value) { i += width; continue }
            // From the last ASCII character before it to the next one after it.
            let start = max(lastASCII, 0)
            var end = i + max(width, 1)
            while end < n && bytes[end] >= 0x80 { end += 1 }
            if let last = spans.last, last.upperBound + 256 >= start {
                spans[spans.count - 1] = last.lowerBound..<end
            } else {
                spans.append(start..<end)
            }
            i = end
        }
        return spans
    }
}

extension UnicodeText {
    /// Unicode's White_Space characters (a fixed list), without the property lookup that costs more
    /// than the rest of a text scan.
    @inline(__always) public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        switch v {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}

/// Letter-case tests that answer ASCII without the Unicode property tables (the standard library looks
/// every scalar up there, ASCII too); the same answers as `properties.isUppercase` and friends.
extension Unicode.Scalar {
    @inline(__always) public var isUppercaseLetter: Bool { isASCII ? (value &- 65) < 26 : properties.isUppercase }
    @inline(__always) public var isLowercaseLetter: Bool { isASCII ? (value &- 97) < 26 : properties.isLowercase }
    @inline(__always) public var isAlphabeticLetter: Bool { isASCII ? ((value | 0x20) &- 97) < 26 : properties.isAlphabetic }
}

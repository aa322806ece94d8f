import Foundation
import NewsmillCore
#if canImport(Glibc)
import Glibc
#endif

/// Decides a document's character set the way browsers do (WHATWG Encoding and HTML standards) and
/// decodes it to a Swift string. The order:
///   1. a byte-order mark;
///   2. the charset of the HTTP Content-Type header, when the document came over HTTP;
///   3. a `<meta charset>` or `<meta http-equiv="Content-Type">` in the first 1024 bytes;
///   4. UTF-16 without a byte-order mark, when half of the first bytes are NUL in a regular pattern;
///   5. valid UTF-8 (or UTF-8 with a few invalid bytes among many valid multi-byte sequences);
///   6. windows-1252.
/// Two corrections where declarations are commonly wrong: a declared single-byte legacy charset on
/// bytes that are valid UTF-8 with multi-byte sequences is read as UTF-8, and a declared UTF-8 on
/// bytes with no valid multi-byte sequence but invalid ones is read as windows-1252.
public enum Charset {
    /// How many leading bytes the `<meta>` prescan looks at (as the HTML standard says).
    public static let prescanLength = 1024

    public static func decide(_ bytes: [UInt8], httpContentType: String? = nil, isHTML: Bool) -> CharsetDecision {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return CharsetDecision(name: "UTF-8", decidedBy: "bom") }
        if bytes.starts(with: [0xFE, 0xFF]) { return CharsetDecision(name: "UTF-16BE", decidedBy: "bom") }
        if bytes.starts(with: [0xFF, 0xFE]) { return CharsetDecision(name: "UTF-16LE", decidedBy: "bom") }

        let utf8 = UTF8Check.scan(bytes)
        func judged(_ label: String, by source: String) -> CharsetDecision? {
            guard let name = EncodingLabels.name(for: label) else { return nil }
            // A document cannot declare UTF-16 in ASCII-compatible bytes: the standard reads it as UTF-8.
            let effective = name.hasPrefix("UTF-16") ? "UTF-8" : name
            if effective != "UTF-8" && EncodingLabels.singleByte.contains(effective) && utf8.valid && utf8.multiByteSequences > 0 {
                return CharsetDecision(name: "UTF-8", decidedBy: "utf8-valid-over-\(source)", declared: label)
            }
            if effective == "UTF-8" && !utf8.valid && utf8.multiByteSequences == 0 {
                return CharsetDecision(name: "windows-1252", decidedBy: "fallback-over-\(source)", declared: label)
            }
            return CharsetDecision(name: effective, decidedBy: source, declared: label)
        }
        if let contentType = httpContentType, let label = charsetParameter(in: contentType),
           let decision = judged(label, by: "http") {
            return decision
        }
        if isHTML, let label = metaPrescan(bytes), let decision = judged(label, by: "meta") {
            return decision
        }
        if let utf16 = utf16WithoutBOM(bytes) { return CharsetDecision(name: utf16, decidedBy: "nul-pattern") }
        if utf8.valid { return CharsetDecision(name: "UTF-8", decidedBy: "utf8-valid") }
        // Mostly valid UTF-8 with a few stray bytes is UTF-8 with damage, not a legacy charset.
        if utf8.multiByteSequences >= 4 * utf8.invalidSequences { return CharsetDecision(name: "UTF-8", decidedBy: "utf8-mostly-valid") }
        return CharsetDecision(name: "windows-1252", decidedBy: "fallback")
    }

    /// Decodes `bytes` in the decided charset; bytes that do not decode become U+FFFD and are counted.
    public static func decode(_ bytes: [UInt8], as decision: CharsetDecision) -> (text: String, invalid: Int) {
        var body = bytes[...]
        switch decision.name {
        case "UTF-8":
            if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
            // Foundation-free validation: String(validating:) succeeds only on valid UTF-8.
            if let valid = String(validating: body, as: UTF8.self) { return (valid, 0) }
            let invalid = UTF8Check.scan(Array(body)).invalidSequences
            return (String(decoding: body, as: UTF8.self), invalid)
        case "UTF-16LE", "UTF-16BE":
            if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) { body = body.dropFirst(2) }
            let little = decision.name == "UTF-16LE"
            var units: [UInt16] = []
            units.reserveCapacity(body.count / 2)
            var index = body.startIndex
            while index + 1 < body.endIndex {
                let a = UInt16(body[index]), b = UInt16(body[index + 1])
                units.append(little ? a | b << 8 : a << 8 | b)
                index += 2
            }
            var invalid = body.count % 2
            var text = ""
            text.unicodeScalars.reserveCapacity(units.count)
            var decoder = UTF16()
            var iterator = units.makeIterator()
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): text.unicodeScalars.append(scalar)
                case .error:
                    invalid += 2
                    text.unicodeScalars.append("\u{FFFD}")
                case .emptyInput: break loop
                }
            }
            if body.count % 2 == 1 { text.unicodeScalars.append("\u{FFFD}") }
            return (text, invalid)
        case "windows-1252":
            // Straight to UTF-8 bytes: ASCII as it is, the rest through the table.
            var utf8 = [UInt8]()
            utf8.reserveCapacity(body.count + body.count / 8)
            for byte in body {
                if byte < 0x80 { utf8.append(byte); continue }
                let scalar = Windows1252.scalar(byte).value
                if scalar < 0x800 {
                    utf8.append(UInt8(0xC0 | (scalar >> 6)))
                    utf8.append(UInt8(0x80 | (scalar & 0x3F)))
                } else {
                    utf8.append(UInt8(0xE0 | (scalar >> 12)))
                    utf8.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                    utf8.append(UInt8(0x80 | (scalar & 0x3F)))
                }
            }
            return (String(decoding: utf8, as: UTF8.self), 0)
        default:
            return Iconv.decode(Array(body), from: EncodingLabels.iconvName(decision.name))
        }
    }

    /// The value of a `charset=` parameter in a Content-Type value.
    public static func charsetParameter(in contentType: String) -> String? {
        let lower = contentType.lowercased()
        guard let range = lower.range(of: "charset") else { return nil }
        var rest = lower[range.upperBound...].drop(while: { $0 == " " || $0 == "\t" })
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
        if let quote = rest.first, quote == "\"" || quote == "'" {
            let value = rest.dropFirst().prefix(while: { $0 != quote })
            return value.isEmpty ? nil : String(value)
        }
        let value = rest.prefix(while: { !" \t;,\"'>".contains($0) })
        return value.isEmpty ? nil : String(value)
    }

    /// A simplified form of the HTML standard's prescan: the first `<meta>` in the first 1024 bytes that
    /// names a charset, skipping comments.
    public static func metaPrescan(_ bytes: [UInt8]) -> String? {
        let head = Array(bytes.prefix(prescanLength))
        let lower = head.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
        var index = 0
        func matches(_ literal: String, at position: Int) -> Bool {
            let pattern = Array(literal.utf8)
            guard position + pattern.count <= lower.count else { return false }
            return Array(lower[position..<position + pattern.count]) == pattern
        }
        while index < lower.count {
            if matches("<!--", at: index) {
                var end = index + 4
                while end < lower.count && !matches("-->", at: end) { end += 1 }
                index = end + 3
                continue
            }
            if matches("<meta", at: index), index + 5 < lower.count,
               [0x20, 0x09, 0x0A, 0x0C, 0x0D, 0x2F].contains(lower[index + 5]) {
                var end = index + 5
                var quote: UInt8? = nil
                while end < lower.count {
                    let byte = lower[end]
                    if let q = quote { if byte == q { quote = nil } }
                    else if byte == 0x22 || byte == 0x27 { quote = byte }
                    else if byte == 0x3E { break }
                    end += 1
                }
                let tag = String(decoding: lower[(index + 5)..<end], as: UTF8.self)
                let attributes = parseAttributes(tag)
                if let charset = attributes["charset"], !charset.isEmpty { return charset }
                if attributes["http-equiv"] == "content-type", let content = attributes["content"],
                   let charset = charsetParameter(in: content) {
                    return charset
                }
                index = end + 1
                continue
            }
            index += 1
        }
        return nil
    }

    static func parseAttributes(_ tag: String) -> [String: String] {
        var result: [String: String] = [:]
        var scalars = Substring(tag)
        while true {
            scalars = scalars.drop(while: { $0.isWhitespace || $0 == "/" })
            let name = scalars.prefix(while: { !$0.isWhitespace && $0 != "=" && $0 != "/" && $0 != ">" })
            if name.isEmpty { break }
            scalars = scalars.dropFirst(name.count).drop(while: { $0.isWhitespace })
            var value = ""
            if scalars.first == "=" {
                scalars = scalars.dropFirst().drop(while: { $0.isWhitespace })
                if let quote = scalars.first, quote == "\"" || quote == "'" {
                    let inner = scalars.dropFirst().prefix(while: { $0 != quote })
                    value = String(inner)
                    scalars = scalars.dropFirst(inner.count + 2)
                } else {
                    let inner = scalars.prefix(while: { !$0.isWhitespace && $0 != ">" })
                    value = String(inner)
                    scalars = scalars.dropFirst(inner.count)
                }
            }
            if result[String(name)] == nil { result[String(name)] = value.trimmingCharacters(in: .whitespaces) }
        }
        return result
    }

    /// UTF-16 without a byte-order mark: in text that is mostly ASCII, every other byte is NUL.
    static func utf16WithoutBOM(_ bytes: [UInt8]) -> String? {
        let sample = bytes.prefix(1024)
        guard sample.count >= 16 else { return nil }
        var evenNUL = 0, oddNUL = 0
        for (offset, byte) in sample.enumerated() where byte == 0 {
            if offset % 2 == 0 { evenNUL += 1 } else { oddNUL += 1 }
        }
        let pairs = sample.count / 2
        if oddNUL * 10 >= pairs * 6 && evenNUL * 10 <= pairs { return "UTF-16LE" }
        if evenNUL * 10 >= pairs * 6 && oddNUL * 10 <= pairs { return "UTF-16BE" }
        return nil
    }
}

/// windows-1252: Latin-1 with printable characters in 0x80–0x9F (the WHATWG index; the five bytes
/// it leaves unmapped map to the C1 control of the same number, which normalization then removes).
public enum Windows1252 {
    static let high: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    @inline(__always) public static func scalar(_ byte: UInt8) -> Unicode.Scalar {
        if byte >= 0x80 && byte <= 0x9F { return Unicode.Scalar(high[Int(byte - 0x80)])! }
        return Unicode.Scalar(byte)
    }
}

/// Every other charset through the C library's iconv.
enum Iconv {
    static func decode(_ bytes: [UInt8], from charset: String) -> (text: String, invalid: Int) {
        let descriptor = iconv_open("UTF-8", charset)
        if descriptor == iconv_t(bitPattern: -1) {
            // Unknown to this system's iconv: read as windows-1252 rather than fail.
            var text = ""
            for byte in bytes { text.unicodeScalars.append(Windows1252.scalar(byte)) }
            return (text, 0)
        }
        defer { iconv_close(descriptor) }
        var output = [UInt8]()
        output.reserveCapacity(bytes.count * 2)
        var invalid = 0
        var input = bytes
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        input.withUnsafeMutableBufferPointer { inputBuffer in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var inLeft = inputBuffer.count
            var chunk = [CChar](repeating: 0, count: 65536)
            while inLeft > 0 {
                let result: Int = chunk.withUnsafeMutableBufferPointer { out in
                    var outPointer: UnsafeMutablePointer<CChar>? = out.baseAddress
                    var outLeft = out.count
                    let r = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    let produced = out.count - outLeft
                    out.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: produced) { p in
                        output.append(contentsOf: UnsafeBufferPointer(start: p, count: produced))
                    }
                    return r == -1 ? Int(errno) : 0
                }
                if result == Int(EILSEQ) || result == Int(EINVAL) {
                    // One undecodable byte: replace it and go on after it.
                    output.append(contentsOf: replacement)
                    invalid += 1
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                    _ = iconv(descriptor, nil, nil, nil, nil)
                } else if result != 0 && result != Int(E2BIG) {
                    break
                }
            }
        }
        return (String(decoding: output, as: UTF8.self), invalid)
    }
}

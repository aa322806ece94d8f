import Foundation
import NewsmillCore

/// Writes a segment file byte for byte as `JSONFiles.encode` does (Foundation's JSONEncoder: pretty
/// printed, two-space indent, `"key" : value`, sorted keys, slashes not escaped, a final newline; each
/// token on one line), but
/// straight into a byte buffer. The tokens make a segment file about twenty times the size of its
/// text, and the generic encoder, which builds a tree of boxed values first, spends about fifteen times
/// longer on them than segmentation itself. `SegmentJSONTests` checks that both write the same bytes.
public enum SegmentJSON {
    public static func encode(_ document: SegmentDocument) -> Data {
        let tokens = document.sentences.reduce(0) { $0 + ($1.tokens?.count ?? 0) }
        // An upper bound for usual documents (a token takes about 80 to 110 bytes), so the buffer is not
        // copied while it grows; pages never written are never touched.
        var out = JSONWriter(capacity: document.text.utf8.count * 2 + document.paragraphs.count * 100
                             + document.sentences.count * 200 + tokens * 120 + 1024)
        let header = document.header
        out.raw("{\n  \"authors\" : [")
        if header.authors.isEmpty {
            out.raw("\n\n  ]")
        } else {
            for (index, author) in header.authors.enumerated() {
                out.raw(index == 0 ? "\n    " : ",\n    ")
                out.string(author)
            }
            out.raw("\n  ]")
        }
        out.raw(",\n  \"id\" : ")
        out.string(header.id)
        out.raw(",\n  \"language\" : ")
        out.optional(header.language)
        out.raw(",\n  \"paragraphs\" : [")
        if document.paragraphs.isEmpty {
            out.raw("\n\n  ]")
        } else {
            for (index, paragraph) in document.paragraphs.enumerated() {
                out.raw(index == 0 ? "\n    {\n      \"end\" : " : ",\n    {\n      \"end\" : ")
                out.int(paragraph.end)
                out.raw(",\n      \"start\" : ")
                out.int(paragraph.start)
                out.raw(",\n      \"type\" : ")
                out.string(paragraph.type)
                out.raw("\n    }")
            }
            out.raw("\n  ]")
        }
        out.raw(",\n  \"published\" : ")
        out.optional(header.published)
        out.raw(",\n  \"schema\" : ")
        out.string(document.schema)
        out.raw(",\n  \"sentences\" : [")
        if document.sentences.isEmpty {
            out.raw("\n\n  ]")
        } else {
            for (index, sentence) in document.sentences.enumerated() {
                out.raw(index == 0 ? "\n    {\n      \"end\" : " : ",\n    {\n      \"end\" : ")
                out.int(sentence.end)
                out.raw(sentence.inQuote ? ",\n      \"inQuote\" : true,\n      \"paragraph\" : "
                                         : ",\n      \"inQuote\" : false,\n      \"paragraph\" : ")
                out.int(sentence.paragraph)
                out.raw(",\n      \"start\" : ")
                out.int(sentence.start)
                // A sentence without tokens has no "tokens" key (the encoder leaves out nil optionals).
                if let tokens = sentence.tokens {
                    out.raw(",\n      \"tokens\" : [")
                    if tokens.isEmpty {
                        out.raw("\n\n      ]")
                    } else {
                        // One token a line: the tokens are most of the file, and a line each keeps it a
                        // third of the size and as easy to read.
                        for (t, token) in tokens.enumerated() {
                            out.raw(t == 0 ? "\n        { \"end\" : " : ",\n        { \"end\" : ")
                            out.int(token.end)
                            out.raw(", \"kind\" : ")
                            out.kind(token.kind)
                            out.raw(", \"start\" : ")
                            out.int(token.start)
                            out.raw(" }")
                        }
                        out.raw("\n      ]")
                    }
                }
                out.raw("\n    }")
            }
            out.raw("\n  ]")
        }
        out.raw(",\n  \"site\" : ")
        out.optional(header.site)
        out.raw(",\n  \"source\" : ")
        out.string(header.source)
        out.raw(",\n  \"text\" : ")
        out.string(document.text)
        out.raw(",\n  \"title\" : ")
        out.optional(header.title)
        out.raw(",\n  \"url\" : ")
        out.optional(header.url)
        out.raw("\n}\n")
        return out.data()
    }
}

/// A growing byte buffer with the pieces of JSON the segment file needs. It owns its memory until
/// `data()` hands it to the returned `Data` without a copy; a writer is used once.
struct JSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { if capacity > 0 { base.deallocate() } }

    consuming func data() -> Data {
        let data = Data(bytesNoCopy: base, count: count, deallocator: .custom { pointer, _ in pointer.deallocate() })
        capacity = 0  // the Data owns the memory now
        return data
    }

    @inline(__always) private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private mutating func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always) private mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always) private mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        reserve(buffer.count)
        (base + count).update(from: buffer.baseAddress!, count: buffer.count)
        count += buffer.count
    }

    @inline(__always) mutating func raw(_ literal: StaticString) {
        literal.withUTF8Buffer { append($0) }
    }

    mutating func int(_ value: Int) {
        reserve(20)
        if value >= 0 && value < 10 {
            base[count] = UInt8(truncatingIfNeeded: value) &+ 0x30
            count += 1
            return
        }
        if value < 0 {
            base[count] = 0x2D
            count += 1
        }
        var magnitude = value.magnitude
        var digits = 0
        var rest = magnitude
        repeat { digits += 1; rest /= 10 } while rest > 0
        var k = count + digits - 1
        repeat {
            base[k] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
            magnitude /= 10
            k -= 1
        } while magnitude > 0
        count += digits
    }

    mutating func optional(_ value: String?) {
        if let value { string(value) } else { raw("null") }
    }

    /// A token kind: one of a few short names, written without a scan when it is a known one.
    @inline(__always) mutating func kind(_ kind: String) {
        switch kind {
        case "word": raw("\"word\"")
        case "punct": raw("\"punct\"")
        case "number": raw("\"number\"")
        case "symbol": raw("\"symbol\"")
        default: string(kind)
        }
    }

    /// A JSON string as JSONEncoder writes it: `"` and `\` escaped, the control characters below U+0020
    /// as \b \t \n \f \r or \u00XX (lower-case hex), everything else (also "/" and U+2028) as UTF-8.
    mutating func string(_ value: String) {
        append(0x22)
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            var i = 0
            let n = utf8.count
            while i < n {
                let b = utf8[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C { i += 1; continue }
                if i > runStart { append(UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                switch b {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x08: raw("\\b")
                case 0x09: raw("\\t")
                case 0x0A: raw("\\n")
                case 0x0C: raw("\\f")
                case 0x0D: raw("\\r")
                default:
                    let hex: StaticString = "0123456789abcdef"
                    raw("\\u00")
                    hex.withUTF8Buffer { digits in
                        append(digits[Int(b >> 4)])
                        append(digits[Int(b & 0x0F)])
                    }
                }
                i += 1
                runStart = i
            }
            if n > runStart { append(UnsafeBufferPointer(rebasing: utf8[runStart..<n])) }
        }
        append(0x22)
    }
}

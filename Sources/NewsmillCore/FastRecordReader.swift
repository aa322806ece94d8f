import Foundation

/// Reads the records newsmill writes, straight from their JSON bytes into the record types, for the
/// stages that read a large record per document (the summarize stage reads the extract stage's).
/// Foundation's decoder goes through `Codable` containers value by value; this reads each object's
/// keys in one pass. It accepts only what the records' `Codable` conformances accept (every required
/// key, the right types; unknown keys skipped) and gives up on anything else — a `\u` escape, a
/// number that is not an integer where one is wanted — so that the caller falls back to Foundation's
/// decoder and its error messages. A test compares both on the same files.
struct FastRecordReader {
    struct Failure: Error {}

    private var cursor: JSONCursor

    init(_ bytes: UnsafeBufferPointer<UInt8>) { cursor = JSONCursor(bytes) }

    // MARK: Values

    private mutating func peek() -> UInt8? {
        cursor.skipSpace()
        return cursor.byte
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard peek() == byte else { throw Failure() }
        cursor.index += 1
    }

    mutating func string() throws -> String {
        guard peek() == 0x22 else { throw Failure() }
        let bytes = cursor.bytes
        let start = cursor.index + 1
        // Most strings have nothing to unescape: read them where they are.
        let i = LargeString.nextSpecial(in: bytes, from: start)
        if i < bytes.count, bytes[i] == 0x22 {
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<i])
            guard UTF8Check.isValid(slice) else { throw Failure() }
            cursor.index = i + 1
            return String(decoding: slice, as: UTF8.self)
        }
        guard let (unescaped, end) = LargeString.unescape(bytes, from: start) else { throw Failure() }
        cursor.index = end
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// A string, or nil for `null`.
    mutating func optionalString() throws -> String? {
        if try isNull() { return nil }
        return try string()
    }

    /// Past a `null` here, true; false (and nothing read) for any other value.
    mutating func isNull() throws -> Bool {
        guard peek() == 0x6E else { return false }  // n
        let bytes = cursor.bytes
        let i = cursor.index
        guard i + 4 <= bytes.count, bytes[i + 1] == 0x75, bytes[i + 2] == 0x6C, bytes[i + 3] == 0x6C else { throw Failure() }
        cursor.index += 4
        return true
    }

    mutating func int() throws -> Int {
        guard peek() != nil else { throw Failure() }
        let bytes = cursor.bytes
        var i = cursor.index
        var negative = false
        if i < bytes.count, bytes[i] == 0x2D { negative = true; i += 1 }
        let first = i
        var value = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(bytes[i] - 0x30))
            guard !overflow1, !overflow2 else { throw Failure() }
            value = sum
            i += 1
        }
        // Digits only: a fraction or an exponent is the general decoder's to judge.
        guard i > first, i == bytes.count || ![0x2E, 0x65, 0x45].contains(bytes[i]) else { throw Failure() }
        cursor.index = i
        return negative ? -value : value
    }

    mutating func optionalInt() throws -> Int? {
        if try isNull() { return nil }
        return try int()
    }

    mutating func double() throws -> Double {
        guard peek() != nil else { throw Failure() }
        let bytes = cursor.bytes
        var i = cursor.index
        while i < bytes.count, (bytes[i] >= 0x30 && bytes[i] <= 0x39) || [0x2D, 0x2B, 0x2E, 0x65, 0x45].contains(bytes[i]) { i += 1 }
        guard i > cursor.index, let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[cursor.index..<i]), as: UTF8.self)),
              value.isFinite else { throw Failure() }
        cursor.index = i
        return value
    }

    mutating func bool() throws -> Bool {
        let bytes = cursor.bytes
        guard let first = peek() else { throw Failure() }
        let i = cursor.index
        if first == 0x74, i + 4 <= bytes.count, bytes[i + 1] == 0x72, bytes[i + 2] == 0x75, bytes[i + 3] == 0x65 {
            cursor.index += 4
            return true
        }
        if first == 0x66, i + 5 <= bytes.count, bytes[i + 1] == 0x61, bytes[i + 2] == 0x6C, bytes[i + 3] == 0x73, bytes[i + 4] == 0x65 {
            cursor.index += 5
            return false
        }
        throw Failure()
    }

    mutating func skip() throws {
        guard cursor.skipValue() else { throw Failure() }
    }

    /// The object here, key by key: `member` reads (or skips) each key's value.
    mutating func object(_ member: (inout FastRecordReader, String) throws -> Void) throws {
        try expect(0x7B)
        if peek() == 0x7D { cursor.index += 1; return }
        while true {
            let key = try string()
            try expect(0x3A)
            try member(&self, key)
            switch peek() {
            case 0x2C: cursor.index += 1
            case 0x7D: cursor.index += 1; return
            default: throw Failure()
            }
        }
    }

    mutating func array<Element>(_ element: (inout FastRecordReader) throws -> Element) throws -> [Element] {
        var result: [Element] = []
        try forEachElement { result.append(try element(&$0)) }
        return result
    }

    /// The array here, element by element: `element` reads each one, and nothing is collected.
    mutating func forEachElement(_ element: (inout FastRecordReader) throws -> Void) throws {
        try expect(0x5B)
        if peek() == 0x5D { cursor.index += 1; return }
        while true {
            try element(&self)
            switch peek() {
            case 0x2C: cursor.index += 1
            case 0x5D: cursor.index += 1; return
            default: throw Failure()
            }
        }
    }

    mutating func strings() throws -> [String] { try array { try $0.string() } }

    /// Nothing but white space is left.
    mutating func atEnd() -> Bool { peek() == nil }

    // MARK: Records

    /// An object of "start", "end" and, when `name` is given, a string member of that name (others
    /// skipped), all required.
    private mutating func startEnd(_ name: String?) throws -> (start: Int, end: Int, string: String) {
        var start: Int?, end: Int?, string: String?
        try object { r, key in
            switch key {
            case "start": start = try r.int()
            case "end": end = try r.int()
            case name: string = try r.string()
            default: try r.skip()
            }
        }
        guard let start, let end, name == nil || string != nil else { throw Failure() }
        return (start, end, string ?? "")
    }

    mutating func span() throws -> Span {
        let (start, end, _) = try startEnd(nil)
        return Span(start: start, end: end)
    }

    mutating func paragraph() throws -> Paragraph {
        let (start, end, type) = try startEnd("type")
        return Paragraph(start: start, end: end, type: type)
    }

    mutating func token() throws -> Token {
        let (start, end, kind) = try startEnd("kind")
        return Token(start: start, end: end, kind: kind)
    }

    mutating func sentence() throws -> Sentence {
        var start: Int?, end: Int?, paragraph: Int?, inQuote: Bool?, tokens: [Token]?
        try object { r, key in
            switch key {
            case "start": start = try r.int()
            case "end": end = try r.int()
            case "paragraph": paragraph = try r.int()
            case "inQuote": inQuote = try r.bool()
            case "tokens": tokens = try r.isNull() ? nil : try r.array { try $0.token() }
            default: try r.skip()
            }
        }
        guard let start, let end, let paragraph, let inQuote else { throw Failure() }
        return Sentence(start: start, end: end, paragraph: paragraph, inQuote: inQuote, tokens: tokens)
    }

    mutating func mention() throws -> Mention {
        let (start, end, kind) = try startEnd("kind")
        return Mention(start: start, end: end, kind: kind)
    }

    mutating func entity() throws -> Entity {
        var id: String?, type: String?, name: String?, variants: [String]?, roles: [String]?, mentions: [Mention]?
        try object { r, key in
            switch key {
            case "id": id = try r.string()
            case "type": type = try r.string()
            case "name": name = try r.string()
            case "variants": variants = try r.strings()
            case "roles": roles = try r.strings()
            case "mentions": mentions = try r.array { try $0.mention() }
            default: try r.skip()
            }
        }
        guard let id, let type, let name, let variants, let roles, let mentions else { throw Failure() }
        return Entity(id: id, type: type, name: name, variants: variants, roles: roles, mentions: mentions)
    }

    mutating func speaker() throws -> Speaker {
        var name: String?, entity: String?, start: Int?, end: Int?
        try object { r, key in
            switch key {
            case "name": name = try r.string()
            case "entity": entity = try r.optionalString()
            case "start": start = try r.optionalInt()
            case "end": end = try r.optionalInt()
            default: try r.skip()
            }
        }
        guard let name else { throw Failure() }
        return Speaker(name: name, entity: entity, start: start, end: end)
    }

    mutating func quote() throws -> Quote {
        var start: Int?, end: Int?, spans: [Span]?, text: String?, kind: String?, cue: String?, speaker: Speaker?, via: String?
        try object { r, key in
            switch key {
            case "start": start = try r.int()
            case "end": end = try r.int()
            case "spans": spans = try r.array { try $0.span() }
            case "text": text = try r.string()
            case "kind": kind = try r.string()
            case "cue": cue = try r.optionalString()
            case "speaker": speaker = try r.isNull() ? nil : try r.speaker()
            case "via": via = try r.optionalString()
            default: try r.skip()
            }
        }
        guard let start, let end, let spans, let text, let kind else { throw Failure() }
        return Quote(start: start, end: end, spans: spans, text: text, kind: kind, cue: cue, speaker: speaker, via: via)
    }

    mutating func temporalExpression() throws -> TemporalExpression {
        var start: Int?, end: Int?, text: String?, type: String?, value: String?, anchor: String?, note: String?
        try object { r, key in
            switch key {
            case "start": start = try r.int()
            case "end": end = try r.int()
            case "text": text = try r.string()
            case "type": type = try r.string()
            case "value": value = try r.optionalString()
            case "anchor": anchor = try r.optionalString()
            case "note": note = try r.optionalString()
            default: try r.skip()
            }
        }
        guard let start, let end, let text, let type else { throw Failure() }
        return TemporalExpression(start: start, end: end, text: text, type: type, value: value, anchor: anchor, note: note)
    }

    mutating func quantity() throws -> Quantity {
        var start: Int?, end: Int?, text: String?, kind: String?, value: Double?, unit: String?, bound: String?, counts: String?
        try object { r, key in
            switch key {
            case "start": start = try r.int()
            case "end": end = try r.int()
            case "text": text = try r.string()
            case "kind": kind = try r.string()
            case "value": value = try r.double()
            case "unit": unit = try r.optionalString()
            case "bound": bound = try r.string()
            case "counts": counts = try r.optionalString()
            default: try r.skip()
            }
        }
        guard let start, let end, let text, let kind, let value, let bound else { throw Failure() }
        return Quantity(start: start, end: end, text: text, kind: kind, value: value, unit: unit, bound: bound, counts: counts)
    }

    mutating func keyphrase() throws -> Keyphrase {
        var phrase: String?, score: Double?
        try object { r, key in
            switch key {
            case "phrase": phrase = try r.string()
            case "score": score = try r.double()
            default: try r.skip()
            }
        }
        guard let phrase, let score else { throw Failure() }
        return Keyphrase(phrase: phrase, score: score)
    }

    mutating func extractDocument() throws -> ExtractDocument {
        var header = HeaderFields()
        var schema: String?, text: String?, paragraphs: [Paragraph]?, sentences: [Sentence]?, entities: [Entity]?, quotes: [Quote]?
        var dates: [TemporalExpression]?, quantities: [Quantity]?, keyphrases: [Keyphrase]?, components: [String]?
        var componentsReason: String?
        try object { r, key in
            if try header.read(key, from: &r) { return }
            switch key {
            case "schema": schema = try r.string()
            case "text": text = try r.string()
            case "paragraphs": paragraphs = try r.array { try $0.paragraph() }
            case "sentences": sentences = try r.array { try $0.sentence() }
            case "entities": entities = try r.array { try $0.entity() }
            case "quotes": quotes = try r.array { try $0.quote() }
            case "dates": dates = try r.array { try $0.temporalExpression() }
            case "quantities": quantities = try r.array { try $0.quantity() }
            case "keyphrases": keyphrases = try r.array { try $0.keyphrase() }
            case "components": components = try r.isNull() ? nil : try r.strings()
            case "componentsReason": componentsReason = try r.isNull() ? nil : try r.string()
            default: try r.skip()
            }
        }
        guard atEnd(), let schema, let text, let paragraphs, let sentences, let entities, let quotes,
              let dates, let quantities, let keyphrases else { throw Failure() }
        var document = ExtractDocument(header: try header.header(),
                                       text: text, paragraphs: paragraphs, sentences: sentences, entities: entities, quotes: quotes,
                                       dates: dates, quantities: quantities, keyphrases: keyphrases, components: components,
                                       componentsReason: componentsReason)
        document.schema = schema
        return document
    }
}

/// The header members of a record (`DocumentHeader`), as the reader meets them.
struct HeaderFields {
    var id: String?, source: String?, title: String?, authors: [String]?, published: String?, language: String?, site: String?, url: String?

    /// Reads the member `key` when it is a header member; false (and nothing read) otherwise.
    mutating func read(_ key: String, from r: inout FastRecordReader) throws -> Bool {
        switch key {
        case "id": id = try r.string()
        case "source": source = try r.string()
        case "title": title = try r.optionalString()
        case "authors": authors = try r.isNull() ? nil : try r.strings()
        case "published": published = try r.optionalString()
        case "language": language = try r.optionalString()
        case "site": site = try r.optionalString()
        case "url": url = try r.optionalString()
        default: return false
        }
        return true
    }

    /// The header; `id` and `source` are required, as `DocumentHeader`'s decoding requires them.
    func header() throws -> DocumentHeader {
        guard let id, let source else { throw FastRecordReader.Failure() }
        return DocumentHeader(id: id, source: source, title: title, authors: authors ?? [], published: published,
                              language: language, site: site, url: url)
    }
}

extension FastRecordReader {
    mutating func segmentDocument() throws -> SegmentDocument {
        var header = HeaderFields()
        var schema: String?, text: String?, paragraphs: [Paragraph]?, sentences: [Sentence]?
        try object { r, key in
            if try header.read(key, from: &r) { return }
            switch key {
            case "schema": schema = try r.string()
            case "text": text = try r.string()
            case "paragraphs": paragraphs = try r.array { try $0.paragraph() }
            case "sentences": sentences = try r.array { try $0.sentence() }
            default: try r.skip()
            }
        }
        guard atEnd(), let schema, let text, let paragraphs, let sentences else { throw Failure() }
        var document = SegmentDocument(header: try header.header(),
                                       text: text, paragraphs: paragraphs, sentences: sentences)
        document.schema = schema
        return document
    }
}

extension SegmentDocument {
    /// The segment record in `data`, read by `FastRecordReader`; nil when it cannot read it (then
    /// `JSONFiles.decodeSegment` reads it the general way, or says what is wrong with it).
    public static func fastDecode(_ data: Data) -> SegmentDocument? {
        data.withUnsafeBytes { raw in
            var reader = FastRecordReader(raw.bindMemory(to: UInt8.self))
            return try? reader.segmentDocument()
        }
    }
}

extension ExtractDocument {
    /// The extract record in `data`, read by `FastRecordReader`; nil when it cannot read it (then
    /// `JSONFiles.decode` reads it, or says what is wrong with it).
    public static func fastDecode(_ data: Data) -> ExtractDocument? {
        data.withUnsafeBytes { raw in
            var reader = FastRecordReader(raw.bindMemory(to: UInt8.self))
            return try? reader.extractDocument()
        }
    }
}

extension StageManifest {
    /// The digest of each document a manifest lists with an id and a digest (id → digest), read from
    /// the manifest's bytes without decoding its entries; nil when `FastRecordReader` cannot read it
    /// (then `StageFolder.previousDigests` decodes it the general way). Like the decoder, it requires
    /// the manifest's "stage", "counts" and "documents", and every entry's "input" and a "status" that
    /// is one of `ManifestEntry.Status`.
    static func fastDigests(_ data: Data) -> [String: String]? {
        data.withUnsafeBytes { raw in
            var reader = FastRecordReader(raw.bindMemory(to: UInt8.self))
            var digests: [String: String] = [:]
            var sawDocuments = false, sawStage = false, sawCounts = false
            do {
                try reader.object { r, key in
                    switch key {
                    case "stage": _ = try r.string(); sawStage = true; return
                    case "counts": try r.skip(); sawCounts = true; return
                    case "documents": sawDocuments = true
                    default: try r.skip(); return
                    }
                    try r.forEachElement { r in
                        var id: String?, digest: String?, input = false, status = false
                        try r.object { r, key in
                            switch key {
                            case "id": id = try r.optionalString()
                            case "digest": digest = try r.optionalString()
                            case "input": _ = try r.string(); input = true
                            case "status": status = ManifestEntry.Status(rawValue: try r.string()) != nil
                            default: try r.skip()
                            }
                        }
                        guard input, status else { throw FastRecordReader.Failure() }
                        if let id, let digest { digests[id] = digest }
                    }
                }
                guard sawDocuments, sawStage, sawCounts, reader.atEnd() else { return nil }
                return digests
            } catch {
                return nil
            }
        }
    }
}

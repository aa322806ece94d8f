import Foundation

/// JSON written exactly as `JSONFiles.encode` writes it (Foundation's pretty printer: two-space indent,
/// `"key" : value`, an empty container as an opening line, a blank line and its closing line, slashes
/// not escaped, control characters as `\n`-style or lower-case `\u00xx` escapes), for the records a
/// stage writes once per document. Foundation's encoder goes through `Codable` and an intermediate tree
/// of values; this writes bytes. The caller writes an object's keys in sorted order (byte order, as
/// `.sortedKeys` does); tests compare both writers on the same records.
public struct PrettyJSON {
    public private(set) var bytes: [UInt8] = []
    private var indent = 0
    /// For each open container: true until its first member is written.
    private var empty: [Bool] = []

    public init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    // MARK: Containers

    public mutating func beginObject() { open(0x7B) }
    public mutating func endObject() { close(0x7D) }
    public mutating func beginArray() { open(0x5B) }
    public mutating func endArray() { close(0x5D) }

    /// Starts an object member: writes its key; the value follows.
    public mutating func key(_ key: String) {
        member()
        string(key)
        bytes.append(0x20); bytes.append(0x3A); bytes.append(0x20)  // " : "
    }

    /// Starts an array element; the value follows.
    public mutating func element() { member() }

    private mutating func open(_ byte: UInt8) {
        bytes.append(byte)
        empty.append(true)
        indent += 2
    }

    private mutating func close(_ byte: UInt8) {
        indent -= 2
        let wasEmpty = empty.removeLast()
        bytes.append(0x0A)
        if wasEmpty { bytes.append(0x0A) }
        spaces()
        bytes.append(byte)
    }

    private mutating func member() {
        if empty[empty.count - 1] {
            empty[empty.count - 1] = false
        } else {
            bytes.append(0x2C)
        }
        bytes.append(0x0A)
        spaces()
    }

    private mutating func spaces() {
        for _ in 0..<indent { bytes.append(0x20) }
    }

    // MARK: Values

    public mutating func null() { bytes.append(0x6E); bytes.append(0x75); bytes.append(0x6C); bytes.append(0x6C) }

    public mutating func int(_ value: Int) {
        guard value >= 0 else { return bytes.append(contentsOf: String(value).utf8) }
        if value < 10 { return bytes.append(0x30 + UInt8(value)) }
        // Digits written backwards into a small buffer, then in order.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[23 - count] = 0x30 + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            bytes.append(contentsOf: buffer[(24 - count)...])
        }
    }

    public mutating func bool(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }

    /// A number as Foundation's encoder writes a `Double`: its shortest description, without a
    /// trailing ".0" ("60", "0.1", "1e-07").
    public mutating func double(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func string(_ value: String?) {
        guard var value else { return null() }
        value.withUTF8 { utf8 in
            bytes.append(0x22)
            var run = 0
            var index = 0
            let count = utf8.count
            while true {
                index = LargeString.nextSpecial(in: utf8, from: index)
                guard index < count else { break }
                let byte = utf8[index]
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
                run = index + 1
                switch byte {
                case 0x22: bytes.append(0x5C); bytes.append(0x22)
                case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
                case 0x08: bytes.append(0x5C); bytes.append(0x62)
                case 0x09: bytes.append(0x5C); bytes.append(0x74)
                case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
                case 0x0C: bytes.append(0x5C); bytes.append(0x66)
                case 0x0D: bytes.append(0x5C); bytes.append(0x72)
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
                index += 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
            bytes.append(0x22)
        }
    }

    public mutating func strings(_ values: [String]) {
        array(values) { $0.string($1) }
    }

    /// An array of `items`, each written by `write`.
    public mutating func array<Item>(_ items: [Item], _ write: (inout PrettyJSON, Item) -> Void) {
        beginArray()
        for item in items {
            element()
            write(&self, item)
        }
        endArray()
    }

    /// An object whose members `write` writes (keys in byte order).
    public mutating func object(_ write: (inout PrettyJSON) -> Void) {
        beginObject()
        write(&self)
        endObject()
    }

    /// An object of strings, keys in byte order.
    public mutating func stringObject(_ values: [String: String]) {
        beginObject()
        for (name, value) in values.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            key(name)
            string(value)
        }
        endObject()
    }

    /// The document as `JSONFiles.encode(_:pretty: true)` gives it: ending with a line break.
    public mutating func finish() -> Data {
        bytes.append(0x0A)
        return Data(bytes)
    }
}

extension NormalizedDocument {
    /// This document as `JSONFiles.encode(self)` writes it, byte for byte (the provenance's and the
    /// charset's missing members left out, as their synthesised encoding leaves them out).
    public func prettyJSON() -> Data {
        var json = PrettyJSON(capacity: content.utf8.count + content.utf8.count / 8 + 4096)
        json.beginObject()
        json.key("charset")
        json.object { json in
            json.key("decidedBy"); json.string(charset.decidedBy)
            if let declared = charset.declared { json.key("declared"); json.string(declared) }
            json.key("invalidBytes"); json.int(charset.invalidBytes)
            json.key("name"); json.string(charset.name)
        }
        json.key("content"); json.string(content)
        json.key("contentDigest"); json.string(contentDigest)
        json.key("id"); json.string(id)
        json.key("mediaType"); json.string(mediaType)
        json.key("provenance")
        json.object { json in
            if let bytes = provenance.bytes { json.key("bytes"); json.int(bytes) }
            if let compressed = provenance.compressed { json.key("compressed"); json.bool(compressed) }
            if let fetchedAt = provenance.fetchedAt { json.key("fetchedAt"); json.string(fetchedAt) }
            if let headers = provenance.httpHeaders { json.key("httpHeaders"); json.stringObject(headers) }
            if let status = provenance.httpStatus { json.key("httpStatus"); json.int(status) }
            json.key("kind"); json.string(provenance.kind)
            json.key("location"); json.string(provenance.location)
            if let url = provenance.url { json.key("url"); json.string(url) }
            if let warcFile = provenance.warcFile { json.key("warcFile"); json.string(warcFile) }
            if let warcOffset = provenance.warcOffset { json.key("warcOffset"); json.int(warcOffset) }
        }
        json.key("schema"); json.string(schema)
        json.key("source"); json.string(source)
        json.endObject()
        return json.finish()
    }
}

extension CleanDocument {
    /// This document as `JSONFiles.encode(self)` writes it, byte for byte, several times faster.
    public func prettyJSON() -> Data {
        var json = PrettyJSON(capacity: 2 * text.utf8.count + 4096)
        json.beginObject()
        // Keys in byte order: the header's and the document's together.
        json.key("authors"); json.strings(header.authors)
        json.key("blocks")
        json.array(blocks) { json, block in
            json.object { json in
                json.key("end"); json.int(block.end)
                if let level = block.level { json.key("level"); json.int(level) }
                json.key("start"); json.int(block.start)
                json.key("type"); json.string(block.type)
            }
        }
        json.key("cluster"); json.string(cluster)
        json.key("description"); json.string(description)
        json.key("emptyReason"); json.string(emptyReason)
        json.key("extractor"); json.string(extractor)
        json.key("id"); json.string(header.id)
        json.key("image"); json.string(image)
        json.key("language"); json.string(header.language)
        json.key("listing"); json.string(listing)
        json.key("metadataSources"); json.stringObject(metadataSources)
        json.key("modified"); json.string(modified)
        json.key("published"); json.string(header.published)
        json.key("removed")
        json.array(removed) { json, piece in
            json.object { json in
                json.key("reason"); json.string(piece.reason)
                json.key("text"); json.string(piece.text)
            }
        }
        json.key("schema"); json.string(schema)
        json.key("section"); json.string(section)
        json.key("simhash"); json.string(simhash)
        json.key("site"); json.string(header.site)
        json.key("source"); json.string(header.source)
        json.key("tags"); json.strings(tags)
        json.key("text"); json.string(text)
        json.key("title"); json.string(header.title)
        json.key("url"); json.string(header.url)
        json.endObject()
        return json.finish()
    }
}

extension SummaryDocument {
    /// This document as `JSONFiles.encode(self)` writes it, byte for byte (the digest's missing
    /// what, where and when left out, as its synthesised encoding leaves them out).
    public func prettyJSON() -> Data {
        var json = PrettyJSON(capacity: 2 * summary.utf8.count + 4096)
        json.beginObject()
        json.key("authors"); json.strings(header.authors)
        json.key("digest")
        json.object { json in
            json.key("numbers"); json.strings(digest.numbers)
            json.key("statements")
            json.array(digest.statements) { json, statement in
                json.object { json in
                    json.key("end"); json.int(statement.end)
                    json.key("quote"); json.string(statement.quote)
                    json.key("speaker"); json.string(statement.speaker)
                    json.key("start"); json.int(statement.start)
                }
            }
            if let what = digest.what { json.key("what"); json.string(what) }
            if let when = digest.when { json.key("when"); json.string(when) }
            if let place = digest.whereName { json.key("where"); json.string(place) }
            json.key("who")
            json.array(digest.who) { json, actor in
                json.object { json in
                    json.key("mentions"); json.int(actor.mentions)
                    json.key("name"); json.string(actor.name)
                    json.key("roles"); json.strings(actor.roles)
                    json.key("type"); json.string(actor.type)
                }
            }
        }
        json.key("emptyReason"); json.string(emptyReason)
        json.key("id"); json.string(header.id)
        json.key("keyphrases"); json.strings(keyphrases)
        json.key("language"); json.string(header.language)
        json.key("published"); json.string(header.published)
        json.key("schema"); json.string(schema)
        json.key("sentences"); json.array(sentences) { json, index in json.int(index) }
        json.key("site"); json.string(header.site)
        json.key("source"); json.string(header.source)
        json.key("summary"); json.string(summary)
        json.key("title"); json.string(header.title)
        json.key("url"); json.string(header.url)
        json.endObject()
        return json.finish()
    }
}

extension ExtractDocument {
    /// This document as `JSONFiles.encode(self)` writes it, byte for byte (the optional members of
    /// quotes, speakers, dates and quantities left out when missing, as their synthesised encoding
    /// leaves them out; the header's written as null).
    public func prettyJSON() -> Data {
        var json = PrettyJSON(capacity: 8 * text.utf8.count + 4096)
        json.beginObject()
        json.key("authors"); json.strings(header.authors)
        if let components { json.key("components"); json.strings(components) }
        if let componentsReason { json.key("componentsReason"); json.string(componentsReason) }
        json.key("dates")
        json.array(dates) { json, date in
            json.object { json in
                if let anchor = date.anchor { json.key("anchor"); json.string(anchor) }
                json.key("end"); json.int(date.end)
                if let note = date.note { json.key("note"); json.string(note) }
                json.key("start"); json.int(date.start)
                json.key("text"); json.string(date.text)
                json.key("type"); json.string(date.type)
                if let value = date.value { json.key("value"); json.string(value) }
            }
        }
        json.key("entities")
        json.array(entities) { json, entity in
            json.object { json in
                json.key("id"); json.string(entity.id)
                json.key("mentions")
                json.array(entity.mentions) { json, mention in
                    json.object { json in
                        json.key("end"); json.int(mention.end)
                        json.key("kind"); json.string(mention.kind)
                        json.key("start"); json.int(mention.start)
                    }
                }
                json.key("name"); json.string(entity.name)
                json.key("roles"); json.strings(entity.roles)
                json.key("type"); json.string(entity.type)
                json.key("variants"); json.strings(entity.variants)
            }
        }
        json.key("id"); json.string(header.id)
        json.key("keyphrases")
        json.array(keyphrases) { json, keyphrase in
            json.object { json in
                json.key("phrase"); json.string(keyphrase.phrase)
                json.key("score"); json.double(keyphrase.score)
            }
        }
        json.key("language"); json.string(header.language)
        json.key("paragraphs")
        json.array(paragraphs) { json, paragraph in
            json.object { json in
                json.key("end"); json.int(paragraph.end)
                json.key("start"); json.int(paragraph.start)
                json.key("type"); json.string(paragraph.type)
            }
        }
        json.key("published"); json.string(header.published)
        json.key("quantities")
        json.array(quantities) { json, quantity in
            json.object { json in
                json.key("bound"); json.string(quantity.bound)
                if let counts = quantity.counts { json.key("counts"); json.string(counts) }
                json.key("end"); json.int(quantity.end)
                json.key("kind"); json.string(quantity.kind)
                json.key("start"); json.int(quantity.start)
                json.key("text"); json.string(quantity.text)
                if let unit = quantity.unit { json.key("unit"); json.string(unit) }
                json.key("value"); json.double(quantity.value)
            }
        }
        json.key("quotes")
        json.array(quotes) { json, quote in
            json.object { json in
                if let cue = quote.cue { json.key("cue"); json.string(cue) }
                json.key("end"); json.int(quote.end)
                json.key("kind"); json.string(quote.kind)
                json.key("spans")
                json.array(quote.spans) { json, span in
                    json.object { json in
                        json.key("end"); json.int(span.end)
                        json.key("start"); json.int(span.start)
                    }
                }
                if let speaker = quote.speaker {
                    json.key("speaker")
                    json.object { json in
                        if let end = speaker.end { json.key("end"); json.int(end) }
                        if let entity = speaker.entity { json.key("entity"); json.string(entity) }
                        json.key("name"); json.string(speaker.name)
                        if let start = speaker.start { json.key("start"); json.int(start) }
                    }
                }
                json.key("start"); json.int(quote.start)
                json.key("text"); json.string(quote.text)
                if let via = quote.via { json.key("via"); json.string(via) }
            }
        }
        json.key("schema"); json.string(schema)
        json.key("sentences")
        json.array(sentences) { json, sentence in
            json.object { json in
                json.key("end"); json.int(sentence.end)
                json.key("inQuote"); json.bool(sentence.inQuote)
                json.key("paragraph"); json.int(sentence.paragraph)
                json.key("start"); json.int(sentence.start)
                if let tokens = sentence.tokens {
                    json.key("tokens")
                    json.array(tokens) { json, token in
                        json.object { json in
                            json.key("end"); json.int(token.end)
                            json.key("kind"); json.string(token.kind)
                            json.key("start"); json.int(token.start)
                        }
                    }
                }
            }
        }
        json.key("site"); json.string(header.site)
        json.key("source"); json.string(header.source)
        json.key("text"); json.string(text)
        json.key("title"); json.string(header.title)
        json.key("url"); json.string(header.url)
        json.endObject()
        return json.finish()
    }
}

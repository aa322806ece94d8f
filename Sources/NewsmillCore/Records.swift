import Foundation

// The records each stage writes, one JSON file per document. Every file starts with the same header
// (id, source, metadata carried forward), so a stage reads only the file of the stage before it.
// The JSON Schemas in Pipelines/schemas/ describe these files field by field.
//
// Offsets (`start`, `end`) always count Unicode scalars (code points) into the clean `text`, end
// exclusive, so `text[start:end]` in Python slices the same characters.

/// Format versions: a stage refuses an input file of another major version with a clear message.
public enum Schema {
    public static let normalized = "newsmill/normalized/1"
    public static let cleaned = "newsmill/cleaned/1"
    public static let segmented = "newsmill/segmented/1"
    public static let extracted = "newsmill/extracted/1"
    public static let summarized = "newsmill/summarized/1"
}

/// Where a document came from.
public struct Provenance: Codable, Sendable, Equatable {
    /// "file", "url" or "warc".
    public var kind: String
    /// The path relative to the corpus folder, or the URL.
    public var location: String
    public var compressed: Bool?
    public var bytes: Int?
    public var url: String?
    public var warcFile: String?
    public var warcOffset: Int?
    /// When it was fetched or captured (only for URL and WARC inputs; files carry no time).
    public var fetchedAt: String?
    public var httpStatus: Int?
    public var httpHeaders: [String: String]?

    public init(kind: String, location: String) {
        self.kind = kind
        self.location = location
    }
}

/// How the character set of a document was decided, and what decoding cost.
public struct CharsetDecision: Codable, Sendable, Equatable {
    /// The encoding's WHATWG name ("UTF-8", "windows-1252", "Shift_JIS"…).
    public var name: String
    /// "bom", "http", "meta", "utf8-valid", "utf8-valid-over-meta", "fallback", "text".
    public var decidedBy: String
    /// The label as the document declared it, when it declared one.
    public var declared: String?
    /// Bytes that did not decode and became U+FFFD.
    public var invalidBytes: Int

    public init(name: String, decidedBy: String, declared: String? = nil, invalidBytes: Int = 0) {
        self.name = name
        self.decidedBy = decidedBy
        self.declared = declared
        self.invalidBytes = invalidBytes
    }
}

/// The fields every stage file carries: who the document is and what the clean stage learned about it.
public struct DocumentHeader: Codable, Sendable, Equatable {
    public var id: String
    public var source: String
    public var title: String?
    public var authors: [String]
    public var published: String?
    public var language: String?
    public var site: String?
    public var url: String?

    public init(id: String, source: String, title: String? = nil, authors: [String] = [],
                published: String? = nil, language: String? = nil, site: String? = nil, url: String? = nil) {
        self.id = id
        self.source = source
        self.title = title
        self.authors = authors
        self.published = published
        self.language = language
        self.site = site
        self.url = url
    }

    enum CodingKeys: String, CodingKey { case id, source, title, authors, published, language, site, url }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        source = try c.decode(String.self, forKey: .source)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        authors = try c.decodeIfPresent([String].self, forKey: .authors) ?? []
        published = try c.decodeIfPresent(String.self, forKey: .published)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        site = try c.decodeIfPresent(String.self, forKey: .site)
        url = try c.decodeIfPresent(String.self, forKey: .url)
    }

    // Null values are written out (not left out) so that every file has every header field.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(source, forKey: .source)
        try c.encode(title, forKey: .title)
        try c.encode(authors, forKey: .authors)
        try c.encode(published, forKey: .published)
        try c.encode(language, forKey: .language)
        try c.encode(site, forKey: .site)
        try c.encode(url, forKey: .url)
    }
}

/// A span of the clean text.
public struct Span: Codable, Sendable, Equatable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
    public var length: Int { end - start }
}

// MARK: - 1 normalized

public struct NormalizedDocument: Codable, Sendable, Equatable {
    public var schema: String = Schema.normalized
    public var id: String
    public var source: String
    public var provenance: Provenance
    /// "text/html" or "text/plain".
    public var mediaType: String
    public var charset: CharsetDecision
    /// 128-bit XXH64 digest (two seeds) of `content`: equal digests are exact duplicates.
    public var contentDigest: String
    /// The document decoded to UTF-8, NFC, newlines as "\n", control characters removed.
    public var content: String

    public init(id: String, source: String, provenance: Provenance, mediaType: String,
                charset: CharsetDecision, content: String) {
        self.id = id
        self.source = source
        self.provenance = provenance
        self.mediaType = mediaType
        self.charset = charset
        self.content = content
        self.contentDigest = XXHash64.digest128(content)
    }
}

// MARK: - 2 cleaned

/// A structural block of the article, with its place in `text`.
public struct Block: Codable, Sendable, Equatable {
    /// "heading", "paragraph", "list-item", "quote", "caption", "table", "preformatted".
    public var type: String
    public var start: Int
    public var end: Int
    /// Heading level (1–6) for headings.
    public var level: Int?

    public init(type: String, start: Int, end: Int, level: Int? = nil) {
        self.type = type
        self.start = start
        self.end = end
        self.level = level
    }
}

/// A piece of the page that was not kept, and why (for `newsmill-inspect` and the report).
public struct RemovedText: Codable, Sendable, Equatable {
    public var text: String
    public var reason: String
    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }
}

public struct CleanDocument: Codable, Sendable, Equatable {
    public var schema: String = Schema.cleaned
    public var header: DocumentHeader
    /// The article: blocks separated by one blank line.
    public var text: String
    public var blocks: [Block]
    public var modified: String?
    public var description: String?
    public var section: String?
    public var tags: [String]
    public var image: String?
    /// Where each metadata field came from: "json-ld", "opengraph", "meta", "byline", "url", "text"…
    public var metadataSources: [String: String]
    /// Which step of the extraction cascade produced `text`.
    public var extractor: String
    /// Why `text` is empty, when it is (a section front, a login wall…).
    public var emptyReason: String?
    /// When the page is not an article (a section front, a search or product listing, a forum index):
    /// its main content, the list's items separated by one blank line; null for articles. Later stages
    /// analyse `text` only.
    public var listing: String?
    public var removed: [RemovedText]
    /// Near-duplicate cluster (SimHash of the clean text); equal for syndicated copies.
    public var simhash: String
    public var cluster: String?

    public init(header: DocumentHeader, text: String, blocks: [Block], extractor: String) {
        self.header = header
        self.text = text
        self.blocks = blocks
        self.tags = []
        self.metadataSources = [:]
        self.extractor = extractor
        self.removed = []
        self.simhash = ""
    }

    enum CodingKeys: String, CodingKey {
        case schema, text, blocks, modified, description, section, tags, image, metadataSources, extractor,
             emptyReason, listing, removed, simhash, cluster
    }

    public init(from decoder: Decoder) throws {
        header = try DocumentHeader(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        text = try c.decode(String.self, forKey: .text)
        blocks = try c.decode([Block].self, forKey: .blocks)
        modified = try c.decodeIfPresent(String.self, forKey: .modified)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        section = try c.decodeIfPresent(String.self, forKey: .section)
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        image = try c.decodeIfPresent(String.self, forKey: .image)
        metadataSources = try c.decodeIfPresent([String: String].self, forKey: .metadataSources) ?? [:]
        extractor = try c.decode(String.self, forKey: .extractor)
        emptyReason = try c.decodeIfPresent(String.self, forKey: .emptyReason)
        listing = try c.decodeIfPresent(String.self, forKey: .listing)
        removed = try c.decodeIfPresent([RemovedText].self, forKey: .removed) ?? []
        simhash = try c.decode(String.self, forKey: .simhash)
        cluster = try c.decodeIfPresent(String.self, forKey: .cluster)
    }

    public func encode(to encoder: Encoder) throws {
        try header.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(text, forKey: .text)
        try c.encode(blocks, forKey: .blocks)
        try c.encode(modified, forKey: .modified)
        try c.encode(description, forKey: .description)
        try c.encode(section, forKey: .section)
        try c.encode(tags, forKey: .tags)
        try c.encode(image, forKey: .image)
        try c.encode(metadataSources, forKey: .metadataSources)
        try c.encode(extractor, forKey: .extractor)
        try c.encode(emptyReason, forKey: .emptyReason)
        try c.encode(listing, forKey: .listing)
        try c.encode(removed, forKey: .removed)
        try c.encode(simhash, forKey: .simhash)
        try c.encode(cluster, forKey: .cluster)
    }
}

// MARK: - 3 segmented

public struct Token: Codable, Sendable, Equatable {
    public var start: Int
    public var end: Int
    /// "word", "number", "punct", "symbol", "url", "email", "handle", "hashtag".
    public var kind: String
    public init(start: Int, end: Int, kind: String) {
        self.start = start
        self.end = end
        self.kind = kind
    }
}

public struct Sentence: Codable, Sendable, Equatable {
    public var start: Int
    public var end: Int
    /// Index of the paragraph that holds it.
    public var paragraph: Int
    /// True when the whole sentence lies inside a quotation.
    public var inQuote: Bool
    /// Tokens of the sentence (left out of the files of later stages).
    public var tokens: [Token]?

    public init(start: Int, end: Int, paragraph: Int, inQuote: Bool, tokens: [Token]?) {
        self.start = start
        self.end = end
        self.paragraph = paragraph
        self.inQuote = inQuote
        self.tokens = tokens
    }
}

public struct Paragraph: Codable, Sendable, Equatable {
    public var start: Int
    public var end: Int
    /// The clean stage's block type ("paragraph", "heading", "list-item"…).
    public var type: String
    public init(start: Int, end: Int, type: String) {
        self.start = start
        self.end = end
        self.type = type
    }
}

public struct SegmentDocument: Codable, Sendable, Equatable {
    public var schema: String = Schema.segmented
    public var header: DocumentHeader
    public var text: String
    public var paragraphs: [Paragraph]
    public var sentences: [Sentence]

    public init(header: DocumentHeader, text: String, paragraphs: [Paragraph], sentences: [Sentence]) {
        self.header = header
        self.text = text
        self.paragraphs = paragraphs
        self.sentences = sentences
    }

    enum CodingKeys: String, CodingKey { case schema, text, paragraphs, sentences }

    public init(from decoder: Decoder) throws {
        header = try DocumentHeader(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        text = try c.decode(String.self, forKey: .text)
        paragraphs = try c.decode([Paragraph].self, forKey: .paragraphs)
        sentences = try c.decode([Sentence].self, forKey: .sentences)
    }

    public func encode(to encoder: Encoder) throws {
        try header.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(text, forKey: .text)
        try c.encode(paragraphs, forKey: .paragraphs)
        try c.encode(sentences, forKey: .sentences)
    }
}

// MARK: - 4 extracted

public struct Mention: Codable, Sendable, Equatable {
    public var start: Int
    public var end: Int
    /// "name", "short-name", "acronym", "pronoun".
    public var kind: String
    public init(start: Int, end: Int, kind: String) {
        self.start = start
        self.end = end
        self.kind = kind
    }
}

public struct Entity: Codable, Sendable, Equatable {
    /// Index of the entity in the document ("e0", "e1"…), used by quotes and the digest.
    public var id: String
    /// PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, MISC.
    public var type: String
    /// Canonical name: the longest proper-name mention.
    public var name: String
    public var variants: [String]
    public var roles: [String]
    public var mentions: [Mention]
    public init(id: String, type: String, name: String, variants: [String], roles: [String], mentions: [Mention]) {
        self.id = id
        self.type = type
        self.name = name
        self.variants = variants
        self.roles = roles
        self.mentions = mentions
    }
}

public struct Speaker: Codable, Sendable, Equatable {
    public var name: String
    /// The entity the speaker is, when it is one.
    public var entity: String?
    /// Where the speaker is mentioned in the sentence of the quote (a name or a pronoun).
    public var start: Int?
    public var end: Int?
    public init(name: String, entity: String?, start: Int?, end: Int?) {
        self.name = name
        self.entity = entity
        self.start = start
        self.end = end
    }
}

public struct Quote: Codable, Sendable, Equatable {
    /// Span of the quoted words (without the quotation marks); the first span when `spans` has more.
    public var start: Int
    public var end: Int
    /// All spans of one statement (a quotation split by "he said" has two).
    public var spans: [Span]
    public var text: String
    /// "direct", "indirect" or "mixed".
    public var kind: String
    public var cue: String?
    public var speaker: Speaker?
    /// A source the statement was reported through ("Mehr News Agency").
    public var via: String?
    public init(start: Int, end: Int, spans: [Span], text: String, kind: String, cue: String?, speaker: Speaker?, via: String?) {
        self.start = start
        self.end = end
        self.spans = spans
        self.text = text
        self.kind = kind
        self.cue = cue
        self.speaker = speaker
        self.via = via
    }
}

public struct TemporalExpression: Codable, Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var text: String
    /// TIMEX3 type: DATE, TIME, DURATION, SET.
    public var type: String
    /// TIMEX3 value ("2024-06-25", "P3D", "XXXX-04"…); null when it cannot be resolved.
    public var value: String?
    /// The date it was resolved against, when it is relative.
    public var anchor: String?
    /// Why `value` is null or unresolved.
    public var note: String?
    public init(start: Int, end: Int, text: String, type: String, value: String?, anchor: String?, note: String?) {
        self.start = start
        self.end = end
        self.text = text
        self.type = type
        self.value = value
        self.anchor = anchor
        self.note = note
    }
}

public struct Quantity: Codable, Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var text: String
    /// "cardinal", "ordinal", "money", "percent", "measure".
    public var kind: String
    public var value: Double
    public var unit: String?
    /// "exact", "approximate", "lower-bound", "upper-bound".
    public var bound: String
    /// The noun the number counts ("drones").
    public var counts: String?
    public init(start: Int, end: Int, text: String, kind: String, value: Double, unit: String?, bound: String, counts: String?) {
        self.start = start
        self.end = end
        self.text = text
        self.kind = kind
        self.value = value
        self.unit = unit
        self.bound = bound
        self.counts = counts
    }
}

public struct Keyphrase: Codable, Sendable, Equatable {
    public var phrase: String
    public var score: Double
    public init(phrase: String, score: Double) {
        self.phrase = phrase
        self.score = score
    }
}

public struct ExtractDocument: Codable, Sendable, Equatable {
    public var schema: String = Schema.extracted
    public var header: DocumentHeader
    public var text: String
    public var paragraphs: [Paragraph]
    public var sentences: [Sentence]
    public var entities: [Entity]
    public var quotes: [Quote]
    public var dates: [TemporalExpression]
    public var quantities: [Quantity]
    public var keyphrases: [Keyphrase]
    /// The kinds of annotation that were looked for, when not all of them were (`newsmill-extract
    /// --only`); a kind left out has an empty list, which then means "not looked for", not "none".
    public var components: [String]?
    /// Why `components` leaves kinds out when no one asked for fewer (a document in a language the
    /// extractors do not read).
    public var componentsReason: String?

    public init(header: DocumentHeader, text: String, paragraphs: [Paragraph], sentences: [Sentence],
                entities: [Entity], quotes: [Quote], dates: [TemporalExpression], quantities: [Quantity],
                keyphrases: [Keyphrase], components: [String]? = nil, componentsReason: String? = nil) {
        self.components = components
        self.componentsReason = componentsReason
        self.header = header
        self.text = text
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.entities = entities
        self.quotes = quotes
        self.dates = dates
        self.quantities = quantities
        self.keyphrases = keyphrases
    }

    enum CodingKeys: String, CodingKey {
        case schema, text, paragraphs, sentences, entities, quotes, dates, quantities, keyphrases, components, componentsReason
    }

    public init(from decoder: Decoder) throws {
        header = try DocumentHeader(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        text = try c.decode(String.self, forKey: .text)
        paragraphs = try c.decode([Paragraph].self, forKey: .paragraphs)
        sentences = try c.decode([Sentence].self, forKey: .sentences)
        entities = try c.decode([Entity].self, forKey: .entities)
        quotes = try c.decode([Quote].self, forKey: .quotes)
        dates = try c.decode([TemporalExpression].self, forKey: .dates)
        quantities = try c.decode([Quantity].self, forKey: .quantities)
        keyphrases = try c.decode([Keyphrase].self, forKey: .keyphrases)
        components = try c.decodeIfPresent([String].self, forKey: .components)
        componentsReason = try c.decodeIfPresent(String.self, forKey: .componentsReason)
    }

    public func encode(to encoder: Encoder) throws {
        try header.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(text, forKey: .text)
        try c.encode(paragraphs, forKey: .paragraphs)
        try c.encode(sentences, forKey: .sentences)
        try c.encode(entities, forKey: .entities)
        try c.encode(quotes, forKey: .quotes)
        try c.encode(dates, forKey: .dates)
        try c.encode(quantities, forKey: .quantities)
        try c.encode(keyphrases, forKey: .keyphrases)
        try c.encodeIfPresent(components, forKey: .components)
        try c.encodeIfPresent(componentsReason, forKey: .componentsReason)
    }
}

// MARK: - 5 summarized

public struct DigestActor: Codable, Sendable, Equatable {
    public var name: String
    public var type: String
    public var roles: [String]
    public var mentions: Int
    public init(name: String, type: String, roles: [String], mentions: Int) {
        self.name = name
        self.type = type
        self.roles = roles
        self.mentions = mentions
    }
}

public struct DigestStatement: Codable, Sendable, Equatable {
    public var speaker: String
    public var quote: String
    public var start: Int
    public var end: Int
    public init(speaker: String, quote: String, start: Int, end: Int) {
        self.speaker = speaker
        self.quote = quote
        self.start = start
        self.end = end
    }
}

public struct Digest: Codable, Sendable, Equatable {
    /// Who: the main actors, most mentioned first.
    public var who: [DigestActor]
    /// What: the lead sentence.
    public var what: String?
    /// Where: the most mentioned place.
    public var whereName: String?
    /// When: the publication date, or the first resolved date of the text.
    public var when: String?
    /// Who said what.
    public var statements: [DigestStatement]
    /// The numbers that matter.
    public var numbers: [String]

    public init(who: [DigestActor], what: String?, whereName: String?, when: String?, statements: [DigestStatement], numbers: [String]) {
        self.who = who
        self.what = what
        self.whereName = whereName
        self.when = when
        self.statements = statements
        self.numbers = numbers
    }

    enum CodingKeys: String, CodingKey {
        case who, what, whereName = "where", when, statements, numbers
    }
}

public struct SummaryDocument: Codable, Sendable, Equatable {
    public var schema: String = Schema.summarized
    public var header: DocumentHeader
    public var summary: String
    /// Indices into the extract file's `sentences` of the sentences the summary uses, in order.
    public var sentences: [Int]
    public var digest: Digest
    public var keyphrases: [String]
    /// Why the summary is empty, when it is.
    public var emptyReason: String?

    public init(header: DocumentHeader, summary: String, sentences: [Int], digest: Digest, keyphrases: [String], emptyReason: String?) {
        self.header = header
        self.summary = summary
        self.sentences = sentences
        self.digest = digest
        self.keyphrases = keyphrases
        self.emptyReason = emptyReason
    }

    enum CodingKeys: String, CodingKey { case schema, summary, sentences, digest, keyphrases, emptyReason }

    public init(from decoder: Decoder) throws {
        header = try DocumentHeader(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        summary = try c.decode(String.self, forKey: .summary)
        sentences = try c.decode([Int].self, forKey: .sentences)
        digest = try c.decode(Digest.self, forKey: .digest)
        keyphrases = try c.decode([String].self, forKey: .keyphrases)
        emptyReason = try c.decodeIfPresent(String.self, forKey: .emptyReason)
    }

    public func encode(to encoder: Encoder) throws {
        try header.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(summary, forKey: .summary)
        try c.encode(sentences, forKey: .sentences)
        try c.encode(digest, forKey: .digest)
        try c.encode(keyphrases, forKey: .keyphrases)
        try c.encode(emptyReason, forKey: .emptyReason)
    }
}

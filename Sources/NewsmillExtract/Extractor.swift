import Foundation
import NewsmillCore

/// The extract stage: entities, quotations, temporal expressions, quantities and keyphrases of one
/// segmented document.
public struct Extractor: Sendable {
    public var settings: ExtractSettings
    public var lexicon: ExtractLexicon

    public init(settings: ExtractSettings, lexicon: ExtractLexicon) {
        self.settings = settings
        self.lexicon = lexicon
    }

    public static func load(settingsFile: String?, pipelines: String?) throws -> Extractor {
        let settings = try Settings.load(ExtractSettings(), from: settingsFile)
        let folder = try PipelinesFolder.locate(explicit: pipelines)
        return Extractor(settings: settings, lexicon: try ExtractLexicon.load(from: folder))
    }

    /// Extracts from a segmented document. `anchor` overrides the publication date that relative
    /// dates are resolved against.
    public func extract(_ document: SegmentDocument, anchor: String? = nil, only: Set<Component>? = nil) -> ExtractDocument {
        var wanted = only.map(Component.closure) ?? Set(Component.allCases)
        var componentsReason: String?
        if let language = document.header.language, !settings.languages.contains(language) {
            let share = Extractor.englishShare(of: document.text)
            if share < settings.englishWordShare {
                wanted = []
                componentsReason = "the document is in \"\(language)\" and the extractors read only "
                    + settings.languages.map { "\"\($0)\"" }.joined(separator: ", ")
                    + String(format: " (setting `languages`); %.1f %% of its words are common English ones, under the %.0f %% that would read it as English",
                             100 * share, 100 * settings.englishWordShare)
            }
        }
        let view = DocumentView(text: document.text, sentences: document.sentences, paragraphs: document.paragraphs)
        var entities: [Entity] = [], names: [NameMention] = [], quotes: [Quote] = []
        var dates: [TemporalExpression] = [], quantities: [Quantity] = [], keyphrases: [Keyphrase] = []
        if wanted.contains(.entities) { (entities, names) = EntityRecognizer(lexicon: lexicon).recognize(view) }
        if wanted.contains(.quotes) { quotes = QuoteFinder(lexicon: lexicon, settings: settings).find(view, entities: entities, names: names) }
        let anchorDate = CivilDate.parse(anchor ?? document.header.published)
        if wanted.contains(.dates) {
            // One trigger index of the text serves both taggers.
            let triggers = TriggerIndex(document.text, vocabulary: Trigger.vocabulary)
            dates = DateTagger().tag(document.text, anchor: anchorDate, view: view, triggers: triggers)
            if wanted.contains(.quantities) {
                quantities = QuantityTagger(lexicon: lexicon).tag(document.text, view: view, dates: dates, triggers: triggers)
            }
        }
        if wanted.contains(.keyphrases) { keyphrases = KeyphraseExtractor(settings: settings, lexicon: lexicon).extract(view) }
        // Later stages need sentences, not tokens.
        let sentences = document.sentences.map { Sentence(start: $0.start, end: $0.end, paragraph: $0.paragraph, inQuote: $0.inQuote, tokens: nil) }
        return ExtractDocument(header: document.header, text: document.text, paragraphs: document.paragraphs, sentences: sentences,
                               entities: entities, quotes: quotes, dates: dates, quantities: quantities, keyphrases: keyphrases,
                               components: wanted.count == Component.allCases.count ? nil : Component.allCases.filter(wanted.contains).map(\.rawValue),
                               componentsReason: componentsReason)
    }

    /// Common English function words that other languages written in Latin letters rarely have as words
    /// ("in", "a", "to", "is" are left out: Dutch, Czech, Italian have them).
    static let englishMarkers: Set<String> = ["the", "of", "and", "that", "with", "was", "for", "this", "are", "have", "has",
                                              "from", "which", "were", "would", "their", "been", "will", "they", "it"]

    /// The share of the first 3,000 words of `text` (runs of letters, lower-cased) that are `englishMarkers`.
    static func englishShare(of text: String) -> Double {
        var words = 0, markers = 0
        // The current word in lower-case ASCII, while it could still be a marker (at most five ASCII letters).
        var current: [UInt8] = []
        var candidate = true, inWord = false
        func end() {
            guard inWord else { return }
            words += 1
            if candidate && englishMarkers.contains(String(decoding: current, as: UTF8.self)) { markers += 1 }
            current.removeAll(keepingCapacity: true)
            candidate = true
            inWord = false
        }
        for scalar in text.unicodeScalars {
            guard words < 3000 else { break }
            guard scalar.properties.isAlphabetic else { end(); continue }
            inWord = true
            guard candidate else { continue }
            if scalar.isASCII && current.count < 5 {
                current.append(UInt8(scalar.value) | 0x20)
            } else {
                candidate = false
            }
        }
        end()
        return words == 0 ? 0 : Double(markers) / Double(words)
    }

    /// The kinds of annotation the stage finds; `--only` picks some.
    public enum Component: String, CaseIterable, Sendable {
        case entities, quotes, dates, quantities, keyphrases

        /// `components` with what they need: quotes their speakers' entities, quantities the dates
        /// (a number inside a date is not a quantity).
        static func closure(_ components: Set<Component>) -> Set<Component> {
            var all = components
            if all.contains(.quotes) { all.insert(.entities) }
            if all.contains(.quantities) { all.insert(.dates) }
            return all
        }

        /// Parses "dates,quantities"; an unknown name is a `RunError` that lists the known ones.
        public static func parse(_ list: String) throws -> Set<Component> {
            var result = Set<Component>()
            for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !name.isEmpty {
                guard let component = Component(rawValue: name) else {
                    throw RunError("--only: unknown kind \"\(name)\" (known: \(allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                result.insert(component)
            }
            if result.isEmpty { throw RunError("--only needs at least one kind") }
            return result
        }
    }

    /// The stage's transform: a segment document's JSON in, an extract document's JSON out.
    public func transform(_ input: StageInput) throws -> Data {
        try transform(input, anchor: nil, only: nil)
    }

    /// `transform(_:)` with a date to resolve against and a choice of annotations.
    public func transform(_ input: StageInput, anchor: String?, only: Set<Component>?) throws -> Data {
        let document = try JSONFiles.decodeSegment(from: input.data, file: input.path)
        guard document.schema == Schema.segmented else {
            throw DocumentError(.invalidInput, "\(input.path) is a \(document.schema) file; newsmill-extract reads \(Schema.segmented) files (the output of newsmill-segment)")
        }
        if document.sentences.contains(where: { $0.tokens == nil }) && !document.sentences.isEmpty {
            throw DocumentError(.invalidInput, "\(input.path) has sentences without tokens (segment with writeTokens on)")
        }
        try document.checkOffsets(file: input.path)
        return extract(document, anchor: anchor, only: only).prettyJSON()
    }
}

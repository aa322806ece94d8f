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
    public func extract(_ document: SegmentDocument, anchor: String? = nil) -> ExtractDocument {
        let view = DocumentView(text: document.text, sentences: document.sentences, paragraphs: document.paragraphs)
        let (entities, names) = EntityRecognizer(lexicon: lexicon).recognize(view)
        let quotes = QuoteFinder(lexicon: lexicon, settings: settings).find(view, entities: entities, names: names)
        let anchorDate = CivilDate.parse(anchor ?? document.header.published)
        let dates = DateTagger().tag(document.text, anchor: anchorDate, view: view)
        let quantities = QuantityTagger(lexicon: lexicon).tag(document.text, view: view, dates: dates)
        let keyphrases = KeyphraseExtractor(settings: settings, lexicon: lexicon).extract(view)
        // Later stages need sentences, not tokens.
        let sentences = document.sentences.map { Sentence(start: $0.start, end: $0.end, paragraph: $0.paragraph, inQuote: $0.inQuote, tokens: nil) }
        return ExtractDocument(header: document.header, text: document.text, paragraphs: document.paragraphs, sentences: sentences,
                               entities: entities, quotes: quotes, dates: dates, quantities: quantities, keyphrases: keyphrases)
    }

    /// The stage's transform: a segment document's JSON in, an extract document's JSON out.
    public func transform(_ input: StageInput) throws -> Data {
        let document = try JSONFiles.decode(SegmentDocument.self, from: input.data, file: input.path)
        guard document.schema == Schema.segmented else {
            throw DocumentError(.invalidInput, "\(input.path) is a \(document.schema) file; newsmill-extract reads \(Schema.segmented) files (the output of newsmill-segment)")
        }
        if document.sentences.contains(where: { $0.tokens == nil }) && !document.sentences.isEmpty {
            throw DocumentError(.invalidInput, "\(input.path) has sentences without tokens (segment with writeTokens on)")
        }
        return try JSONFiles.encode(extract(document))
    }
}

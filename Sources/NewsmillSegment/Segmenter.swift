import Foundation
import NewsmillCore

/// The segment stage: paragraphs from the clean stage's blocks, sentences within paragraphs, tokens
/// within sentences, each with offsets (Unicode scalars into the clean text), and for each sentence
/// whether it lies inside a quotation.
public struct Segmenter: Sendable {
    public var settings: SegmentSettings
    public var lexicon: SegmentLexicon

    public init(settings: SegmentSettings, lexicon: SegmentLexicon) {
        self.settings = settings
        self.lexicon = lexicon
    }

    public static func load(settingsFile: String?, pipelines: String?) throws -> Segmenter {
        let settings = try Settings.load(SegmentSettings(), from: settingsFile)
        let folder = try PipelinesFolder.locate(explicit: pipelines)
        return Segmenter(settings: settings, lexicon: try SegmentLexicon.load(from: folder))
    }

    /// Sentences (and their tokens) of `text`, taking paragraph limits from `paragraphs`.
    public func segment(text: String, paragraphs: [Paragraph]) -> [Sentence] {
        let scalars = Array(text.unicodeScalars)
        let tokenizer = Tokenizer(text: scalars, lexicon: lexicon)
        let splitter = SentenceSplitter(text: scalars, lexicon: lexicon, maxCharacters: settings.maxSentenceCharacters)
        var sentences: [Sentence] = []
        for (index, paragraph) in paragraphs.enumerated() {
            let start = max(0, min(paragraph.start, scalars.count)), end = max(start, min(paragraph.end, scalars.count))
            let tokens = tokenizer.tokens(in: start..<end)
            let depth = QuoteDepth(text: scalars, range: start..<end)
            for range in splitter.split(tokens) {
                let sentenceTokens = Array(tokens[range])
                guard let first = sentenceTokens.first, let last = sentenceTokens.last else { continue }
                sentences.append(Sentence(start: first.start, end: last.end, paragraph: index,
                                          inQuote: depth.isInside(first.start..<last.end),
                                          tokens: settings.writeTokens ? sentenceTokens : nil))
            }
        }
        return sentences
    }

    /// Paragraphs of a clean document: its blocks, in order.
    public static func paragraphs(of document: CleanDocument) -> [Paragraph] {
        if !document.blocks.isEmpty {
            return document.blocks.map { Paragraph(start: $0.start, end: $0.end, type: $0.type) }
        }
        return paragraphs(ofText: document.text)
    }

    /// Paragraphs of plain text: runs of lines between blank lines.
    public static func paragraphs(ofText text: String) -> [Paragraph] {
        var result: [Paragraph] = []
        var start: Int? = nil
        var lastNonSpace = 0
        var index = 0
        var newlines = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                newlines += 1
                if newlines >= 2, let s = start {
                    result.append(Paragraph(start: s, end: lastNonSpace, type: "paragraph"))
                    start = nil
                }
            } else if !Scalars.isSpace(scalar) {
                newlines = 0
                if start == nil { start = index }
                lastNonSpace = index + 1
            }
            index += 1
        }
        if let s = start { result.append(Paragraph(start: s, end: lastNonSpace, type: "paragraph")) }
        return result
    }

    public func segment(_ document: CleanDocument) -> SegmentDocument {
        let paragraphs = Segmenter.paragraphs(of: document)
        return SegmentDocument(header: document.header, text: document.text, paragraphs: paragraphs,
                               sentences: segment(text: document.text, paragraphs: paragraphs))
    }
}

/// Which characters of a paragraph lie inside quotation marks. Curly quotes open and close; a straight
/// double quote opens after a space or an opening bracket and closes otherwise. Depth is per paragraph,
/// so an unpaired mark cannot swallow the rest of the document.
struct QuoteDepth {
    private var inside: [Bool]
    private let offset: Int

    init(text: [Unicode.Scalar], range: Range<Int>) {
        offset = range.lowerBound
        inside = [Bool](repeating: false, count: range.count)
        var depth = 0
        for i in range {
            let c = text[i]
            let local = i - offset
            if c == "“" || c == "«" || c == "„" {
                depth += 1
                inside[local] = true
                continue
            }
            if c == "”" || c == "»" {
                inside[local] = depth > 0
                depth = max(0, depth - 1)
                continue
            }
            if c == "\"" {
                let previous: Unicode.Scalar? = i > range.lowerBound ? text[i - 1] : nil
                let opens = previous == nil || Scalars.isSpace(previous!) || Scalars.openingBrackets.contains(previous!) || previous == "—" || previous == "–"
                if opens && depth == 0 {
                    depth = 1
                    inside[local] = true
                } else if depth > 0 {
                    inside[local] = true
                    depth -= 1
                } else {
                    depth = 1
                    inside[local] = true
                }
                continue
            }
            inside[local] = depth > 0
        }
    }

    /// True when every non-space character of `range` is inside a quotation.
    func isInside(_ range: Range<Int>) -> Bool {
        var sawAny = false
        for i in range {
            let local = i - offset
            guard local >= 0 && local < inside.count else { continue }
            sawAny = true
            if !inside[local] { return false }
        }
        return sawAny
    }
}

extension Segmenter {
    /// The stage's transform: a clean document's JSON in, a segment document's JSON out.
    public func transform(_ input: StageInput) throws -> Data {
        let document = try JSONFiles.decode(CleanDocument.self, from: input.data, file: input.path)
        guard document.schema == Schema.cleaned else {
            throw DocumentError(.invalidInput, "\(input.path) is a \(document.schema) file; newsmill-segment reads \(Schema.cleaned) files (the output of newsmill-clean)")
        }
        return try JSONFiles.encode(segment(document))
    }
}

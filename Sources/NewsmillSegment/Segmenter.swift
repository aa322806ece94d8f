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
        let scalars = Scalars.array(of: text)
        let tokenizer = Tokenizer(text: scalars, lexicon: lexicon)
        let splitter = SentenceSplitter(text: scalars, lexicon: lexicon, settings: settings)
        var sentences: [Sentence] = []
        for (index, paragraph) in paragraphs.enumerated() {
            let start = max(0, min(paragraph.start, scalars.count)), end = max(start, min(paragraph.end, scalars.count))
            let (tokens, kinds) = tokenizer.tokens(in: start..<end)
            let depth = QuoteDepth(text: scalars, range: start..<end)
            for range in splitter.split(tokens, kinds: kinds) {
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
/// so an unpaired mark cannot swallow the rest of the document. Kept as the runs of characters inside a
/// quotation, which change only at quotation marks.
struct QuoteDepth {
    /// Maximal runs of characters inside a quotation, in order.
    private var runs: [Range<Int>] = []

    init(text: [Unicode.Scalar], range: Range<Int>) {
        var depth = 0
        var runStart: Int? = nil
        var i = range.lowerBound
        while i < range.upperBound {
            let c = text[i]
            let v = c.value
            // Only quotation marks change anything: " « » “ ” „
            guard v == 0x22 || v == 0xAB || v == 0xBB || (v >= 0x201C && v <= 0x201E) else { i += 1; continue }
            let inside: Bool
            if c == "“" || c == "«" || c == "„" {
                depth += 1
                inside = true
            } else if c == "”" || c == "»" {
                inside = depth > 0
                depth = max(0, depth - 1)
            } else {
                let previous: Unicode.Scalar? = i > range.lowerBound ? text[i - 1] : nil
                let opens = previous == nil || Scalars.isSpace(previous!) || Scalars.isOpeningBracket(previous!) || previous == "—" || previous == "–"
                if opens && depth == 0 {
                    depth = 1
                } else if depth > 0 {
                    depth -= 1
                } else {
                    depth = 1
                }
                inside = true
            }
            // The mark itself, then the characters after it up to the next mark.
            if inside && runStart == nil { runStart = i }
            if !inside, let s = runStart { runs.append(s..<i); runStart = nil }
            if depth > 0 && runStart == nil { runStart = i + 1 }
            if depth == 0, let s = runStart { runs.append(s..<(i + 1)); runStart = nil }
            i += 1
        }
        if let s = runStart, s < range.upperBound { runs.append(s..<range.upperBound) }
    }

    /// True when every character of `range` is inside a quotation.
    func isInside(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        // The last run that starts at or before the range.
        var low = 0, high = runs.count
        while low < high {
            let middle = (low + high) / 2
            if runs[middle].lowerBound <= range.lowerBound { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return false }
        return runs[low - 1].upperBound >= range.upperBound
    }
}

extension Segmenter {
    /// The stage's transform: a clean document's JSON in, a segment document's JSON out.
    public func transform(_ input: StageInput) throws -> Data {
        let document = try JSONFiles.decode(CleanDocument.self, from: input.data, file: input.path)
        guard document.schema == Schema.cleaned else {
            throw DocumentError(.invalidInput, "\(input.path) is a \(document.schema) file; newsmill-segment reads \(Schema.cleaned) files (the output of newsmill-clean)")
        }
        try document.checkOffsets(file: input.path)
        return SegmentJSON.encode(segment(document))
    }
}

import Foundation

/// Checks that the offsets in a stage file fit its text before a stage indexes with them: a file that a
/// user edited by hand, or one from another tool, fails with a reason instead of crashing the stage.
/// Linear in the number of offsets; the stages' own output always passes.
public struct OffsetCheck {
    public let limit: Int
    private let file: String

    public init(text: String, file: String) {
        limit = text.unicodeScalars.count
        self.file = file
    }

    private func fail(_ what: String, _ start: Int, _ end: Int, _ why: String) -> DocumentError {
        DocumentError(.invalidInput, "\(file): \(what) [\(start), \(end)) \(why); the file does not fit its text (regenerate it with the stage that wrote it)")
    }

    /// A span of the text: 0 ≤ start ≤ end ≤ the text's length in characters (Unicode scalars).
    public func span(_ what: @autoclosure () -> String, _ start: Int, _ end: Int, within outer: (Int, Int)? = nil) throws {
        if start < 0 || start > end || end > limit {
            throw fail(what(), start, end, start > end ? "ends before it starts" : "lies outside the text (\(limit) characters)")
        }
        if let outer, start < outer.0 || end > outer.1 {
            throw fail(what(), start, end, "lies outside its container [\(outer.0), \(outer.1))")
        }
    }

    /// Paragraphs and sentences (with their tokens), each in order and within what holds it.
    public func structure(paragraphs: [Paragraph], sentences: [Sentence]) throws {
        var previous = 0
        for (index, paragraph) in paragraphs.enumerated() {
            try span("paragraph \(index)", paragraph.start, paragraph.end)
            if paragraph.start < previous { throw fail("paragraph \(index)", paragraph.start, paragraph.end, "overlaps the one before") }
            previous = paragraph.end
        }
        previous = 0
        for (index, sentence) in sentences.enumerated() {
            guard sentence.paragraph >= 0 && sentence.paragraph < paragraphs.count else {
                throw DocumentError(.invalidInput, "\(file): sentence \(index) names paragraph \(sentence.paragraph), which does not exist; the file does not fit its text (regenerate it with the stage that wrote it)")
            }
            let paragraph = paragraphs[sentence.paragraph]
            try span("sentence \(index)", sentence.start, sentence.end, within: (paragraph.start, paragraph.end))
            if sentence.start < previous { throw fail("sentence \(index)", sentence.start, sentence.end, "overlaps the one before") }
            previous = sentence.end
            var tokenEnd = sentence.start
            for (number, token) in (sentence.tokens ?? []).enumerated() {
                try span("token \(number) of sentence \(index)", token.start, token.end, within: (sentence.start, sentence.end))
                if token.start < tokenEnd { throw fail("token \(number) of sentence \(index)", token.start, token.end, "overlaps the one before") }
                tokenEnd = token.end
            }
        }
    }
}

extension SegmentDocument {
    /// Throws when an offset does not fit the text (see `OffsetCheck`).
    public func checkOffsets(file: String) throws {
        try OffsetCheck(text: text, file: file).structure(paragraphs: paragraphs, sentences: sentences)
    }
}

extension ExtractDocument {
    /// Throws when an offset does not fit the text (see `OffsetCheck`).
    public func checkOffsets(file: String) throws {
        let check = OffsetCheck(text: text, file: file)
        try check.structure(paragraphs: paragraphs, sentences: sentences)
        for entity in entities {
            for mention in entity.mentions { try check.span("a mention of \(entity.name)", mention.start, mention.end) }
        }
        for (index, quote) in quotes.enumerated() {
            try check.span("quote \(index)", quote.start, quote.end)
            for span in quote.spans { try check.span("a span of quote \(index)", span.start, span.end) }
            if let speaker = quote.speaker, speaker.start != nil || speaker.end != nil {
                try check.span("the speaker of quote \(index)", speaker.start ?? -1, speaker.end ?? -1)
            }
        }
        for date in dates { try check.span("date \"\(date.text)\"", date.start, date.end) }
        for quantity in quantities { try check.span("quantity \"\(quantity.text)\"", quantity.start, quantity.end) }
    }
}

extension CleanDocument {
    /// Throws when a block's offsets do not fit the text or come out of order (see `OffsetCheck`).
    public func checkOffsets(file: String) throws {
        let check = OffsetCheck(text: text, file: file)
        var previous = 0
        for (index, block) in blocks.enumerated() {
            try check.span("block \(index)", block.start, block.end)
            if block.start < previous {
                throw DocumentError(.invalidInput, "\(file): block \(index) [\(block.start), \(block.end)) overlaps the one before; the file does not fit its text (regenerate it with the stage that wrote it)")
            }
            previous = block.end
        }
    }
}

import Foundation
import NewsmillCore

/// A token of the document with its text and sentence, as the extractors see it.
struct WordToken {
    let start: Int
    let end: Int
    let text: String
    let lower: String
    let kind: String
    let sentence: Int
    /// Index of the token within its sentence.
    let position: Int

    var isCapitalised: Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return first.isUppercaseLetter
    }
    var isAllCapitals: Bool {
        var letters = 0
        for s in text.unicodeScalars where s.isAlphabeticLetter {
            if !s.isUppercaseLetter { return false }
            letters += 1
        }
        return letters >= 2
    }
}

/// The document's text as scalars, its sentences and a flat token list.
struct DocumentView {
    let scalars: [Unicode.Scalar]
    let sentences: [Sentence]
    let paragraphs: [Paragraph]
    let tokens: [WordToken]
    /// First token index of each sentence (and the end).
    let sentenceTokenStart: [Int]

    /// The text by scalar offsets.
    private let slicer: ScalarSlicer

    init(text: String, sentences: [Sentence], paragraphs: [Paragraph]) {
        scalars = Array(text.unicodeScalars)
        slicer = ScalarSlicer(text)
        self.sentences = sentences
        self.paragraphs = paragraphs
        var tokens: [WordToken] = []
        var starts: [Int] = []
        for (index, sentence) in sentences.enumerated() {
            starts.append(tokens.count)
            for (position, token) in (sentence.tokens ?? []).enumerated() {
                let text = slicer.text(token.start, token.end)
                tokens.append(WordToken(start: token.start, end: token.end, text: text, lower: text.lowercased(),
                                        kind: token.kind, sentence: index, position: position))
            }
        }
        starts.append(tokens.count)
        self.tokens = tokens
        sentenceTokenStart = starts
    }

    func text(_ start: Int, _ end: Int) -> String {
        slicer.text(start, end)
    }

    func tokenRange(ofSentence index: Int) -> Range<Int> { sentenceTokenStart[index]..<sentenceTokenStart[index + 1] }

    /// The index of the first token that starts at or after `offset` (tokens are in text order), by
    /// binary search; nil when there is none.
    func firstToken(startingAtOrAfter offset: Int) -> Int? {
        var low = 0, high = tokens.count
        while low < high {
            let mid = (low + high) / 2
            if tokens[mid].start < offset { low = mid + 1 } else { high = mid }
        }
        return low < tokens.count ? low : nil
    }

    /// The sentence index holding a character offset.
    func sentence(at offset: Int) -> Int? {
        var low = 0, high = sentences.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if sentences[mid].end <= offset { low = mid + 1 }
            else if sentences[mid].start > offset { high = mid - 1 }
            else { return mid }
        }
        return nil
    }

    func isHeading(sentence index: Int) -> Bool {
        let paragraph = sentences[index].paragraph
        return paragraph < paragraphs.count && paragraphs[paragraph].type == "heading"
    }
}

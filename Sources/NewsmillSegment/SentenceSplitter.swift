import Foundation
import NewsmillCore

/// Finds sentence boundaries in one paragraph, from its tokens. The rules, in the order they apply:
///   1. Only "." "!" "?" "…" (and runs of them), or a word whose final period is part of it (an
///      abbreviation or initial), can end a sentence; closing quotation marks and brackets right after
///      the mark belong to the sentence that ends.
///   2. A title abbreviation ("Gen.", "Dr.") or an initial ("J.") never ends a sentence.
///   3. Another abbreviation ("Inc.", "U.S.") ends one only when the next word is a usual sentence
///      opener ("The", "He", "But").
///   4. Otherwise the sentence ends when the next token starts with a capital letter, a digit, an
///      opening quotation mark or bracket; a lower-case word or a comma continues it ("?" he asked).
///   5. A sentence that reaches the maximum length is cut at a token boundary.
struct SentenceSplitter {
    let text: [Unicode.Scalar]
    let lexicon: SegmentLexicon
    let maxCharacters: Int

    /// Token index ranges of the sentences.
    func split(_ tokens: [Token]) -> [Range<Int>] {
        var sentences: [Range<Int>] = []
        var sentenceStart = 0
        var i = 0
        let n = tokens.count
        while i < n {
            let token = tokens[i]
            var boundaryAfter: Int? = nil
            if isTerminator(token) {
                // Extend over closing quotes and brackets attached to the mark.
                var last = i
                while last + 1 < n, isClosing(tokens[last + 1], after: tokens[last]) { last += 1 }
                if last + 1 >= n {
                    boundaryAfter = last
                } else if endsSentence(tokens, terminator: i, next: last + 1) {
                    boundaryAfter = last
                }
                if let boundary = boundaryAfter {
                    sentences.append(sentenceStart..<(boundary + 1))
                    sentenceStart = boundary + 1
                    i = boundary + 1
                    continue
                }
                i = last + 1
                continue
            }
            // Rule 5: cut over-long sentences.
            if tokens[i].end - tokens[sentenceStart].start >= maxCharacters && i > sentenceStart {
                sentences.append(sentenceStart..<(i + 1))
                sentenceStart = i + 1
            }
            i += 1
        }
        if sentenceStart < n { sentences.append(sentenceStart..<n) }
        return sentences
    }

    private func first(_ token: Token) -> Unicode.Scalar { text[token.start] }
    private func last(_ token: Token) -> Unicode.Scalar { text[token.end - 1] }

    private func isTerminator(_ token: Token) -> Bool {
        if token.kind == "punct" {
            let c = first(token)
            return c == "." || c == "!" || c == "?" || c == "…" || c == "‼" || c == "⁇"
        }
        // A word that took its final period (abbreviation or initial).
        return token.kind == "word" && token.end - token.start > 1 && last(token) == "."
    }

    /// A closing quote or bracket directly attached to the previous token (no space between).
    private func isClosing(_ token: Token, after previous: Token) -> Bool {
        guard token.kind == "punct", token.start == previous.end else {
            // A run of terminators ("?!" or "!!") continues the mark.
            return token.kind == "punct" && token.start == previous.end && ["!", "?"].contains(first(token))
        }
        let c = first(token)
        if c == "!" || c == "?" { return true }
        return Scalars.closingQuotes.contains(c) || Scalars.closingBrackets.contains(c) || c == "\"" || c == "'"
    }

    private func endsSentence(_ tokens: [Token], terminator: Int, next: Int) -> Bool {
        let mark = tokens[terminator]
        let following = tokens[next]
        let c = first(following)
        if mark.kind == "word" {
            let word = String(String.UnicodeScalarView(text[mark.start..<(mark.end - 1)])).lowercased()
            let isInitial = mark.end - mark.start == 2 && Scalars.isUpper(first(mark))
            if lexicon.titles.contains(word) || isInitial {
                return false
            }
            // Rule 3: abbreviation followed by a usual sentence opener.
            guard following.kind == "word" || following.kind == "punct" else { return false }
            if following.kind == "punct" && (Scalars.openingQuotes.contains(c) || c == "\"") { return true }
            let nextWord = String(String.UnicodeScalarView(text[following.start..<following.end])).lowercased()
            return Scalars.isUpper(c) && lexicon.starters.contains(nextWord)
        }
        // Rule 4.
        if Scalars.isUpper(c) || Scalars.isDigit(c) { return true }
        if Scalars.openingQuotes.contains(c) || Scalars.openingBrackets.contains(c) { return true }
        if c == "\"" || c == "'" {
            // A straight quote after a space opens the next sentence.
            return following.start > tokens[next - 1].end
        }
        if following.kind == "symbol" && Scalars.currency.contains(c) { return true }
        if c == "-" || c == "–" || c == "—" || c == "•" { return first(mark) != "…" && first(mark) != "." ? false : following.start > tokens[next - 1].end && next + 1 < tokens.count && Scalars.isUpper(first(tokens[next + 1])) }
        return false
    }
}

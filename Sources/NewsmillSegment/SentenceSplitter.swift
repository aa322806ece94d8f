import Foundation
import NewsmillCore

/// Finds sentence boundaries in one paragraph, from its tokens. Each rule has examples in
/// Pipelines/segment/rule-examples.txt (named after the rule). The rules, in the order they apply:
///
/// Paragraph rules, decided once per paragraph before the scan:
///   1. lines: a paragraph of several lines without any sentence punctuation is a list, one sentence
///      per line ("Menu\nhome page\ncontact us"); otherwise a line break is a space (text wrapped
///      at a fixed width), unless the next line opens with a list marker.
///   2. dateline: a paragraph that opens with a dateline and a spaced dash ("Springfield, Illinois —
///      The…", "LONDON (Reuters) - The…", "WASHINGTON — The…") has the dateline as a sentence.
///   3. attribution: a paragraph that is a quotation followed by an attribution without final
///      punctuation ("…Now we run it." - Mayor Ana Ruiz) is one sentence: the source applies to
///      the whole quotation.
///
/// Where a sentence starts:
///   4. list: a list marker opening a sentence ("1.", "2)", "1.)", "a.", "iv)", "(b)", "•", "⁃9."), or
///      the first marker after a colon when the next one follows ("these: a. Bread b. Milk"), belongs to
///      it and never ends it; the next marker of the same list ("2.)" after "1.)", "b." after
///      "a.", "ii." after "i.", but not an initial like "B." nor after "and", "or" or a comma) and a bullet
///      ("•", "⁃") after a space start a new sentence.
///   5. run-on: text taken from a page without its markup runs a picture caption or a heading into
///      the story with no full stop between them ("…at the Crucible Theatre The warning from Marteel
///      could…", "…must have been sleep walking He insisted…"). A capitalised opener of `run-on.txt`
///      ("The", "He", "It", not "THE") after a word or a number starts a sentence when a lower-case
///      word follows it, unless the word before is one that commonly opens a sentence
///      (`sentence-starters.txt`: "because He took you") or names a title ("titled The clown…"), or
///      the word after is a conjunction or preposition ("Set It and Forget It").
///
/// Where a sentence ends, at a terminator:
///   6. terminator: only "." "!" "?" "…" (and runs of them), or a word whose final period is part of it
///      (an abbreviation or initial), can end a sentence; closing quotation marks and brackets right
///      after the mark belong to the sentence that ends. A spaced ellipsis ". . ." does not end one;
///      four spaced periods ". . . ." do.
///   7. title, initial: a title abbreviation ("Gen.", "Dr.") or an initial ("J.") never ends a sentence;
///      but "I." after a lower-case word is the pronoun, a full stop like any other ("my sister and I. Then").
///   8. number-abbreviation: "No.", "p.", "N°" before a number do not end a sentence; elsewhere their
///      period is a full stop (rule 11): "no" is also a word.
///   9. time: a clock time ("6 p.m.") ends a sentence before a capitalised word, unless the word
///      continues the time ("5 p.m. Friday", "3 p.m. London time") or the sentence so far is only an
///      opening time phrase ("By 7 a.m. Dr. Patel had…").
///  10. abbreviation: any other abbreviation ("Inc.", "U.S.") ends a sentence only when the next word
///      is a usual sentence opener ("The", "He", "But").
///  11. capital: otherwise the sentence ends when the next token starts with a capital letter, a digit,
///      an opening quotation mark or bracket; a lower-case word or a comma continues it ("?" he asked),
///      and so does a reference in brackets followed by the period (…rose [...]" (Okafor 12).).
///
/// And last:
///  12. length: a sentence that reaches the maximum length is cut at a token boundary.
struct SentenceSplitter {
    let text: [Unicode.Scalar]
    let lexicon: SegmentLexicon
    let settings: SegmentSettings

    /// Token index ranges of the sentences.
    func split(_ tokens: [Token], kinds: [Kind]) -> [Range<Int>] {
        let n = tokens.count
        guard n > 0 else { return [] }
        let paragraph = ParagraphView(text: text, tokens: tokens, kinds: kinds)
        let rules = paragraphRules(paragraph)
        var sentences: [Range<Int>] = []
        var sentenceStart = 0
        // The marker that opened the last list item, whose successor starts the next item (rule 4).
        var list: ListMarker? = nil
        var i = 0
        while i < n {
            if i > sentenceStart && startsSentence(paragraph, at: i, rules: rules, list: list) {
                sentences.append(sentenceStart..<i)
                sentenceStart = i
            }
            // Rule 4: a list marker opening a sentence belongs to it; so does the first marker of a list
            // after a colon ("…these items: a. Bread b. Milk").
            if i == sentenceStart, let marker = listMarker(paragraph, at: i, bullets: .all) {
                list = marker
                i = marker.end
                continue
            }
            if i > 0, kinds[i - 1] == .punct, paragraph.first(i - 1) == ":", kinds[i] != .punct,
               let marker = listMarker(paragraph, at: i, bullets: .none), marker.isFirst,
               hasNextMarker(paragraph, after: marker) {
                list = marker
                i = marker.end
                continue
            }
            // The last token this step takes into the current sentence.
            var taken = i
            if paragraph.isTerminator(i) {
                var mark = i
                // Rule 6: a spaced ellipsis ". . ." is no sentence end; with a fourth period it is.
                let dots = paragraph.spacedPeriods(from: i)
                if dots >= 3 { mark = i + dots - 1 }
                // Extend over closing quotes and brackets attached to the mark.
                var last = mark
                while last + 1 < n, paragraph.isClosing(last + 1) { last += 1 }
                taken = dots == 3 ? mark : last
                // Three spaced periods end nothing (rule 6); nor does a mark inside an attributed
                // quotation (rule 3). Otherwise rules 7 to 11 decide.
                if dots != 3 && mark >= rules.quotedUntil
                    && (last + 1 >= n || endsSentence(paragraph, terminator: mark, next: last + 1, sentenceStart: sentenceStart)) {
                    sentences.append(sentenceStart..<(last + 1))
                    sentenceStart = last + 1
                    i = last + 1
                    continue
                }
            }
            // Rule 12: cut over-long sentences.
            if taken > sentenceStart && tokens[taken].end - tokens[sentenceStart].start >= settings.maxSentenceCharacters {
                sentences.append(sentenceStart..<(taken + 1))
                sentenceStart = taken + 1
            }
            i = taken + 1
        }
        if sentenceStart < n { sentences.append(sentenceStart..<n) }
        return sentences
    }

    // MARK: - Paragraph rules (1–3)

    struct ParagraphRules {
        /// Rule 1: every line is a sentence.
        var linesAreSentences = false
        /// Whether the paragraph has a line break at all.
        var hasLineBreaks = false
        /// Rule 2: the token after a dateline's dash, where the second sentence starts.
        var datelineEnd: Int? = nil
        /// Rule 3: terminators before this token index (the closing quotation mark of an attributed
        /// quotation) end no sentence.
        var quotedUntil = 0
    }

    private func paragraphRules(_ p: ParagraphView) -> ParagraphRules {
        var rules = ParagraphRules()
        // Rule 1: line breaks, and whether the paragraph has any sentence punctuation.
        var punctuated = false
        for k in 0..<p.count {
            if !punctuated && p.kinds[k] == .punct && p.isTerminator(k) { punctuated = true }
            if k > 0 && !rules.hasLineBreaks && p.lineBreak(before: k) { rules.hasLineBreaks = true }
        }
        rules.linesAreSentences = rules.hasLineBreaks && !punctuated
        rules.datelineEnd = datelineEnd(p)
        rules.quotedUntil = attributedQuotationEnd(p) ?? 0
        return rules
    }

    /// Rule 2. A dateline is at most `maxDatelineWords` capitalised words (with numbers, commas and an
    /// agency in brackets), then a dash with spaces on both sides, then a capitalised word; it must look
    /// like one: places separated by commas, an agency in brackets, or a place in capitals. A second
    /// spaced dash before the first full stop makes the pair a parenthesis instead ("Coca-Cola — The
    /// drink of… — is staying").
    private func datelineEnd(_ p: ParagraphView) -> Int? {
        var words = 0, commas = false, agency = false, capitals = true
        var k = 0
        while k < p.count && words <= settings.maxDatelineWords {
            switch p.kinds[k] {
            case .word where Scalars.isUpper(p.first(k)):
                words += 1
                if !p.isAllCapitals(k) { capitals = false }
                k += 1
            case .number:
                k += 1
            case .punct where p.first(k) == ",":
                commas = true
                k += 1
            case .punct where p.first(k) == "(":
                // "(Reuters)", "(AP)": capitalised words in brackets.
                var m = k + 1
                while m < p.count, p.kinds[m] == .word, Scalars.isUpper(p.first(m)) { m += 1 }
                guard m > k + 1, m < p.count, p.first(m) == ")" else { return nil }
                agency = true
                k = m + 1
            case .punct where p.isDash(k):
                guard words >= 1 || agency, k > 0, k + 1 < p.count, p.spaceBefore(k), p.spaceBefore(k + 1),
                      commas || agency || capitals,
                      Scalars.isUpper(p.first(k + 1)) || Scalars.isOpeningQuote(p.first(k + 1)) else { return nil }
                let dash = p.first(k)
                var m = k + 1
                while m < p.count && !(p.kinds[m] == .punct && p.isTerminator(m)) {
                    if p.kinds[m] == .punct && p.first(m) == dash && p.spaceBefore(m) { return nil }
                    m += 1
                }
                return k + 1
            default:
                return nil
            }
        }
        return nil
    }

    /// Rule 3. The paragraph opens with a double quotation mark; the quotation closes with a sentence
    /// mark before its closing quotation mark; what follows (at most `maxAttributionTokens` tokens) opens
    /// with a dash or a capitalised word and has no sentence punctuation ("- Mayor Ana Ruiz", "Central bank
    /// governor, \"Outlook 2030\""). Returns the index of the closing quotation mark.
    private func attributedQuotationEnd(_ p: ParagraphView) -> Int? {
        guard p.kinds[0] == .punct, Scalars.isOpeningDoubleQuote(p.first(0)) || p.first(0) == "\"" else { return nil }
        var depth = 1
        var close: Int? = nil
        for k in 1..<p.count where p.kinds[k] == .punct {
            let c = p.first(k)
            if Scalars.isOpeningDoubleQuote(c) {
                depth += 1
            } else if c == "”" || c == "»" {
                depth -= 1
            } else if c == "\"" {
                depth += p.spaceBefore(k) || Scalars.isOpeningBracket(p.last(k - 1)) ? 1 : -1
            }
            if depth == 0 { close = k; break }
        }
        guard let close, close >= 2, close + 1 < p.count, p.count - close - 1 <= settings.maxAttributionTokens,
              p.isTerminator(close - 1) else { return nil }
        let opener = close + 1
        guard (p.kinds[opener] == .punct && p.isDash(opener)) || (p.kinds[opener] == .word && Scalars.isUpper(p.first(opener))) else { return nil }
        // The attribution is a phrase: no sentence punctuation in it.
        for k in opener..<p.count where p.kinds[k] == .punct && p.isTerminator(k) { return nil }
        var last = p.count - 1
        while last > close, p.kinds[last] == .punct, Scalars.isClosingMark(p.first(last)) || p.first(last) == "\"" { last -= 1 }
        guard last > close, !p.isTerminator(last) else { return nil }
        return close
    }

    // MARK: - Where a sentence starts (rules 1, 2, 4)

    private func startsSentence(_ p: ParagraphView, at i: Int, rules: ParagraphRules, list: ListMarker?) -> Bool {
        // Rule 2.
        if i == rules.datelineEnd { return true }
        // Rule 1: a line break in a list of lines, or before a list marker.
        if rules.hasLineBreaks && p.lineBreak(before: i) {
            if rules.linesAreSentences || listMarker(p, at: i, bullets: .all) != nil { return true }
        }
        guard p.spaceBefore(i) else { return false }
        // Rule 4: a bullet after a space, or the next marker of the current list.
        if p.kinds[i] == .punct && Scalars.isBullet(p.first(i)) { return true }
        // An initial ("B." in "A. J. Smith met B. Jones") is no item marker inside a sentence, and an
        // enumeration inside a sentence ("…for now, and 2) Yes") goes on.
        if let list, list.enumerated, p.kinds[i] == .number || p.kinds[i] == .word || p.first(i) == "(",
           let marker = listMarker(p, at: i, bullets: .none), marker.follows(list), !marker.isInitial,
           !joinsEnumeration(p, i - 1) {
            return true
        }
        // Rule 5.
        return isRunOn(p, at: i)
    }

    /// Rule 5. A capitalised opener ("The", "He") after a word or a number, with a lower-case word
    /// after it: a sentence run into the one before it.
    private func isRunOn(_ p: ParagraphView, at i: Int) -> Bool {
        guard p.kinds[i] == .word, Scalars.isUpper(p.first(i)), i > 0, i + 1 < p.count,
              p.kinds[i - 1] == .word || p.kinds[i - 1] == .number,
              p.kinds[i + 1] == .word, p.spaceBefore(i + 1), Scalars.isLower(p.first(i + 1)) else { return false }
        // "The", not "THE" (a heading in capitals).
        if p.length(i) > 1 && !Scalars.isLower(p.text[p.tokens[i].start + 1]) { return false }
        guard lexicon.runOnOpeners.contains(p.lowercased(p.tokens[i].start..<p.tokens[i].end)) else { return false }
        let before = p.lowercased(p.tokens[i - 1].start..<p.tokens[i - 1].end)
        if lexicon.starters.contains(before) || lexicon.runOnNotAfter.contains(before) { return false }
        return !lexicon.runOnNotBefore.contains(p.lowercased(p.tokens[i + 1].start..<p.tokens[i + 1].end))
    }

    /// Whether the marker that follows `marker` in its list comes later in the paragraph, within the
    /// length of a sentence.
    private func hasNextMarker(_ p: ParagraphView, after marker: ListMarker) -> Bool {
        var k = marker.end
        while k < p.count && p.tokens[k].start - p.tokens[marker.end].start < settings.maxSentenceCharacters {
            if p.spaceBefore(k), p.kinds[k] == .number || p.kinds[k] == .word || p.first(k) == "(",
               let next = listMarker(p, at: k, bullets: .none), next.follows(marker) { return true }
            k += 1
        }
        return false
    }

    /// Whether token `k`, before the next marker of a list, joins the parts of an enumeration inside a
    /// sentence ("a) call or b) wait", "1) now, 2) later"): a comma, a semicolon or a joining word.
    private func joinsEnumeration(_ p: ParagraphView, _ k: Int) -> Bool {
        switch p.kinds[k] {
        case .punct: return p.first(k) == "," || p.first(k) == ";"
        case .word: return lexicon.enumerationJoiners.contains(p.lowercased(p.tokens[k].start..<p.tokens[k].end))
        default: return false
        }
    }

    /// A list item's marker.
    struct ListMarker {
        enum Closing: Equatable { case period, bracket, periodAndBracket, none }
        /// The first token after the marker.
        var end: Int
        var bullet: Unicode.Scalar? = nil
        var openingBracket = false
        var closing = Closing.none
        var upper = false
        /// The readings of the enumerator: "i" is a letter (9) and a Roman numeral (1).
        var number: Int? = nil, letter: Int? = nil, roman: Int? = nil
        var enumerated: Bool { number != nil || letter != nil || roman != nil }
        /// The first marker of a list: 1, a, A, i or I.
        var isFirst: Bool { number == 1 || letter == 1 || roman == 1 }
        /// One capital letter and a period: read as an initial, not as an item marker, inside a sentence.
        var isInitial: Bool { upper && letter != nil && closing == .period && !openingBracket }

        func follows(_ previous: ListMarker) -> Bool {
            guard closing == previous.closing, openingBracket == previous.openingBracket, upper == previous.upper else { return false }
            if let n = number, let p = previous.number, n == p + 1 { return true }
            if let n = letter, let p = previous.letter, n == p + 1 { return true }
            if let n = roman, let p = previous.roman, n == p + 1 { return true }
            return false
        }
    }

    enum Bullets { case all, none }

    /// Rule 4. A marker is a bullet ("•", "⁃", or a dash or asterisk where a sentence starts), an
    /// enumerator ("1", "a", "iv", optionally in an opening bracket) closed by a period, a bracket or
    /// both, or a bullet and an enumerator ("⁃9."); a space follows it.
    private func listMarker(_ p: ParagraphView, at i: Int, bullets: Bullets) -> ListMarker? {
        var marker = ListMarker(end: i)
        var k = i
        if bullets == .all, p.kinds[k] == .punct, Scalars.isBullet(p.first(k)) || Scalars.isDashBullet(p.first(k)) {
            marker.bullet = p.first(k)
            k += 1
        }
        if let end = enumerator(p, at: k, into: &marker) {
            k = end
        }
        guard marker.bullet != nil || marker.enumerated, k > i, k < p.count, p.spaceBefore(k) else { return nil }
        marker.end = k
        return marker
    }

    /// The enumerator of a list marker at `start` ("1", "a", "iv", "(b", with "." and/or ")" after it);
    /// fills in `marker` and returns the index after it.
    private func enumerator(_ p: ParagraphView, at start: Int, into marker: inout ListMarker) -> Int? {
        var found = marker
        var k = start
        guard k < p.count else { return nil }
        if p.kinds[k] == .punct && p.first(k) == "(" {
            guard k + 1 < p.count, !p.spaceBefore(k + 1) else { return nil }
            found.openingBracket = true
            k += 1
        }
        let token = p.tokens[k]
        var body = token.start..<token.end
        var period = false
        switch p.kinds[k] {
        case .number:
            guard body.count <= 3 else { return nil }
            var value = 0
            for s in p.text[body] {
                guard Scalars.isDigit(s) else { return nil }
                value = value * 10 + Int(s.value - 48)
            }
            found.number = value
        case .word:
            if body.count > 1 && p.text[body.upperBound - 1] == "." {
                period = true
                body = body.lowerBound..<(body.upperBound - 1)
            }
            if body.count == 1 {
                let v = p.text[body.lowerBound].value
                if v >= 0x41 && v <= 0x5A { found.letter = Int(v - 0x40) }
                if v >= 0x61 && v <= 0x7A { found.letter = Int(v - 0x60) }
            }
            found.roman = Roman.value(p.text[body])
            guard found.letter != nil || found.roman != nil else { return nil }
            found.upper = Scalars.isUpper(p.text[body.lowerBound])
        default:
            return nil
        }
        k += 1
        if !period, k < p.count, p.kinds[k] == .punct, p.first(k) == ".", p.length(k) == 1, !p.spaceBefore(k) {
            period = true
            k += 1
        }
        var bracket = false
        if k < p.count, p.kinds[k] == .punct, p.first(k) == ")", !p.spaceBefore(k) {
            bracket = true
            k += 1
        }
        guard period || bracket, !found.openingBracket || bracket else { return nil }
        found.closing = period && bracket ? .periodAndBracket : period ? .period : .bracket
        marker = found
        return k
    }

    // MARK: - Where a sentence ends (rules 6–10)

    private func endsSentence(_ p: ParagraphView, terminator: Int, next: Int, sentenceStart: Int) -> Bool {
        let c = p.first(next)
        if p.kinds[terminator] == .word {
            let mark = p.tokens[terminator]
            let isInitial = mark.end - mark.start == 2 && Scalars.isUpper(p.first(terminator))
            if isInitial {
                // Rule 7: "I." after a lower-case word is the pronoun: go on to rule 11.
                guard p.first(terminator) == "I", terminator > sentenceStart, p.kinds[terminator - 1] == .word,
                      Scalars.isLower(p.first(terminator - 1)) else { return false }
                return startsAfterFullStop(p, mark: terminator, next: next)
            }
            let word = p.lowercased(mark.start..<(mark.end - 1))
            // Rule 7: titles.
            if lexicon.titles.contains(word) { return false }
            // Rule 8: number abbreviations before a number; elsewhere their period is a full stop
            // ("The answer was no. Trump said…").
            if lexicon.numbers.contains(word) {
                return p.kinds[next] == .number ? false : startsAfterFullStop(p, mark: terminator, next: next)
            }
            // Rules 9 and 10 look at the next word or quotation mark.
            guard p.kinds[next] == .word || p.kinds[next] == .punct else { return false }
            if p.kinds[next] == .punct && (Scalars.isOpeningQuote(c) || c == "\"") { return true }
            guard Scalars.isUpper(c), p.kinds[next] == .word else { return false }
            // Rule 9: clock times.
            if lexicon.times.contains(word) {
                // The word, without a final period or anything after a hyphen ("April-October").
                var end = p.tokens[next].start + 1
                while end < p.tokens[next].end, Scalars.isLetter(p.text[end]) { end += 1 }
                let following = p.lowercased(p.tokens[next].start..<end)
                if lexicon.timeFollowers.contains(following) { return false }
                if next + 1 < p.count, p.kinds[next + 1] == .word, p.lowercased(p.tokens[next + 1].start..<p.tokens[next + 1].end) == "time" { return false }
                // "At 5 a.m." opening the sentence: at most maxOpeningTimeWords words before the number.
                if terminator - 1 > sentenceStart, p.kinds[terminator - 1] == .number,
                   terminator - 1 - sentenceStart <= settings.maxOpeningTimeWords { return false }
                return true
            }
            // Rule 10: a usual sentence opener after the abbreviation.
            return lexicon.starters.contains(p.lowercased(p.tokens[next].start..<p.tokens[next].end))
        }
        return startsAfterFullStop(p, mark: terminator, next: next)
    }

    /// Rule 11: whether the token `next` starts a new sentence after the full stop (or "!", "?", "…")
    /// `mark`.
    private func startsAfterFullStop(_ p: ParagraphView, mark: Int, next: Int) -> Bool {
        let c = p.first(next)
        // "D-N.Y.": a capital and its period right after the period, with no space, go on an initialism.
        if !p.spaceBefore(next), p.kinds[next] == .word, Scalars.isUpper(c),
           p.tokens[next].end - p.tokens[next].start == 2, p.text[p.tokens[next].end - 1] == "." { return false }
        if Scalars.isUpper(c) || Scalars.isDigit(c) { return true }
        if Scalars.isOpeningQuote(c) { return true }
        if Scalars.isOpeningBracket(c) {
            // A reference in brackets with the sentence's period after it belongs to the sentence
            // before: …rose [...]" (Okafor 12).
            return !p.isBracketedReference(at: next, maxTokens: settings.maxReferenceTokens)
        }
        if c == "\"" || c == "'" {
            // A straight quote after a space opens the next sentence.
            return p.spaceBefore(next)
        }
        if p.kinds[next] == .symbol && Scalars.isCurrency(c) { return true }
        if c == "-" || c == "–" || c == "—" || c == "•" {
            // A dash or bullet after a full stop or ellipsis, then a capital: a new item.
            let m = p.first(mark)
            guard m == "…" || m == "." else { return false }
            return p.spaceBefore(next) && next + 1 < p.count && Scalars.isUpper(p.first(next + 1))
        }
        return false
    }
}

/// Token kinds as the tokenizer makes them and the splitter compares them; `name` is the `kind` of the
/// token in the segment file.
enum Kind: UInt8 {
    case word, number, punct, symbol, url, email, handle, hashtag

    var name: String {
        switch self {
        case .word: "word"
        case .number: "number"
        case .punct: "punct"
        case .symbol: "symbol"
        case .url: "url"
        case .email: "email"
        case .handle: "handle"
        case .hashtag: "hashtag"
        }
    }
}

/// One paragraph's tokens with the questions the rules ask about them.
struct ParagraphView {
    let text: [Unicode.Scalar]
    let tokens: [Token]
    let kinds: [Kind]
    var count: Int { tokens.count }

    @inline(__always) func first(_ k: Int) -> Unicode.Scalar { text[tokens[k].start] }
    @inline(__always) func last(_ k: Int) -> Unicode.Scalar { text[tokens[k].end - 1] }
    @inline(__always) func length(_ k: Int) -> Int { tokens[k].end - tokens[k].start }

    /// Whitespace between token `k - 1` and token `k`.
    @inline(__always) func spaceBefore(_ k: Int) -> Bool { k == 0 || tokens[k].start > tokens[k - 1].end }

    /// A line break between token `k - 1` and token `k`.
    func lineBreak(before k: Int) -> Bool {
        guard k > 0 else { return false }
        var j = tokens[k - 1].end
        while j < tokens[k].start {
            if text[j] == "\n" { return true }
            j += 1
        }
        return false
    }

    /// Rule 6: a mark that can end a sentence.
    @inline(__always) func isTerminator(_ k: Int) -> Bool {
        switch kinds[k] {
        case .punct:
            let c = first(k)
            return c == "." || c == "!" || c == "?" || c == "…" || c == "‼" || c == "⁇"
        case .word:
            // A word that took its final period (abbreviation or initial).
            return length(k) > 1 && last(k) == "."
        default:
            return false
        }
    }

    /// How many single periods separated by one space start at `k` (". . ." is 3), counting at most
    /// four; 0 when token `k` is not a single period.
    func spacedPeriods(from k: Int) -> Int {
        guard kinds[k] == .punct, first(k) == ".", length(k) == 1 else { return 0 }
        var m = k
        while m - k < 3, m + 1 < count, kinds[m + 1] == .punct, first(m + 1) == ".", length(m + 1) == 1,
              tokens[m + 1].start == tokens[m].end + 1, text[tokens[m].end] == " " {
            m += 1
        }
        return m - k + 1
    }

    /// A closing quote or bracket directly attached to the previous token, or a "!" / "?" continuing
    /// the mark ("?!", "!!").
    @inline(__always) func isClosing(_ k: Int) -> Bool {
        guard kinds[k] == .punct, !spaceBefore(k) else { return false }
        let c = first(k)
        return c == "!" || c == "?" || Scalars.isClosingMark(c) || c == "\"" || c == "'"
    }

    /// Token `k` opens a bracket right after a closing quotation mark, with a short text without
    /// sentence punctuation, and its closing bracket is followed at once by a period: `"…" (Okafor 12).`.
    func isBracketedReference(at k: Int, maxTokens: Int) -> Bool {
        guard k > 0, kinds[k - 1] == .punct, Scalars.isClosingQuote(first(k - 1)) || first(k - 1) == "\"" else { return false }
        let open = first(k)
        let close: Unicode.Scalar = open == "(" ? ")" : open == "[" ? "]" : "}"
        var m = k + 1
        while m < count && m <= k + maxTokens {
            if kinds[m] == .punct {
                let c = first(m)
                if c == close {
                    return m + 1 < count && kinds[m + 1] == .punct && first(m + 1) == "." && !spaceBefore(m + 1)
                }
                if c == open || isTerminator(m) { return false }
            }
            m += 1
        }
        return false
    }

    @inline(__always) func isDash(_ k: Int) -> Bool {
        let c = first(k)
        return c == "-" || c == "–" || c == "—"
    }

    /// Every letter of word `k` is a capital and it has at least two ("WASHINGTON", "U.S.").
    func isAllCapitals(_ k: Int) -> Bool {
        var letters = 0
        for s in text[tokens[k].start..<tokens[k].end] where Scalars.isLetter(s) {
            if !Scalars.isUpper(s) { return false }
            letters += 1
        }
        return letters >= 2
    }

    /// The lower-case text of `range`.
    func lowercased(_ range: Range<Int>) -> String { Scalars.lowercased(text[range]) }
}

/// Roman numerals as list enumerators ("i", "iv", "XII").
enum Roman {
    static func value(_ scalars: ArraySlice<Unicode.Scalar>) -> Int? {
        guard !scalars.isEmpty, scalars.count <= 6 else { return nil }
        var total = 0, previous = 0
        for s in scalars.reversed() {
            let v: Int
            switch s {
            case "i", "I": v = 1
            case "v", "V": v = 5
            case "x", "X": v = 10
            case "l", "L": v = 50
            case "c", "C": v = 100
            default: return nil
            }
            if v < previous { total -= v } else { total += v; previous = v }
        }
        // Only the canonical spelling of the value counts ("iiii" and "ic" do not).
        guard total > 0, total < 400, canonical(total, upper: Scalars.isUpper(scalars.first!)).elementsEqual(scalars) else { return nil }
        return total
    }

    private static func canonical(_ value: Int, upper: Bool) -> [Unicode.Scalar] {
        let table: [(Int, String)] = [(100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        var rest = value
        var out: [Unicode.Scalar] = []
        for (v, s) in table {
            while rest >= v {
                out.append(contentsOf: (upper ? s.uppercased() : s).unicodeScalars)
                rest -= v
            }
        }
        return out
    }
}

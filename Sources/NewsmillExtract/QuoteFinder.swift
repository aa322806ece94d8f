import Foundation
import NewsmillCore

/// A quoted span found between quotation marks.
struct QuotedSpan {
    /// Offsets of the words inside the marks.
    var start: Int
    var end: Int
    var paragraph: Int
    var words: Int
}

/// Finds quotations and who said them.
///
/// Direct quotations are spans between quotation marks (curly or straight; a paragraph that opens a
/// quotation without closing it continues into the next paragraph, as news style does). Each is
/// attributed from its own sentence: a speech verb ("said", "warned", "according to") next to a name
/// or pronoun, before or after the quotation. A quotation with no cue of its own continues the
/// statement of the quotation just before it in the paragraph (a split quotation: "…," he said. "…").
/// Pronouns are resolved to the person mentioned last before them. Reported speech without quotation
/// marks ("Kharrazi noted that …", "Iran vowed to …") is kept as indirect.
struct QuoteFinder {
    let lexicon: ExtractLexicon
    let settings: ExtractSettings

    /// Nouns for a body that speaks for an entity named before it.
    static let spokesNouns: Set<String> = [
        "report", "statement", "campaign", "office", "spokesman", "spokeswoman", "spokesperson", "aide", "aides", "team",
        "administration", "government", "ministry", "agency", "department", "lawyer", "lawyers", "attorney", "website",
    ]

    struct Resolved {
        var name: String
        var entity: String?
        var start: Int?
        var end: Int?
    }

    func find(_ view: DocumentView, entities: [Entity], names: [NameMention]) -> [Quote] {
        let spans = quotedSpans(view)
        // Which entity each name mention belongs to.
        var entityAt: [Int: Entity] = [:]
        for entity in entities { for mention in entity.mentions { entityAt[mention.start] = entity } }
        let personMentions: [(start: Int, end: Int, entity: Entity)] = entities.filter { $0.type == "PERSON" }
            .flatMap { entity in entity.mentions.map { ($0.start, $0.end, entity) } }.sorted { $0.start < $1.start }

        var quotes: [Quote] = []
        var previous: (paragraph: Int, quoteIndex: Int, end: Int)? = nil
        var inside = [Bool](repeating: false, count: view.scalars.count + 1)
        for span in spans { for k in max(0, span.start - 1)..<min(inside.count, span.end + 1) { inside[k] = true } }

        for span in spans {
            guard let sentenceIndex = view.sentence(at: span.start) else { continue }
            let lastSentence = view.sentence(at: max(span.start, span.end - 1)) ?? sentenceIndex
            var cue = attribution(view, firstSentence: sentenceIndex, lastSentence: lastSentence, span: span, inside: inside, entityAt: entityAt, personMentions: personMentions)
            let text = view.text(span.start, span.end)
            let kind = span.words >= settings.minQuoteWords ? "direct" : "phrase"
            if cue == nil, let last = previous, last.paragraph == span.paragraph || isContinuation(view, span, previous: last.end),
               quotes[last.quoteIndex].speaker != nil, kind == "direct" {
                // A split or continued quotation: one statement, one more span.
                quotes[last.quoteIndex].spans.append(Span(start: span.start, end: span.end))
                quotes[last.quoteIndex].text += " " + text
                previous = (span.paragraph, last.quoteIndex, span.end)
                continue
            }
            if cue == nil && kind == "direct" {
                // "…, Schiff said. “The other factor …”": the sentence before, in the same paragraph,
                // attributes speech and names who spoke.
                if sentenceIndex > 0, view.sentences[sentenceIndex - 1].paragraph == view.sentences[sentenceIndex].paragraph,
                   let before = attribution(view, firstSentence: sentenceIndex - 1, lastSentence: sentenceIndex - 1,
                                            span: QuotedSpan(start: view.sentences[sentenceIndex - 1].end, end: view.sentences[sentenceIndex - 1].end,
                                                             paragraph: span.paragraph, words: 0),
                                            inside: inside, entityAt: entityAt, personMentions: personMentions),
                   before.speaker?.entity != nil {
                    cue = before
                } else if let last = previous, last.paragraph == span.paragraph - 1, isParagraphOpening(view, span),
                          let speaker = quotes[last.quoteIndex].speaker {
                    // A paragraph that is a quotation, after a paragraph quoting someone: the same speaker
                    // goes on (news style gives each quoted paragraph its own marks).
                    cue = Cue(verb: "continued", speaker: Resolved(name: speaker.name, entity: speaker.entity, start: speaker.start, end: speaker.end), via: nil)
                }
            }
            if kind == "phrase" && cue == nil { continue }
            var speaker: Speaker? = nil
            var cueWord: String? = nil
            var via: String? = nil
            if let cue {
                speaker = cue.speaker.map { Speaker(name: $0.name, entity: $0.entity, start: $0.start, end: $0.end) }
                cueWord = cue.verb
                via = cue.via
            }
            quotes.append(Quote(start: span.start, end: span.end, spans: [Span(start: span.start, end: span.end)], text: text,
                                kind: kind, cue: cueWord, speaker: speaker, via: via))
            if kind == "direct" {
                previous = (span.paragraph, quotes.count - 1, span.end)
            }
        }
        quotes += indirect(view, inside: inside, entityAt: entityAt, personMentions: personMentions)
        quotes.sort { $0.start < $1.start }
        return quotes
    }

    /// A quotation opening the paragraph right after one that ended in a quotation continues it.
    private func isContinuation(_ view: DocumentView, _ span: QuotedSpan, previous end: Int) -> Bool {
        guard span.paragraph > 0, span.paragraph < view.paragraphs.count else { return false }
        let paragraph = view.paragraphs[span.paragraph]
        let before = view.paragraphs[span.paragraph - 1]
        return span.start <= paragraph.start + 1 && end >= before.end - 3 && view.paragraphs[span.paragraph].type != "heading"
    }

    /// The quotation opens its paragraph.
    private func isParagraphOpening(_ view: DocumentView, _ span: QuotedSpan) -> Bool {
        guard span.paragraph < view.paragraphs.count else { return false }
        return span.start <= view.paragraphs[span.paragraph].start + 1
    }

    // MARK: Quoted spans

    func quotedSpans(_ view: DocumentView) -> [QuotedSpan] {
        var spans: [QuotedSpan] = []
        let s = view.scalars
        var carry: Int? = nil  // an opening mark left open at the end of the previous paragraph
        for (index, paragraph) in view.paragraphs.enumerated() {
            var open: Int? = nil
            var openStraight = false
            if carry != nil {
                // The previous paragraph's quotation continues only if this paragraph opens with a mark.
                carry = nil
            }
            var i = paragraph.start
            while i < min(paragraph.end, s.count) {
                let c = s[i]
                if c == "“" || c == "«" || c == "„" {
                    if open == nil { open = i + 1; openStraight = false }
                } else if (c == "”" || c == "»") && open != nil && !openStraight {
                    spans.append(makeSpan(view, open!, i, index))
                    open = nil
                } else if c == "\"" {
                    if let o = open, openStraight {
                        spans.append(makeSpan(view, o, i, index))
                        open = nil
                    } else if open == nil {
                        open = i + 1
                        openStraight = true
                    }
                }
                i += 1
            }
            if let o = open, o <= paragraph.start + 1 {
                // News style: a quotation running on into the next paragraph has no closing mark here.
                spans.append(makeSpan(view, o, paragraph.end, index))
                carry = o
            }
        }
        return spans.filter { $0.end > $0.start }
    }

    private func makeSpan(_ view: DocumentView, _ start: Int, _ end: Int, _ paragraph: Int) -> QuotedSpan {
        var a = start, b = end
        while a < b, view.scalars[a].properties.isWhitespace { a += 1 }
        while b > a, view.scalars[b - 1].properties.isWhitespace { b -= 1 }
        let words = view.text(a, b).split(whereSeparator: { $0.isWhitespace }).count
        return QuotedSpan(start: a, end: b, paragraph: paragraph, words: words)
    }

    // MARK: Attribution

    struct Cue {
        var verb: String
        var speaker: Resolved?
        var via: String?
    }

    private func attribution(_ view: DocumentView, firstSentence: Int, lastSentence: Int, span: QuotedSpan, inside: [Bool],
                             entityAt: [Int: Entity], personMentions: [(start: Int, end: Int, entity: Entity)]) -> Cue? {
        let tokens = view.tokens
        let range = view.tokenRange(ofSentence: firstSentence).lowerBound..<view.tokenRange(ofSentence: lastSentence).upperBound
        // Tokens outside any quotation in the sentence(s) of the quote.
        let outside = range.filter { !inside[tokens[$0].start] }
        var via: String? = nil
        if let according = outside.first(where: { tokens[$0].lower == "according" }), according + 2 < range.upperBound, tokens[according + 1].lower == "to" {
            var k = according + 2
            while k < range.upperBound, tokens[k].kind == "word" || tokens[k].text == "’" || tokens[k].text == "'s" || tokens[k].text == "’s" || tokens[k].kind == "punct" && tokens[k].text == "-" {
                k += 1
            }
            if k > according + 2 { via = view.text(tokens[according + 2].start, tokens[k - 1].end) }
        }
        // The speech verb nearest the quotation, outside it.
        let verbs = outside.filter { lexicon.speechVerbs.contains(tokens[$0].lower) }
        guard let verb = verbs.min(by: { distance(tokens[$0], span) < distance(tokens[$1], span) }) else {
            if let via {
                return Cue(verb: "according to", speaker: Resolved(name: via, entity: nil, start: nil, end: nil), via: nil)
            }
            return nil
        }
        let speaker = subject(of: verb, view, range: range, entityAt: entityAt, personMentions: personMentions)
        return Cue(verb: tokens[verb].lower, speaker: speaker, via: via)
    }

    private func distance(_ token: WordToken, _ span: QuotedSpan) -> Int {
        token.start >= span.end ? token.start - span.end : span.start - token.end
    }

    /// Who the speech verb at `verb` belongs to: the name or pronoun right before it (skipping an
    /// apposition between commas and adverbs), else the name right after it ("said Charles Whitmore").
    /// Pronouns that can be the subject of a speech verb ("he said"; not "his", "her", "them").
    static let subjectPronouns: Set<String> = ["he", "she", "they", "i", "we"]
    /// Words between a speaker and the verb that do not end the subject.
    static let auxiliaries: Set<String> = ["also", "later", "then", "previously", "has", "had", "have", "once", "reportedly",
                                           "publicly", "recently", "repeatedly", "was", "were", "would", "will", "had", "is", "again", "further"]
    /// Words that end a nominal speaker when walking back from the verb.
    static let phraseBoundaries: Set<String> = [",", ";", ":", ".", "“", "”", "\"", "(", ")", "—", "–", "and", "but", "that", "who", "which", "when", "as"]

    /// Who the speech verb at `verb` belongs to: the name or pronoun right before it (skipping an
    /// apposition between commas, a parenthesis and adverbs), else the name right after it ("said
    /// Charles Whitmore"), else the noun phrase that is its subject ("the letter reads", "said one
    /// Democratic source on the panel"), without an entity.
    private func subject(of verb: Int, _ view: DocumentView, range: Range<Int>, entityAt: [Int: Entity],
                         personMentions: [(start: Int, end: Int, entity: Entity)]) -> Resolved? {
        let tokens = view.tokens
        var byEnd: [Int: (Entity, Mention)] = [:]
        for entity in entityAt.values.sorted(by: { $0.id < $1.id }) {
            for mention in entity.mentions { byEnd[mention.end] = (entity, mention) }
        }
        func mention(endingAt index: Int) -> Resolved? {
            let token = tokens[index]
            if QuoteFinder.subjectPronouns.contains(token.lower) {
                return resolvePronoun(token, view, personMentions: personMentions)
            }
            // A name mention that ends at this token.
            if let (entity, mention) = byEnd[token.end] {
                return Resolved(name: entity.name, entity: entity.id, start: mention.start, end: mention.end)
            }
            return nil
        }
        // Before the verb.
        var k = verb - 1
        var skippedApposition = false
        while k >= range.lowerBound {
            let lower = tokens[k].lower
            if QuoteFinder.auxiliaries.contains(lower) { k -= 1; continue }
            if tokens[k].text == ")" {
                // "Sen. Claire McCaskill (D-Mo.) said": skip the parenthesis.
                var m = k - 1
                while m >= range.lowerBound, tokens[m].text != "(" { m -= 1 }
                if m > range.lowerBound { k = m - 1; continue }
                break
            }
            if tokens[k].text == "," && !skippedApposition {
                // Skip an apposition: ", a coastal engineer at the University," back to the comma before it.
                var m = k - 1
                while m >= range.lowerBound, tokens[m].text != ",", tokens[m].text != "“", tokens[m].text != "\"" { m -= 1 }
                if m >= range.lowerBound, tokens[m].text == "," { k = m - 1; skippedApposition = true; continue }
                break
            }
            if let found = mention(endingAt: k) { return found }
            // "the IMF report stated", "Trump's campaign said": a body speaking for an entity.
            if QuoteFinder.spokesNouns.contains(lower), k - 1 >= range.lowerBound {
                var owner = k - 1
                if ["'s", "’s"].contains(tokens[owner].lower), owner - 1 >= range.lowerBound { owner -= 1 }
                if let found = mention(endingAt: owner), found.entity != nil {
                    return Resolved(name: found.name, entity: found.entity, start: found.start, end: tokens[k].end)
                }
            }
            // A noun phrase as the subject ("the letter", "Obama's former campaign strategist").
            if tokens[k].kind == "word" && !FunctionWords.all.contains(lower) || ["'s", "’s"].contains(lower) {
                var from = k
                while from - 1 >= range.lowerBound, !QuoteFinder.phraseBoundaries.contains(tokens[from - 1].lower),
                      !lexicon.speechVerbs.contains(tokens[from - 1].lower), k - from < 8 {
                    from -= 1
                }
                return Resolved(name: view.text(tokens[from].start, tokens[k].end), entity: nil, start: tokens[from].start, end: tokens[k].end)
            }
            break
        }
        // After the verb: "said Charles Whitmore", "said Rep. Joseph Crowley", "said the trust".
        var a = verb + 1
        while a < range.upperBound, ["the", "a", "an"].contains(tokens[a].lower) || lexicon.personTitles.contains(tokens[a].lower)
                || lexicon.personTitles.contains(String(tokens[a].lower.dropLast())) && tokens[a].lower.hasSuffix(".") {
            if let entity = entityAt[tokens[a].start], let m = entity.mentions.first(where: { $0.start == tokens[a].start }) {
                return Resolved(name: entity.name, entity: entity.id, start: m.start, end: m.end)
            }
            a += 1
        }
        if a < range.upperBound {
            if let entity = entityAt[tokens[a].start], let m = entity.mentions.first(where: { $0.start == tokens[a].start }) {
                return Resolved(name: entity.name, entity: entity.id, start: m.start, end: m.end)
            }
            if QuoteFinder.subjectPronouns.contains(tokens[a].lower) {
                return resolvePronoun(tokens[a], view, personMentions: personMentions)
            }
            if tokens[a].kind == "word", !FunctionWords.all.contains(tokens[a].lower) || a > verb + 1 {
                var to = a
                while to + 1 < range.upperBound, !QuoteFinder.phraseBoundaries.contains(tokens[to + 1].lower), to - a < 8 { to += 1 }
                let from = a > verb + 1 ? verb + 1 : a
                return Resolved(name: view.text(tokens[from].start, tokens[to].end), entity: nil, start: tokens[from].start, end: tokens[to].end)
            }
        }
        return nil
    }

    /// A pronoun stands for the person mentioned last before it (within a few sentences).
    func resolvePronoun(_ token: WordToken, _ view: DocumentView, personMentions: [(start: Int, end: Int, entity: Entity)]) -> Resolved {
        let window = max(0, token.sentence - settings.pronounWindowSentences)
        let earliest = view.sentences[window].start
        if let last = personMentions.last(where: { $0.start < token.start && $0.start >= earliest }) {
            return Resolved(name: last.entity.name, entity: last.entity.id, start: token.start, end: token.end)
        }
        return Resolved(name: token.text, entity: nil, start: token.start, end: token.end)
    }

    // MARK: Reported speech

    /// "Kharrazi noted that …", "Iran vowed on Tuesday to …": a name or pronoun, a speech verb, and no
    /// quotation marks around the clause.
    func indirect(_ view: DocumentView, inside: [Bool], entityAt: [Int: Entity], personMentions: [(start: Int, end: Int, entity: Entity)]) -> [Quote] {
        var result: [Quote] = []
        let tokens = view.tokens
        for sentenceIndex in view.sentences.indices where !view.isHeading(sentence: sentenceIndex) {
            let range = view.tokenRange(ofSentence: sentenceIndex)
            if range.contains(where: { inside[tokens[$0].start] }) { continue }
            guard let verb = range.first(where: { lexicon.speechVerbs.contains(tokens[$0].lower) && $0 > range.lowerBound }),
                  let speaker = subject(of: verb, view, range: range, entityAt: entityAt, personMentions: personMentions),
                  speaker.entity != nil || lexicon.pronouns[speaker.name.lowercased()] != nil else { continue }
            var from = verb + 1
            while from < range.upperBound, ["that", "on", "in", "at", "late", "earlier"].contains(tokens[from].lower) || tokens[from].kind == "number" || ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].contains(tokens[from].lower) { from += 1 }
            var to = range.upperBound - 1
            while to > from, tokens[to].kind == "punct" { to -= 1 }
            guard to > from, to - from >= settings.minQuoteWords else { continue }
            let start = tokens[from].start, end = tokens[to].end
            result.append(Quote(start: start, end: end, spans: [Span(start: start, end: end)], text: view.text(start, end),
                                kind: "indirect", cue: tokens[verb].lower,
                                speaker: Speaker(name: speaker.name, entity: speaker.entity, start: speaker.start, end: speaker.end), via: nil))
        }
        return result
    }
}

import Foundation
import NewsmillCore

/// A quoted span found between quotation marks.
struct QuotedSpan {
    /// Offsets of the words inside the marks.
    var start: Int
    var end: Int
    var paragraph: Int
    var words: Int
    /// Offsets of the quotation, its marks included.
    var markStart: Int
    var markEnd: Int
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

    /// Gender of each person entity (SpeakerGender), set by `find` for pronoun agreement.
    var genders: [String: String] = [:]
    /// Name mentions by their end and by their start offset, with their entity (set by `find`; built
    /// once per document so that attribution stays linear in the number of quotations).
    var mentionByEnd: [Int: (Entity, Mention)] = [:]
    var mentionByStart: [Int: (Entity, Mention)] = [:]
    /// Who the speech verbs of the document name as their subject, in text order (set by
    /// `findQuotes`): a pronoun prefers the latest of them to a person only mentioned since, and they
    /// count even when the name tagger missed the name ("Lopez-Cantera, a Republican, said …").
    var namedSpeakers: [(start: Int, resolved: Resolved)] = []
    /// Which characters lie inside a quotation (set by `findQuotes`): a person named inside a quotation
    /// is not who a pronoun after it stands for ("“If Donald Trump wins, I'll be stopped,” he said").
    var insideQuotation: [Bool] = []
    /// Each entity's type by id (set by `find`).
    var entityTypes: [String: String] = [:]

    struct Resolved {
        var name: String
        var entity: String?
        var start: Int?
        var end: Int?
    }

    func find(_ view: DocumentView, entities: [Entity], names: [NameMention]) -> [Quote] {
        var finder = self
        finder.genders = SpeakerGender.genders(of: entities, view: view, firstNames: lexicon.firstNameGenders)
        for entity in entities.sorted(by: { $0.id < $1.id }) {
            finder.entityTypes[entity.id] = entity.type
            for mention in entity.mentions {
                finder.mentionByEnd[mention.end] = (entity, mention)
                finder.mentionByStart[mention.start] = (entity, mention)
            }
        }
        return finder.findQuotes(view, entities: entities)
    }

    /// The subjects of the speech verbs of each sentence that are names (not pronouns), and the people
    /// a sentence is "according to", in order.
    private mutating func collectNamedSpeakers(_ view: DocumentView, inside: [Bool], entityAt: [Int: Entity],
                                               personMentions: [(start: Int, end: Int, entity: Entity)]) {
        let tokens = view.tokens
        for sentenceIndex in view.sentences.indices where !view.isHeading(sentence: sentenceIndex) {
            let range = view.tokenRange(ofSentence: sentenceIndex)
            // "According to Ham, the administration has …": Ham speaks in this sentence.
            if let according = range.first(where: { $0 + 2 < range.upperBound && !inside[tokens[$0].start] && tokens[$0].lower == "according" && tokens[$0 + 1].lower == "to" }),
               let (entity, mention) = mentionByStart[tokens[according + 2].start], entity.type == "PERSON" {
                namedSpeakers.append((mention.start, Resolved(name: entity.name, entity: entity.id, start: mention.start, end: mention.end)))
                continue
            }
            // Every speech verb's subject, in order: the last one named in a sentence is who a pronoun
            // after it most likely stands for ("… threatened an “obliterating war” – a scenario Taleblu
            // said Iran is using …").
            var lastStart = -1
            for verb in range where verb > range.lowerBound && !inside[tokens[verb].start]
                && lexicon.speechVerbs.contains(tokens[verb].lower) && !isNamePart(verb, view) {
                guard let speaker = subject(of: verb, view, range: range, entityAt: entityAt, personMentions: personMentions),
                      let start = speaker.start, start > lastStart, let first = speaker.name.first, first.isUppercase,
                      // A name, not a phrase the subject search swept up ("Plus Democrats are defending …").
                      speaker.entity != nil || speaker.name.split(separator: " ").count <= 4
                        && speaker.name.split(separator: " ").allSatisfy({ $0.first?.isUppercase == true }),
                      lexicon.pronouns[speaker.name.lowercased()] == nil,
                      let index = range.first(where: { tokens[$0].start == start }), !QuoteFinder.subjectPronouns.contains(tokens[index].lower)
                else { continue }
                namedSpeakers.append((start, speaker))
                lastStart = start
            }
        }
    }

    private mutating func findQuotes(_ view: DocumentView, entities: [Entity]) -> [Quote] {
        let spans = quotedSpans(view)
        // Which entity each name mention belongs to.
        var entityAt: [Int: Entity] = [:]
        for entity in entities { for mention in entity.mentions { entityAt[mention.start] = entity } }
        let personMentions: [(start: Int, end: Int, entity: Entity)] = entities.filter { $0.type == "PERSON" }
            .flatMap { entity in entity.mentions.map { ($0.start, $0.end, entity) } }.sorted { $0.start < $1.start }

        var quotes: [Quote] = []
        var previous: (paragraph: Int, quoteIndex: Int, end: Int)? = nil
        var previousCueToken: Int? = nil
        var inside = [Bool](repeating: false, count: view.scalars.count + 1)
        for span in spans { for k in max(0, span.markStart)..<min(inside.count, max(span.markEnd, span.end + 1)) { inside[k] = true } }
        insideQuotation = inside
        collectNamedSpeakers(view, inside: inside, entityAt: entityAt, personMentions: personMentions)

        for span in spans {
            guard let sentenceIndex = view.sentence(at: span.start) else { continue }
            let lastSentence = attributionEnd(view, span, lastSentence: view.sentence(at: max(span.start, span.end - 1)) ?? sentenceIndex)
            var cue = attribution(view, firstSentence: sentenceIndex, lastSentence: lastSentence, span: span, inside: inside, entityAt: entityAt, personMentions: personMentions)
            if cue == nil, let signed = dashSignature(view, span) {
                // "“…” ― Carla Sanchez": a dash and a name right after the quotation sign it, before
                // anything else: signed quotations often follow one another, line after line.
                cue = signed
            } else if cue == nil, let trailing = trailingSubject(view, span, personMentions: personMentions) {
                // "“Go back to Univision,” Trump barked": whatever the verb, a name (or pronoun) and a
                // verb right after a quotation that ends open attribute it.
                cue = trailing
            }
            let text = view.text(span.start, span.end)
            let kind = span.words >= settings.minQuoteWords ? "direct" : "phrase"
            let sharesCue = cue?.verbToken != nil && cue?.verbToken == previousCueToken && previous?.paragraph == span.paragraph
            if cue == nil || sharesCue, let last = previous, last.paragraph == span.paragraph || isContinuation(view, span, previous: last.end),
               quotes[last.quoteIndex].speaker != nil, kind == "direct" {
                // A quotation further into a sentence of its own, which names who holds its words
                // ("Romney fired back, attacking Trump for “…”"), is that sentence's, not the previous
                // quotation's.
                let opening = sharesCue || view.sentence(at: max(0, last.end - 1)) == sentenceIndex || opensSentence(view, span, sentence: sentenceIndex)
                if !opening, let holder = sentenceHolder(view, span, personMentions: personMentions) {
                    cue = Cue(verb: "", speaker: holder, via: nil)
                } else {
                    // (Both sides of "“…,” Mr. Indyk said, “…”" share one cue: one statement too.)
                    // A split or continued quotation: one statement, one more span.
                    quotes[last.quoteIndex].spans.append(Span(start: span.start, end: span.end))
                    quotes[last.quoteIndex].text += " " + text
                    previous = (span.paragraph, last.quoteIndex, span.end)
                    continue
                }
            }
            if cue == nil && kind == "direct" {
                let sentenceRange = view.tokenRange(ofSentence: sentenceIndex)
                // The subject of the quotation's own sentence, when words come before it there.
                func ownSubject() -> Resolved? {
                    guard let opening = sentenceRange.first, view.tokens[opening].start < span.markStart else { return nil }
                    return clauseSubject(before: sentenceRange.first(where: { view.tokens[$0].start >= span.markStart }) ?? opening,
                                         view, range: sentenceRange, personMentions: personMentions)
                        ?? sentenceHolder(view, span, personMentions: personMentions)
                }
                if !opensSentence(view, span, sentence: sentenceIndex), let subject = ownSubject() {
                    // "Jacobs credited Merkel with holding “…”": a sentence of its own that names who
                    // holds the words is not the one before's.
                    cue = Cue(verb: "", speaker: subject, via: nil)
                } else if sentenceIndex > 0, view.sentences[sentenceIndex - 1].paragraph == view.sentences[sentenceIndex].paragraph,
                   let before = attribution(view, firstSentence: sentenceIndex - 1, lastSentence: sentenceIndex - 1,
                                            span: QuotedSpan(start: view.sentences[sentenceIndex - 1].end, end: view.sentences[sentenceIndex - 1].end,
                                                             paragraph: span.paragraph, words: 0, markStart: view.sentences[sentenceIndex - 1].end, markEnd: view.sentences[sentenceIndex - 1].end),
                                            inside: inside, entityAt: entityAt, personMentions: personMentions),
                   before.speaker?.entity != nil {
                    cue = before
                } else if let introduced = colonIntroduction(view, span, inside: inside, entityAt: entityAt, personMentions: personMentions) {
                    // "Caddell continued:" closing the paragraph before introduces the quotation.
                    cue = introduced
                } else if let last = previous, last.paragraph == span.paragraph - 1, isParagraphOpening(view, span),
                          let speaker = quotes[last.quoteIndex].speaker {
                    // A paragraph that is a quotation, after a paragraph quoting someone: the same speaker
                    // goes on (news style gives each quoted paragraph its own marks).
                    cue = Cue(verb: "continued", speaker: Resolved(name: speaker.name, entity: speaker.entity, start: speaker.start, end: speaker.end), via: nil)
                } else if let reported = reportedBefore(view, span, inside: inside, entityAt: entityAt, personMentions: personMentions) {
                    // "Carter said that for decades … ⏎ “That’s because …”": the speaker the paragraph
                    // before reports goes on in his own words.
                    cue = reported
                } else if let subject = ownSubject() {
                    // No speech verb, but the sentence opens with who it is about ("Wallnau continues: “…”",
                    // "Mr. Smith shot back: “…”"), or names who holds the words before them ("Mr. Christie
                    // roused the crowd to chants of “…”", "The ad concludes that Trump is “…”").
                    cue = Cue(verb: "", speaker: subject, via: nil)
                }
            }
            if kind == "phrase" && cue == nil { continue }
            if looksLikeTitle(text) && cue?.verb != "signed" { continue }
            var speaker: Speaker? = nil
            var cueWord: String? = nil
            var via: String? = nil
            if let cue {
                speaker = cue.speaker.map { Speaker(name: $0.name, entity: $0.entity, start: $0.start, end: $0.end) }
                cueWord = cue.verb.isEmpty ? nil : cue.verb
                via = cue.via
            }
            quotes.append(Quote(start: span.start, end: span.end, spans: [Span(start: span.start, end: span.end)], text: text,
                                kind: kind, cue: cueWord, speaker: speaker, via: via))
            if kind == "direct" {
                previous = (span.paragraph, quotes.count - 1, span.end)
                previousCueToken = cue?.verbToken
            }
        }
        quotes += indirect(view, inside: inside, entityAt: entityAt, personMentions: personMentions)
        quotes.sort { $0.start < $1.start }
        return quotes
    }

    /// The last sentence whose words can attribute the quotation: its own last sentence, or the next
    /// one in the paragraph when the quotation ends a sentence the segmenter closed at its mark
    /// ("…?” Borger asked.", "…,'' Mr. Indyk said"): the quotation ends with , ? ! or a dash, or the
    /// next sentence is short and has a speech verb near its start ("Trump said.").
    private func attributionEnd(_ view: DocumentView, _ span: QuotedSpan, lastSentence: Int) -> Int {
        let next = lastSentence + 1
        guard next < view.sentences.count, view.sentences[next].paragraph == span.paragraph else { return lastSentence }
        let range = view.tokenRange(ofSentence: next)
        guard let first = range.first(where: { view.tokens[$0].start >= span.markEnd }),
              view.tokens[first].start - span.markEnd <= 2 else { return lastSentence }
        var k = span.end
        while k > span.start, view.scalars[k - 1].properties.isWhitespace { k -= 1 }
        let endsOpen = k > span.start && [",", "?", "!", "—", "–", "-"].contains(view.scalars[k - 1])
        let verbNear = range.prefix(upTo: min(range.upperBound, first + 6)).contains { lexicon.speechVerbs.contains(view.tokens[$0].lower) }
        if verbNear && (endsOpen || range.count <= 12) { return next }
        // "…,” Eric Woolson, an Iowa strategist and former adviser to the governor, said.": after a
        // quotation that ends open, a speech verb further on, past an apposition.
        if endsOpen, range.prefix(upTo: min(range.upperBound, first + 24)).contains(where: { lexicon.speechVerbs.contains(view.tokens[$0].lower) && !isNamePart($0, view) }) {
            return next
        }
        return lastSentence
    }

    /// Lower-case words a title in Title Case keeps ("The Art of the Deal").
    static let titleSmallWords: Set<String> = ["of", "the", "and", "a", "an", "in", "on", "for", "to", "with", "at", "from", "by", "or"]

    /// A short quoted span in Title Case is the name of a work, a show or a slogan ("Fareed Zakaria
    /// GPS," “The Walking Dead”), not a statement: 2 to 6 words, the first capitalised, every other
    /// one capitalised, a number or a small word.
    /// `word` without the punctuation (Unicode's P* categories) at its ends, as Foundation's
    /// `trimmingCharacters(in: .punctuationCharacters)` gives it.
    static func trimmingPunctuation(_ word: Substring) -> String {
        func isPunctuation(_ s: Unicode.Scalar) -> Bool {
            switch s.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
            default: return false
            }
        }
        let scalars = word.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isPunctuation($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isPunctuation($0) })!
        return String(scalars[first...last])
    }

    func looksLikeTitle(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { $0.isWhitespace }).map(QuoteFinder.trimmingPunctuation).filter { !$0.isEmpty }
        guard (2...6).contains(words.count), let first = words.first?.first, first.isUppercase else { return false }
        return words.allSatisfy { word in
            guard let c = word.first else { return true }
            return c.isUppercase || c.isNumber || QuoteFinder.titleSmallWords.contains(word)
        }
    }

    /// Words that open a nominal speaker after the verb ("said one Democratic source", "said his
    /// spokesman").
    static let speakerDeterminers: Set<String> = ["the", "a", "an", "one", "another", "his", "her", "their", "its", "two", "several", "some"]

    /// "“…” ― Carla Sanchez": a dash right after the closing mark, then a name ending the paragraph
    /// (or its sentence), signs the quotation.
    private func dashSignature(_ view: DocumentView, _ span: QuotedSpan) -> Cue? {
        let s = view.scalars
        guard span.paragraph < view.paragraphs.count else { return nil }
        let ownEnd = min(view.paragraphs[span.paragraph].end, s.count)
        var k = span.markEnd
        var paragraphEnd = ownEnd
        while k < ownEnd, s[k].properties.isWhitespace { k += 1 }
        if k >= ownEnd, span.markEnd >= ownEnd - 1, span.paragraph + 1 < view.paragraphs.count {
            // "“…”" ending its paragraph, then a paragraph that is only "- Sanders.".
            let next = view.paragraphs[span.paragraph + 1]
            k = next.start
            paragraphEnd = min(next.end, s.count)
            guard paragraphEnd - k <= 40, k < paragraphEnd, ["―", "—", "–", "-"].contains(s[k]) else { return nil }
        }
        // (A hyphen signs only on a line of its own: inside a paragraph it is too often a dash of the text.)
        guard k < paragraphEnd, ["―", "—", "–"].contains(s[k]) || s[k] == "-" && paragraphEnd != ownEnd else { return nil }
        k += 1
        while k < paragraphEnd, s[k].properties.isWhitespace { k += 1 }
        if let (entity, mention) = mentionByStart[k] {
            return Cue(verb: "signed", speaker: Resolved(name: entity.name, entity: entity.id, start: mention.start, end: mention.end), via: nil)
        }
        // No name mention: a few capitalised words up to the end of the paragraph or sentence.
        var end = k
        while end < paragraphEnd, !".;(\n".unicodeScalars.contains(s[end]) { end += 1 }
        let words = view.text(k, end).split(separator: " ")
        guard !words.isEmpty, words.count <= 4, words.allSatisfy({ $0.first?.isUppercase == true }) else { return nil }
        return Cue(verb: "signed", speaker: Resolved(name: words.joined(separator: " "), entity: nil, start: k, end: end), via: nil)
    }

    /// "“…,” Toomey fumed", "“…?” Beck questioned", "“…,” she elaborated": a quotation ending in , ? !
    /// or a dash, then at once a name or a subject pronoun (after up to two titles), then a lower-case
    /// word: the name is the speaker and the word the cue, whether or not it is a known speech verb.
    private func trailingSubject(_ view: DocumentView, _ span: QuotedSpan, personMentions: [(start: Int, end: Int, entity: Entity)]) -> Cue? {
        var k = span.end
        while k > span.start, view.scalars[k - 1].properties.isWhitespace { k -= 1 }
        guard k > span.start, [",", "?", "!", "—", "–"].contains(view.scalars[k - 1]),
              let sentence = view.sentence(at: max(span.start, span.end - 1)) else { return nil }
        // The tokens after the closing mark, in this sentence or the next one of the paragraph.
        var candidates: [Int] = []
        for index in [sentence, sentence + 1] where index < view.sentences.count && view.sentences[index].paragraph == view.sentences[sentence].paragraph {
            candidates += view.tokenRange(ofSentence: index).filter { view.tokens[$0].start >= span.markEnd }
            if candidates.count >= 6 { break }
        }
        guard var first = candidates.first, view.tokens[first].start - span.markEnd <= 2 else { return nil }
        let tokens = view.tokens
        let last = candidates.last!
        // Inversion: "“…,” remembered Roy Verley, the former spokesman": a lower-case verb, then a person.
        if first < last, tokens[first].kind == "word", tokens[first].text.first?.isLowercase == true,
           !FunctionWords.all.contains(tokens[first].lower) {
            var k = first + 1
            var titles = 0
            while titles < 2, k < last, mentionByStart[tokens[k].start] == nil, isPersonTitle(tokens[k].lower) {
                k += 1
                titles += 1
            }
            if let (entity, mention) = mentionByStart[tokens[k].start], entity.type == "PERSON" {
                return Cue(verb: tokens[first].lower, speaker: Resolved(name: entity.name, entity: entity.id, start: mention.start, end: mention.end),
                           via: nil, verbToken: first)
            }
        }
        var titles = 0
        while titles < 2, first < last, isPersonTitle(tokens[first].lower) {
            if mentionByStart[tokens[first].start] != nil { break }
            first += 1
            titles += 1
        }
        let speaker: Resolved
        var after: Int
        if QuoteFinder.subjectPronouns.contains(tokens[first].lower) && titles == 0 {
            speaker = resolvePronoun(tokens[first], view, personMentions: personMentions)
            after = first + 1
        } else if let (entity, mention) = mentionByStart[tokens[first].start], ["PERSON", "ORG", "NORP"].contains(entity.type) {
            speaker = Resolved(name: entity.name, entity: entity.id, start: mention.start, end: mention.end)
            after = first
            while after <= last, tokens[after].start < mention.end { after += 1 }
        } else {
            return nil
        }
        // Skip a parenthesis ("Sen. Chuck Schumer (D-N.Y.) fumed").
        if after <= last, tokens[after].text == "(" {
            while after <= last, tokens[after].text != ")" { after += 1 }
            after += 1
        }
        guard after <= last, tokens[after].kind == "word", tokens[after].text.first?.isLowercase == true,
              !FunctionWords.all.contains(tokens[after].lower) || QuoteFinder.auxiliaries.contains(tokens[after].lower) else { return nil }
        return Cue(verb: tokens[after].lower, speaker: speaker, via: nil, verbToken: after)
    }

    /// A quotation opening its paragraph after a paragraph that ends with a colon and a speech verb
    /// with its speaker ("He said:", "Caddell continued:").
    private func colonIntroduction(_ view: DocumentView, _ span: QuotedSpan, inside: [Bool], entityAt: [Int: Entity],
                                   personMentions: [(start: Int, end: Int, entity: Entity)]) -> Cue? {
        guard isParagraphOpening(view, span), let sentenceIndex = view.sentence(at: span.start), sentenceIndex > 0 else { return nil }
        let before = sentenceIndex - 1
        guard view.sentences[before].paragraph == span.paragraph - 1 else { return nil }
        var k = view.sentences[before].end
        while k > view.sentences[before].start, view.scalars[k - 1].properties.isWhitespace { k -= 1 }
        guard k > 0, view.scalars[k - 1] == ":" else { return nil }
        let end = view.sentences[before].end
        if let cue = attribution(view, firstSentence: before, lastSentence: before,
                                 span: QuotedSpan(start: end, end: end, paragraph: span.paragraph - 1, words: 0, markStart: end, markEnd: end),
                                 inside: inside, entityAt: entityAt, personMentions: personMentions),
           cue.speaker != nil {
            return cue
        }
        // No speech verb: "Republican nominee Donald Trump issued the following statement:" — the
        // sentence's subject.
        let range = view.tokenRange(ofSentence: before)
        guard !range.isEmpty, let subject = clauseSubject(before: range.upperBound - 1, view, range: range, personMentions: personMentions) else { return nil }
        return Cue(verb: "", speaker: subject, via: nil)
    }

    /// Modal verbs and their negations, which end a subject.
    static let modals: Set<String> = ["cannot", "can't", "won't", "wouldn't", "couldn't", "shouldn't", "didn't", "doesn't", "don't", "isn't", "wasn't", "hasn't", "haven't"]

    /// Words that open a sentence before its subject without being part of it.
    static let sentenceConjunctions: Set<String> = ["but", "and", "yet", "so", "still", "instead", "meanwhile", "now", "then"]

    /// Who holds the words of a quotation that no cue attributes, from the quotation's sentence before
    /// it: a noun phrase with a determiner that opens the sentence ("The ad concludes that Trump is
    /// “…”", "The book accuses Bob of …"), or the name inside it ("The Washington Post recently ran a
    /// piece that …"); else the first person, organisation, group or place named other than as the
    /// object of a preposition, or a subject pronoun ("Mr. Christie roused the crowd to chants of “…”",
    /// "whom he describes as “…”"). Nil when the sentence opens with the quotation.
    private func sentenceHolder(_ view: DocumentView, _ span: QuotedSpan,
                                personMentions: [(start: Int, end: Int, entity: Entity)]) -> Resolved? {
        guard let sentenceIndex = view.sentence(at: span.start), !view.isHeading(sentence: sentenceIndex) else { return nil }
        let tokens = view.tokens
        let range = view.tokenRange(ofSentence: sentenceIndex)
        guard let last = range.last(where: { tokens[$0].end <= span.markStart }) else { return nil }
        if let opening = openingNounPhrase(view, range: range.lowerBound..<(last + 1)) { return opening }
        var k = range.lowerBound
        while k <= last {
            if isQuoted(tokens[k].start) { k += 1; continue }
            if QuoteFinder.subjectPronouns.contains(tokens[k].lower) {
                return resolvePronoun(tokens[k], view, personMentions: personMentions)
            }
            if let (entity, mention) = mentionByStart[tokens[k].start], mention.end <= span.markStart {
                if QuoteFinder.holderTypes.contains(entity.type), !isPrepositionObject(mention.start, view) {
                    return Resolved(name: entity.name, entity: entity.id, start: mention.start, end: mention.end)
                }
                // Past the whole name, so that its last word is not taken for another one.
                while k <= last, tokens[k].start < mention.end { k += 1 }
                continue
            }
            k += 1
        }
        return nil
    }

    /// Entity types that can hold words: people, organisations, groups, countries.
    static let holderTypes: Set<String> = ["PERSON", "ORG", "NORP", "GPE"]

    /// Prepositions inside a noun phrase ("The secretary of state", "A footnote in the report").
    static let phrasePrepositions: Set<String> = ["of", "for", "in", "at", "from", "on", "with"]

    /// Nouns of time, which make a noun phrase an adverbial ("A few days later, …").
    static let timeNouns: Set<String> = ["day", "days", "week", "weeks", "month", "months", "year", "years", "time", "times",
                                         "hour", "hours", "minute", "minutes", "night", "morning", "evening", "afternoon", "later", "ago"]

    /// Past forms that do not end in -ed, which end a subject.
    static let irregularPasts: Set<String> = [
        "sent", "made", "took", "gave", "told", "wrote", "said", "put", "got", "began", "kept", "held", "left", "brought",
        "thought", "found", "ran", "came", "went", "saw", "knew", "became", "spoke", "won", "lost", "met", "led", "paid",
        "heard", "struck", "stood", "sought", "felt", "drew", "threw", "set",
    ]

    /// The noun phrase with a determiner that opens a sentence (after "But", "And"), up to its verb: an
    /// auxiliary, a function word, a word in -ed or an irregular past, or a word in -s after a noun
    /// ("The ad targets …"); at most six words. A name inside it stands for it.
    private func openingNounPhrase(_ view: DocumentView, range: Range<Int>) -> Resolved? {
        let tokens = view.tokens
        var first = range.lowerBound
        while first < range.upperBound, QuoteFinder.sentenceConjunctions.contains(tokens[first].lower) || tokens[first].text == "," { first += 1 }
        guard first < range.upperBound, QuoteFinder.speakerDeterminers.contains(tokens[first].lower) else { return nil }
        var end = first + 1
        var verb = false
        while end < range.upperBound, end - first <= 6, tokens[end].kind == "word", !isQuoted(tokens[end].start) {
            let lower = tokens[end].lower
            if QuoteFinder.auxiliaries.contains(lower) || QuoteFinder.modals.contains(lower) || QuoteFinder.irregularPasts.contains(lower) {
                verb = true
                break
            }
            let afterPreposition = QuoteFinder.phrasePrepositions.contains(tokens[end - 1].lower) && ["the", "a", "an"].contains(lower)
            if FunctionWords.all.contains(lower) && !QuoteFinder.phrasePrepositions.contains(lower) && !afterPreposition
                || QuoteFinder.isAdverb(lower) && end > first + 1 { break }
            if end > first + 1 {
                let previous = tokens[end - 1]
                let nounBefore = previous.text.first?.isLowercase == true && !QuoteFinder.speakerDeterminers.contains(previous.lower)
                if lower.hasSuffix("ed") || nounBefore && tokens[end].text.first?.isLowercase == true && lower.hasSuffix("s") && !lower.hasSuffix("ss") {
                    verb = true
                    break
                }
            }
            end += 1
        }
        // Only a phrase that a verb closes is a subject; a phrase of time is not one ("A few days later").
        guard verb, end > first + 1, !QuoteFinder.phrasePrepositions.contains(tokens[end - 1].lower),
              !tokens[first...end].contains(where: { QuoteFinder.timeNouns.contains($0.lower) }) else { return nil }
        for k in (first + 1)..<end {
            if let (entity, mention) = mentionByStart[tokens[k].start], QuoteFinder.holderTypes.contains(entity.type) {
                return Resolved(name: entity.name, entity: entity.id, start: mention.start, end: mention.end)
            }
        }
        return Resolved(name: view.text(tokens[first].start, tokens[end - 1].end), entity: nil,
                        start: tokens[first].start, end: tokens[end - 1].end)
    }

    /// No word outside a quotation comes before the quotation in its sentence: it is the sentence's
    /// opening, as the second half of "“…,” he said. “…”" is. A quotation further into a sentence of
    /// its own ("Romney fired back, attacking Trump for “…”") belongs to that sentence, not to the
    /// quotation before it.
    private func opensSentence(_ view: DocumentView, _ span: QuotedSpan, sentence: Int) -> Bool {
        !view.tokenRange(ofSentence: sentence).contains { view.tokens[$0].end <= span.markStart && view.tokens[$0].kind == "word" && !isQuoted(view.tokens[$0].start) }
    }

    /// A quotation opening its paragraph, right after a paragraph whose last sentence reports speech
    /// with a named speaker (or a pronoun standing for one): that speaker.
    private func reportedBefore(_ view: DocumentView, _ span: QuotedSpan, inside: [Bool], entityAt: [Int: Entity],
                                personMentions: [(start: Int, end: Int, entity: Entity)]) -> Cue? {
        guard isParagraphOpening(view, span), let sentenceIndex = view.sentence(at: span.start), sentenceIndex > 0 else { return nil }
        let before = sentenceIndex - 1
        let paragraph = view.sentences[before].paragraph
        guard paragraph == span.paragraph - 1, paragraph < view.paragraphs.count, view.paragraphs[paragraph].type != "heading",
              !view.isHeading(sentence: before) else { return nil }
        // (The verbs nearest the sentence's start first: the main clause's, "Okafor said that critics
        // had predicted …".)
        let start = view.sentences[before].start
        guard let cue = attribution(view, firstSentence: before, lastSentence: before,
                                    span: QuotedSpan(start: start, end: start, paragraph: paragraph, words: 0, markStart: start, markEnd: start),
                                    inside: inside, entityAt: entityAt, personMentions: personMentions),
              cue.speaker?.entity != nil else { return nil }
        return cue
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

    /// A quotation mark at a position: which kind and how many characters it takes.
    enum Mark {
        /// “ « „ (and `` in typewriter style): opens only.
        case opening
        /// ” »: closes only.
        case closing
        /// " or '' (two apostrophes, the typewriter style of some papers): opens or closes.
        case straight
    }

    /// The quotation mark starting at `i`, with its length; nil for any other character (a single
    /// apostrophe is a contraction, a possessive or a quote inside a quote, never a mark here).
    static func mark(at i: Int, in s: [Unicode.Scalar], end: Int) -> (Mark, Int)? {
        switch s[i] {
        case "“", "«", "„": return (.opening, 1)
        case "”", "»": return (.closing, 1)
        case "\"": return (.straight, 1)
        case "`": return i + 1 < end && s[i + 1] == "`" ? (.opening, 2) : nil
        case "'", "’": return i + 1 < end && (s[i + 1] == "'" || s[i + 1] == "’") ? (.straight, 2) : nil
        default: return nil
        }
    }

    /// The quoted spans of the document, paragraph by paragraph. Marks pair left to right; a mark
    /// that cannot close what is open (a “ while a “ is open) is ignored, so an unbalanced mark costs
    /// at most the rest of its paragraph, never the other quotes of the document. A paragraph whose
    /// last opening mark is never closed is quoted from that mark to its end only when the mark opens
    /// the paragraph (news style for a quotation running on); otherwise the stray mark is dropped.
    func quotedSpans(_ view: DocumentView) -> [QuotedSpan] {
        var spans: [QuotedSpan] = []
        let s = view.scalars
        for (index, paragraph) in view.paragraphs.enumerated() {
            var open: (at: Int, inner: Int, straight: Bool)? = nil
            var i = paragraph.start
            let end = min(paragraph.end, s.count)
            while i < end {
                guard let (mark, length) = QuoteFinder.mark(at: i, in: s, end: end) else { i += 1; continue }
                var step = length
                // A mark of the wrong kind placed as a closing one (“…,“ or “…," as typed): after a
                // word or punctuation, before a space or the end, it closes what is open.
                let looksClosing = i > paragraph.start && !s[i - 1].properties.isWhitespace
                    && (i + length >= end || s[i + length].properties.isWhitespace || ".,;:!?)".unicodeScalars.contains(s[i + length]))
                switch mark {
                case .opening:
                    if open == nil {
                        open = (i, i + length, false)
                    } else if let o = open, !o.straight, length == 1, looksClosing {
                        spans.append(makeSpan(view, o.inner, i, index, markStart: o.at, markEnd: i + length))
                        open = nil
                    }
                case .closing:
                    if let o = open, !o.straight || looksClosing {
                        spans.append(makeSpan(view, o.inner, i, index, markStart: o.at, markEnd: i + length))
                        open = nil
                    }
                case .straight:
                    if let o = open {
                        if o.straight || length == 2 || looksClosing {
                            // Three apostrophes close a quote inside the quote, then the quotation.
                            var close = i
                            if length == 2, i + 2 < end, s[i + 2] == "'" || s[i + 2] == "’" { close = i + 1; step = 3 }
                            spans.append(makeSpan(view, o.inner, close, index, markStart: o.at, markEnd: i + step))
                            open = nil
                        }
                    } else {
                        open = (i, i + length, true)
                    }
                }
                i += step
            }
            if let o = open, o.at <= paragraph.start + 1 {
                // News style: a quotation running on into the next paragraph has no closing mark here.
                spans.append(makeSpan(view, o.inner, end, index, markStart: o.at, markEnd: end))
            }
        }
        return spans.filter { $0.end > $0.start && !isNickname($0, view) }
    }

    /// One or two capitalised words in marks between two capitalised words are a nickname inside a
    /// name (Marcia “Cia” Price, Joaquín “El Chapo” Guzmán), not a quotation.
    private func isNickname(_ span: QuotedSpan, _ view: DocumentView) -> Bool {
        let s = view.scalars
        guard span.words <= 2, span.markStart >= 2, span.markEnd + 1 < s.count,
              s[span.markStart - 1] == " ", s[span.markEnd] == " ",
              s[span.markStart - 2].isLowercaseLetter || s[span.markStart - 2].isUppercaseLetter,
              s[span.markEnd + 1].isUppercaseLetter else { return false }
        // The word before the opening mark is capitalised.
        var k = span.markStart - 2
        while k > 0, s[k - 1].isAlphabeticLetter { k -= 1 }
        guard s[k].isUppercaseLetter else { return false }
        return view.text(span.start, span.end).split(separator: " ").allSatisfy { $0.first?.isUppercase == true }
    }

    private func makeSpan(_ view: DocumentView, _ start: Int, _ end: Int, _ paragraph: Int, markStart: Int, markEnd: Int) -> QuotedSpan {
        var a = start, b = end
        while a < b, view.scalars[a].properties.isWhitespace { a += 1 }
        while b > a, view.scalars[b - 1].properties.isWhitespace { b -= 1 }
        let words = view.text(a, b).split(whereSeparator: { $0.isWhitespace }).count
        return QuotedSpan(start: a, end: b, paragraph: paragraph, words: words, markStart: markStart, markEnd: markEnd)
    }

    // MARK: Attribution

    struct Cue {
        var verb: String
        var speaker: Resolved?
        var via: String?
        /// The speech verb's token, when the cue is a verb of the text.
        var verbToken: Int? = nil
    }

    private func attribution(_ view: DocumentView, firstSentence: Int, lastSentence: Int, span: QuotedSpan, inside: [Bool],
                             entityAt: [Int: Entity], personMentions: [(start: Int, end: Int, entity: Entity)]) -> Cue? {
        let tokens = view.tokens
        let range = view.tokenRange(ofSentence: firstSentence).lowerBound..<view.tokenRange(ofSentence: lastSentence).upperBound
        // Tokens outside any quotation in the sentence(s) of the quote.
        let outside = range.filter { !inside[tokens[$0].start] }
        var via: String? = nil
        var viaSpan: (Int, Int)? = nil
        if let according = outside.first(where: { tokens[$0].lower == "according" }), according + 2 < range.upperBound, tokens[according + 1].lower == "to" {
            var k = according + 2
            while k < range.upperBound, tokens[k].kind == "word" || tokens[k].text == "’" || tokens[k].text == "'s" || tokens[k].text == "’s" || tokens[k].kind == "punct" && tokens[k].text == "-" {
                k += 1
            }
            if k > according + 2 {
                via = view.text(tokens[according + 2].start, tokens[k - 1].end)
                viaSpan = (tokens[according + 2].start, tokens[k - 1].end)
            }
        }
        // The speech verb nearest the quotation, outside it.
        let verbs = outside.filter { lexicon.speechVerbs.contains(tokens[$0].lower) && !isNamePart($0, view) && !isNounUse($0, view) }
        // Nearest first; a verb whose subject cannot be found ("… and said that …") gives way to the
        // next nearest one that has one.
        // A verb after the quotation in a clause of its own ("…,” but he also warned", "… and he
        // vowed") comes after every other: the quotation belongs to its own clause's verb.
        let laterClause = Set(verbs.filter { verb in
            tokens[verb].start >= span.markEnd && (range.lowerBound..<verb).contains { k in
                tokens[k].start >= span.markEnd && (QuoteFinder.clauseOpeningWords.contains(tokens[k].lower) || tokens[k].text == ";")
            }
        })
        let ordered = verbs.sorted { (laterClause.contains($0) ? 1 : 0, distance(tokens[$0], span), $0) < (laterClause.contains($1) ? 1 : 0, distance(tokens[$1], span), $1) }
        guard let nearest = ordered.first else {
            if let via {
                return Cue(verb: "according to", speaker: Resolved(name: via, entity: viaSpan.flatMap { mentionByStart[$0.0]?.0.id },
                                                                   start: viaSpan?.0, end: viaSpan?.1), via: nil)
            }
            return nil
        }
        for verb in ordered {
            if let speaker = subject(of: verb, view, range: range, entityAt: entityAt, personMentions: personMentions) {
                return Cue(verb: tokens[verb].lower, speaker: speaker, via: via, verbToken: verb)
            }
        }
        return Cue(verb: tokens[nearest].lower, speaker: nil, via: via)
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
        func mention(endingAt index: Int) -> Resolved? {
            let token = tokens[index]
            if QuoteFinder.subjectPronouns.contains(token.lower) {
                return resolvePronoun(token, view, personMentions: personMentions)
            }
            // A name mention that ends at this token.
            if let (entity, mention) = mentionByEnd[token.end] {
                return Resolved(name: entity.name, entity: entity.id, start: mention.start, end: mention.end)
            }
            return nil
        }
        // "Braynard is quoted as saying", "he was cited as saying": the subject of "quoted".
        if tokens[verb].lower == "saying", verb - 2 > range.lowerBound, tokens[verb - 1].lower == "as",
           ["quoted", "cited"].contains(tokens[verb - 2].lower) {
            return subject(of: verb - 2, view, range: range, entityAt: entityAt, personMentions: personMentions)
        }
        // "…, saying …", "After saying …, she …": a participle has no subject of its own; the clause's has.
        if QuoteFinder.participles.contains(tokens[verb].lower) {
            // "footage of Hillary Clinton asking, “…”": a person named right before the participle,
            // with no comma between, is the one speaking.
            if verb - 1 >= range.lowerBound, let (entity, mention) = mentionByEnd[tokens[verb - 1].end], entity.type == "PERSON" {
                return Resolved(name: entity.name, entity: entity.id, start: mention.start, end: mention.end)
            }
            return clauseSubject(before: verb, view, range: range, personMentions: personMentions)
        }
        // Before the verb.
        var k = verb - 1
        var skippedApposition = false
        var appositionPerson: Resolved? = nil
        while k >= range.lowerBound {
            let lower = tokens[k].lower
            if QuoteFinder.auxiliaries.contains(lower) || QuoteFinder.isAdverb(lower) { k -= 1; continue }
            if lower == "and" || lower == "but" || lower == "to" && k == verb - 1 {
                // "Clinton … stressed her support … and said she …", "The email went on to say": the
                // first verb's subject.
                return clauseSubject(before: verb, view, range: range, personMentions: personMentions)
            }
            if lower == "who" || lower == "which" {
                // "the Chicago Police Department, which reported …": the relative pronoun speaks for the
                // name before it (the span stays on the pronoun, as for "he").
                var m = k - 1
                if m >= range.lowerBound, tokens[m].text == "," { m -= 1 }
                if m >= range.lowerBound, let (entity, _) = mentionByEnd[tokens[m].end] {
                    return Resolved(name: entity.name, entity: entity.id, start: tokens[k].start, end: tokens[k].end)
                }
                break
            }
            if lower == "it" {
                // "…,” it further wrote.": the organisation that spoke last.
                let low = QuoteFinder.countBefore(namedSpeakers, tokens[k].start) { $0.start }
                // The nearest few speakers before it, not people.
                for body in namedSpeakers[max(0, low - 8)..<low].reversed() where body.resolved.entity.map({ entityTypes[$0] != "PERSON" }) ?? true {
                    return Resolved(name: body.resolved.name, entity: body.resolved.entity, start: tokens[k].start, end: tokens[k].end)
                }
                return Resolved(name: tokens[k].text, entity: nil, start: tokens[k].start, end: tokens[k].end)
            }
            if QuoteFinder.isDash(tokens[k].text), k - 1 >= range.lowerBound {
                // "John Dickey, the chief executive of Ora Media -- the company that … -- told me": skip
                // the aside between dashes, back to the comma before it.
                var m = k - 1
                while m >= range.lowerBound, QuoteFinder.isDash(tokens[m].text) { m -= 1 }
                while m >= range.lowerBound, !QuoteFinder.isDash(tokens[m].text), !isQuoted(tokens[m].start) { m -= 1 }
                if m >= range.lowerBound, QuoteFinder.isDash(tokens[m].text) {
                    while m >= range.lowerBound, QuoteFinder.isDash(tokens[m].text) { m -= 1 }
                    k = m
                    skippedApposition = true
                    continue
                }
                break
            }
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
                // (A quotation mark ends the search, unless it is no quotation's: Marcia “Cia” Price.)
                while m >= range.lowerBound, tokens[m].text != ",", !(["“", "\""].contains(tokens[m].text) && isQuoted(tokens[m].start)) { m -= 1 }
                if m >= range.lowerBound, tokens[m].text == "," {
                    // An apposition that is a person's whole name names the noun phrase before it
                    // ("Another critic, Laurence H. Tribe, likened …").
                    if m + 1 < k, let (entity, found) = mentionByStart[tokens[m + 1].start], entity.type == "PERSON", found.end == tokens[k - 1].end {
                        appositionPerson = Resolved(name: entity.name, entity: entity.id, start: found.start, end: found.end)
                    }
                    k = m - 1; skippedApposition = true; continue
                }
                break
            }
            if let found = mention(endingAt: k) {
                // "Johnnie Wilson, of Springfield, Va., said": a place inside an apposition is not the
                // speaker; the person the appositions describe is.
                // (After an aside, an organisation is the end of an apposition too: "John Dickey, the
                // chief executive of Ora Media -- … -- told me".)
                if found.entity != nil, let (entity, _) = mentionByEnd[tokens[k].end],
                   ["GPE", "LOC", "NORP"].contains(entity.type) || skippedApposition && entity.type != "PERSON",
                   let person = personBefore(k, view, range: range) {
                    return person
                }
                return found
            }
            // "the IMF report stated", "Trump's campaign said": a body speaking for an entity.
            if QuoteFinder.spokesNouns.contains(lower), k - 1 >= range.lowerBound {
                var owner = k - 1
                if ["'s", "’s"].contains(tokens[owner].lower), owner - 1 >= range.lowerBound { owner -= 1 }
                if let found = mention(endingAt: owner), found.entity != nil {
                    // A person speaking for it keeps the role in the name ("Twitter spokesman"); a body
                    // ("Trump's campaign", "the IMF report") is the entity itself.
                    let person = ["spokesman", "spokeswoman", "spokesperson", "aide", "lawyer", "attorney"].contains(lower)
                    let name = person ? view.text(found.start ?? tokens[owner].start, tokens[k].end) : found.name
                    return Resolved(name: name, entity: found.entity, start: found.start, end: tokens[k].end)
                }
            }
            // A noun phrase as the subject ("the letter", "Obama's former campaign strategist"), unless it
            // is an apposition to a person named before it ("Giovanni Maria Vian, the editor in chief of
            // the Vatican's newspaper, L'Osservatore Romano, said") or a person's name follows it as one
            // ("Apple's chief executive, Tim Cook, called").
            if tokens[k].kind == "word" && !FunctionWords.all.contains(lower) || ["'s", "’s"].contains(lower) {
                if skippedApposition, let person = personBefore(k, view, range: range) { return person }
                if let appositionPerson { return appositionPerson }
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
        while a < range.upperBound, QuoteFinder.speakerDeterminers.contains(tokens[a].lower) || isPersonTitle(tokens[a].lower) {
            if entityAt[tokens[a].start] != nil, let (entity, m) = mentionByStart[tokens[a].start] {
                return Resolved(name: entity.name, entity: entity.id, start: m.start, end: m.end)
            }
            a += 1
        }
        if a > verb + 1, a == range.upperBound || tokens[a].kind == "punct" && tokens[a].text != "(", followsQuotation(verb, view) {
            // "…,” said Baron.", "…,” tweeted another.": the words skipped as a title or a determiner
            // are the speaker themselves.
            return Resolved(name: view.text(tokens[verb + 1].start, tokens[a - 1].end), entity: nil, start: tokens[verb + 1].start, end: tokens[a - 1].end)
        }
        if a < range.upperBound {
            // "said MSNBC host Chris Matthews", "said Del. Stacey Plaskett": a person named within the
            // next few words, before any punctuation, is the speaker rather than the words before it.
            var b = a
            while b < min(range.upperBound, a + 5), tokens[b].kind != "punct" || tokens[b].text == "." {
                if let (entity, m) = mentionByStart[tokens[b].start], entity.type == "PERSON" {
                    return Resolved(name: entity.name, entity: entity.id, start: m.start, end: m.end)
                }
                b += 1
            }
            if entityAt[tokens[a].start] != nil, let (entity, m) = mentionByStart[tokens[a].start] {
                return Resolved(name: entity.name, entity: entity.id, start: m.start, end: m.end)
            }
            if QuoteFinder.subjectPronouns.contains(tokens[a].lower) {
                return resolvePronoun(tokens[a], view, personMentions: personMentions)
            }
            // A noun phrase after the verb is its subject only in inversion ("…,” said one official);
            // elsewhere it is what was said ("concluded his comments were …").
            // (A number opens one too: "said the 46-year-old".)
            if tokens[a].kind == "word" || tokens[a].kind == "number" && a > verb + 1, !FunctionWords.all.contains(tokens[a].lower) || a > verb + 1 {
                var to = a
                while to + 1 < range.upperBound, !QuoteFinder.phraseBoundaries.contains(tokens[to + 1].lower), to - a < 8 { to += 1 }
                // Inversion only: right after a quotation ("…,” said one official), or right before one
                // ("But, said Solovey, “…”").
                let beforeQuotation = to + 2 < range.upperBound && [",", ":"].contains(tokens[to + 1].text) && ["“", "\"", "‘", "'"].contains(tokens[to + 2].text)
                guard followsQuotation(verb, view) || beforeQuotation else { return nil }
                let from = a > verb + 1 ? verb + 1 : a
                return Resolved(name: view.text(tokens[from].start, tokens[to].end), entity: nil, start: tokens[from].start, end: tokens[to].end)
            }
        }
        return nil
    }

    /// The number of `items` (sorted by offset) that start before `offset`: binary search.
    static func countBefore<T>(_ items: [T], _ offset: Int, start: (T) -> Int) -> Int {
        var low = 0, high = items.count
        while low < high {
            let mid = (low + high) / 2
            if start(items[mid]) < offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// A person title as a token gives it ("President", "sen.", "Gen.").
    private func isPersonTitle(_ lower: String) -> Bool {
        lexicon.personTitles.contains(lower) || lower.hasSuffix(".") && lexicon.personTitles.contains(String(lower.dropLast()))
    }

    /// The character at `offset` lies inside a quotation.
    private func isQuoted(_ offset: Int) -> Bool {
        offset < insideQuotation.count && insideQuotation[offset]
    }

    /// A named speaker can be what a pronoun wanting `wanted` ("male", "female", or another value or
    /// nil for a pronoun of no gender) stands for: a person for "he" and "she", whose gender, from its
    /// entity or its given name, agrees or is unknown.
    private func speakerAgrees(_ speaker: Resolved, wanted: String?) -> Bool {
        guard let wanted, wanted == "male" || wanted == "female" else { return true }
        // "he" and "she" stand for people, not for a country or a newspaper that spoke before them.
        if let id = speaker.entity, let type = entityTypes[id], type != "PERSON" { return false }
        let gender = speaker.entity.flatMap { genders[$0] } ?? SpeakerGender.gender(ofName: speaker.name, firstNames: lexicon.firstNameGenders)
        return gender == nil || gender == wanted
    }

    /// A token made of dashes ("--", "—", "–").
    static func isDash(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { $0 == "-" || $0 == "—" || $0 == "–" }
    }

    /// Words that open a new clause after a quotation ("…” and he vowed", "…” as he promised").
    static let clauseOpeningWords: Set<String> = ["and", "but", "as", "while", "when", "whom", "which", "who", "that", "because",
                                                  "after", "before", "where", "although", "though", "whereas"]

    /// Words before a plural noun that rule out a verb after them ("the tweets", "Trump's claims",
    /// "late-night tweets").
    static let nounMarkers: Set<String> = ["the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "these", "those",
                                           "'s", "’s", "of", "recent", "latest", "new", "many", "several", "some", "two", "three", "such"]

    /// A speech verb in -s used as a plural noun ("Trump's flurry of late-night tweets", "news reports
    /// say"): a determiner, a possessive or a hyphenated modifier comes right before it.
    private func isNounUse(_ index: Int, _ view: DocumentView) -> Bool {
        let token = view.tokens[index]
        guard token.lower.hasSuffix("s"), token.position > 0, index > 0 else { return false }
        let before = view.tokens[index - 1]
        return QuoteFinder.nounMarkers.contains(before.lower) || before.kind == "word" && before.text.contains("-") && before.text.first?.isLowercase == true
    }

    /// A capitalised word inside a sentence is part of a name ("the United States", "Reports Daily"),
    /// not the speech verb it spells.
    private func isNamePart(_ index: Int, _ view: DocumentView) -> Bool {
        let token = view.tokens[index]
        guard token.text.first?.isUppercase == true, token.sentence < view.sentences.count else { return false }
        return view.tokenRange(ofSentence: token.sentence).lowerBound != index
    }

    /// Words that open a phrase before a clause's subject ("In an interview in New York last week, Ms.
    /// Acosta …"): a name after one is not the subject.
    static let clauseOpeners: Set<String> = ["in", "during", "under", "into", "among", "through", "between", "near", "inside", "outside"]

    /// Participles of speech verbs: no subject of their own ("…, saying …").
    static let participles: Set<String> = ["saying", "adding", "noting", "telling", "arguing", "warning", "calling", "writing",
                                           "declaring", "insisting", "explaining", "claiming", "asking", "stating", "suggesting",
                                           "describing", "referring", "urging", "vowing", "promising", "tweeting", "joking"]

    /// Adverbs between a subject and its verb ("she still says", "Morial forcefully told").
    static let adverbs: Set<String> = ["still", "even", "now", "just", "only", "never", "always", "often", "already", "actually",
                                       "simply", "flatly", "also", "first", "last", "later", "since", "then", "ultimately", "eventually"]

    static func isAdverb(_ lower: String) -> Bool {
        adverbs.contains(lower) || lower.count > 4 && lower.hasSuffix("ly") && !["supply", "italy", "family", "rally", "ally", "july", "holly", "kelly", "sally", "billy", "emily", "molly", "lilly", "reilly", "daly", "bradly"].contains(lower)
    }

    /// The speech verb comes right after a quotation's closing mark ("…,” said …").
    private func followsQuotation(_ verb: Int, _ view: DocumentView) -> Bool {
        var k = view.tokens[verb].start
        var steps = 0
        while k > 0, steps < 4 {
            let c = view.scalars[k - 1]
            if c == "”" || c == "\"" || c == "’" || c == "'" { return true }
            if !(c.properties.isWhitespace || c == ",") { return false }
            k -= 1
            steps += 1
        }
        return false
    }

    /// The subject of the clause that holds token `verb`: a name (or a subject pronoun) opening the
    /// sentence, after an introductory phrase closed by a comma ("In an August speech, Trump …",
    /// "After saying …, she …"), with up to three capitalised words or titles before the name ("Rival
    /// Hillary Clinton"). Nil when the sentence does not open that way.
    private func clauseSubject(before verb: Int, _ view: DocumentView, range: Range<Int>,
                               personMentions: [(start: Int, end: Int, entity: Entity)]) -> Resolved? {
        let tokens = view.tokens
        func subject(at start: Int) -> Resolved? {
            var k = start
            var skipped = 0
            while k < range.upperBound, k < verb || QuoteFinder.subjectPronouns.contains(tokens[k].lower) {
                if QuoteFinder.subjectPronouns.contains(tokens[k].lower) {
                    return resolvePronoun(tokens[k], view, personMentions: personMentions)
                }
                if let (entity, _) = mentionByStart[tokens[k].start], ["GPE", "LOC"].contains(entity.type),
                   let comma = (k + 1..<min(range.upperBound, verb)).first(where: { tokens[$0].text == "," }),
                   mentionByEnd[tokens[comma - 1].end] != nil {
                    // "…in Salem, New Hampshire, Trump went": a place closing the opening phrase.
                    k = comma + 1
                    skipped = 0
                    continue
                }
                if let (entity, mention) = mentionByStart[tokens[k].start], ["PERSON", "ORG", "NORP", "GPE"].contains(entity.type) {
                    if entity.type != "PERSON", let person = personBefore(k, view, range: range) { return person }
                    // "House Speaker Paul Ryan", "PolitiFact Executive Director Aaron Sharockman": the
                    // person the organisation's title introduces.
                    if entity.type != "PERSON" {
                        var t = QuoteFinder.countBefore(personMentions, mention.end) { $0.start }
                        while t < personMentions.count, personMentions[t].start < mention.end { t += 1 }
                        if t < personMentions.count, personMentions[t].start < (k + 5 < range.upperBound ? tokens[k + 5].end : Int.max) {
                            let between = tokens[k..<min(range.upperBound, verb)].filter { $0.start >= mention.end && $0.end <= personMentions[t].start }
                            if !between.isEmpty, between.allSatisfy({ $0.isCapitalised && (isPersonTitle($0.lower) || lexicon.roleNouns.contains($0.lower)) }) {
                                let person = personMentions[t]
                                return Resolved(name: person.entity.name, entity: person.entity.id, start: person.start, end: person.end)
                            }
                        }
                    }
                    return Resolved(name: entity.name, entity: entity.id, start: mention.start, end: mention.end)
                }
                // Up to five words, commas or possessives before the name ("Rival Hillary Clinton", "The
                // mayor, Janet Morris,"); a preposition or a speech verb ends the search.
                let lower = tokens[k].lower
                guard skipped < 5, tokens[k].kind == "word" || [",", "'s", "’s"].contains(lower),
                      !QuoteFinder.objectPrepositions.contains(lower), !QuoteFinder.clauseOpeners.contains(lower),
                      !lexicon.speechVerbs.contains(lower) else { return nil }
                skipped += 1
                k += 1
            }
            return nil
        }
        if let found = subject(at: range.lowerBound) { return found }
        // An introductory phrase: the subject follows its comma.
        let opener = tokens[range.lowerBound].lower
        guard QuoteFinder.objectPrepositions.contains(opener) || QuoteFinder.clauseOpeners.contains(opener)
                || ["after", "before", "while", "when", "as", "asked", "speaking", "earlier", "later"].contains(opener) else { return nil }
        // Several phrases may open it ("At a rally in Portsmouth, N.H., on Tuesday, Senator …"): the
        // subject follows one of the first few commas.
        var k = range.lowerBound
        var commas = 0
        while k < verb, commas < 4 {
            if tokens[k].text == "," {
                commas += 1
                if k + 1 < verb, let found = subject(at: k + 1) { return found }
            }
            k += 1
        }
        return nil
    }

    /// The person mention opening the clause that ends before token `k`, across up to three
    /// comma-separated appositions ("Jean-Marc Ayrault, the foreign minister of France, … said"), or nil.
    private func personBefore(_ k: Int, _ view: DocumentView, range: Range<Int>) -> Resolved? {
        let tokens = view.tokens
        var commas = 0
        var m = k - 1
        while m >= range.lowerBound, k - m < 40 {
            let t = tokens[m]
            if t.text == "," { commas += 1; if commas > 3 { return nil } }
            if QuoteFinder.phraseBoundaries.contains(t.lower) && t.text != "," || lexicon.speechVerbs.contains(t.lower) { return nil }
            if let (entity, mention) = mentionByStart[t.start], entity.type == "PERSON", commas > 0 {
                return Resolved(name: entity.name, entity: entity.id, start: mention.start, end: mention.end)
            }
            m -= 1
        }
        return nil
    }

    /// A name followed by 's ("Bob Dole's 1996 campaign") is rarely what a following "he said" stands for.
    private func isPossessive(_ end: Int, _ view: DocumentView) -> Bool {
        end + 1 < view.scalars.count && (view.scalars[end] == "'" || view.scalars[end] == "’") && view.scalars[end + 1] == "s"
    }

    /// Prepositions whose object is rarely what a following "he said" stands for.
    static let objectPrepositions: Set<String> = ["to", "with", "against", "for", "about", "by", "of", "at", "toward", "towards", "from", "on", "over", "than"]

    private func isPrepositionObject(_ start: Int, _ view: DocumentView) -> Bool {
        guard let sentence = view.sentence(at: start) else { return false }
        let range = view.tokenRange(ofSentence: sentence)
        guard let index = range.first(where: { view.tokens[$0].start == start }), index > range.lowerBound else { return false }
        var before = index - 1
        // Skip a title between the preposition and the name ("to Mr. Trump", "with Sen. Cruz").
        if before > range.lowerBound, lexicon.personTitles.contains(view.tokens[before].lower)
            || lexicon.personTitles.contains(String(view.tokens[before].lower.dropLast())) { before -= 1 }
        return QuoteFinder.objectPrepositions.contains(view.tokens[before].lower)
    }

    /// Where a sentence's subject can start: its first four tokens, or, after an opening subordinate
    /// clause or prepositional phrase closed by a comma ("In an interview with Rusty Humphries, Ham made
    /// it clear …", "While Obama had …, that has not …"), the four tokens after that comma.
    func openingStarts(ofSentence sentence: Int, _ view: DocumentView) -> Set<Int> {
        let range = view.tokenRange(ofSentence: sentence)
        guard let first = range.first else { return [] }
        let opener = view.tokens[first].lower
        guard QuoteFinder.subordinators.contains(opener) || QuoteFinder.clauseOpeners.contains(opener) || QuoteFinder.introPrepositions.contains(opener) else {
            return Set(range.prefix(4).map { view.tokens[$0].start })
        }
        guard let comma = range.first(where: { view.tokens[$0].text == "," }), comma + 1 < range.upperBound else { return [] }
        return Set(range[(comma + 1)...].prefix(4).map { view.tokens[$0].start })
    }

    static let subordinators: Set<String> = ["while", "although", "though", "when", "if", "as", "because", "since", "after", "before",
                                             "once", "unless", "whereas", "whether", "until"]
    static let introPrepositions: Set<String> = ["at", "on", "with", "for", "from", "by", "despite", "according", "like", "unlike", "over", "without"]

    /// A pronoun stands for the person mentioned last before it (within a few sentences).
    func resolvePronoun(_ token: WordToken, _ view: DocumentView, personMentions: [(start: Int, end: Int, entity: Entity)]) -> Resolved {
        let window = max(0, token.sentence - settings.pronounWindowSentences)
        let earliest = view.sentences[window].start
        // he/she agree in gender with the person (a title or a given name says which); an unknown
        // gender agrees with either.
        let wanted = lexicon.pronouns[token.lower]
        func agrees(_ entity: Entity) -> Bool {
            guard let wanted, wanted == "male" || wanted == "female", let known = genders[entity.id] else { return true }
            return known == wanted
        }
        // Binary search for the mentions (and named speakers) before the pronoun, then back through the
        // window only: linear in the window, not in the document.
        let low = QuoteFinder.countBefore(personMentions, token.start) { $0.start }
        let speakersBefore = QuoteFinder.countBefore(namedSpeakers, token.start) { $0.start }
        // The person opening the pronoun's own sentence is its referent before any nearer one ("Clinton,
        // the former secretary, stressed her support of the raid that killed bin Laden and said she …").
        if token.sentence < view.sentences.count {
            let opening = openingStarts(ofSentence: token.sentence, view)
            var m = low - 1
            while m >= 0, personMentions[m].start >= view.sentences[token.sentence].start {
                if opening.contains(personMentions[m].start), agrees(personMentions[m].entity), !isQuoted(personMentions[m].start) {
                    return Resolved(name: personMentions[m].entity.name, entity: personMentions[m].entity.id, start: token.start, end: token.end)
                }
                m -= 1
            }
        }
        // Then sentence by sentence backwards: the speaker its speech verb names, else the person opening
        // it (the subject of the sentence before is what a pronoun most often continues).
        var sentence = token.sentence - 1
        var speakerIndex = speakersBefore - 1
        var mentionIndex = low - 1
        while sentence >= window, sentence >= 0 {
            let sentenceStart = view.sentences[sentence].start, sentenceEnd = view.sentences[sentence].end
            while speakerIndex >= 0, namedSpeakers[speakerIndex].start >= sentenceEnd { speakerIndex -= 1 }
            var s = speakerIndex
            while s >= 0, namedSpeakers[s].start >= sentenceStart {
                let speaker = namedSpeakers[s].resolved
                if speakerAgrees(speaker, wanted: wanted) {
                    return Resolved(name: speaker.name, entity: speaker.entity, start: token.start, end: token.end)
                }
                s -= 1
            }
            let opening = openingStarts(ofSentence: sentence, view)
            while mentionIndex >= 0, personMentions[mentionIndex].start >= sentenceEnd { mentionIndex -= 1 }
            var m = mentionIndex
            while m >= 0, personMentions[m].start >= sentenceStart {
                let candidate = personMentions[m]
                if opening.contains(candidate.start), agrees(candidate.entity), !isQuoted(candidate.start) {
                    return Resolved(name: candidate.entity.name, entity: candidate.entity.id, start: token.start, end: token.end)
                }
                m -= 1
            }
            sentence -= 1
        }
        // A person named as the object of a preposition ("met with Trump", "a letter to Clinton") is
        // passed over for one named as a subject; the nearest agreeing person is the fallback.
        var k = low - 1
        var fallback: (start: Int, end: Int, entity: Entity)? = nil
        var chosen: (start: Int, end: Int, entity: Entity)? = nil
        while k >= 0, personMentions[k].start >= earliest {
            let candidate = personMentions[k]
            if isQuoted(candidate.start) { k -= 1; continue }
            if agrees(candidate.entity) {
                if !isPrepositionObject(candidate.start, view) && !isPossessive(candidate.end, view) {
                    chosen = candidate
                    break
                }
                if fallback == nil { fallback = candidate }
            }
            k -= 1
        }
        // The latest named speaker, when no person who could be the referent is named after it.
        let m = speakersBefore - 1
        if m >= 0, namedSpeakers[m].start >= earliest, namedSpeakers[m].start >= (chosen?.start ?? fallback?.start ?? -1) {
            let speaker = namedSpeakers[m].resolved
            if speakerAgrees(speaker, wanted: wanted) {
                return Resolved(name: speaker.name, entity: speaker.entity, start: token.start, end: token.end)
            }
        }
        if let last = chosen ?? fallback {
            return Resolved(name: last.entity.name, entity: last.entity.id, start: token.start, end: token.end)
        }
        return Resolved(name: token.text, entity: nil, start: token.start, end: token.end)
    }

    // MARK: Reported speech

    /// Reported speech without quotation marks: "Kharrazi noted that …", "Iran vowed on Tuesday to …"
    /// (the words after the verb), "The talks had failed, the minister said." (the words before the
    /// speaker), and "…, according to the ministry." (the sentence without the phrase).
    func indirect(_ view: DocumentView, inside: [Bool], entityAt: [Int: Entity], personMentions: [(start: Int, end: Int, entity: Entity)]) -> [Quote] {
        var result: [Quote] = []
        let tokens = view.tokens
        let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        func add(_ from: Int, _ to: Int, cue: String, speaker: Resolved) {
            var from = from, to = to
            while from < to, tokens[from].kind == "punct" { from += 1 }
            while to > from, tokens[to].kind == "punct" { to -= 1 }
            guard to > from, to - from + 1 > settings.minQuoteWords else { return }
            let start = tokens[from].start, end = tokens[to].end
            // Words a quotation already gives (mixed speech) are not stated twice.
            if (start..<end).contains(where: { inside[$0] }) { return }
            result.append(Quote(start: start, end: end, spans: [Span(start: start, end: end)], text: view.text(start, end),
                                kind: "indirect", cue: cue,
                                speaker: Speaker(name: speaker.name, entity: speaker.entity, start: speaker.start, end: speaker.end), via: nil))
        }
        for sentenceIndex in view.sentences.indices where !view.isHeading(sentence: sentenceIndex) {
            let range = view.tokenRange(ofSentence: sentenceIndex)
            if range.isEmpty { continue }
            var found = false
            for verb in range where isSpeechVerb(verb, range, view) {
                guard let speaker = subject(of: verb, view, range: range, entityAt: entityAt, personMentions: personMentions),
                      let speakerStart = speaker.start,
                      !speaker.name.contains(where: { $0.isNumber }) else { continue }
                let speakerFirst = range.first(where: { tokens[$0].end > speakerStart }) ?? verb
                if speakerStart > tokens[verb].start {
                    // "…, said the minister": the words before the verb.
                    add(range.lowerBound, verb - 1, cue: tokens[verb].lower, speaker: speaker)
                } else if speakerFirst > range.lowerBound + 2, tokens[speakerFirst - 1].text == "," {
                    // "The talks had failed, the minister said." — unless words follow the verb.
                    let after = range.upperBound - 1 - verb
                    if after < settings.minQuoteWords {
                        add(range.lowerBound, speakerFirst - 2, cue: tokens[verb].lower, speaker: speaker)
                    } else {
                        add(verb + 1, range.upperBound - 1, cue: tokens[verb].lower, speaker: speaker)
                    }
                } else {
                    var from = verb + 1
                    while from < range.upperBound, ["that", "on", "in", "at", "late", "earlier", "last", "this", "week", "month"].contains(tokens[from].lower)
                            || tokens[from].kind == "number" || weekdays.contains(tokens[from].lower) { from += 1 }
                    add(from, range.upperBound - 1, cue: tokens[verb].lower, speaker: speaker)
                }
                found = true
                break
            }
            if found { continue }
            // "…, according to the ministry" / "According to the ministry, …".
            if let according = range.first(where: { tokens[$0].lower == "according" }), according + 2 < range.upperBound, tokens[according + 1].lower == "to" {
                var k = according + 2
                while k < range.upperBound, tokens[k].text != ",", tokens[k].text != ".", tokens[k].text != ";" { k += 1 }
                guard k > according + 2 else { continue }
                let source = Resolved(name: view.text(tokens[according + 2].start, tokens[k - 1].end),
                                      entity: entityAt[tokens[according + 2].start]?.id ?? mentionByStart[tokens[according + 2].start]?.0.id,
                                      start: tokens[according + 2].start, end: tokens[k - 1].end)
                if according == range.lowerBound {
                    add(k + 1, range.upperBound - 1, cue: "according to", speaker: source)
                } else {
                    add(range.lowerBound, according - 1, cue: "according to", speaker: source)
                }
            }
        }
        return result
    }

    /// A speech verb of the text (not the first word, not part of a name).
    private func isSpeechVerb(_ index: Int, _ range: Range<Int>, _ view: DocumentView) -> Bool {
        let lower = view.tokens[index].lower
        return index > range.lowerBound && (lexicon.speechVerbs.contains(lower) || lexicon.attributionVerbs.contains(lower)) && !isNamePart(index, view)
            && !isPassive(index, range, view)
    }

    /// "he was asked to take charge", "she was told that…": the subject of a passive verb of
    /// addressing is who was spoken to; the speaker is not in the clause. ("X was quoted as saying" keeps
    /// its speaker: only verbs whose object is the listener count.)
    private func isPassive(_ index: Int, _ range: Range<Int>, _ view: DocumentView) -> Bool {
        let tokens = view.tokens
        guard QuoteFinder.addressingVerbs.contains(tokens[index].lower) else { return false }
        var previous = index - 1
        while previous > range.lowerBound, QuoteFinder.passiveAdverbs.contains(tokens[previous].lower) { previous -= 1 }
        return previous >= range.lowerBound && QuoteFinder.beForms.contains(tokens[previous].lower)
    }

    static let beForms: Set<String> = ["is", "are", "was", "were", "be", "been", "being"]
    static let addressingVerbs: Set<String> = ["asked", "told", "urged", "ordered", "warned", "advised", "instructed", "informed",
                                               "reminded", "invited", "encouraged", "pressed", "begged", "called", "questioned"]
    static let passiveAdverbs: Set<String> = ["also", "reportedly", "repeatedly", "later", "then", "previously", "not", "never", "often",
                                              "widely", "publicly", "privately", "officially", "formally", "first", "recently", "once"]
}

import Foundation
import NewsmillCore

/// Settings of the summarize stage: summary length and the weights of the sentence score.
public struct SummarizeSettings: Codable, Sendable {
    /// Sentences in a summary (when --words is not given).
    public var sentences = 3
    /// Word budget, used instead of `sentences` when above zero.
    public var words = 0
    /// Sentences shorter than this (in words) are not summary material.
    public var minSentenceWords = 6
    /// Weight of the position score (the lead of a news story carries its point; measured with
    /// `make eval-summaries`, a strong lead weight is what keeps summaries at or above Lead-3) …
    public var positionWeight = 5.0
    /// … which halves every this many sentences.
    public var positionHalfLife = 6.0
    /// Weight of centrality (similarity to the whole document's word distribution).
    public var centralityWeight = 3.0
    /// Weight of the sentence's length, as its share of `lengthCapWords` (negative: of two sentences
    /// that say as much, the shorter one leaves room for more; measured with `make eval-summaries`) …
    public var lengthWeight = -4.0
    /// … counting words up to this many.
    public var lengthCapWords = 60
    /// Weight of the headline's words in a sentence (the share of them it has).
    public var headlineWeight = 2.0
    /// Weight of mentions of the document's main entities.
    public var entityWeight = 0.5
    /// Extra for a sentence with an attributed quotation of a named speaker.
    public var quoteWeight = 0.2
    /// Extra for a sentence that opens its paragraph, where the text has more than one (a paragraph's
    /// first sentence states its point; the ones after it explain, quote or go on; measured with
    /// `make eval-summaries`: the CNN Corpus gains about 0.3 on each ROUGE, and the CNN/DailyMail
    /// sample, whose texts come as one paragraph, is as it was).
    public var paragraphStartWeight = 2.0
    /// Weight of a picture caption's cue in a sentence ("pictured", "(left)", "(above)"): text taken
    /// from a page without its markup runs captions into the story's sentences (measured with `make
    /// eval-summaries`: the CNN/DailyMail sample gains 0.17 on ROUGE-1 and -Lsum and 0.05 on ROUGE-2,
    /// the CNN Corpus 0.01–0.02; -1 to -4 are alike).
    public var captionCueWeight = -2.0
    /// Weight of a question (a sentence ending in "?"): a summary says what happened, not what the
    /// article asks (measured with `make eval-summaries`: the CNN Corpus gains about 0.2 on each ROUGE,
    /// CNN/DailyMail is about the same; alike from -4 down).
    public var questionWeight = -4.0
    /// Extra, while choosing, for each of the story's main people a sentence names and the summary
    /// does not yet (a summary says who) …
    public var uncoveredPersonWeight = 0.5
    /// … counting this many people, ranked as the digest ranks its actors (mentions, quotations, roles).
    public var mainPeople = 2
    /// What a quotation loses when it comes back as a candidate because the sentence that names its
    /// speaker was chosen: that sentence mostly says what the quotation says, where the summary could
    /// say another point (measured with `make eval-summaries`: the two sets are the same from 0 to 2;
    /// at 2 the seed article's summary keeps the commander's threat over Kharrazi's own words) …
    public var quotationReturnPenalty = 2.0
    /// … and what a sentence that opens with a word needing the sentence before ("But", "It", "He")
    /// loses when it comes back: nothing, since it goes on to a new point (measured: at 2 the CNN/DM
    /// sample lost 0.3 on each ROUGE).
    public var openerReturnPenalty = 0.0
    /// Two sentences are redundant when at least this share of the shorter one's content words (stop
    /// words aside) are in the other: a standfirst and the lede that restates it.
    public var maxOverlap = 0.5
    /// Actors, statements and numbers listed in the digest.
    public var digestActors = 6
    public var digestStatements = 6
    public var digestNumbers = 5
    public init() {}
}

/// The summarize stage: an extractive summary that reads well, and a digest (who, what, where, when,
/// who said what, the numbers).
public struct Summarizer: Sendable {
    public var settings: SummarizeSettings
    /// Called with each decision (every candidate's score and its parts, why a sentence was passed
    /// over, what was chosen) when set: `newsmill-summarize --verbose`.
    public var trace: (@Sendable (String) -> Void)?

    public init(settings: SummarizeSettings) { self.settings = settings }

    public static func load(settingsFile: String?) throws -> Summarizer {
        Summarizer(settings: try Settings.load(SummarizeSettings(), from: settingsFile))
    }

    static let stopWords: Set<String> = [
        "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "by", "with", "from", "as", "is", "are",
        "was", "were", "be", "been", "has", "have", "had", "it", "its", "that", "this", "these", "those", "he", "she", "they",
        "his", "her", "their", "we", "our", "you", "i", "not", "said", "says", "will", "would", "could", "can", "also", "which",
        "who", "what", "when", "where", "than", "then", "there", "if", "into", "about", "after", "over", "more", "s", "t",
    ]
    /// Words that need the sentence before them.
    static let dependentOpeners: Set<String> = [
        "he", "she", "they", "it", "his", "her", "their", "its", "this", "these", "those", "that", "but", "and", "however",
        "also", "meanwhile", "still", "yet", "so", "then", "there", "such", "him", "them",
    ]

    static let personalOpeners: Set<String> = ["he", "she", "his", "her", "him"]

    /// The index of the sentence that holds the span from `start` to `end` whole, if one does (the
    /// sentences are in text order and do not overlap).
    static func sentence(holding start: Int, _ end: Int, in sentences: [Sentence]) -> Int? {
        var low = 0, high = sentences.count
        while low < high {
            let mid = (low + high) / 2
            if sentences[mid].start <= start { low = mid + 1 } else { high = mid }
        }
        // The last sentence starting at or before `start`, and those before it that start there too.
        var index = low - 1
        while index >= 0, sentences[index].start <= start {
            if end <= sentences[index].end { return index }
            if index > 0, sentences[index - 1].start == sentences[index].start { index -= 1 } else { break }
        }
        return nil
    }

    func mentionsPerson(_ document: ExtractDocument, _ sentence: Sentence) -> Bool {
        document.entities.contains { $0.type == "PERSON" && $0.mentions.contains { $0.start >= sentence.start && $0.end <= sentence.end } }
    }

    /// A scalar that grapheme clusters break around (Unicode's Control: C0 and C1 controls, line and
    /// paragraph separators, format characters other than the joiners).
    static func isGraphemeControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return true }
        if value < 0xA0 { return false }
        if value == 0x200C || value == 0x200D { return false }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .control: return true
        default: return false
        }
    }

    /// The lower-cased words of a text: runs of characters that are letters or numbers, as
    /// `text.lowercased().split { !$0.isLetter && !$0.isNumber }` gives them (a character is a letter or
    /// a number by its first scalar; the marks that extend it stay with it), scalar by scalar: ASCII
    /// without a look at Unicode's tables.
    static func words(_ text: Substring) -> [String] {
        var result: [String] = []
        // The current word's UTF-8 bytes.
        var current: [UInt8] = []
        current.reserveCapacity(32)
        var inWord = false
        // A mark extends the character before it, unless there is none or it is a control (a line
        // break, a tab): then the mark is a character of its own.
        var extendable = false
        func flush() {
            if !current.isEmpty { result.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
            inWord = false
        }
        func appendLowercased(_ properties: Unicode.Scalar.Properties) {
            for scalar in properties.lowercaseMapping.unicodeScalars { UTF8.encode(scalar) { current.append($0) } }
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            defer { extendable = !Summarizer.isGraphemeControl(scalar) }
            if value < 0x80 {
                if value >= 0x41 && value <= 0x5A {
                    current.append(UInt8(value + 32))
                    inWord = true
                } else if (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) {
                    current.append(UInt8(value))
                    inWord = true
                } else {
                    flush()
                }
                continue
            }
            let properties = scalar.properties
            // A mark or joiner extends the character before it: a word's, or a separator's.
            if extendable, properties.isGraphemeExtend || properties.generalCategory == .spacingMark || value == 0x200D {
                if inWord { appendLowercased(properties) }
                continue
            }
            if properties.isAlphabetic || properties.numericType != nil {
                appendLowercased(properties)
                inWord = true
            } else {
                flush()
            }
        }
        flush()
        return result
    }

    public func summarize(_ document: ExtractDocument, sentences wanted: Int? = nil, words budget: Int? = nil) -> SummaryDocument {
        let slicer = ScalarSlicer(document.text)
        func text(_ s: Sentence) -> String { slicer.text(s.start, s.end) }
        let digest = self.digest(document, text: text)
        let keyphrases = document.keyphrases.map(\.phrase)

        // Candidates: body sentences of some length.
        let body = document.sentences.indices.filter { index in
            let s = document.sentences[index]
            let type = s.paragraph < document.paragraphs.count ? document.paragraphs[s.paragraph].type : "paragraph"
            return type != "heading" && type != "caption" && type != "table"
        }
        let sentenceWords = document.sentences.map { Summarizer.words(Substring(text($0))) }
        let candidates = body.filter { sentenceWords[$0].count >= settings.minSentenceWords }
        guard !candidates.isEmpty else {
            let reason = document.sentences.isEmpty ? "the document has no sentences" : "no sentence of at least \(settings.minSentenceWords) words"
            return SummaryDocument(header: document.header, summary: "", sentences: [], digest: digest, keyphrases: keyphrases, emptyReason: reason)
        }

        // Words as numbers: each distinct word of the document once, and whether it is a stop word.
        var vocabulary: [String: Int] = [:]
        var isStop: [Bool] = []
        let sentenceIDs: [[Int]] = sentenceWords.map { words in
            words.map { word in
                if let id = vocabulary[word] { return id }
                vocabulary[word] = isStop.count
                isStop.append(Summarizer.stopWords.contains(word))
                return isStop.count - 1
            }
        }
        // Centrality: cosine of the sentence's content words with the document's (counts are whole
        // numbers, so the sums are exact in any order).
        var documentFrequency = [Double](repeating: 0, count: isStop.count)
        for index in body { for id in sentenceIDs[index] where !isStop[id] { documentFrequency[id] += 1 } }
        let documentNorm = sqrt(documentFrequency.reduce(0) { $0 + $1 * $1 })
        let headline = Set(Summarizer.words(Substring(document.header.title ?? "")).filter { !Summarizer.stopWords.contains($0) })
        let headlineIDs = Set(headline.compactMap { vocabulary[$0] })
        var counts = [Double](repeating: 0, count: isStop.count)
        var seen: [Int] = []
        // Main entities: the most mentioned ones.
        let salient = document.entities.filter { $0.type != "MISC" }.sorted { $0.mentions.count > $1.mentions.count }.prefix(5)
        // Each sentence's sum of its main-entity mentions' weights, added in the order of the entities
        // and their mentions; the sentences with an attributed quotation of a named speaker.
        let maxMentions = Double(salient.first?.mentions.count ?? 1)
        var salientWeight = [Double](repeating: 0, count: document.sentences.count)
        for entity in salient {
            for mention in entity.mentions {
                if let index = Summarizer.sentence(holding: mention.start, mention.end, in: document.sentences) {
                    salientWeight[index] += Double(entity.mentions.count) / maxMentions
                }
            }
        }
        var quotedSentences = Set<Int>()
        for quote in document.quotes where quote.kind == "direct" && quote.speaker?.entity != nil {
            if let index = Summarizer.sentence(holding: quote.start, quote.end, in: document.sentences) { quotedSentences.insert(index) }
        }

        // A caption's cue: the word "pictured", or a position in brackets ("(left)"). The words as
        // numbers, so that a sentence's text is looked at only when it has a position word.
        let picturedID = vocabulary["pictured"]
        let positionIDs = Set(Summarizer.captionPositionWords.compactMap { vocabulary[$0] })
        func hasCaptionCue(_ index: Int) -> Bool {
            if let picturedID, sentenceIDs[index].contains(picturedID) { return true }
            guard !positionIDs.isEmpty, sentenceIDs[index].contains(where: positionIDs.contains) else { return false }
            return Summarizer.hasBracketedPosition(text(document.sentences[index]))
        }
        // Paragraphs say something only where the text has more than one.
        let paragraphed = document.sentences.contains { $0.paragraph != document.sentences[0].paragraph }
        var scores: [Int: Double] = [:]
        for (rank, index) in candidates.enumerated() {
            let sentence = document.sentences[index]
            seen.removeAll(keepingCapacity: true)
            for id in sentenceIDs[index] where !isStop[id] {
                if counts[id] == 0 { seen.append(id) }
                counts[id] += 1
            }
            let dot = seen.reduce(0) { $0 + counts[$1] * documentFrequency[$1] }
            let norm = sqrt(seen.reduce(0) { $0 + counts[$1] * counts[$1] })
            let centrality = norm > 0 && documentNorm > 0 ? dot / (norm * documentNorm) : 0
            let headlineShare = headline.isEmpty ? 0 : Double(seen.filter { headlineIDs.contains($0) }.count) / Double(headline.count)
            for id in seen { counts[id] = 0 }
            let entityScore = min(1, salientWeight[index] / 2)
            let quoted = quotedSentences.contains(index)
            // Score: lead position, centrality, headline words, main entities, an attributed quotation.
            let position = pow(0.5, Double(rank) / settings.positionHalfLife)
            let length = Double(min(sentenceWords[index].count, settings.lengthCapWords)) / Double(max(1, settings.lengthCapWords))
            let opensParagraph = paragraphed && (index == 0 || document.sentences[index - 1].paragraph != sentence.paragraph)
            let opening = opensParagraph ? settings.paragraphStartWeight : 0
            let caption = settings.captionCueWeight != 0 && hasCaptionCue(index) ? settings.captionCueWeight : 0
            let question = settings.questionWeight != 0 && Summarizer.isQuestion(slicer.text(max(sentence.start, sentence.end - 4), sentence.end))
                ? settings.questionWeight : 0
            scores[index] = settings.positionWeight * position + settings.centralityWeight * centrality
                + settings.headlineWeight * headlineShare + settings.entityWeight * entityScore + (quoted ? settings.quoteWeight : 0)
                + settings.lengthWeight * length
                + opening
                + caption
                + question
            if let trace {
                let parts = String(format: "%.3f = position %.2f·%.2f + centrality %.2f·%.2f + headline %.2f·%.2f + entities %.2f·%.2f + quote %.2f + length %.2f·%.2f + opens paragraph %.2f + caption %.2f + question %.2f",
                                   scores[index]!, settings.positionWeight, position, settings.centralityWeight, centrality,
                                   settings.headlineWeight, headlineShare, settings.entityWeight, entityScore, Double(quoted ? settings.quoteWeight : 0),
                                   settings.lengthWeight, length, opening, caption, question)
                trace("\(document.header.id): sentence \(index) scores \(parts)  «\(text(sentence).prefix(60))»")
            }
        }

        // Choose: best first, skipping sentences that need context or repeat a chosen one.
        // A word budget (asked for, or the settings' when no length is asked for) takes as many
        // sentences as fit in it.
        let maxSentences = wanted ?? (budget != nil || settings.words > 0 ? Int.max : settings.sentences)
        let wordBudget = budget ?? (settings.words > 0 ? settings.words : Int.max)
        var chosen: [Int] = []
        var usedWords = 0
        // The main people, and the sentences that name each: a sentence naming one the summary has not
        // named yet gains `uncoveredPersonWeight` for each.
        var peopleIn: [Int: Set<Int>] = [:]
        var peopleCount = 0
        if settings.uncoveredPersonWeight != 0 {
            let quotedCount = Summarizer.quotedCounts(document)
            let people = document.entities.filter { $0.type == "PERSON" }
                .sorted { (Summarizer.actorWeight($0, quotedCount), $1.name) > (Summarizer.actorWeight($1, quotedCount), $0.name) }
                .prefix(settings.mainPeople)
            peopleCount = people.count
            for (number, person) in people.enumerated() {
                for mention in person.mentions where mention.kind != "pronoun" {
                    if let index = Summarizer.sentence(holding: mention.start, mention.end, in: document.sentences) {
                        peopleIn[index, default: []].insert(number)
                    }
                }
            }
        }
        var covered = Set<Int>()
        func effectiveScore(_ index: Int) -> Double {
            guard let people = peopleIn[index] else { return scores[index]! }
            return scores[index]! + settings.uncoveredPersonWeight * Double(people.subtracting(covered).count)
        }
        let ranked: (Int, Int) -> Bool = { (scores[$0]!, -$0) > (scores[$1]!, -$1) }
        var remaining = candidates.sorted(by: ranked)
        var next = 0
        // The candidates that name a main person, and those already taken out of `remaining`: only
        // they can overtake the head of the list with their bonus (a look at a few sentences per
        // choice, not at all the rest: a 100,000-sentence document with a long word budget stays linear).
        let candidateSet = Set(candidates)
        let peopleSentences = peopleIn.keys.filter { candidateSet.contains($0) }.sorted()
        var considered = Set<Int>()
        // Sentences passed over for want of a neighbour, by the neighbour they wait for: when it is
        // chosen they are candidates again, in their place by score less `quotationReturnPenalty` or
        // `openerReturnPenalty`.
        var waiting: [Int: [(sentence: Int, penalty: Double)]] = [:]
        while next < remaining.count {
            if chosen.count >= maxSentences || usedWords >= wordBudget { break }
            if !peopleSentences.isEmpty && covered.count < peopleCount {
                // The best of the rest with the bonus of the people it would add (ties: the higher score).
                var best = remaining[next]
                var bestScore = effectiveScore(best)
                for sentence in peopleSentences where !considered.contains(sentence) {
                    let score = effectiveScore(sentence)
                    if score > bestScore || (score == bestScore && ranked(sentence, best)) { (best, bestScore) = (sentence, score) }
                }
                if best != remaining[next], let position = remaining[next...].firstIndex(of: best) {
                    remaining.remove(at: position)
                    remaining.insert(best, at: next)
                }
            }
            let index = remaining[next]
            next += 1
            considered.insert(index)
            let opener = sentenceWords[index].first ?? ""
            let previousChosen = chosen.contains(index - 1)
            func pass(_ reason: String) { trace?("\(document.header.id): sentence \(index) passed over: \(reason)") }
            func wait(for neighbour: Int, _ reason: String, penalty: Double) {
                waiting[neighbour, default: []].append((index, penalty))
                pass("\(reason) (unless sentence \(neighbour) is chosen)")
            }
            if Summarizer.carriesReaderPrompt(sentenceWords[index]) {
                pass("carries a prompt to the reader (\"Scroll down for video\"), the site's words run into the story's"); continue
            }
            if Summarizer.dependentOpeners.contains(opener) && !previousChosen {
                wait(for: index - 1, "opens with \"\(opener)\", which needs the sentence before", penalty: settings.openerReturnPenalty); continue
            }
            // "He"/"She" needs a person in the sentence before it.
            if Summarizer.personalOpeners.contains(opener) && !mentionsPerson(document, document.sentences[index - 1 < 0 ? index : index - 1]) {
                pass("opens with \"\(opener)\" and the sentence before names no person"); continue
            }
            if danglingQuote(document, document.sentences[index], slicer: slicer) && !previousChosen {
                wait(for: index - 1, "a quotation whose speaker is only a pronoun", penalty: settings.quotationReturnPenalty); continue
            }
            if let following = continuedQuotation(document, index), !chosen.contains(following) {
                wait(for: following, "part of a quotation that goes on in sentence \(following)", penalty: settings.quotationReturnPenalty); continue
            }
            if unattributedQuotation(text(document.sentences[index])) && !previousChosen {
                wait(for: index - 1, "a quotation whose speaker the sentence does not name", penalty: settings.quotationReturnPenalty); continue
            }
            // Redundancy is measured on content words: two sentences that share their names and verbs
            // say the same thing, however their function words differ.
            let set = Set(sentenceIDs[index].filter { !isStop[$0] })
            if let other = chosen.first(where: { other in
                let o = Set(sentenceIDs[other].filter { !isStop[$0] })
                return Double(set.intersection(o).count) / Double(max(1, min(set.count, o.count))) >= settings.maxOverlap
            }) { pass("repeats sentence \(other) (content-word overlap at least \(settings.maxOverlap))"); continue }
            if usedWords + sentenceWords[index].count > wordBudget && !chosen.isEmpty { pass("over the word budget of \(wordBudget)"); continue }
            trace?("\(document.header.id): sentence \(index) chosen (score \(String(format: "%.3f", scores[index]!)))")
            chosen.append(index)
            covered.formUnion(peopleIn[index] ?? [])
            usedWords += sentenceWords[index].count
            // The sentences that waited for this one go back among the rest, in their place.
            for (sentence, penalty) in waiting.removeValue(forKey: index) ?? [] {
                scores[sentence]! -= penalty
                let place = remaining[next...].firstIndex { ranked(sentence, $0) } ?? remaining.endIndex
                remaining.insert(sentence, at: place)
                considered.remove(sentence)
            }
        }
        chosen.sort()
        let summary = chosen.map { text(document.sentences[$0]) }.joined(separator: " ")
        return SummaryDocument(header: document.header, summary: summary, sentences: chosen, digest: digest, keyphrases: keyphrases,
                               emptyReason: chosen.isEmpty ? "no sentence could stand alone" : nil)
    }

    /// Whether a sentence (or its last few characters) ends with a question mark, before any closing
    /// quotation marks.
    static func isQuestion(_ ending: String) -> Bool {
        ending.unicodeScalars.reversed().first { !$0.properties.isWhitespace && !Summarizer.closingQuotes.contains($0) } == "?"
    }

    /// Whether a text has a picture's position in brackets ("(left)", "(Above)"), as a caption has.
    static func hasBracketedPosition(_ text: String) -> Bool {
        guard text.contains("(") else { return false }
        let lowered = text.lowercased()
        return captionPositions.contains { lowered.contains($0) }
    }
    /// The words of `captionPositions`.
    static let captionPositionWords = ["left", "right", "above", "below", "centre", "center", "top", "bottom", "inset"]
    static let captionPositions = ["(left)", "(right)", "(above)", "(below)", "(centre)", "(center)", "(top)", "(bottom)", "(inset)",
                                   "(top left)", "(top right)", "(bottom left)", "(bottom right)", "(second left)", "(second right)"]

    /// Whether a sentence's words hold a page's prompt to its reader ("Scroll down for video"): in text
    /// taken from a page without its markup, the prompt and the picture caption after it run into the
    /// sentence they sat between.
    static func carriesReaderPrompt(_ words: [String]) -> Bool {
        guard words.count >= 4 else { return false }
        for start in 0...(words.count - 4) where words[start] == "scroll" && words[start + 1] == "down"
            && words[start + 2] == "for" && (words[start + 3] == "video" || words[start + 3] == "videos") {
            return true
        }
        return false
    }

    /// A quotation whose only speaker is a pronoun ("…," he added) means nothing without the sentence before.
    /// A pronoun whose person the same sentence names before it ("Gary Locke … after he was asked …")
    /// needs nothing before the sentence.
    func danglingQuote(_ document: ExtractDocument, _ sentence: Sentence, slicer: ScalarSlicer) -> Bool {
        for quote in document.quotes where quote.start >= sentence.start && quote.start < sentence.end {
            guard let speaker = quote.speaker, let start = speaker.start, let end = speaker.end else { continue }
            if start >= sentence.start && end <= sentence.end {
                let surface = slicer.text(start, end).lowercased()
                guard Summarizer.speakerPronouns.contains(surface) else { continue }
                let namedBefore = speaker.entity.flatMap { id in document.entities.first { $0.id == id } }?.mentions.contains { mention in
                    mention.kind != "pronoun" && mention.start >= sentence.start && mention.end <= start
                } ?? false
                if !namedBefore { return true }
            }
        }
        return false
    }

    static let speakerPronouns: Set<String> = ["he", "she", "they", "him", "her"]

    /// Quotations per speaking entity.
    static func quotedCounts(_ document: ExtractDocument) -> [String: Int] {
        var counts: [String: Int] = [:]
        for quote in document.quotes { if let id = quote.speaker?.entity { counts[id, default: 0] += 1 } }
        return counts
    }

    /// How much an entity is one of the story's actors: its mentions, two for each quotation, two for a role.
    static func actorWeight(_ entity: Entity, _ quotedCount: [String: Int]) -> Int {
        entity.mentions.count + 2 * (quotedCount[entity.id] ?? 0) + (entity.roles.isEmpty ? 0 : 2)
    }

    /// A sentence that is all quotation, from its opening quotation mark to its closing one: it names
    /// no speaker (who is named in another sentence, or nowhere).
    func unattributedQuotation(_ sentence: String) -> Bool {
        let trimmed = sentence.unicodeScalars.reversed().drop { $0.properties.isWhitespace }
        guard let first = sentence.unicodeScalars.first, Summarizer.openingQuotes.contains(first),
              let last = trimmed.first, Summarizer.closingQuotes.contains(last) else { return false }
        return true
    }

    static let openingQuotes: Set<Unicode.Scalar> = ["\"", "\u{201C}", "\u{2018}", "\u{00AB}", "\u{201E}", "'"]
    static let closingQuotes: Set<Unicode.Scalar> = ["\"", "\u{201D}", "\u{2019}", "\u{00BB}", "\u{201C}", "'"]

    /// The next sentence, when a direct quotation that starts in this one goes on into it: its speaker
    /// is named after the quotation, so this sentence alone would be a quotation from nobody.
    func continuedQuotation(_ document: ExtractDocument, _ index: Int) -> Int? {
        let sentence = document.sentences[index]
        guard index + 1 < document.sentences.count else { return nil }
        for quote in document.quotes where quote.kind == "direct" && quote.start < sentence.end && quote.end > sentence.end {
            return index + 1
        }
        return nil
    }

    /// Who, what, where, when, who said what, and the numbers.
    func digest(_ document: ExtractDocument, text: (Sentence) -> String) -> Digest {
        // Main actors: mentions, plus weight for being quoted and for having a role.
        let quotedCount = Summarizer.quotedCounts(document)
        func weight(_ entity: Entity) -> Int { Summarizer.actorWeight(entity, quotedCount) }
        let actors = document.entities.filter { ["PERSON", "ORG", "NORP", "GPE"].contains($0.type) }
            .sorted { (weight($0), $1.name) > (weight($1), $0.name) }
            .prefix(settings.digestActors)
            .map { DigestActor(name: $0.name, type: $0.type, roles: $0.roles, mentions: $0.mentions.count) }
        let firstBody = document.sentences.first { s in
            s.paragraph < document.paragraphs.count && document.paragraphs[s.paragraph].type == "paragraph"
        }
        let place = document.entities.filter { $0.type == "GPE" || $0.type == "LOC" }
            .max { ($0.mentions.count, $1.mentions.first?.start ?? 0) < ($1.mentions.count, $0.mentions.first?.start ?? 0) }
        // When: the publication date, else the first fully resolved date of the text.
        let when = document.header.published ?? document.dates.first { date in
            date.type == "DATE" && date.value.map { !$0.contains("X") && $0.first?.isNumber == true } == true
        }?.value
        let statements = document.quotes.filter { $0.kind == "direct" && $0.speaker != nil }.prefix(settings.digestStatements)
            .map { DigestStatement(speaker: $0.speaker!.name, quote: $0.text, start: $0.start, end: $0.end) }
        let numbers = document.quantities.filter { $0.kind != "ordinal" && ($0.counts != nil || $0.unit != nil) }
            .prefix(settings.digestNumbers).map { q in q.counts.map { "\(q.text) \($0)" } ?? q.text }
        return Digest(who: Array(actors), what: firstBody.map(text), whereName: place?.name, when: when,
                      statements: Array(statements), numbers: Array(numbers))
    }

    /// The stage's transform: an extract document's JSON in, a summary's JSON out.
    public func transform(_ input: StageInput, sentences: Int?, words: Int?) throws -> Data {
        // The fast reader first; Foundation's decoder for anything it does not take (and its messages).
        let document = try ExtractDocument.fastDecode(input.data) ?? JSONFiles.decode(ExtractDocument.self, from: input.data, file: input.path)
        guard document.schema == Schema.extracted else {
            throw DocumentError(.invalidInput, "\(input.path) is a \(document.schema) file; newsmill-summarize reads \(Schema.extracted) files (the output of newsmill-extract)")
        }
        try document.checkOffsets(file: input.path)
        return summarize(document, sentences: sentences, words: words).prettyJSON()
    }
}

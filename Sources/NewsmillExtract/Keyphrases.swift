import Foundation
import NewsmillCore

/// Keyphrases in the manner of YAKE/RAKE: candidate phrases are runs of content words within a
/// sentence (no function word, number or punctuation inside); each is scored by how often it occurs,
/// how early it first appears, and its length; phrases inside a better one are dropped.
struct KeyphraseExtractor {
    let settings: ExtractSettings
    let lexicon: ExtractLexicon

    static let extraStopWords: Set<String> = [
        "said", "says", "say", "told", "added", "according", "also", "would", "could", "year", "years", "time", "people",
        "mr", "ms", "mrs", "dr", "one", "two", "new", "first", "last", "week", "day", "days", "like", "just", "made", "make",
        "including", "around", "many", "much", "well", "may", "percent", "cent", "per", "s", "t", "n't", "'s", "’s", "re", "ve",
    ]

    func extract(_ view: DocumentView) -> [Keyphrase] {
        struct Candidate { var text: String; var count: Int; var first: Int; var words: Int }
        var candidates: [String: Candidate] = [:]
        let tokens = view.tokens
        let total = max(1, tokens.count)
        for sentence in view.sentences.indices {
            var run: [WordToken] = []
            func flush() {
                defer { run = [] }
                guard !run.isEmpty else { return }
                // Every sub-run up to the length limit is a candidate.
                for length in 1...min(settings.maxKeyphraseWords, run.count) {
                    for from in 0...(run.count - length) {
                        var key = run[from].lower
                        for k in (from + 1)..<(from + length) {
                            key += " "
                            key += run[k].lower
                        }
                        // At least three characters (counted only as far as three).
                        var characters = 0
                        for _ in key {
                            characters += 1
                            if characters == 3 { break }
                        }
                        if characters < 3 { continue }
                        if let index = candidates.index(forKey: key) {
                            candidates.values[index].count += 1
                        } else {
                            let surface = run[from..<(from + length)].map(\.text).joined(separator: " ")
                            candidates[key] = Candidate(text: surface, count: 1, first: run[from].start, words: length)
                        }
                    }
                }
            }
            for index in view.tokenRange(ofSentence: sentence) {
                let token = tokens[index]
                let stop = FunctionWords.all.contains(token.lower) || KeyphraseExtractor.extraStopWords.contains(token.lower)
                    || lexicon.speechVerbs.contains(token.lower) || lexicon.pronouns[token.lower] != nil
                if token.kind == "word" && !stop && token.text.count > 1 {
                    run.append(token)
                } else {
                    flush()
                }
            }
            flush()
        }
        let length = max(1, view.scalars.count)
        var scored: [(Candidate, Double)] = candidates.values.compactMap { candidate in
            // Frequency, dampened; earlier phrases weigh more; multiword phrases that recur are favoured.
            let position = 1.0 - 0.5 * Double(candidate.first) / Double(length)
            let frequency = log(1.0 + Double(candidate.count))
            let lengthBonus = candidate.words > 1 ? (candidate.count > 1 ? 1.5 : 0.9) : 1.0
            let score = frequency * position * lengthBonus
            return candidate.count >= 1 ? (candidate, score) : nil
        }
        _ = total
        scored.sort { ($0.1, $1.0.text) > ($1.1, $0.0.text) }
        var chosen: [Keyphrase] = []
        var chosenKeys: [String] = []
        for (candidate, score) in scored {
            let key = candidate.text.lowercased()
            if chosenKeys.contains(where: { $0.contains(key) || key.contains($0) }) { continue }
            chosen.append(Keyphrase(phrase: candidate.text, score: (score * 1000).rounded() / 1000))
            chosenKeys.append(key)
            if chosen.count >= settings.keyphrases { break }
        }
        return chosen
    }
}

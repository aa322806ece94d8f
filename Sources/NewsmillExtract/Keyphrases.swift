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
        let tokens = view.tokens
        // Each distinct lower-cased word once, as a number, with whether it can be part of a phrase.
        var wordIDs: [String: Int32] = [:]
        var isStop: [Bool] = []
        // The candidates in the order they first occur; a phrase (its words' numbers) → its index in
        // `candidates`, or -1 when it is too short to be one.
        var candidates: [Candidate] = []
        var shortPhrases: [SIMD8<Int32>: Int] = [:]
        var longPhrases: [[Int32]: Int] = [:]
        var runWords: [Int32] = []
        var runTokens: [Int] = []
        func flush() {
            defer {
                runWords.removeAll(keepingCapacity: true)
                runTokens.removeAll(keepingCapacity: true)
            }
            guard !runWords.isEmpty else { return }
            // Every sub-run up to the length limit is a candidate.
            for length in 1...min(settings.maxKeyphraseWords, runWords.count) {
                for from in 0...(runWords.count - length) {
                    var shortKey = SIMD8<Int32>(repeating: -1)
                    if length <= 8 {
                        for k in 0..<length { shortKey[k] = runWords[from + k] }
                        if let index = shortPhrases[shortKey] {
                            if index >= 0 { candidates[index].count += 1 }
                            continue
                        }
                    } else if let index = longPhrases[Array(runWords[from..<(from + length)])] {
                        if index >= 0 { candidates[index].count += 1 }
                        continue
                    }
                    // First seen: at least three characters (counted only as far as three).
                    let words = (from..<(from + length)).map { tokens[runTokens[$0]] }
                    var characters = 0
                    for _ in words.map(\.lower).joined(separator: " ") {
                        characters += 1
                        if characters == 3 { break }
                    }
                    var index = -1
                    if characters == 3 {
                        index = candidates.count
                        candidates.append(Candidate(text: words.map(\.text).joined(separator: " "), count: 1, first: words[0].start, words: length))
                    }
                    if length <= 8 { shortPhrases[shortKey] = index } else { longPhrases[Array(runWords[from..<(from + length)])] = index }
                }
            }
        }
        for sentence in view.sentences.indices {
            for index in view.tokenRange(ofSentence: sentence) {
                let token = tokens[index]
                guard token.kind == "word" else { flush(); continue }
                let id: Int32
                if let known = wordIDs[token.lower] {
                    id = known
                } else {
                    id = Int32(isStop.count)
                    wordIDs[token.lower] = id
                    isStop.append(FunctionWords.all.contains(token.lower) || KeyphraseExtractor.extraStopWords.contains(token.lower)
                        || lexicon.speechVerbs.contains(token.lower) || lexicon.pronouns[token.lower] != nil)
                }
                // At least two characters.
                var characters = 0
                for _ in token.text {
                    characters += 1
                    if characters == 2 { break }
                }
                if !isStop[Int(id)] && characters == 2 {
                    runWords.append(id)
                    runTokens.append(index)
                } else {
                    flush()
                }
            }
            flush()
        }
        let length = max(1, view.scalars.count)
        let scores: [Double] = candidates.map { candidate in
            // Frequency, dampened; earlier phrases weigh more; multiword phrases that recur are favoured.
            let position = 1.0 - 0.5 * Double(candidate.first) / Double(length)
            let frequency = log(1.0 + Double(candidate.count))
            let lengthBonus = candidate.words > 1 ? (candidate.count > 1 ? 1.5 : 0.9) : 1.0
            return frequency * position * lengthBonus
        }
        // Best first; of equal scores, the text first in order.
        let order = candidates.indices.sorted { a, b in
            scores[a] != scores[b] ? scores[a] > scores[b] : candidates[a].text < candidates[b].text
        }
        var chosen: [Keyphrase] = []
        var chosenKeys: [String] = []
        for index in order {
            let candidate = candidates[index], score = scores[index]
            let key = candidate.text.lowercased()
            if chosenKeys.contains(where: { $0.contains(key) || key.contains($0) }) { continue }
            chosen.append(Keyphrase(phrase: candidate.text, score: (score * 1000).rounded() / 1000))
            chosenKeys.append(key)
            if chosen.count >= settings.keyphrases { break }
        }
        return chosen
    }
}

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
        // The candidates in the order they first occur. A phrase is a node of a trie over word
        // numbers (node 0 is the empty phrase); `candidateOf[node]` is its index in `candidates`, or
        // -1 when it is too short to be one.
        var candidates: [Candidate] = []
        var children = PhraseTrie()
        var candidateOf: [Int32] = [-1]
        var runWords: [Int32] = []
        var runTokens: [Int] = []
        var nodeAt: [Int32] = []
        func flush() {
            defer {
                runWords.removeAll(keepingCapacity: true)
                runTokens.removeAll(keepingCapacity: true)
            }
            guard !runWords.isEmpty else { return }
            // Every sub-run up to the length limit is a candidate: the phrase of `length` words from
            // `from` is the one of `length - 1` words from there (`nodeAt[from]`) and one more word.
            nodeAt.removeAll(keepingCapacity: true)
            nodeAt.append(contentsOf: repeatElement(0, count: runWords.count))
            for length in 1...min(settings.maxKeyphraseWords, runWords.count) {
                for from in 0...(runWords.count - length) {
                    let (node, isNew) = children.child(of: nodeAt[from], word: runWords[from + length - 1],
                                                       next: Int32(candidateOf.count))
                    nodeAt[from] = node
                    if !isNew {
                        let index = candidateOf[Int(node)]
                        if index >= 0 { candidates[Int(index)].count += 1 }
                        continue
                    }
                    // First seen: at least three characters (counted only as far as three).
                    let words = (from..<(from + length)).map { tokens[runTokens[$0]] }
                    var characters = 0
                    for _ in words.map(\.lower).joined(separator: " ") {
                        characters += 1
                        if characters == 3 { break }
                    }
                    var index: Int32 = -1
                    if characters == 3 {
                        index = Int32(candidates.count)
                        candidates.append(Candidate(text: words.map(\.text).joined(separator: " "), count: 1, first: words[0].start, words: length))
                    }
                    candidateOf.append(index)
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

/// The edges of a trie of word numbers: (parent node, word) → child node, in an open-addressing
/// table keyed by one 64-bit number (a dictionary would hash every key with SipHash).
struct PhraseTrie {
    private var keys: [UInt64]
    private var nodes: [Int32]
    private var count = 0
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        nodes = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The child of `parent` by `word`; when there is none yet, it is made with the number `next`.
    mutating func child(of parent: Int32, word: Int32, next: Int32) -> (node: Int32, isNew: Bool) {
        let key = UInt64(UInt32(bitPattern: parent)) << 32 | UInt64(UInt32(bitPattern: word))
        var k = PhraseTrie.slot(key, mask)
        while nodes[k] >= 0 {
            if keys[k] == key { return (nodes[k], false) }
            k = (k + 1) & mask
        }
        keys[k] = key
        nodes[k] = next
        count += 1
        if count * 2 > nodes.count { grow() }
        return (next, true)
    }

    @inline(__always) private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        var x = key &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        x = x &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 32
        return Int(truncatingIfNeeded: x) & mask
    }

    private mutating func grow() {
        let oldKeys = keys, oldNodes = nodes
        let size = nodes.count * 2
        keys = [UInt64](repeating: 0, count: size)
        nodes = [Int32](repeating: -1, count: size)
        mask = size - 1
        for i in oldNodes.indices where oldNodes[i] >= 0 {
            var k = PhraseTrie.slot(oldKeys[i], mask)
            while nodes[k] >= 0 { k = (k + 1) & mask }
            keys[k] = oldKeys[i]
            nodes[k] = oldNodes[i]
        }
    }
}

import Foundation
import NewsmillCore

/// One sentence of training data: token texts and their IOB2 tag indices (NERTags).
public struct NERSentence: Sendable {
    public var words: [String]
    public var tags: [Int]
}

/// Settings of a training run: fixed, so that a run is reproducible from the data and the seed.
public struct NERTrainingSettings: Sendable {
    /// Passes over the training data.
    public var epochs = 10
    /// Seed of the document shuffle before each pass.
    public var seed: UInt64 = 20_031
    /// A feature whose averaged weights are all smaller than this (in absolute value) is left out of
    /// the model file: it changes no decision worth its bytes.
    public var pruneBelow: Float = 0.02
    public init() {}
}

/// Trains the name tagger: an averaged perceptron (Collins 2002) over NERFeatures, decoding greedily
/// with the tags it predicted itself, as the tagger does at run time.
public enum NERTrainer {
    /// Reads a CoNLL-2003 file (`TOKEN POS CHUNK NER`, IOB1 or IOB2 tags, `-DOCSTART-` between
    /// documents, a blank line between sentences) into documents of sentences with IOB2 tags.
    public static func readCoNLL(_ url: URL) throws -> [[NERSentence]] {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw NERModelError("cannot read the training file \(url.path)")
        }
        var documents: [[NERSentence]] = [[]]
        var words: [String] = [], tags: [Int] = []
        func endSentence() {
            if !words.isEmpty { documents[documents.count - 1].append(NERSentence(words: words, tags: tags)) }
            words = []; tags = []
        }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let columns = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if columns.isEmpty { endSentence(); continue }
            if columns[0] == "-DOCSTART-" {
                endSentence()
                if !documents[documents.count - 1].isEmpty { documents.append([]) }
                continue
            }
            guard columns.count >= 2 else { throw NERModelError("\(url.path):\(number + 1): expected TOKEN … TAG, got \"\(line)\"") }
            var tag = String(columns[columns.count - 1])
            if tag != "O" {
                let parts = tag.split(separator: "-", maxSplits: 1)
                guard parts.count == 2, ["B", "I"].contains(parts[0]), NERTags.types.contains(String(parts[1])) else {
                    throw NERModelError("\(url.path):\(number + 1): unknown tag \"\(tag)\" (expected O, B-/I- with PER, ORG, LOC, MISC)")
                }
                // IOB1 → IOB2: an I- that does not continue the same type begins a name.
                if parts[0] == "I", tags.last.map({ NERTags.type(of: $0) }) != .some(NERTags.types.firstIndex(of: String(parts[1]))) {
                    tag = "B-" + parts[1]
                }
            }
            words.append(String(columns[0]))
            tags.append(NERTags.index(of: tag)!)
        }
        endSentence()
        return documents.filter { !$0.isEmpty }
    }

    /// A small deterministic generator (SplitMix64) for the shuffle.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Trains on documents; `log` receives one line per pass.
    public static func train(_ documents: [[NERSentence]], lexicon: ExtractLexicon, settings: NERTrainingSettings,
                             log: (String) -> Void = { _ in }) -> NERModel {
        let features = NERFeatures(lexicon: lexicon)
        let tagCount = NERTags.count
        // The tag-independent features of every token, computed once.
        var prepared: [[(tokens: [NERFeatures.Token], fixed: [[UInt64]], gold: [Int])]] = []
        var buffer: [UInt64] = []
        for document in documents {
            let lowerCaseWords = NERFeatures.lowerCaseWords(document.map(\.words))
            prepared.append(document.map { sentence in
                let tokens = features.tokens(sentence.words, lowerCaseWords: lowerCaseWords)
                let fixed = tokens.indices.map { i -> [UInt64] in features.staticFeatures(tokens, i, into: &buffer); return buffer }
                return (tokens, fixed, sentence.tags)
            })
        }
        var index: [UInt64: Int] = [:]
        var order: [UInt64] = []
        // Current weights and the running sum for averaging: averaged = w - u / c (Daumé's trick).
        var w: [Double] = [], u: [Double] = []
        var c = 1.0
        var generator = SplitMix(state: settings.seed)
        var scores = [Double](repeating: 0, count: tagCount)
        var documentOrder = Array(prepared.indices)
        for epoch in 1...max(1, settings.epochs) {
            documentOrder.shuffle(using: &generator)
            var correct = 0, total = 0
            for d in documentOrder {
                var history: [UInt64: UInt64] = [:]
                for sentence in prepared[d] {
                    var predicted = [Int](repeating: 0, count: sentence.tokens.count)
                    for i in sentence.tokens.indices {
                        let previous = i > 0 ? predicted[i - 1] : 0, previous2 = i > 1 ? predicted[i - 2] : 0
                        buffer = sentence.fixed[i]
                        features.dynamicFeatures(sentence.tokens, i, previous: previous, previous2: previous2,
                                                 history: history[sentence.tokens[i].word] ?? 0, into: &buffer)
                        for k in 0..<tagCount { scores[k] = 0 }
                        for feature in buffer {
                            guard let row = index[feature] else { continue }
                            for k in 0..<tagCount { scores[k] += w[row * tagCount + k] }
                        }
                        var guess = 0
                        for k in 1..<tagCount where NERTags.isAllowed(k, after: previous) && scores[k] > scores[guess] { guess = k }
                        let gold = sentence.gold[i]
                        if guess != gold {
                            for feature in buffer {
                                let row: Int
                                if let known = index[feature] { row = known } else {
                                    row = order.count
                                    index[feature] = row
                                    order.append(feature)
                                    w.append(contentsOf: repeatElement(0, count: tagCount))
                                    u.append(contentsOf: repeatElement(0, count: tagCount))
                                }
                                w[row * tagCount + gold] += 1; u[row * tagCount + gold] += c
                                w[row * tagCount + guess] -= 1; u[row * tagCount + guess] -= c
                            }
                        } else {
                            correct += 1
                        }
                        total += 1
                        c += 1
                        predicted[i] = guess
                        if sentence.tokens[i].isCapitalised {
                            history[sentence.tokens[i].word] = UInt64(NERTags.type(of: guess).map { $0 + 1 } ?? 0)
                        }
                    }
                }
            }
            log(String(format: "pass %d: %.2f%% of %d tokens tagged right, %d features", epoch, 100 * Double(correct) / Double(max(1, total)), total, order.count))
        }
        // Average, prune, sort by hash.
        var rows: [(hash: UInt64, weights: [Float])] = []
        for (row, hash) in order.enumerated() {
            let averaged = (0..<tagCount).map { Float(w[row * tagCount + $0] - u[row * tagCount + $0] / c) }
            if averaged.contains(where: { abs($0) >= settings.pruneBelow }) { rows.append((hash, averaged)) }
        }
        rows.sort { $0.hash < $1.hash }
        return NERModel(hashes: rows.map(\.hash), weights: rows.flatMap(\.weights))
    }

    /// Reads `conll`, trains, writes the model to `output`; returns a one-line report.
    public static func run(conll: URL, pipelines: URL, output: URL, settings: NERTrainingSettings,
                           log: (String) -> Void) throws -> String {
        let started = Date()
        let documents = try readCoNLL(conll)
        let sentences = documents.reduce(0) { $0 + $1.count }
        let tokens = documents.reduce(0) { $0 + $1.reduce(0) { $0 + $1.words.count } }
        guard tokens > 0 else { throw NERModelError("\(conll.path) holds no tagged tokens") }
        log("\(documents.count) documents, \(sentences) sentences, \(tokens) tokens from \(conll.path)")
        let model = train(documents, lexicon: try ExtractLexicon.load(from: pipelines, nameTagger: false), settings: settings, log: log)
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        try model.write(to: output)
        let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
        return String(format: "wrote %@: %d features, %.1f MB, trained in %.1f s", output.path, model.featureCount,
                      Double(size) / 1_000_000, Date().timeIntervalSince(started))
    }
}

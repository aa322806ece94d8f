import Foundation
import NewsmillCore
import NewsmillSegment

/// One sentence of training data: token texts and their IOB2 tag indices (NERTags).
public struct NERSentence: Sendable {
    public var words: [String]
    public var tags: [Int]
}

/// Settings of a training run: fixed, so that a run is reproducible from the data and the seed.
public struct NERTrainingSettings: Sendable {
    /// Passes over the training data.
    public var epochs = 20
    /// Seed of the document shuffle before each pass.
    public var seed: UInt64 = 20_031
    /// Runs with different shuffles whose weights are averaged into the model.
    public var runs = 5
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

    /// The documents as the pipeline sees them, so that the tagger learns from the tokens it will be
    /// given: each sentence's words joined by single spaces, split into sentences and tokens by the
    /// segment stage ("1996-08-30" becomes five tokens, a headline "SOCCER - SHEARER NAMED …" two
    /// sentences). A token takes the tag of the word it starts in; a piece that continues a word of a
    /// name is inside that name.
    public static func retokenized(_ documents: [[NERSentence]], with segmenter: Segmenter) -> [[NERSentence]] {
        documents.map { document in
            document.flatMap { sentence -> [NERSentence] in
                var text = "", starts: [Int] = [], ends: [Int] = []
                var offset = 0
                for word in sentence.words {
                    if !text.isEmpty { text += " "; offset += 1 }
                    starts.append(offset)
                    text += word
                    offset += word.unicodeScalars.count
                    ends.append(offset)
                }
                let scalars = Array(text.unicodeScalars)
                var result: [NERSentence] = []
                var w = 0
                for piece in segmenter.segment(text: text, paragraphs: [Paragraph(start: 0, end: scalars.count, type: "paragraph")]) {
                    var words: [String] = [], tags: [Int] = []
                    for token in piece.tokens ?? [] {
                        while w + 1 < starts.count, starts[w + 1] <= token.start { w += 1 }
                        let gold = sentence.tags[w]
                        var tag = gold
                        if let type = NERTags.type(of: gold) {
                            let continues = token.start > starts[w] || NERTags.isInside(gold)
                            let previousType = tags.last.flatMap { NERTags.type(of: $0) }
                            tag = continues && previousType == type ? 2 + 2 * type : 1 + 2 * type
                        }
                        words.append(String(String.UnicodeScalarView(scalars[token.start..<token.end])))
                        tags.append(tag)
                    }
                    if !words.isEmpty { result.append(NERSentence(words: words, tags: tags)) }
                }
                return result
            }
        }
    }

    /// Trains on documents; `log` receives one line per pass.
    public static func train(_ documents: [[NERSentence]], lexicon: ExtractLexicon, settings: NERTrainingSettings,
                             log: (String) -> Void = { _ in }) -> NERModel {
        let features = NERFeatures(lexicon: lexicon)
        let tagCount = NERTags.count
        // The tag-independent features of every token, computed once.
        var prepared: Prepared = []
        var buffer: [UInt64] = []
        for document in documents {
            let lowerCaseWords = NERFeatures.lowerCaseWords(document.map(\.words))
            let documentTokens = document.map { features.tokens($0.words, lowerCaseWords: lowerCaseWords) }
            let contexts = NERFeatures.contexts(documentTokens)
            prepared.append(zip(document, documentTokens).map { sentence, tokens in
                let fixed = tokens.indices.map { i -> [UInt64] in
                    features.staticFeatures(tokens, i, contexts: contexts, into: &buffer)
                    return buffer
                }
                return (tokens, fixed, sentence.tags)
            })
        }
        // Several runs, each shuffling with its own seed, averaged (parameter mixing, McDonald et al.
        // 2010): one run's result depends on its shuffle by ±0.5 F1; the mixture varies less.
        var mixed: [UInt64: [Double]] = [:]
        let runs = max(1, settings.runs)
        for run in 0..<runs {
            for (hash, weights) in trainOnce(prepared, features: features, seed: settings.seed &+ UInt64(run) &* 0x9E37_79B9,
                                              epochs: settings.epochs, log: { log(runs > 1 ? "run \(run + 1), \($0)" : $0) }) {
                if mixed[hash] == nil { mixed[hash] = [Double](repeating: 0, count: tagCount) }
                for k in 0..<tagCount { mixed[hash]![k] += weights[k] / Double(runs) }
            }
        }
        // Prune, sort by hash.
        var rows: [(hash: UInt64, weights: [Float])] = []
        for (hash, weights) in mixed where weights.contains(where: { abs($0) >= Double(settings.pruneBelow) }) {
            rows.append((hash, weights.map { Float($0) }))
        }
        rows.sort { $0.hash < $1.hash }
        return NERModel(hashes: rows.map(\.hash), weights: rows.flatMap(\.weights))
    }

    typealias Prepared = [[(tokens: [NERFeatures.Token], fixed: [[UInt64]], gold: [Int])]]

    /// One averaged-perceptron run over the prepared documents, shuffled before each pass by `seed`:
    /// each feature's averaged weights.
    static func trainOnce(_ prepared: Prepared, features: NERFeatures, seed: UInt64, epochs: Int,
                          log: (String) -> Void) -> [UInt64: [Double]] {
        let tagCount = NERTags.count
        var buffer: [UInt64] = []
        var index: [UInt64: Int] = [:]
        var order: [UInt64] = []
        // Current weights and the running sum for averaging: averaged = w - u / c (Daumé's trick).
        var w: [Double] = [], u: [Double] = []
        var c = 1.0
        var generator = SplitMix64(seed: seed)
        var scores = [Double](repeating: 0, count: tagCount)
        var documentOrder = Array(prepared.indices)
        for epoch in 1...max(1, epochs) {
            documentOrder.shuffle(using: &generator)
            var correct = 0, total = 0
            for d in documentOrder {
                var history = NERHistory()
                for sentence in prepared[d] {
                    var predicted = [Int](repeating: 0, count: sentence.tokens.count)
                    for i in sentence.tokens.indices {
                        let previous = i > 0 ? predicted[i - 1] : 0, previous2 = i > 1 ? predicted[i - 2] : 0
                        buffer = sentence.fixed[i]
                        features.dynamicFeatures(sentence.tokens, i, previous: previous, previous2: previous2,
                                                 history: history, into: &buffer)
                        for k in 0..<tagCount { scores[k] = 0 }
                        for feature in buffer {
                            guard let row = index[feature] else { continue }
                            for k in 0..<tagCount { scores[k] += w[row * tagCount + k] }
                        }
                        var guess = 0
                        for k in 1..<tagCount where NERTags.isAllowed(k, after: previous, token: sentence.tokens[i]) && scores[k] > scores[guess] { guess = k }
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
                        if sentence.tokens[i].isCapitalised { history.record(sentence.tokens[i].word, tag: guess) }
                    }
                }
            }
            log(String(format: "pass %d: %.2f%% of %d tokens tagged right, %d features", epoch, 100 * Double(correct) / Double(max(1, total)), total, order.count))
        }
        var averaged: [UInt64: [Double]] = [:]
        averaged.reserveCapacity(order.count)
        for (row, hash) in order.enumerated() {
            averaged[hash] = (0..<tagCount).map { w[row * tagCount + $0] - u[row * tagCount + $0] / c }
        }
        return averaged
    }

    /// Entity-level scores of `model` on tagged documents: a name counts when its span and type both
    /// match (CoNLL's exact-match micro average over the four types).
    /// `predictions` receives the data in CoNLL's `TOKEN GOLD PRED` layout, for error analysis.
    public static func score(_ model: NERModel, lexicon: ExtractLexicon, on documents: [[NERSentence]],
                             predictions: ((String) -> Void)? = nil) -> (precision: Double, recall: Double, f1: Double) {
        let tagger = NERTagger(model: model, lexicon: lexicon)
        var found = 0, expected = 0, right = 0
        for document in documents {
            let predicted = tagger.tag(document: document.map(\.words))
            predictions?("-DOCSTART- O O\n\n")
            for (sentence, tags) in zip(document, predicted) {
                if let predictions {
                    var lines = ""
                    for (k, word) in sentence.words.enumerated() { lines += "\(word) \(NERTags.names[sentence.tags[k]]) \(NERTags.names[tags[k]])\n" }
                    predictions(lines + "\n")
                }
                let gold = NERTagger.spans(sentence.tags), guess = NERTagger.spans(tags)
                found += guess.count
                expected += gold.count
                right += guess.filter { gold.contains($0) }.count
            }
        }
        let precision = found == 0 ? 0 : Double(right) / Double(found), recall = expected == 0 ? 0 : Double(right) / Double(expected)
        return (precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall))
    }

    /// Reads `conll`, trains, writes the model to `output`; returns a one-line report.
    public static func run(conll: URL, development: URL? = nil, developmentPredictions: URL? = nil, pipelines: URL, output: URL, settings: NERTrainingSettings,
                           log: (String) -> Void) throws -> String {
        let started = Date()
        let segmenter = try Segmenter.load(settingsFile: nil, pipelines: pipelines.path)
        let documents = retokenized(try readCoNLL(conll), with: segmenter)
        let sentences = documents.reduce(0) { $0 + $1.count }
        let tokens = documents.reduce(0) { $0 + $1.reduce(0) { $0 + $1.words.count } }
        guard tokens > 0 else { throw NERModelError("\(conll.path) holds no tagged tokens") }
        log("\(documents.count) documents, \(sentences) sentences, \(tokens) tokens from \(conll.path)")
        let lexicon = try ExtractLexicon.load(from: pipelines, nameTagger: false)
        let model = train(documents, lexicon: lexicon, settings: settings, log: log)
        if let development {
            var lines: [String] = []
            let (precision, recall, f1) = score(model, lexicon: lexicon, on: retokenized(try readCoNLL(development), with: segmenter),
                                                predictions: developmentPredictions == nil ? nil : { lines.append($0) })
            if let developmentPredictions { try AtomicFile.write(Data(lines.joined().utf8), to: developmentPredictions) }
            log(String(format: "%@: precision %.2f, recall %.2f, F1 %.2f (names, exact span and type, tagger alone)",
                       development.lastPathComponent, 100 * precision, 100 * recall, 100 * f1))
        }
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        try model.write(to: output)
        let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
        return String(format: "wrote %@: %d features, %.1f MB, trained in %.1f s", output.path, model.featureCount,
                      Double(size) / 1_000_000, Date().timeIntervalSince(started))
    }
}

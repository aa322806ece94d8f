import Foundation
@testable import NewsmillExtract
import NewsmillSegment
import NewsmillTestSupport
import Testing

@Suite struct NERTaggerTests {
    static let lexicon = Result { try ExtractLexicon.load(from: TestPaths.pipelines) }

    @Test func shippedModelLoadsQuickly() throws {
        let started = Date()
        let model = try NERModel.load(fromPipelines: TestPaths.pipelines)
        let seconds = Date().timeIntervalSince(started)
        #expect(model.featureCount > 10_000)
        #expect(model.weights.count == model.featureCount * NERTags.count)
        // Milliseconds in release; a generous bound for debug builds on a busy machine.
        #expect(seconds < 2)
    }

    @Test func tagsNamesInASentence() throws {
        let tagger = NERTagger(model: try Self.lexicon.get().nerModel, lexicon: try Self.lexicon.get())
        let words = "German Chancellor Angela Merkel met officials of the European Commission in Paris on Monday .".split(separator: " ").map(String.init)
        let spans = NERTagger.spans(tagger.tag(document: [words])[0])
        func name(_ span: TaggedSpan) -> String { words[span.start..<span.end].joined(separator: " ") }
        #expect(spans.contains { name($0) == "Angela Merkel" && $0.type == "PER" })
        #expect(spans.contains { name($0) == "Paris" && $0.type == "LOC" })
        #expect(spans.contains { name($0) == "European Commission" && $0.type == "ORG" })
        #expect(!spans.contains { name($0).contains("Monday") })
    }

    @Test func spansFollowIOB2() {
        // O B-PER I-PER B-LOC O B-ORG
        #expect(NERTagger.spans([0, 1, 2, 5, 0, 3]) == [
            TaggedSpan(start: 1, end: 3, type: "PER"), TaggedSpan(start: 3, end: 4, type: "LOC"), TaggedSpan(start: 5, end: 6, type: "ORG"),
        ])
        #expect(!NERTags.isAllowed(2, after: 0))      // I-PER after O
        #expect(!NERTags.isAllowed(4, after: 1))      // I-ORG after B-PER
        #expect(NERTags.isAllowed(2, after: 1))
    }

    @Test func readsCoNLLAndConvertsIOB1() throws {
        let folder = TemporaryFolder()
        let path = folder.write("tiny.conll", """
        -DOCSTART- -X- O O

        EU NNP I-NP I-ORG
        rejects VBZ I-VP O
        German JJ I-NP I-MISC
        call NN I-NP O

        Peter NNP I-NP I-PER
        Blackburn NNP I-NP I-PER
        Paul NNP I-NP B-PER

        -DOCSTART- -X- O O

        BRUSSELS NNP I-NP I-LOC

        """)
        let documents = try NERTrainer.readCoNLL(URL(fileURLWithPath: path))
        #expect(documents.count == 2)
        #expect(documents[0].map(\.words.count) == [4, 3])
        #expect(documents[0][0].tags.map { NERTags.names[$0] } == ["B-ORG", "O", "B-MISC", "O"])
        #expect(documents[0][1].tags.map { NERTags.names[$0] } == ["B-PER", "I-PER", "B-PER"])
        #expect(documents[1][0].tags.map { NERTags.names[$0] } == ["B-LOC"])
        let bad = folder.write("bad.conll", "Word NNP I-NP I-PLACE\n")
        #expect(throws: NERModelError.self) { try NERTrainer.readCoNLL(URL(fileURLWithPath: bad)) }
    }

    @Test func trainingIsDeterministicAndTheModelRoundTrips() throws {
        let lexicon = try Self.lexicon.get()
        let sentence = NERSentence(words: ["Maria", "Lopez", "visited", "Lisbon", "."], tags: [1, 2, 0, 5, 0])
        let other = NERSentence(words: ["The", "Acme", "Corporation", "said", "so", "."], tags: [0, 3, 4, 0, 0, 0])
        var settings = NERTrainingSettings()
        settings.epochs = 3
        settings.pruneBelow = 0
        let a = NERTrainer.train([[sentence], [other]], lexicon: lexicon, settings: settings)
        let b = NERTrainer.train([[sentence], [other]], lexicon: lexicon, settings: settings)
        #expect(a.hashes == b.hashes && a.weights == b.weights)
        #expect(a.hashes == a.hashes.sorted())

        let folder = TemporaryFolder()
        let url = URL(fileURLWithPath: folder.path("m.model"))
        try a.write(to: url)
        let read = try NERModel.load(from: url)
        #expect(read.hashes == a.hashes && read.weights == a.weights)
        // It learned its training sentence.
        let tagger = NERTagger(model: read, lexicon: lexicon)
        #expect(tagger.tag(document: [sentence.words])[0] == sentence.tags)

        // A truncated file and a missing file are clear errors.
        let data = try Data(contentsOf: url)
        try data.prefix(data.count - 3).write(to: url)
        #expect(throws: NERModelError.self) { try NERModel.load(from: url) }
        #expect(throws: NERModelError.self) { try NERModel.load(from: URL(fileURLWithPath: folder.path("missing.model"))) }
    }

    @Test func trainingDataIsCutAsTheSegmenterCutsText() throws {
        let segmenter = try Segmenter.load(settingsFile: nil, pipelines: TestPaths.pipelines.path)
        func tag(_ names: [String]) -> [Int] { names.map { NERTags.index(of: $0)! } }
        let dateline = NERSentence(words: ["BELGRADE", "1996-08-30"], tags: tag(["B-LOC", "O"]))
        let bank = NERSentence(words: ["Boatmen's", "Bancshares", "Inc", "rose", "."], tags: tag(["B-ORG", "I-ORG", "I-ORG", "O", "O"]))
        let two = NERSentence(words: ["Smith", "Jones", "won"], tags: tag(["B-PER", "B-PER", "O"]))
        let result = NERTrainer.retokenized([[dateline, bank, two]], with: segmenter)
        #expect(result.count == 1)
        let sentences = result[0]
        // The date is cut into pieces by the segmenter; the place keeps its tag, the pieces are O.
        let first = try #require(sentences.first)
        #expect(first.words.first == "BELGRADE" && first.words.count > 2)
        #expect(first.tags.map { NERTags.names[$0] } == ["B-LOC"] + Array(repeating: "O", count: first.words.count - 1))
        // A piece that continues a word of a name is inside that name.
        let company = try #require(sentences.first { $0.words.contains("Bancshares") })
        let names = company.tags.map { NERTags.names[$0] }
        let end = try #require(company.words.firstIndex(of: "rose"))
        #expect(company.words.joined() == "Boatmen'sBancsharesIncrose.")
        #expect(names[0] == "B-ORG" && names[1..<end].allSatisfy { $0 == "I-ORG" } && names[end...].allSatisfy { $0 == "O" })
        // Two names side by side stay two.
        let people = try #require(sentences.last)
        #expect(people.tags.map { NERTags.names[$0] } == ["B-PER", "B-PER", "O"])
    }

    @Test func spansAreCutWhereTheyCannotHoldOneName() throws {
        let recognizer = EntityRecognizer(lexicon: try Self.lexicon.get())
        func cut(_ words: [String], _ type: String) -> [String] {
            recognizer.corrected([TaggedSpan(start: 0, end: words.count, type: type)], words).map {
                words[$0.start..<$0.end].joined(separator: " ") + "/" + $0.type
            }
        }
        #expect(cut(["IRGC", ")", "Aerospace", "Force"], "ORG") == ["IRGC/ORG", "Aerospace Force/ORG"])
        #expect(cut(["Republic", "against", "Israel"], "MISC") == ["Republic/MISC", "Israel/LOC"])
        #expect(cut(["Central", "Bank", "of", "Vestmark", ",", "March"], "ORG") == ["Central Bank of Vestmark/ORG", "March/ORG"])
        // Names that hold brackets, connectors or lower-case particles stay whole.
        #expect(cut(["Buducnost", "(", "V", ")"], "ORG") == ["Buducnost ( V )/ORG"])
        #expect(cut(["Bank", "of", "Spain"], "ORG") == ["Bank of Spain/ORG"])
        #expect(cut(["Vasco", "da", "Gama"], "PER") == ["Vasco da Gama/PER"])
        // A person's name ends before a capitalised word the document also writes in lower case.
        let lower: Set<String> = ["election", "day", "law", "de"]
        func person(_ words: [String]) -> [String] {
            recognizer.corrected([TaggedSpan(start: 0, end: words.count, type: "PER")], words, lowerCaseWords: lower).map {
                words[$0.start..<$0.end].joined(separator: " ")
            }
        }
        #expect(person(["Barack", "Obama", "Election", "Day"]) == ["Barack Obama"])
        #expect(person(["Stuart", "Law"]) == ["Stuart Law"])
        #expect(person(["Aravinda", "de", "Silva"]) == ["Aravinda de Silva"])
        // A role inside the span starts the name when a given name follows it; "King" in a name stays.
        #expect(person(["PolitiFact", "Executive", "Director", "Aaron", "Sharockman"]) == ["Aaron Sharockman"])
        #expect(person(["Martin", "Luther", "King", "Jr."]) == ["Martin Luther King Jr."])
    }

    @Test func hundredThousandCapitalisedWordsFinish() throws {
        let tagger = NERTagger(model: try Self.lexicon.get().nerModel, lexicon: try Self.lexicon.get())
        let sentences = (0..<1_000).map { s in (0..<100).map { "Word\(($0 + s) % 97)" } }
        let started = Date()
        let tags = tagger.tag(document: sentences)
        #expect(tags.map(\.count).reduce(0, +) == 100_000)
        #expect(Date().timeIntervalSince(started) < 60)
    }
}

@Suite struct NERFeatureHashTests {
    /// The streaming hashes and the ASCII shortcut give what hashing the spelled-out arrays gives.
    @Test func streamingHashesEqualTheArrayHashes() {
        let pieces = ["A", "b", "Z", "z", "0", "9", "-", ".", "'", "É", "é", "ß", "İ", "Σ", "ǅ", "٣", "½", "日", "😀", "\u{301}", "x"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            var word = ""
            for _ in 0..<Int.random(in: 0...9, using: &generator) { word += pieces.randomElement(using: &generator)! }
            #expect(NERFeatures.hashScalars(word) == NERFeatures.hash(Array(word.unicodeScalars.map(\.value))[...]), "\(word)")
            #expect(NERFeatures.shapeHash(word) == NERFeatures.hash(NERFeatures.shape(word)[...]), "\(word)")
            #expect(NERFeatures.lowerScalars(word) == word.lowercased().unicodeScalars.map { $0.isASCII && NERFeatures.isDigit($0) ? 48 : $0.value },
                    "\(word)")
        }
    }
}

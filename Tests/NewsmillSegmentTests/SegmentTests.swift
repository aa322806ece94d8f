import Foundation
import NewsmillCore
@testable import NewsmillSegment
import NewsmillTestSupport
import Testing

func segmenter() throws -> Segmenter {
    try Segmenter(settings: SegmentSettings(), lexicon: SegmentLexicon.load(from: TestPaths.pipelines))
}

func sentences(_ text: String) throws -> [String] {
    let segmenter = try segmenter()
    let scalars = Array(text.unicodeScalars)
    return segmenter.segment(text: text, paragraphs: Segmenter.paragraphs(ofText: text)).map {
        String(String.UnicodeScalarView(scalars[$0.start..<$0.end]))
    }
}

struct RuleExample: CustomStringConvertible, Sendable {
    let rule: String
    let text: String
    let expected: [String]
    var description: String { "\(rule): \(text)" }

    static func all() -> [RuleExample] {
        let file = TestPaths.pipelines.appendingPathComponent("segment/rule-examples.txt")
        guard let content = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return content.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            // "\n" in the file stands for a line break.
            let parts = line.split(separator: "\t").map { $0.replacingOccurrences(of: "\\n", with: "\n") }
            guard parts.count == 3 else { return nil }
            return RuleExample(rule: parts[0], text: parts[1], expected: parts[2].components(separatedBy: " || "))
        }
    }
}

@Suite struct SentenceRuleTests {
    @Test func examplesFileIsThere() {
        #expect(RuleExample.all().count >= 20)
    }

    @Test(arguments: RuleExample.all())
    func ruleExample(_ example: RuleExample) throws {
        #expect(try sentences(example.text) == example.expected)
    }
}

@Suite struct SegmenterTests {
    @Test func quotationsAreMarked() throws {
        let text = "\"We are ready. The wall will hold,\" he warned. \"We will see.\""
        let result = try segmenter().segment(text: text, paragraphs: Segmenter.paragraphs(ofText: text))
        #expect(result.map(\.inQuote) == [true, false, true])
    }

    @Test func paragraphsAreRespected() throws {
        let text = "Headline without a stop\n\nFirst paragraph ends here. Second sentence.\n\n- a list item"
        let result = try sentences(text)
        #expect(result == ["Headline without a stop", "First paragraph ends here.", "Second sentence.", "- a list item"])
    }

    @Test func tokensKeepURLsHandlesAndSplitContractions() throws {
        let text = "Email ana@example.org or see https://x.org/a?b=1, @newsmill #news — don't worry, it's $3.5bn."
        let result = try segmenter().segment(text: text, paragraphs: Segmenter.paragraphs(ofText: text))
        let scalars = Array(text.unicodeScalars)
        let tokens = result.flatMap { $0.tokens ?? [] }.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
        for expected in ["ana@example.org", "https://x.org/a?b=1", "@newsmill", "#news", "do", "n't", "it", "'s", "$", "3.5bn"] {
            #expect(tokens.contains(expected), "token \(expected) in \(tokens)")
        }
        let kinds = result.flatMap { $0.tokens ?? [] }.map(\.kind)
        #expect(kinds.contains("email") && kinds.contains("url") && kinds.contains("handle") && kinds.contains("hashtag"))
    }

    @Test func offsetsCountScalars() throws {
        let text = "Zoë met 👩‍🚀 astronauts. They waved."
        let result = try sentences(text)
        #expect(result == ["Zoë met 👩‍🚀 astronauts.", "They waved."])
    }

    @Test func badInputStaysBounded() throws {
        #expect(try sentences("").isEmpty)
        let line = String(repeating: "word ", count: 200_000)
        let result = try segmenter().segment(text: line, paragraphs: Segmenter.paragraphs(ofText: line))
        #expect(result.count > 100)
        #expect(result.allSatisfy { $0.end - $0.start <= 1100 })
        let unpaired = "He said \"this never closes. Next sentence here.\n\nA new paragraph is not a quote."
        let marked = try segmenter().segment(text: unpaired, paragraphs: Segmenter.paragraphs(ofText: unpaired))
        #expect(marked.last?.inQuote == false)
    }

    /// Empty texts segmented on many threads at once (the stages' workers do): under `make
    /// test-sanitize` this caught an array built at capacity 0, which writes into the storage that all
    /// empty arrays share.
    @Test func emptyTextsOnManyThreads() {
        let counts = ManagedCounts(64)
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            counts.set(index, Scalars.array(of: index % 2 == 0 ? "" : "ab").count)
        }
        #expect(counts.values == (0..<64).map { $0 % 2 == 0 ? 0 : 2 })
    }
}

/// One slot per worker, written under a lock.
final class ManagedCounts: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Int]
    init(_ count: Int) { slots = Array(repeating: -1, count: count) }
    func set(_ index: Int, _ value: Int) { lock.lock(); slots[index] = value; lock.unlock() }
    var values: [Int] { lock.lock(); defer { lock.unlock() }; return slots }
}

@Suite struct TokenTests {
    func tokens(_ text: String) throws -> [(String, String)] {
        let result = try segmenter().segment(text: text, paragraphs: Segmenter.paragraphs(ofText: text))
        let scalars = Array(text.unicodeScalars)
        return result.flatMap { $0.tokens ?? [] }.map { (String(String.UnicodeScalarView(scalars[$0.start..<$0.end])), $0.kind) }
    }

    @Test func emailAddressesWithDotsStayWhole() throws {
        let found = try tokens("Write to Ana.Ruiz@example.org. Or j_doe+news@mail.example.org today.")
        #expect(found.contains { $0 == ("Ana.Ruiz@example.org", "email") })
        #expect(found.contains { $0 == ("j_doe+news@mail.example.org", "email") })
        #expect(try tokens("Amazon.com rose.").contains { $0.1 == "email" } == false)
    }

    @Test func numeroAndBareDecimals() throws {
        let found = try tokens("It is N°. 12, a .45 caliber gun.")
        #expect(found.contains { $0 == ("N°.", "word") })
        #expect(found.contains { $0 == (".45", "number") })
    }

    @Test func capitalisedOnlyAbbreviations() throws {
        let found = try tokens("He was ill. Peoria, Ill. is far.")
        #expect(found.contains { $0 == ("Ill.", "word") })
        #expect(found.contains { $0 == ("ill", "word") })
    }
}

@Suite struct SegmentJSONTests {
    /// SegmentJSON must write what JSONFiles.encode (Foundation's JSONEncoder) writes: the same bytes
    /// without tokens, the same document (one token a line) with them.
    @Test(arguments: [true, false])
    func writesWhatTheEncoderWrites(withTokens: Bool) throws {
        var controls = ""
        for value in 0..<0x20 { controls.unicodeScalars.append(Unicode.Scalar(value)!) }
        let texts = [
            "",
            "Plain text. Another sentence.",
            "“Quoted,” she said — 5 p.m. U.S.\n\nA/B \\ \"c\" \u{7F} é 漢 😀 \u{2028} e\u{301}.\n\n\(controls)",
            String(repeating: "Word after word, 1,234.5 units; https://example.org/a?b=1 #tag @handle. ", count: 200),
        ]
        var settings = SegmentSettings()
        settings.writeTokens = withTokens
        let segmenter = Segmenter(settings: settings, lexicon: try segmenter().lexicon)
        for (index, text) in texts.enumerated() {
            let header = index % 2 == 0
                ? DocumentHeader(id: "doc-\(index)", source: "a/b\\c\"\(controls).txt")
                : DocumentHeader(id: "doc-\(index)", source: "s", title: "Title “x”", authors: ["Ana Ruiz", "Bo / Li"],
                                 published: "2024-03-20T15:00:00Z", language: "en", site: "Site", url: "https://example.org/a/b")
            let paragraphs = Segmenter.paragraphs(ofText: text)
            let document = SegmentDocument(header: header, text: text, paragraphs: paragraphs,
                                           sentences: segmenter.segment(text: text, paragraphs: paragraphs))
            let expected = try JSONFiles.encode(document)
            let written = SegmentJSON.encode(document)
            if withTokens {
                #expect(try JSONDecoder().decode(SegmentDocument.self, from: written) == document, "document \(index)")
                #expect(written.count < expected.count || document.sentences.isEmpty)
            } else {
                #expect(written == expected, "document \(index): \(String(decoding: written.prefix(400), as: UTF8.self))")
            }
        }
    }

    @Test func emptyTokenListsAndNegativeNumbers() throws {
        let document = SegmentDocument(header: DocumentHeader(id: "x", source: "y"), text: "ab",
                                       paragraphs: [Paragraph(start: 0, end: 2, type: "heading")],
                                       sentences: [Sentence(start: -1, end: 1_000_000_000_000, paragraph: 0, inQuote: true, tokens: []),
                                                   Sentence(start: 0, end: 2, paragraph: 0, inQuote: false, tokens: [Token(start: 0, end: 2, kind: "other")])])
        #expect(try JSONDecoder().decode(SegmentDocument.self, from: SegmentJSON.encode(document)) == document)
        #expect(String(decoding: SegmentJSON.encode(document), as: UTF8.self).contains(#"{ "end" : 2, "kind" : "other", "start" : 0 }"#))
    }
}

@Suite struct LengthLimitTests {
    /// Rule 12 also cuts runs of marks that end no sentence (". . . . ", "!!!…" before lower case).
    @Test func longRunsOfPunctuationAreCut() throws {
        let dots = String(repeating: ". . . ", count: 50_000)
        let result = try segmenter().segment(text: dots, paragraphs: Segmenter.paragraphs(ofText: dots))
        #expect(result.count > 100)
        #expect(result.allSatisfy { $0.end - $0.start <= 1100 })
    }
}

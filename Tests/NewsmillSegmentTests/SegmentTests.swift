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
            let parts = line.split(separator: "\t").map(String.init)
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
}

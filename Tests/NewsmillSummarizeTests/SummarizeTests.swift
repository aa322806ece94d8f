import Foundation
import NewsmillCore
import NewsmillExtract
import NewsmillSegment
@testable import NewsmillSummarize
import NewsmillTestSupport
import Testing

func extracted(_ text: String, title: String? = nil) throws -> ExtractDocument {
    let segmenter = try Segmenter(settings: SegmentSettings(), lexicon: SegmentLexicon.load(from: TestPaths.pipelines))
    let extractor = try Extractor(settings: ExtractSettings(), lexicon: ExtractLexicon.load(from: TestPaths.pipelines))
    let paragraphs = Segmenter.paragraphs(ofText: text)
    return extractor.extract(SegmentDocument(header: DocumentHeader(id: "t", source: "t", title: title), text: text,
                                             paragraphs: paragraphs, sentences: segmenter.segment(text: text, paragraphs: paragraphs)))
}

@Suite struct SummarizerTests {
    let story = """
    The city council of Ravensmouth approved a $412 million sea wall on Tuesday after storms flooded hundreds of homes.

    He said the vote was long overdue and that the work would start in the autumn.

    Mayor Ana Ruiz said the city had been lucky so far and could not wait for another winter of floods.

    The plan adds twelve kilometres of raised embankments and two tidal gates along the harbour.

    But critics on the council warned that business rates in the harbour district could rise to pay for it.

    The port authority welcomed the decision, saying the floods had closed two berths for four days.
    """

    @Test func summaryIsInOrderAndStandsAlone() throws {
        let summary = Summarizer(settings: SummarizeSettings()).summarize(try extracted(story, title: "Ravensmouth approves sea wall"))
        #expect(summary.sentences.count == 3)
        #expect(summary.sentences == summary.sentences.sorted())
        #expect(summary.summary.hasPrefix("The city council of Ravensmouth approved"))
        #expect(!summary.summary.contains("He said the vote"))
        #expect(!summary.summary.contains("But critics"))
    }

    @Test func aPronounNamedEarlierInItsSentenceStandsAlone() throws {
        let text = """
        Gary Locke will be confirmed as Kilmarnock's permanent manager on Friday, eight weeks after he said he would only take charge until the end of the season.

        An announcement will be made by the club on Friday morning, with the former Hearts boss being given a three-year deal.

        The team went unbeaten in its first six games under the caretaker and climbed to eighth in the league.

        The club's new chairman, Jim Mann, said the board had been impressed by the response of the players.
        """
        let summary = Summarizer(settings: SummarizeSettings()).summarize(try extracted(text))
        #expect(summary.sentences.first == 0)
    }

    @Test func traceSaysWhyEachSentence() throws {
        final class Lines: @unchecked Sendable { var all: [String] = []; let lock = NSLock() }
        let lines = Lines()
        var summarizer = Summarizer(settings: SummarizeSettings())
        summarizer.trace = { line in lines.lock.withLock { lines.all.append(line) } }
        let summary = summarizer.summarize(try extracted(story, title: "Ravensmouth approves sea wall"))
        let chosen = lines.all.filter { $0.contains(" chosen (score ") }
        #expect(chosen.count == summary.sentences.count)
        #expect(lines.all.contains { $0.contains("scores") && $0.contains("position") && $0.contains("centrality") })
        #expect(lines.all.contains { $0.contains("passed over: opens with \"he\"") || $0.contains("passed over: opens with \"but\"") })
    }

    @Test func wordBudget() throws {
        let summary = Summarizer(settings: SummarizeSettings()).summarize(try extracted(story), words: 25)
        #expect(summary.summary.split(separator: " ").count <= 40)
        #expect(!summary.sentences.isEmpty)
    }

    @Test func tinyAndEmptyDocumentsSayWhy() throws {
        let empty = Summarizer(settings: SummarizeSettings()).summarize(try extracted(""))
        #expect(empty.summary.isEmpty && empty.emptyReason == "the document has no sentences")
        let one = Summarizer(settings: SummarizeSettings()).summarize(try extracted("The council approved the wall on Tuesday after a long debate."))
        #expect(one.sentences == [0])
        let short = Summarizer(settings: SummarizeSettings()).summarize(try extracted("Yes. No."))
        #expect(short.summary.isEmpty && short.emptyReason != nil)
    }

    @Test func digestNamesActorsAndStatements() throws {
        let text = "Mayor Ana Ruiz spoke in Ravensmouth on Tuesday.\n\n“We have been lucky, and luck is not a flood strategy,” Ruiz said. Ravensmouth will build the wall."
        let summary = Summarizer(settings: SummarizeSettings()).summarize(try extracted(text))
        #expect(summary.digest.who.contains { $0.name == "Ana Ruiz" && $0.type == "PERSON" })
        #expect(summary.digest.statements.first?.speaker == "Ana Ruiz")
        #expect(summary.digest.whereName == "Ravensmouth")
    }
}

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

    @Test func summaryIsWrittenAsFoundationWritesIt() throws {
        let summarizer = Summarizer(settings: SummarizeSettings())
        var summary = summarizer.summarize(try extracted(story, title: "Ravensmouth approves a sea wall"))
        #expect(summary.prettyJSON() == (try JSONFiles.encode(summary)))
        // Control characters, slashes, no digest fields, empty lists, a reason.
        summary.summary = "a/b \"q\" \\ \u{1}\n\t é 😀"
        summary.digest = Digest(who: [], what: nil, whereName: nil, when: nil, statements: [], numbers: [])
        summary.keyphrases = []
        summary.emptyReason = "none"
        summary.header.authors = ["A/B"]
        #expect(summary.prettyJSON() == (try JSONFiles.encode(summary)))
        let empty = summarizer.summarize(try extracted(""))
        #expect(empty.prettyJSON() == (try JSONFiles.encode(empty)))
    }

    @Test func fastReaderReadsWhatFoundationReads() throws {
        var document = try extracted(story, title: "Ravensmouth approves a sea wall")
        document.header.authors = ["Ana Ruiz"]
        document.header.published = "2024-03-14"
        document.components = ["quotes", "dates"]
        document.componentsReason = "a reason"
        document.quantities.append(Quantity(start: 0, end: 3, text: "1.5", kind: "cardinal", value: 1.5e-7, unit: nil, bound: "exact", counts: nil))
        let data = try JSONFiles.encode(document)
        let fast = try #require(ExtractDocument.fastDecode(data))
        #expect(fast == (try JSONFiles.decode(ExtractDocument.self, from: data, file: "t")))
        #expect(fast == document)
        // Anything it does not take goes to Foundation's decoder: a \u escape, a missing key, a wrong type,
        // bytes after the object, no JSON at all.
        let text = String(decoding: data, as: UTF8.self)
        let escaped = text.replacingOccurrences(of: "\"schema\" : \"", with: "\"schema\" : \"\\u006E")
        #expect(ExtractDocument.fastDecode(Data(escaped.utf8)) == nil)
        #expect(ExtractDocument.fastDecode(Data(text.replacingOccurrences(of: "\"keyphrases\"", with: "\"keyphrase\"").utf8)) == nil)
        #expect(ExtractDocument.fastDecode(Data(text.replacingOccurrences(of: "\"inQuote\" : false", with: "\"inQuote\" : 0").utf8)) == nil)
        #expect(ExtractDocument.fastDecode(Data((text + "}").utf8)) == nil)
        #expect(ExtractDocument.fastDecode(Data()) == nil)
        // Bytes that are not UTF-8 inside a string: Foundation's decoder judges them.
        var invalid = Array(data)
        let at = try #require(invalid.firstIndex(of: UInt8(ascii: "R")))
        invalid[at] = 0xFF
        #expect(ExtractDocument.fastDecode(Data(invalid)) == nil)
        // Keys it does not know are skipped, as Foundation skips them.
        let extra = text.replacingOccurrences(of: "\"schema\" :", with: "\"later\" : {\"a\" : [1, \"]\"]}, \"schema\" :")
        #expect(ExtractDocument.fastDecode(Data(extra.utf8)) == document)
    }

    @Test func wordsAreWhatCharacterSplittingGives() throws {
        // The scalar-by-scalar word splitter against the definition it replaces, on mixed scripts, marks,
        // emoji and numbers.
        func reference(_ text: Substring) -> [String] {
            text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        }
        var samples = ["Zürich — “naïve” café's 3.75% İstanbul ΣΟΦΊΑ ﬁnal", "e\u{301}te\u{301} a\u{308}!x\u{200D}y",
                       "١٢٣ 中文 日本語 한국어 नमस्ते 1\u{FE0F}\u{20E3} 👩‍👩‍👧 ½ Ⅻ", "", "   ", "ABC-def_ghi"]
        var generator = SystemRandomNumberGenerator()
        let pool = Array("aZé\u{301}ß İ1٣ -—,.’👍\u{200D}中\u{0915}\u{093F}ÅΣς\n\t\u{AD}\u{200B}\u{2028}\u{FE0F}\r".unicodeScalars)
        for _ in 0..<2000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0..<40, using: &generator) { text.append(pool.randomElement(using: &generator)!) }
            samples.append(String(text))
        }
        for sample in samples {
            #expect(Summarizer.words(Substring(sample)) == reference(Substring(sample)), "\(sample.debugDescription)")
        }
    }

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

    /// A standfirst and a lede that restates it are one statement, though most of their words differ
    /// (their function words): the summary has one of them and room for something else.
    @Test func aLedeThatRestatesTheStandfirstIsRedundant() throws {
        let text = """
        Ravensmouth has said it will build its wall against floods in the harbour as the storms continue, and the council is looking for money.

        A council of Ravensmouth voted on Tuesday to fund a wall against floods that had closed harbour berths.

        Engineers said the wall would rise two metres above the old embankment and take five years to build.

        The port authority welcomed the decision, saying the floods had closed two berths for four days.
        """
        let summary = Summarizer(settings: SummarizeSettings()).summarize(try extracted(text, title: "Ravensmouth approves sea wall"))
        #expect(summary.sentences.count == 3)
        #expect(summary.sentences.contains(0) != summary.sentences.contains(1))
        #expect(summary.summary.contains("Engineers said"))
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

    /// A word budget asked for takes as many sentences as fit, not the default count of sentences.
    @Test func aLargeWordBudgetTakesMoreThanTheDefaultSentences() throws {
        let summary = Summarizer(settings: SummarizeSettings()).summarize(try extracted(story), words: 200)
        #expect(SummarizeSettings().sentences == 3)
        #expect(summary.sentences.count > 3)
        #expect(summary.summary.split(separator: " ").count <= 200)
    }

    /// While choosing, a sentence that names one of the story's main people whom the summary has not
    /// named yet gains `uncoveredPersonWeight`: a summary says who.
    @Test func aSummaryNamesTheMainPeople() throws {
        let text = """
        The council of Ravensmouth approved a sea wall on Tuesday after storms flooded hundreds of homes in the harbour.

        The wall would rise two metres above the old embankment and would take five years to build along the quay.

        The harbour works will close two of the berths used by the ferries for most of the next three summers.

        Maria Lind, the chief engineer of the port authority, had asked the council for a wall since the floods of last winter.

        "Every town on the estuary will need a wall like this one," Lind said after the vote in the town hall.
        """
        let document = try extracted(text)
        let lind = try #require(document.sentences.firstIndex { ScalarSlicer(document.text).text($0.start, $0.end).hasPrefix("Maria Lind") })
        var settings = SummarizeSettings()
        settings.uncoveredPersonWeight = 0
        #expect(!Summarizer(settings: settings).summarize(document, sentences: 2).sentences.contains(lind))
        settings.uncoveredPersonWeight = 10
        let summary = Summarizer(settings: settings).summarize(document, sentences: 2)
        #expect(summary.sentences.contains(lind))
        // Once she is named, another sentence naming her gains nothing.
        #expect(summary.sentences.count == 2 && summary.sentences.filter { $0 > lind }.isEmpty)
    }

    /// A sentence that opens its paragraph gains `paragraphStartWeight`; a text of one paragraph has no
    /// such signal, and none of its sentences gains.
    @Test func paragraphOpenersGainWhereTheTextHasParagraphs() throws {
        let opener = "Engineers from three firms visited the quay on Monday and Wednesday with the drawings."
        let inner = "The wall will cost the council of Ravensmouth twelve million pounds, paid over ten years from harbour rates."
        let paragraphs = """
        The council of Ravensmouth approved a sea wall on Tuesday after storms flooded hundreds of homes in the harbour.

        \(opener) \(inner)

        Tickets for the summer concert series in the park go on sale next month at the library.
        """
        let title = "Ravensmouth council approves sea wall after storms flood harbour homes"
        func chosen(_ text: String, weight: Double) throws -> [String] {
            var settings = SummarizeSettings()
            settings.paragraphStartWeight = weight
            let document = try extracted(text, title: title)
            let slicer = ScalarSlicer(document.text)
            return Summarizer(settings: settings).summarize(document, sentences: 2).sentences
                .map { slicer.text(document.sentences[$0].start, document.sentences[$0].end) }
        }
        #expect(try chosen(paragraphs, weight: 0).contains(inner))
        #expect(try chosen(paragraphs, weight: 10).contains(opener))
        // One paragraph: the weight changes nothing.
        let single = paragraphs.replacingOccurrences(of: "\n\n", with: " ")
        #expect(try chosen(single, weight: 10) == chosen(single, weight: 0))
    }

    /// A sentence passed over because it needs the sentence before is a candidate again once that
    /// sentence is chosen: the order of scores does not decide what can stand together.
    @Test func aSentenceThatNeededItsPredecessorComesBackWhenItIsChosen() throws {
        let text = """
        Mayor Ana Ruiz spoke to reporters at the town hall after the council vote on Tuesday evening.

        "The sea wall will protect the harbour and the homes of Ravensmouth from the storms and the floods," she said.

        Tickets for the summer concert series in the park go on sale next month at the library.

        A new bakery opened on the high street last week, selling bread and cakes to early customers.
        """
        final class Lines: @unchecked Sendable { var all: [String] = []; let lock = NSLock() }
        let lines = Lines()
        var summarizer = Summarizer(settings: SummarizeSettings())
        summarizer.settings.uncoveredPersonWeight = 0
        summarizer.settings.quotationReturnPenalty = 0
        summarizer.trace = { line in lines.lock.withLock { lines.all.append(line) } }
        let summary = summarizer.summarize(try extracted(text, title: "Sea wall to protect Ravensmouth harbour homes from storms and floods"), sentences: 2)
        // The quotation scores best, waits for the sentence that names its speaker, and is taken with it.
        #expect(lines.all.contains { $0.contains("sentence 1 passed over: a quotation whose speaker is only a pronoun (unless sentence 0 is chosen)") })
        #expect(summary.sentences == [0, 1])
    }

    /// A sentence that opens with "But" goes on to a new point: when the sentence before it is chosen it
    /// comes back at its own score (`openerReturnPenalty`, 0 by default).
    @Test func aButSentenceComesBackAtItsOwnScore() throws {
        let text = """
        Mayor Ana Ruiz spoke to reporters at the town hall after the council vote on Tuesday evening.

        But the sea wall will not protect the harbour homes of Ravensmouth from the storms and the floods, engineers warned.

        Tickets for the summer concert series in the park go on sale next month at the library.

        A new bakery opened on the high street last week, selling bread and cakes to early customers.
        """
        let document = try extracted(text, title: "Sea wall will not protect Ravensmouth harbour homes from storms and floods")
        var settings = SummarizeSettings()
        settings.uncoveredPersonWeight = 0
        #expect(Summarizer(settings: settings).summarize(document, sentences: 2).sentences == [0, 1])
        settings.openerReturnPenalty = 10
        #expect(!Summarizer(settings: settings).summarize(document, sentences: 2).sentences.contains(1))
    }

    /// Text taken from a page without its markup runs the page's "Scroll down for video" and the
    /// caption after it into the next sentence: that sentence is not summary material.
    @Test func aSentenceCarryingAReaderPromptIsNotTaken() throws {
        let text = """
        The council of Ravensmouth approved a sea wall on Tuesday after storms flooded hundreds of homes in the harbour. \
        Scroll down for video Flooded: The harbour district of Ravensmouth under water in March Mayor Ana Ruiz said the sea wall will cost $412 million. \
        Work on the embankments is expected to start in the autumn and to last three years.
        """
        let document = try extracted(text, title: "Ravensmouth sea wall to cost $412 million")
        #expect(document.sentences.count == 3)
        let chosen = Summarizer(settings: SummarizeSettings()).summarize(document, sentences: 2).sentences
        #expect(chosen == [0, 2])
        #expect(Summarizer.carriesReaderPrompt(["scroll", "down", "for", "videos"]))
        #expect(!Summarizer.carriesReaderPrompt(["scroll", "down", "for", "more"]))
    }

    /// A caption run into the text ("… pictured left …", "(above)") loses `captionCueWeight`.
    @Test func captionCuesLowerASentence() throws {
        #expect(Summarizer.hasBracketedPosition("Tennis star Billie Jean King (Right) is co-chairing the campaign"))
        #expect(!Summarizer.hasBracketedPosition("The vote (held on the left) was close"))
        let text = """
        The council of Ravensmouth approved a sea wall on Tuesday after storms flooded hundreds of homes in the harbour. \
        Mayor Ana Ruiz, pictured left at the harbour, said the sea wall would cost the city $412 million. \
        The sea wall of Ravensmouth will cost $412 million, and work on it starts in the autumn.
        """
        let document = try extracted(text, title: "Ravensmouth sea wall to cost $412 million")
        var settings = SummarizeSettings()
        settings.captionCueWeight = 0
        #expect(Summarizer(settings: settings).summarize(document, sentences: 2).sentences == [0, 1])
        #expect(Summarizer(settings: SummarizeSettings()).summarize(document, sentences: 2).sentences == [0, 2])
    }

    /// A question is what the article asks, not what happened: it gives way to a statement.
    @Test func aQuestionGivesWayToAStatement() throws {
        let text = """
        The council of Ravensmouth approved a sea wall on Tuesday after storms flooded hundreds of homes in the harbour. \
        Will the engineers finish the embankments before the next winter brings more floods? \
        Work on the wall is expected to start in the autumn and to last three years.
        """
        let document = try extracted(text, title: "Ravensmouth approves a sea wall against the storms")
        var settings = SummarizeSettings()
        settings.openerReturnPenalty = 0
        settings.questionWeight = 0
        #expect(Summarizer(settings: settings).summarize(document, sentences: 2).sentences == [0, 1])
        #expect(Summarizer(settings: SummarizeSettings()).summarize(document, sentences: 2).sentences == [0, 2])
        #expect(Summarizer.isQuestion("ter?\u{201D} ") && Summarizer.isQuestion("ks?") && !Summarizer.isQuestion("ks."))
    }

    /// A sentence that is nothing but a quotation names nobody: it is not taken without the sentence
    /// before, even where it leads the story.
    @Test func aQuotationAloneIsNotTaken() throws {
        let text = """
        "Every town on the estuary will need a wall like this one within the next ten years."

        The council of Ravensmouth approved a sea wall on Tuesday after storms flooded hundreds of homes in the harbour.

        Engineers said the wall would rise two metres above the old embankment and would take five years to build.

        The port authority welcomed the decision, saying the floods had closed two berths for four days last winter.
        """
        let summarizer = Summarizer(settings: SummarizeSettings())
        let summary = summarizer.summarize(try extracted(text), sentences: 3)
        #expect(summary.sentences == [1, 2, 3])
        #expect(summarizer.unattributedQuotation("“Every town will need a wall.” "))
        #expect(!summarizer.unattributedQuotation("“Every town will need a wall,” Lind said."))
        #expect(!summarizer.unattributedQuotation("Lind said: “Every town will need a wall.”"))
    }

    /// The first sentence of a quotation that runs on into the next one, where its speaker is named, is
    /// not taken alone: it would be a quotation from nobody.
    @Test func partOfALongQuotationIsNotTakenAlone() throws {
        let text = """
        "We are in the first phase of a long programme of harbour defences for the whole coast. Every town on the estuary will need a wall like this one," the engineer Maria Lind warned.

        The council of Ravensmouth approved a sea wall on Tuesday after storms flooded hundreds of homes in the harbour.

        Engineers said the wall would rise two metres above the old embankment and would take five years to build.
        """
        let document = try extracted(text)
        let first = try #require(document.sentences.firstIndex { ScalarSlicer(document.text).text($0.start, $0.end).hasPrefix("\"We are") })
        #expect(document.quotes.contains { $0.kind == "direct" && $0.start < document.sentences[first].end && $0.end > document.sentences[first].end })
        #expect(first == 0)
        let summarizer = Summarizer(settings: SummarizeSettings())
        #expect(summarizer.continuedQuotation(document, first) == first + 1)
        #expect(summarizer.continuedQuotation(document, first + 1) == nil)
        #expect(summarizer.continuedQuotation(document, first + 2) == nil)
        let summary = summarizer.summarize(document, sentences: 2)
        #expect(!summary.sentences.contains(first) || summary.sentences.contains(first + 1))
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

import Foundation
import NewsmillCore
@testable import NewsmillExtract
import NewsmillSegment
import NewsmillTestSupport
import Testing

func extract(_ text: String, published: String? = nil) throws -> ExtractDocument {
    let segmenter = try Segmenter(settings: SegmentSettings(), lexicon: SegmentLexicon.load(from: TestPaths.pipelines))
    let extractor = try Extractor(settings: ExtractSettings(), lexicon: ExtractLexicon.load(from: TestPaths.pipelines))
    let paragraphs = Segmenter.paragraphs(ofText: text)
    let segmented = SegmentDocument(header: DocumentHeader(id: "t", source: "t", published: published), text: text,
                                    paragraphs: paragraphs, sentences: segmenter.segment(text: text, paragraphs: paragraphs))
    return extractor.extract(segmented)
}

func slice(_ text: String, _ start: Int, _ end: Int) -> String {
    String(String.UnicodeScalarView(Array(text.unicodeScalars)[start..<end]))
}

@Suite struct EntityTests {
    let text = """
    Kamal Kharrazi, Iranian foreign minister and top advisor to Iran’s supreme leader, issued a stark warning on Tuesday.

    "In that situation, we would have no choice," he added. Kharrazi spoke to the Financial Times.

    Brigadier General of the Islamic Revolutionary Guards Corps (IRGC) Aerospace Force Amir Ali Hajizadeh said he is "hopeful" another strike will come. The IRGC did not comment.
    """

    @Test func peopleOnceEachWithRoles() throws {
        let document = try extract(text)
        let people = document.entities.filter { $0.type == "PERSON" }
        let kharrazi = try #require(people.first { $0.name == "Kamal Kharrazi" })
        #expect(kharrazi.mentions.count == 2)
        #expect(kharrazi.roles.contains { $0.contains("foreign minister") })
        let hajizadeh = try #require(people.first { $0.name == "Amir Ali Hajizadeh" })
        #expect(hajizadeh.roles.contains { $0.contains("Brigadier General") })
        for mention in kharrazi.mentions {
            #expect(slice(text, mention.start, mention.end).hasSuffix("Kharrazi"))
        }
    }

    @Test func acronymJoinsItsOrganisation() throws {
        let document = try extract(text)
        let irgc = try #require(document.entities.first { $0.name == "Islamic Revolutionary Guards Corps" })
        #expect(irgc.type == "ORG")
        #expect(irgc.variants.contains("IRGC"))
        #expect(irgc.mentions.count == 3)
        #expect(document.entities.contains { $0.name == "Financial Times" && $0.type == "ORG" })
        #expect(document.entities.contains { $0.name == "Iranian" && $0.type == "NORP" })
    }

    @Test func sentenceInitialCapitalsAndCapsAloneAreNotEntities() throws {
        let document = try extract("Speaking on Monday, officials said little.\n\nHOUSING PRICES RISE AGAIN IN SPRING")
        #expect(!document.entities.contains { $0.name == "Speaking" })
        #expect(!document.entities.contains { $0.name.contains("HOUSING") })
    }

    @Test func hostileTextFinishes() throws {
        let capitals = (0..<20_000).map { "Word\($0 % 50)" }.joined(separator: " ")
        _ = try extract(capitals)
        let digits = String(repeating: "1234567890 ", count: 20_000)
        let document = try extract(digits)
        #expect(document.entities.isEmpty)
        _ = try extract("Москва и Санкт-Петербург. 東京と大阪。")
    }
}

@Suite struct QuoteTests {
    @Test func pronounSpeakerResolvesToThePerson() throws {
        let text = """
        Kamal Kharrazi, Iranian foreign minister, issued a warning.

        "All Lebanese people will support Lebanon against Israel," he said in an interview.

        "In that situation, we would have no choice, but to support Hezbollah by all means," he added.
        """
        let document = try extract(text)
        let quote = try #require(document.quotes.first { $0.text.hasPrefix("In that situation") })
        #expect(quote.kind == "direct")
        #expect(quote.speaker?.name == "Kamal Kharrazi")
        #expect(quote.cue == "added")
        #expect(slice(text, quote.start, quote.end) == quote.text)
        let speaker = try #require(quote.speaker)
        #expect(slice(text, speaker.start!, speaker.end!) == "he")
    }

    @Test func splitQuotationIsOneStatement() throws {
        let text = "Behnam Ben Taleblu, a senior fellow, spoke.\n\n\"We are in the incubation phase. Hamas fights Israel,\" he warned. \"In the interim, Tehran is benefiting from the chaos.\""
        let document = try extract(text)
        let direct = document.quotes.filter { $0.kind == "direct" }
        #expect(direct.count == 1)
        #expect(direct.first?.spans.count == 2)
        #expect(direct.first?.speaker?.name == "Behnam Ben Taleblu")
    }

    @Test func namedSpeakerAfterTheVerb() throws {
        let document = try extract("“This was the hardest decision my family has ever made,” said Charles Whitmore, the club’s chairman.")
        #expect(document.quotes.first?.speaker?.name == "Charles Whitmore")
    }

    @Test func unbalancedMarksKeepOtherQuotes() throws {
        let document = try extract("\"This one never closes, said nobody.\n\nLater, Ana Ruiz said: \"We have been lucky, and luck is not a strategy.\"")
        #expect(document.quotes.contains { $0.text.hasPrefix("We have been lucky") && $0.speaker?.name == "Ana Ruiz" })
    }
}

@Suite struct DateTests {
    @Test func weekdaysResolveAgainstPublication() throws {
        // Published Wednesday 2024-06-26.
        let document = try extract("Iran vowed on Tuesday to act. The strike came in April, after the attack on April 14. Talks resume next Monday.", published: "2024-06-26")
        func value(_ text: String) -> String? { document.dates.first { $0.text == text }?.value }
        #expect(value("Tuesday") == "2024-06-25")
        #expect(value("April") == "2024-04")
        #expect(value("April 14") == "2024-04-14")
        #expect(value("next Monday") == "2024-07-01")
    }

    @Test func withoutAnchorRelativeDatesStayUnresolved() throws {
        let document = try extract("Iran vowed on Tuesday to act.")
        let tuesday = try #require(document.dates.first { $0.text == "Tuesday" })
        #expect(tuesday.value == nil)
        #expect(tuesday.note != nil)
    }

    @Test func impossibleAndAmbiguousDates() throws {
        let document = try extract("It was due on February 30. The form was dated 03/04/05.", published: "2024-06-26")
        #expect(document.dates.first { $0.text.hasPrefix("February 30") }?.value == nil)
        let ambiguous = try #require(document.dates.first { $0.text == "03/04/05" })
        #expect(ambiguous.value == nil && ambiguous.note?.contains("ambiguous") == true)
    }

    @Test func durationsAndYears() throws {
        let document = try extract("It is the first strike since 1984, a 72-hour walkout in the 1990s style.", published: "2024-03-03")
        #expect(document.dates.contains { $0.text == "1984" && $0.value == "1984" })
        #expect(document.dates.contains { $0.text == "72-hour" && $0.type == "DURATION" && $0.value == "PT72H" })
    }
}

@Suite struct QuantityTests {
    @Test func boundsMoneyPercentMeasures() throws {
        let document = try extract("Tehran fired more than 300 drones, ballistic missiles and cruise missiles. The wall costs $412 million, about 4.2% of the budget, and runs 12 kilometres. Some 1.2 million people live there.")
        let drones = try #require(document.quantities.first { $0.value == 300 })
        #expect(drones.bound == "lower-bound" && drones.counts == "drones" && drones.text == "more than 300")
        let money = try #require(document.quantities.first { $0.kind == "money" })
        #expect(money.value == 412_000_000 && money.unit == "USD")
        #expect(document.quantities.contains { $0.kind == "percent" && $0.value == 4.2 && $0.bound == "approximate" })
        #expect(document.quantities.contains { $0.kind == "measure" && $0.unit == "km" && $0.value == 12 })
        #expect(document.quantities.contains { $0.value == 1_200_000 && $0.counts == "people" })
    }

    @Test func longDigitLineIsLinear() throws {
        let document = try extract(String(repeating: "7", count: 200_000))
        #expect(document.quantities.count <= 1)
    }
}

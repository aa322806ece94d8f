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

/// The first direct quotation extract finds in `text` (a test issue when there is none).
func firstDirectQuote(_ text: String) throws -> Quote {
    try #require(try extract(text).quotes.first { $0.kind == "direct" })
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

@Suite struct PhraseTrieTests {
    /// The trie's table agrees with a dictionary over many edges, through several growths, with
    /// parents and words that share their low bits.
    @Test func agreesWithADictionary() {
        var trie = PhraseTrie(capacity: 4)
        var reference: [Int64: Int32] = [:]
        var next: Int32 = 1
        var state: UInt64 = 12345
        for _ in 0..<50_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let parent = Int32(truncatingIfNeeded: (state >> 33) % 3000) * 1024
            let word = Int32(truncatingIfNeeded: (state >> 20) % 500)
            let key = Int64(parent) << 32 | Int64(word)
            let (node, isNew) = trie.child(of: parent, word: word, next: next)
            if let known = reference[key] {
                #expect(!isNew && node == known)
            } else {
                #expect(isNew && node == next)
                reference[key] = next
                next += 1
            }
        }
        #expect(reference.count > 10_000)
    }
}

@Suite struct QuoteFinderHelperTests {
    @Test func punctuationTrimAgreesWithFoundation() {
        var words: [String] = ["“Hello,”", "(U.S.)", "--", "¿Qué?", "$5", "a+b", "<tag>", "«non»", "word—", "‘quoted’", "", "...", "x"]
        for value in UInt32(0x20)...0x3000 {
            // Foundation's character sets lag behind the standard library's Unicode tables: scalars
            // assigned after Unicode 14 (the Balinese marks of 16.0) are punctuation only to the latter.
            guard let s = Unicode.Scalar(value), let age = s.properties.age, age.major <= 14 else { continue }
            words.append("\(s)a\(s)")
        }
        for word in words {
            #expect(QuoteFinder.trimmingPunctuation(Substring(word)) == word.trimmingCharacters(in: .punctuationCharacters), "\(word)")
        }
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

@Suite struct QuoteAttributionTests {
    @Test func typewriterMarksAreQuotations() throws {
        // Two apostrophes as quotation marks (one newspaper's house style), split by the cue.
        let text = "Mr. Indyk spoke at length.\n\n''There's a lot of water under the bridge,'' Mr. Indyk said, ''and it's very hard to imagine a deal.''"
        let document = try extract(text)
        let direct = document.quotes.filter { $0.kind == "direct" }
        #expect(direct.count == 1)
        #expect(direct.first?.spans.count == 2)
        #expect(direct.first?.text.hasPrefix("There's a lot of water") == true)
        #expect(direct.first?.speaker?.name.hasSuffix("Indyk") == true)
    }

    @Test func pronounAgreesInGender() throws {
        // "she" skips the man named last for the woman named before him.
        let text = "Hillary Clinton met Donald Trump on Monday.\n\n\"We will not back down from this fight,\" she said."
        let document = try extract(text)
        let quote = try #require(document.quotes.first { $0.kind == "direct" })
        #expect(quote.speaker?.name == "Hillary Clinton")
        let he = try extract("Hillary Clinton met Donald Trump on Monday.\n\n\"We will not back down from this fight,\" he said.")
        #expect(he.quotes.first { $0.kind == "direct" }?.speaker?.name == "Donald Trump")
    }

    @Test func titleGivesTheGender() throws {
        let text = "Ms. Alvarez met Mr. Okafor in Lagos.\n\n\"The talks went better than anyone expected,\" she said."
        let document = try extract(text)
        #expect(document.quotes.first { $0.kind == "direct" }?.speaker?.name.hasSuffix("Alvarez") == true)
    }

    @Test func speakerInTheSentenceAfterTheMark() throws {
        // The segmenter ends the sentence at "?”"; the cue follows in the next one.
        let text = "Gloria Borger interviewed Bernie Sanders.\n\n“Would that be you, senator, in the end?” Borger asked."
        let document = try extract(text)
        let quote = try #require(document.quotes.first { $0.kind == "direct" })
        #expect(quote.speaker?.name.hasSuffix("Borger") == true)
        #expect(quote.cue == "asked")
    }

    @Test func coordinatedVerbFallsBackToOneWithASubject() throws {
        let text = "Lindsey Graham spoke on Monday.\n\nGraham said that Carson is decent, and said that Trump “melted down last night on the stage.”"
        let document = try extract(text)
        let quote = try #require(document.quotes.first { $0.kind == "direct" })
        #expect(quote.speaker?.name == "Lindsey Graham")
    }

    @Test func nominalSpeaker() throws {
        let document = try extract("“We have teams around the world investigating reports,” a Twitter spokesman said.")
        let quote = try #require(document.quotes.first { $0.kind == "direct" })
        let speaker = try #require(quote.speaker)
        #expect(speaker.name.contains("spokesman"))
        #expect(speaker.start != nil)
    }

    @Test func unbalancedMarksInOneParagraphKeepTheOthers() throws {
        // A stray closing mark and a stray opening mark mid-paragraph cost nothing elsewhere.
        let text = "He said” nothing at all, and “then left the room.\n\n\"We have been lucky, and luck is not a strategy,\" said Ana Ruiz.\n\n''Typewriter marks work as well here,'' said Ana Ruiz."
        let document = try extract(text)
        let direct = document.quotes.filter { $0.kind == "direct" }
        #expect(direct.contains { $0.text.hasPrefix("We have been lucky") && $0.speaker?.name == "Ana Ruiz" })
        #expect(direct.contains { $0.text.hasPrefix("Typewriter marks") })
        #expect(!direct.contains { $0.text.contains("then left the room") })
    }

    @Test func dashSignsTheQuotation() throws {
        let text = "Readers wrote to us.\n\n“The most unqualified child to ever run for president.” ― Francisco Herrero"
        let document = try extract(text)
        let quote = try #require(document.quotes.first { $0.kind == "direct" })
        #expect(quote.speaker?.name == "Francisco Herrero")
    }

    @Test func signedLinesInOneParagraphEachHaveTheirOwnSigner() throws {
        let text = "Readers wrote to us.\n\n“We need more nurses on the night shift.” ― Laura Bennett\n“The car park fees are far too high for the staff.” ― Tom Okafor"
        let quotes = try extract(text).quotes.filter { $0.kind == "direct" }
        #expect(quotes.count == 2)
        #expect(quotes.last?.speaker?.name == "Tom Okafor")
    }

    @Test func participleTakesTheClauseSubject() throws {
        let text = "The mayor, Janet Morris, opened the new bridge on Friday, saying it “will change how this whole town works.”"
        let quote = try firstDirectQuote(text)
        #expect(quote.speaker?.name == "Janet Morris")
    }

    @Test func coordinatedSpeechVerbTakesTheFirstSubject() throws {
        let text = "Peter Hale, the union's leader, criticised the plan drafted by the council and said he “will not accept any cut to night pay.”"
        let quote = try firstDirectQuote(text)
        #expect(quote.speaker?.name == "Peter Hale")
    }

    @Test func anyVerbAfterAnOpenQuotationAndAName() throws {
        let text = "Peter Hale left the meeting early.\n\n“Go back to the table and start again,” Hale barked at the negotiators."
        let quote = try firstDirectQuote(text)
        #expect(quote.speaker?.name == "Peter Hale")
        #expect(quote.cue == "barked")
    }

    @Test func aCapitalisedVerbInsideANameIsNotTheCue() throws {
        let text = "Diplomats in Geneva said the United States “is not ready to sign the final text this week.”"
        let quote = try firstDirectQuote(text)
        #expect(quote.cue == "said")
    }

    @Test func reportedSpeechBeforeTheSpeakerAndAccordingTo() throws {
        let text = "The talks on the harbour wall had failed for the third time, the council's chief engineer said.\n\n"
            + "The repairs will cost more than the town can raise this year, according to the finance office.\n\n"
            + "Marta Levin believes the wall will hold through one more winter."
        let indirect = try extract(text).quotes.filter { $0.kind == "indirect" }
        #expect(indirect.contains { $0.text == "The talks on the harbour wall had failed for the third time" && $0.cue == "said" })
        #expect(indirect.contains { $0.text == "The repairs will cost more than the town can raise this year" && $0.speaker?.name == "the finance office" })
        #expect(indirect.contains { $0.text.hasPrefix("the wall will hold") && $0.speaker?.name == "Marta Levin" })
    }

    @Test func whoWasAskedOrToldIsNotTheSpeaker() throws {
        let text = "Gary Locke will be confirmed as the club's manager on Friday, eight weeks after he was asked to take charge until the end of the season.\n\n"
            + "The players were told that the new stand would open in the spring.\n\n"
            + "The chairman said the club had never been in better hands."
        let indirect = try extract(text).quotes.filter { $0.kind == "indirect" }
        #expect(!indirect.contains { $0.cue == "asked" || $0.cue == "told" })
        #expect(indirect.contains { $0.speaker?.name == "The chairman" && $0.cue == "said" })
    }

    @Test func quotedAsSayingBelongsToTheSubject() throws {
        let text = "John Braynard, a pollster, spoke on Monday.\n\n“We are in and out of the field faster than anyone,” Braynard is quoted as saying."
        let quote = try firstDirectQuote(text)
        #expect(quote.speaker?.name == "John Braynard")
    }

    @Test func pronounGoesToTheLastSpeakerNotAPossessive() throws {
        let text = "Sam Ortiz, who ran Jordan Lee's campaign in the spring, said the race was close.\n\n“I have never seen turnout like this in the county,” he said."
        let quote = try firstDirectQuote(text)
        #expect(quote.speaker?.name == "Sam Ortiz")
        #expect(quote.speaker.map { slice(text, $0.start ?? 0, $0.end ?? 0) } == "he")
    }

    /// A pronoun goes to the last person a speech verb of the sentence before names, not to the first
    /// verb's subject or the person the sentence opens with.
    @Test func pronounGoesToTheLastSpeechVerbOfTheSentenceBefore() throws {
        let text = "Mayor Sadiq Rahman spoke on Monday.\n\nRahman's comments came days after the port authority warned of a strike, a threat that Peter Novak said the union is using to raise pay.\n\n“We are in the first phase of a long dispute,” he added."
        let document = try extract(text)
        let quote = try #require(document.quotes.first { $0.kind == "direct" && $0.text.hasPrefix("We are") })
        #expect(quote.speaker?.name == "Peter Novak")
    }

    @Test func aPersonNamedInsideTheQuotationIsNotItsSpeaker() throws {
        let text = "Mayor Sadiq Rahman spoke to reporters on Monday about his travel plans.\n\n“If Peter Novak becomes governor, I will be stopped from going there,” he said."
        let quote = try firstDirectQuote(text)
        #expect(quote.speaker?.name == "Sadiq Rahman")
    }

    @Test func relativePronounAndItSpeakForTheNameBefore() throws {
        let text = "Reporters turned to the Harbour Trust, which reported “more than two thousand complaints about the wall” last year.\n\n"
            + "“The council has ignored every one of the warnings it was given,” it wrote in its annual review."
        let quotes = try extract(text).quotes.filter { $0.kind == "direct" }
        #expect(quotes.count == 2)
        #expect(quotes.first?.speaker.map { slice(text, $0.start ?? 0, $0.end ?? 0) } == "which")
        #expect(quotes.first?.speaker?.name.contains("Harbour Trust") == true)
        #expect(quotes.last?.speaker.map { slice(text, $0.start ?? 0, $0.end ?? 0) } == "it")
    }

    @Test func mismatchedMarksStillCloseTheQuotation() throws {
        let text = "“The tide will come back every winter,\" said Rosa Lind, the coastal engineer. “We cannot wait for another flood,“ she added. \"The sea does not wait for budgets,” she said."
        let quotes = try extract(text).quotes.filter { $0.kind == "direct" }
        #expect(quotes.map(\.text).contains("The tide will come back every winter,"))
        #expect(quotes.allSatisfy { $0.speaker?.name == "Rosa Lind" })
        #expect(quotes.flatMap(\.spans).count == 3)
    }

    @Test func signatureOnTheNextLineAndAccordingTo() throws {
        let text = "Two candidates answered our survey.\n\n\"Every family should pay the same share of the cost.\"\n\n- Ruiz.\n\n"
            + "According to Maria Holt of the Harbour Trust, “the wall will need repairs every single winter from now on.”"
        let quotes = try extract(text).quotes.filter { $0.kind == "direct" }
        #expect(quotes.count == 2)
        #expect(quotes.first?.speaker?.name == "Ruiz")
        let according = try #require(quotes.last?.speaker)
        #expect(according.name.hasPrefix("Maria Holt"))
        #expect(according.start != nil)
    }

    @Test func colonAfterASentenceWithoutSpeechVerb() throws {
        let text = "After the vote, Senator Ellen Marsh issued the following statement:\n\n“This is a good day for every family on the coast.”"
        let quote = try firstDirectQuote(text)
        #expect(quote.speaker?.name == "Ellen Marsh")
    }

    @Test func anyVerbInvertedAfterTheQuotation() throws {
        let text = "“She took it upon herself to prove them all wrong,” remembered Roy Verley, the company's former spokesman."
        let quote = try firstDirectQuote(text)
        #expect(quote.speaker?.name == "Roy Verley")
        #expect(quote.cue == "remembered")
    }

    @Test func sentenceNamesTheHolderOfAQuotationWithoutCue() throws {
        // No speech verb at all: the sentence names who holds the words before them.
        let person = try firstDirectQuote("Mayor Ana Ruiz spoke at noon.\n\nLater, Ana Ruiz rallied the crowd to chants of “bring the buses back now.”")
        #expect(person.speaker?.name == "Ana Ruiz")
        // A noun phrase opening the sentence, with the verb ending it.
        let nominal = try firstDirectQuote("The new campaign advertisement concludes that the mayor is “a friend of the developers and nobody else.”")
        let speaker = try #require(nominal.speaker)
        #expect(speaker.name == "The new campaign advertisement")
        #expect(speaker.entity == nil)
    }

    @Test func aQuotationInsideItsOwnSentenceDoesNotContinueTheOneBefore() throws {
        let text = "“We will win this,” said Omar Haddad. Lena Fischer then accused him of running “a campaign of empty promises and nothing else.”"
        let document = try extract(text)
        let direct = document.quotes.filter { $0.kind == "direct" }
        #expect(direct.count == 2)
        #expect(direct.last?.speaker?.name == "Lena Fischer")
        #expect(direct.last?.spans.count == 1)
    }

    @Test func aQuotedParagraphContinuesTheSpeakerReportedBefore() throws {
        let text = "Defence minister Paul Okafor said that for years critics had predicted a withdrawal.\n\n“That will not happen while I hold this office, and the budget shows it.”"
        let quote = try firstDirectQuote(text)
        #expect(quote.speaker?.name == "Paul Okafor")
    }

    @Test func aVerbInALaterClauseDoesNotTakeTheQuotation() throws {
        // "said" before the quotation is its cue; the "he said" after ", but" belongs to its own clause.
        let text = "Police chief Maria Lopez said the footage did not give “absolute visual evidence of a weapon,” but he said the other evidence held up."
        let quote = try firstDirectQuote(text)
        #expect(quote.speaker?.name == "Maria Lopez")
    }

    @Test func aTitleWordOrADeterminerAloneAfterTheVerbIsTheSpeaker() throws {
        let baron = try firstDirectQuote("The editor spoke first.\n\n“This is a candidate unlike any we have seen,” said Baron.")
        #expect(baron.speaker?.name == "Baron")
        let another = try firstDirectQuote("“Keep your eyes on the road and your hands on the wheel,” tweeted another.")
        #expect(another.speaker?.name == "another")
    }

    @Test func pluralNounsAreNotSpeechVerbs() throws {
        // "tweets" is a noun after "late-night"; the speaker is the subject of "says".
        let quote = try firstDirectQuote("Senator Ana Ruiz says the governor's late-night tweets about the strike were “reckless, even for him.”")
        #expect(quote.speaker?.name == "Ana Ruiz")
    }

    @Test func asidesAndNicknamesInsideTheSubject() throws {
        let nickname = try extract("“This is a big year for all of us,” his niece, state Sen. Marcia “Cia” Price (D-Va.), shouted to the crowd.")
        #expect(!nickname.quotes.contains { $0.text == "Cia" })
        #expect(nickname.quotes.first { $0.kind == "direct" }?.speaker != nil)
        let aside = try firstDirectQuote("John Dickey, the chief executive of Ora Media -- the company that makes the show -- told me, “We are a content provider and nothing more.”")
        #expect(aside.speaker?.name == "John Dickey")
    }

    @Test func colonParagraphIntroducesTheQuotation() throws {
        let text = "Pat Caddell spoke on the radio.\n\nCaddell continued:\n\n“The health issue overall is very much a partisan issue.”"
        let document = try extract(text)
        let quote = try #require(document.quotes.first { $0.kind == "direct" })
        #expect(quote.speaker?.name.hasSuffix("Caddell") == true)
    }

    @Test func personBeforeAPlaceApposition() throws {
        let text = "Johnnie Wilson, of Springfield, Virginia, said he had fought in Vietnam “for the nation's rights, knowing that back home we had none.”"
        let document = try extract(text)
        #expect(document.quotes.first { $0.kind == "direct" }?.speaker?.name == "Johnnie Wilson")
    }

    @Test func personAfterTheVerbAndAnOrganisation() throws {
        let text = "“His body language was excellent tonight,” said MSNBC host Chris Matthews."
        let document = try extract(text)
        #expect(document.quotes.first { $0.kind == "direct" }?.speaker?.name == "Chris Matthews")
    }

    @Test func heAndSheStandForPeopleNotForACountry() throws {
        let alone = try extract("“The test was a complete success,” North Korea said on Friday.\n\n“We will not accept this,” he said.")
        let said = alone.quotes.filter { $0.kind == "direct" }
        #expect(said.first?.speaker?.name == "North Korea")
        #expect(said.count == 2 && said.last?.speaker?.name != "North Korea")
        let text = "“The test was a complete success,” North Korea said on Friday.\n\nPresident Obama met his advisers. “We will not accept this,” he said."
        let document = try extract(text)
        #expect(document.quotes.filter { $0.kind == "direct" }.last?.speaker?.name == "Obama")
        // After a person's title a name is a person's, though a city in Japan is called Obama too.
        #expect(document.entities.first { $0.name == "Obama" }?.type == "PERSON")
    }

    @Test func headlineInTitleCaseNamesOnlyWhatTheTextNames() throws {
        let text = "Retired General Reveals Demoralizing Experience Of Serving Under Obama.\n\nRetired Gen. Norman Ham spoke out against President Barack Obama on Monday."
        let names = try extract(text).entities.map(\.name)
        #expect(!names.contains { $0.contains("Reveals") || $0.contains("Retired") })
        #expect(names.contains("Barack Obama") && names.contains("Norman Ham"))
        // A list of names is not a headline.
        let list = try extract("Australia squad:\n\nIan Healy, Michael Bevan, Stuart Law, Glenn McGrath, Ricky Ponting").entities.map(\.name)
        #expect(list.contains("Glenn McGrath") && list.contains("Ricky Ponting"))
    }

    @Test func nameInAppositionToTheSubjectSpeaks() throws {
        let quote = try firstDirectQuote("Another critic, Laurence Tribe, likened the new rules to “burning the whole Constitution down.”")
        #expect(quote.speaker?.name == "Laurence Tribe")
    }

    @Test func pronounSkipsTheOpeningPhraseOfTheSentenceBefore() throws {
        let interview = "In an interview with Rusty Humphries, Norman Ham made it clear he had misgivings about the forces under President Barack Obama.\n\n“Now that I don't have to be politically correct anymore,” he told the host."
        #expect(try firstDirectQuote(interview).speaker?.name == "Norman Ham")
        let clause = "When Mike Pence arrived, Paul Ryan spoke to the crowd for an hour.\n\n“We will carry this state in November,” he said."
        #expect(try firstDirectQuote(clause).speaker?.name == "Paul Ryan")
    }

    @Test func personIntroducedByAnOrganisationsTitleSpeaks() throws {
        let text = "House Speaker Paul Ryan, R-Wis., despite admitting his worries about “trial lawyers trying to get rich” from the bill, voted for it."
        #expect(try firstDirectQuote(text).speaker?.name == "Paul Ryan")
        let delegate = "“This is a waste of time and of our money,” said Del. Stacey Plaskett of the Virgin Islands."
        #expect(try firstDirectQuote(delegate).speaker?.name == "Stacey Plaskett")
    }

    @Test func pronounAfterAccordingToStandsForItsSource() throws {
        let text = "Norman Ham retired two years ago.\n\nAccording to Ham, the administration has shuffled through leaders because many disagreed with Barack Obama’s policies.\n\n“We’re on our fourth secretary of defense,” he said."
        #expect(try firstDirectQuote(text).speaker?.name == "Norman Ham")
    }

    @Test func pronounSkipsAPrepositionObject() throws {
        let text = "Mike Pence spoke on Tuesday in a long interview with Paul Ryan.\n\n“We will carry this state in November,” he said."
        let document = try extract(text)
        #expect(document.quotes.first { $0.kind == "direct" }?.speaker?.name == "Mike Pence")
    }

    @Test func titlesInMarksAreNotQuotations() throws {
        let text = "Sunday on CNN’s “Fareed Zakaria GPS,” President Barack Obama said he expected voters to say “no to all of his policies.”"
        let document = try extract(text)
        #expect(!document.quotes.contains { $0.text.hasPrefix("Fareed Zakaria") })
        #expect(document.quotes.contains { $0.text.hasPrefix("no to all") && $0.speaker?.name == "Barack Obama" })
    }

    @Test func manyQuotesFinish() throws {
        let paragraph = "“This is one more quoted sentence here,” said Ana Ruiz."
        let text = Array(repeating: paragraph, count: 2_000).joined(separator: "\n\n")
        let clock = ContinuousClock()
        var count = 0
        let elapsed = try clock.measure { count = try extract(text).quotes.count }
        #expect(count >= 2_000)
        #expect(elapsed < .seconds(30))
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

    @Test func dayRangesAreIntervals() throws {
        let document = try extract("The festival ran June 3–5. Talks are set for Sept. 28-30, 2023. It was on May 5-3.", published: "2024-06-26")
        func value(_ text: String) -> String? { document.dates.first { $0.text == text }?.value }
        #expect(value("June 3–5") == "2024-06-03/2024-06-05")
        #expect(value("Sept. 28-30, 2023") == "2023-09-28/2023-09-30")
        #expect(value("May 5") == "2024-05-05")
        #expect(!document.quantities.contains { $0.text == "5" || $0.text == "30" })
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

    @Test func decadesCenturiesAndSpokenYears() throws {
        let document = try extract("Sales grew through the 1990s, in the 20th century style. In nineteen ninety-six a bomb went off; two thousand people fled.", published: "1998-03-03")
        func value(_ text: String) -> String? { document.dates.first { $0.text == text }?.value }
        #expect(value("the 1990s") == "199")
        #expect(value("the 20th century") == "19")
        #expect(value("nineteen ninety-six") == "1996")
        #expect(!document.dates.contains { $0.text.contains("two thousand") })
    }

    @Test func sameWeekdayLookedAheadIsToday() throws {
        // Published Wednesday 2024-06-26: "will meet on Wednesday" is today, "next Wednesday" a week on.
        let document = try extract("The king will meet Bush on Wednesday. They will talk again next Wednesday.", published: "2024-06-26")
        #expect(document.dates.first { $0.text == "Wednesday" }?.value == "2024-06-26")
        #expect(document.dates.first { $0.text == "next Wednesday" }?.value == "2024-07-03")
    }

    @Test func yearAgoInQuarterlyResultsIsAQuarter() throws {
        let document = try extract("Third-quarter net income rose to $5 million from $3 million a year ago. The year-earlier results included a gain. Profit rose from a year ago.", published: "1989-11-02")
        #expect(document.dates.first { $0.text == "a year ago" }?.value == "1988-Q3")
        #expect(document.dates.first { $0.text == "year-earlier" }?.value == "1988-Q3")
        let plain = try extract("He moved to Boston a year ago.", published: "1989-11-02")
        #expect(plain.dates.first { $0.text == "a year ago" }?.value == "1988")
    }

    @Test func signalsAndDeterminersStayOutOfTheExtent() throws {
        let document = try extract("Three days later, the eight-year war ended under the Feb. 23 accord. The warrants run until 90 days after their issue.", published: "1998-03-03")
        #expect(document.dates.contains { $0.text == "Three days" && $0.type == "DURATION" && $0.value == "P3D" })
        #expect(document.dates.contains { $0.text == "eight-year" && $0.value == "P8Y" })
        #expect(document.dates.contains { $0.text == "Feb. 23" && $0.value == "1998-02-23" })
        #expect(document.dates.contains { $0.text == "90 days" && $0.value == "P90D" })
    }

    @Test func monthsByTheirModifiersAndPrepositions() throws {
        let document = try extract("The dividend is payable Jan. 2. Holders approved the plan last April. The party hopes to win seats this September. Talks must end by May.", published: "1989-10-27")
        func value(_ text: String) -> String? { document.dates.first { $0.text == text }?.value }
        #expect(value("Jan. 2") == "1990-01-02")
        #expect(value("last April") == "1989-04")
        #expect(value("this September") == "1989-09")
        #expect(value("May") == "1990-05")
    }

    @Test func weekendTimesOnDaysAndDatedWeekdays() throws {
        // Published Monday 1990-08-13.
        let document = try extract("Officials said over the weekend that talks broke off at noon Thursday. The paper said on Saturday, Aug. 4, that it had been scheduled to expire at midnight Friday.", published: "1990-08-13")
        func value(_ text: String) -> String? { document.dates.first { $0.text == text }?.value }
        #expect(value("the weekend") == "1990-W32-WE")
        #expect(value("noon Thursday") == "1990-08-09T12:00")
        #expect(value("Saturday, Aug. 4") == "1990-08-04")
        #expect(value("midnight Friday") == "1990-08-10T24:00")
    }

    @Test func yearsWithModifiersAndReportingPeriods() throws {
        let document = try extract("In fiscal 1989 it earned more than in the 1988 third quarter. Sales for the full year rose; work begins in early 1991. In recent years costs rose.", published: "1989-11-02")
        func find(_ text: String) -> TemporalExpression? { document.dates.first { $0.text == text } }
        #expect(find("fiscal 1989")?.value == "1989")
        #expect(find("the 1988 third quarter")?.value == "1988-Q3")
        #expect(find("the full year")?.type == "DATE" && find("the full year")?.value == "1989")
        #expect(find("early 1991")?.value == "1991")
        #expect(find("recent years")?.value == "PAST_REF")
    }

    @Test func theYearIsASpanUnlessFullOrItsEnd() throws {
        let document = try extract("Revenue for the year ended March 31 rose. The goal is to cut costs by the end of the year.", published: "1989-11-02")
        #expect(document.dates.contains { $0.text == "the year" && $0.type == "DURATION" && $0.value == "P1Y" })
        #expect(document.dates.contains { $0.text == "the end of the year" && $0.type == "DATE" && $0.value == "1989" })
    }

    @Test func nextMonthIsAheadAndThroughLooksBack() throws {
        let document = try extract("It expects to release results in mid-November. The fund has fallen 2% this year through Oct. 19.", published: "1989-10-30")
        #expect(document.dates.first { $0.text == "mid-November" }?.value == "1989-11")
        #expect(document.dates.first { $0.text == "Oct. 19" }?.value == "1989-10-19")
    }

    @Test func vagueAndAnaphoricExpressions() throws {
        let document = try extract("Ukraine was ruled from Moscow for centuries. Rates may fall in coming months and in the near term. "
            + "The deal closes by year-end. Demand held up over the summer. CBS reported last night that the following year was worse. "
            + "At the time he was willing to wait. For the week, the index fell.", published: "1989-10-27")
        func find(_ text: String) -> TemporalExpression? { document.dates.first { $0.text == text } }
        #expect(find("centuries")?.type == "DURATION" && find("centuries")?.value == "PXCE")
        #expect(find("coming months")?.value == "FUTURE_REF")
        #expect(find("the near term")?.value == "FUTURE_REF")
        #expect(find("year-end")?.value == "1989")
        #expect(find("the summer")?.value == "1989-SU")
        #expect(find("last night")?.value == "1989-10-26TNI")
        // Times named from an event in the text keep their span and type, without a guessed value.
        let following = try #require(find("the following year"))
        #expect(following.type == "DATE" && following.value == nil && following.note != nil)
        #expect(find("the time")?.value == nil && find("the week") != nil)
    }
}

@Suite struct LanguageTests {
    /// A document the clean stage found to be in another language gets no annotations (German
    /// capitalises its nouns, which the tagger would take for names), and its file says why.
    @Test func aDocumentInAnotherLanguageIsNotAnnotated() throws {
        let text = "Der Stadtrat von Hamburg hat am Dienstag den Bau einer neuen Hafenmauer beschlossen. Die Kosten belaufen sich auf 412 Millionen Euro, sagte Bürgermeister Peter Tschentscher."
        let segmenter = try Segmenter(settings: SegmentSettings(), lexicon: SegmentLexicon.load(from: TestPaths.pipelines))
        let extractor = try Extractor(settings: ExtractSettings(), lexicon: ExtractLexicon.load(from: TestPaths.pipelines))
        let paragraphs = Segmenter.paragraphs(ofText: text)
        func document(_ language: String?) -> SegmentDocument {
            SegmentDocument(header: DocumentHeader(id: "t", source: "t", language: language), text: text, paragraphs: paragraphs,
                            sentences: segmenter.segment(text: text, paragraphs: paragraphs))
        }
        let german = extractor.extract(document("de"))
        #expect(german.entities.isEmpty && german.quotes.isEmpty && german.dates.isEmpty && german.quantities.isEmpty && german.keyphrases.isEmpty)
        #expect(german.components == [])
        #expect(german.componentsReason?.contains("\"de\"") == true)
        #expect(german.sentences.count == 2)
        // Read as English (its language untold, or English by the settings), the tagger finds names in it.
        let untold = extractor.extract(document(nil))
        #expect(!untold.entities.isEmpty && untold.components == nil && untold.componentsReason == nil)
        // English under a wrong tag is read: its words say what it is.
        let english = "The council of Ravensmouth approved the sea wall on Tuesday, and the mayor said that the work would start in the autumn."
        #expect(Extractor.englishShare(of: english) >= ExtractSettings().englishWordShare)
        #expect(Extractor.englishShare(of: text) < ExtractSettings().englishWordShare)
        let tagged = SegmentDocument(header: DocumentHeader(id: "e", source: "e", language: "fr"), text: english,
                                     paragraphs: Segmenter.paragraphs(ofText: english),
                                     sentences: segmenter.segment(text: english, paragraphs: Segmenter.paragraphs(ofText: english)))
        let read = extractor.extract(tagged)
        #expect(read.componentsReason == nil && read.entities.contains { $0.name == "Ravensmouth" })
        var settings = ExtractSettings()
        settings.languages = ["en", "de"]
        #expect(Extractor(settings: settings, lexicon: extractor.lexicon).extract(document("de")).componentsReason == nil)
    }
}

@Suite struct ExtractRecordTests {
    @Test func recordIsWrittenAsFoundationWritesIt() throws {
        var document = try extract("""
        Kamal Kharrazi, Iranian foreign minister, warned on Tuesday of "a regional war", according to the agency.

        "We would have no choice," he added. The strike cost $412 million, about 4.2% of the budget.
        """, published: "2024-04-16")
        #expect(document.prettyJSON() == (try JSONFiles.encode(document)))
        // Every optional member present or missing, numbers of every shape, tokens, a control character.
        document.components = ["quotes", "dates"]
        document.componentsReason = "a reason \"quoted\""
        document.sentences[0].tokens = [Token(start: 0, end: 5, kind: "word")]
        document.quotes.append(Quote(start: 1, end: 2, spans: [], text: "a/b \u{1}", kind: "phrase", cue: nil,
                                     speaker: Speaker(name: "X", entity: nil, start: nil, end: nil), via: "Y"))
        document.dates.append(TemporalExpression(start: 0, end: 1, text: "t", type: "DATE", value: nil, anchor: "a", note: "n"))
        for value in [0.1, 1e-7, 60, -3.25, 1.2e21, 123456789.125] {
            document.quantities.append(Quantity(start: 0, end: 1, text: "1", kind: "cardinal", value: value, unit: nil, bound: "exact", counts: "c"))
        }
        document.keyphrases.append(Keyphrase(phrase: "p", score: 0.30000000000000004))
        #expect(document.prettyJSON() == (try JSONFiles.encode(document)))
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

    @Test func numberWordsThatBeginWithAShorterOne() throws {
        // "sixty" begins with "six", "ninety-nine" with "nine": the whole word is the number.
        let document = try extract("Sixty people came and seventeen left. Ninety-nine balloons and fourteen cats were there. Eighty percent agreed.")
        let values = Set(document.quantities.map(\.value))
        #expect(values.isSuperset(of: [60, 17, 99, 14, 80]))
        #expect(!values.contains(9) && !values.contains(6) && !values.contains(7) && !values.contains(4) && !values.contains(8))
        #expect(document.quantities.contains { $0.kind == "percent" && $0.value == 80 })
    }

    @Test func longDigitLineIsLinear() throws {
        let document = try extract(String(repeating: "7", count: 200_000))
        #expect(document.quantities.count <= 1)
    }
}

@Suite struct TriggerTests {
    /// Texts with the forms the rules' patterns allow, glued and split: the prefilter must never lose
    /// what the rules find over the whole text.
    static let texts = [
        "Iran vowed on Tuesday to act.\n\nThe strike came in April, after the attack on April 14.\n\nTalks resume next Monday.",
        "In midsummer 2019 the talks stalled.\n\nBy mid-winter they resumed at 5pm, then at 10 a.m. Friday and at noon.",
        "Profit rose in Q3 and in the fourth quarter.\n\nThe year-ago quarter was weak; the 1990s and the nineties were not.",
        "Nineteen ninety-nine, two thousand and five.\n\nShe won the fourth race, tenk prizes and 3bn dollars.",
        "Twenty-one days later, a dozen people, dozens of cars and 1,200 homes.\n\nOn 2024-06-26 and 03/04/05 it rained.",
        "Every Friday, each morning.\n\nThe past few weeks, these days, the near term, for years.\n\nThat year, the following week, a while.",
        "Sales grew 12% (12 percent) to $3.5 billion, up 40 per cent.\n\nThe 20th century, the year-end, last night, the weekend.",
        "The fair ran June 3–5 and Sept. 28 to 30, 2023.\n\nNot May 5-3.",
        "MAY 5, 2024: nothing\n\n\n\nhappened in May.\n\nSomeone won one of the seventy-two seats.",
    ]

    @Test(arguments: texts)
    func prefilterFindsWhatTheWholeTextGives(text: String) throws {
        let segmenter = try Segmenter(settings: SegmentSettings(), lexicon: SegmentLexicon.load(from: TestPaths.pipelines))
        let paragraphs = Segmenter.paragraphs(ofText: text)
        let view = DocumentView(text: text, sentences: segmenter.segment(text: text, paragraphs: paragraphs), paragraphs: paragraphs)
        let anchor = CivilDate.parse("2024-06-26")
        let filtered = DateTagger().tag(text, anchor: anchor, view: view)
        let whole = DateTagger(prefilter: false).tag(text, anchor: anchor, view: view)
        #expect(filtered == whole)
        #expect(!filtered.isEmpty)
        let lexicon = try ExtractLexicon.load(from: TestPaths.pipelines)
        let quantities = QuantityTagger(lexicon: lexicon).tag(text, view: view, dates: filtered)
        var unfiltered = QuantityTagger(lexicon: lexicon)
        unfiltered.prefilter = false
        #expect(quantities == unfiltered.tag(text, view: view, dates: whole))
    }

    @Test func rangesJoinNeighbouringParagraphs() {
        let text = "Jan. 5\n\nnothing “é”\n\n\n\nsome 5 and May\n\nmay"
        let index = TriggerIndex(text, vocabulary: Trigger.vocabulary)
        #expect(index.paragraphs.count == 4)
        let months = index.ranges(for: Trigger.vocabulary.test(.words(DateTagger.monthWords)))
        let ns = text as NSString
        #expect(months.map { ns.substring(with: $0.range) } == ["Jan. 5", "some 5 and May\n\nmay"])
        let utf8 = Array(text.utf8)
        #expect(months.map { String(decoding: utf8[$0.utf8], as: UTF8.self) } == ["Jan. 5", "some 5 and May\n\nmay"])
        #expect(index.ranges(for: Trigger.vocabulary.test(.digit)).map { ns.substring(with: $0.range) } == ["Jan. 5", "some 5 and May"])
        #expect(index.ranges(for: Trigger.vocabulary.test(.always)).first?.range.length == ns.length)
    }
}

/// For each UTF-16 offset of `scalars` that starts a scalar (and the end), the scalar offset; and
/// the UTF-16 length. Regular expressions count in UTF-16, the hand matchers in scalars.
func utf16ToScalarOffsets(_ scalars: [Unicode.Scalar]) -> ([Int: Int], Int) {
    var scalarAt: [Int: Int] = [:]
    var utf16 = 0
    for (index, scalar) in scalars.enumerated() {
        scalarAt[utf16] = index
        utf16 += scalar.utf16.count
    }
    scalarAt[utf16] = scalars.count
    return (scalarAt, utf16)
}

@Suite struct NumberPatternTests {
    /// The hand matcher against ICU running `NumberPattern.regex` over the same text: the same
    /// matches with the same parts, on random text made of the pattern's words in every case, digits
    /// of two scripts, currency signs, kinds of white space, marks and format characters.
    @Test func findsWhatTheRegularExpressionFinds() throws {
        let regex = try NSRegularExpression(pattern: NumberPattern.regex, options: [.caseInsensitive])
        let pieces = ["1", "23", "456", "7890", ",", ",000", ".", ".5", "$", "€", "£", " ", "  ", "\u{A0}", "\t", "\n", "-",
                      "one", "Twenty", "SEVEN", "seventy", "six", "sixty", "ten", "tens", "th", "st", "nd", "rd", "m", "bn", "k", "K",
                      "\u{212A}", "\u{17F}ix", "million", "Billion", "hundred", "hundreds", "thousand", "a dozen", "dozens", "dozen",
                      "%", "percent", "per cent", "percents", "a", "someone", "x", "é", "\u{301}", "\u{200D}", "\u{200B}", "_",
                      "\u{663}", "\u{FF13}", "😀", "ninety-nine", "forty two", "eleven"]
        var generator = SystemRandomNumberGenerator()
        var found = 0
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...12, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let scalars = Array(text.unicodeScalars)
            let (scalarAt, utf16) = utf16ToScalarOffsets(scalars)
            func range(_ r: NSRange) -> Range<Int>? {
                r.location == NSNotFound ? nil : scalarAt[r.location]!..<scalarAt[NSMaxRange(r)]!
            }
            let expected = regex.matches(in: text, range: NSRange(location: 0, length: utf16)).map { m in
                NumberMatch(range: range(m.range)!, money: range(m.range(withName: "money")), number: range(m.range(withName: "number"))!,
                            ordinal: range(m.range(withName: "ordinal")), scale: range(m.range(withName: "scale")),
                            shortScale: range(m.range(withName: "shortscale")), percent: range(m.range(withName: "percent")))
            }
            #expect(NumberPattern.matches(scalars) == expected, "\(scalars)")
            found += expected.count
        }
        #expect(found > 3_000)
    }
}

/// The date rules matched by hand (`DurationPattern`, `DatePatterns`) against ICU running each rule's
/// own expression.
@Suite struct HandMatchedDateRuleTests {
    /// Runs the rule's own expression (ICU) and `matcher` over the same random texts, made of
    /// `parts` (one of each list, in order, mostly joined by a space) with `noise` around and between.
    func compare(_ name: String, _ matcher: ([Unicode.Scalar]) -> [[Range<Int>?]], parts: [[String]], joiners: [String] = [" "],
                 noise: [String]) throws -> Int {
        let rule = try #require(DateTagger.rules.first { $0.name == name })
        var generator = SystemRandomNumberGenerator()
        var found = 0
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                if Bool.random(using: &generator) { text += noise.randomElement(using: &generator)! }
                for (index, options) in parts.enumerated() {
                    if index > 0 {
                        text += Int.random(in: 0..<6, using: &generator) == 0 ? noise.randomElement(using: &generator)!
                                                                            : joiners.randomElement(using: &generator)!
                    }
                    text += options.randomElement(using: &generator)!
                }
                if Bool.random(using: &generator) { text += noise.randomElement(using: &generator)! }
            }
            let scalars = Array(text.unicodeScalars)
            let (scalarAt, utf16) = utf16ToScalarOffsets(scalars)
            let expected: [[Range<Int>?]] = rule.regex.matches(in: text, range: NSRange(location: 0, length: utf16)).map { m in
                (0..<m.numberOfRanges).map { g in
                    let r = m.range(at: g)
                    return r.location == NSNotFound ? nil : scalarAt[r.location]!..<scalarAt[NSMaxRange(r)]!
                }
            }
            #expect(matcher(scalars) == expected, "\(scalars)")
            found += expected.count
        }
        return found
    }

    static let noise = [" ", "  ", "\u{A0}", "\n", "-", "x", "_", "3", "\u{301}", "\u{200D}", "\u{AD}", "é", "😀", ".", ",", "s", "S"]

    @Test func duration() throws {
        let found = try compare("duration", DurationPattern.matches,
                                parts: [["3", "12", "٣", "six", "sixty", "SIX", "seven", "Seventy", "twenty", "twenty-one", "forty two",
                                         "several", "a few", "few", "one", "Eleven", "for a", "in an", "after A", "begin a", "than an", "a",
                                         "an", "x3", "_two", "twenty-", "\u{17F}ix"],
                                        ["day", "days", "Week", "wee\u{212A}", "weeks", "month", "quarter", "quarters", "quarters of",
                                         "quarter often", "year", "YEARS", "years old", "year-old", "days ago", "days later", "decade",
                                         "century", "centurys", "hour", "hour\u{17F}", "hourx", "minute\u{301}", "second\u{200D}",
                                         "week\u{AD}", "monthé"]],
                                joiners: [" ", "-"], noise: Self.noise)
        #expect(found > 300)
    }

    @Test func relativeUnit() throws {
        let found = try compare("relative-unit", RelativeUnitPattern.matches,
                                parts: [["last", "Last", "this", "THIS", "next", "past", "coming", "lastly", "xlast", "pas"],
                                        ["week", "weekend", "weekends", "wee\u{212A}", "month", "Year", "quarter", "summer", "winter",
                                         "spring", "autumn", "fall", "falls", "yearx", "week\u{301}"]],
                                noise: Self.noise)
        #expect(found > 300)
    }

    @Test func ago() throws {
        let found = try compare("ago", AgoPattern.matches,
                                parts: [["3", "12", "٣", "a", "A", "an", "one", "two", "Twelve", "ten", "several", "seven", "a few", "few",
                                         "afew", "x2", "\u{17F}ix"],
                                        ["day", "days", "Week", "weeks", "month", "months", "year", "YEARS", "dayss", "yearx"],
                                        ["ago", "AGO", "earlier", "later", "after", "before", "agone", "laters", "before\u{301}"]],
                                noise: Self.noise)
        #expect(found > 300)
    }
}

import Foundation
import NewsmillCore

/// Settings of the extract stage.
public struct ExtractSettings: Codable, Sendable {
    /// A direct quotation has at least this many words (shorter quoted phrases are scare quotes).
    public var minQuoteWords = 3
    /// How many sentences back a pronoun looks for the person it stands for.
    public var pronounWindowSentences = 6
    /// How many keyphrases to keep per document.
    public var keyphrases = 10
    /// Longest keyphrase, in words.
    public var maxKeyphraseWords = 4
    /// The languages the extractors read (their tagger and word lists are English): a document the
    /// clean stage found to be in another language gets no annotations, and its file says why in
    /// `componentsReason` (German capitalises its nouns, which the tagger would take for names). A
    /// document whose language could not be told is read …
    public var languages = ["en"]
    /// … and so is one in which at least this share of the first 3,000 words are common English function
    /// words ("the", "of", "and", `Extractor.englishMarkers`): English under a wrong language tag, or
    /// a stop-word count misled by a short listing. English prose has about 0.16; German, Dutch,
    /// Italian or Danish news below 0.03.
    public var englishWordShare = 0.06
    public init() {}
}

/// The extract stage's word lists and gazetteers (Pipelines/extract/).
public struct ExtractLexicon: Sendable {
    public var countries: Set<String>
    public var cities: Set<String>
    public var regions: Set<String>
    /// Regions of one country (a US state, a province): places with a government, GPE.
    public var countryRegions: Set<String>
    /// Demonym or group word → what it refers to.
    public var demonyms: [String: String]
    public var firstNames: Set<String>
    /// Family names (lower case), a feature of the name tagger only.
    public var lastNames: Set<String>
    /// Given names that are nearly always one gender (lower case → "male"/"female"), for pronouns.
    public var firstNameGenders: [String: String]
    public var orgWords: Set<String>
    /// Lower-cased person titles, multiword allowed ("brigadier general").
    public var personTitles: Set<String>
    public var roleNouns: Set<String>
    public var speechVerbs: Set<String>
    /// Verbs that attribute a claim or a belief without quoting it ("believes", "estimated", "found"),
    /// for reported speech only.
    public var attributionVerbs: Set<String>
    public var pronouns: [String: String]
    public var units: [String: String]
    /// The name tagger's weights (Pipelines/extract/ner/conll2003-en.model).
    public var nerModel: NERModel

    /// Loads the word lists, the gazetteers and (unless `nameTagger` is false, as when training it)
    /// the name tagger's model.
    public static func load(from pipelines: URL, nameTagger: Bool = true) throws -> ExtractLexicon {
        let folder = pipelines.appendingPathComponent("extract")
        let gazetteer = folder.appendingPathComponent("gazetteer")
        func list(_ url: URL) throws -> [String] { try PipelinesFolder.wordList(url) }
        func firstColumn(_ url: URL) throws -> Set<String> {
            Set(try list(url).map { String($0.split(separator: "\t").first ?? "") })
        }
        func pairs(_ url: URL) throws -> [String: String] {
            var result: [String: String] = [:]
            for line in try list(url) {
                let parts = line.split(separator: "\t")
                if parts.count >= 2 { result[String(parts[0])] = String(parts[1]) }
            }
            return result
        }
        let regionCountries = try pairs(gazetteer.appendingPathComponent("regions.tsv"))
        return ExtractLexicon(
            countries: try firstColumn(gazetteer.appendingPathComponent("countries.tsv")),
            cities: try firstColumn(gazetteer.appendingPathComponent("cities.tsv")),
            regions: try firstColumn(gazetteer.appendingPathComponent("regions.tsv")),
            countryRegions: Set(regionCountries.filter { $0.value != "-" }.keys),
            demonyms: try pairs(gazetteer.appendingPathComponent("demonyms.tsv")),
            firstNames: Set(try list(gazetteer.appendingPathComponent("first-names.txt")).map { $0.lowercased() }),
            lastNames: Set(try list(gazetteer.appendingPathComponent("last-names.txt")).map { $0.lowercased() }),
            firstNameGenders: try pairs(folder.appendingPathComponent("first-name-genders.tsv")),
            orgWords: Set(try list(gazetteer.appendingPathComponent("org-words.txt")).map { $0.lowercased() }),
            personTitles: Set(try list(gazetteer.appendingPathComponent("person-titles.txt")).map { $0.lowercased() }),
            roleNouns: Set(try list(folder.appendingPathComponent("role-nouns.txt")).map { $0.lowercased() }),
            speechVerbs: Set(try list(folder.appendingPathComponent("speech-verbs.txt")).map { $0.lowercased() }),
            attributionVerbs: Set(try list(folder.appendingPathComponent("attribution-verbs.txt")).map { $0.lowercased() }),
            pronouns: try pairs(folder.appendingPathComponent("pronouns.tsv")),
            units: try pairs(folder.appendingPathComponent("quantity-units.tsv")),
            nerModel: nameTagger ? try NERModel.load(fromPipelines: pipelines) : NERModel(hashes: [], weights: []))
    }
}

/// Names of months and weekdays: dates, never entity names by themselves.
enum DateWords {
    static let all: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "today", "tonight", "yesterday", "tomorrow",
    ]
}

/// Function words that are capitalised only because they open a sentence or a headline.
enum FunctionWords {
    static let all: Set<String> = [
        "a", "an", "the", "and", "or", "but", "if", "in", "on", "at", "to", "for", "of", "by", "with", "from", "as", "into",
        "about", "after", "before", "since", "during", "while", "when", "where", "what", "who", "which", "why", "how",
        "this", "that", "these", "those", "there", "here", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her",
        "their", "our", "my", "your", "him", "them", "us", "me", "not", "no", "yes", "so", "than", "then", "also", "all",
        "some", "many", "most", "more", "other", "another", "such", "each", "every", "both", "either", "neither", "one",
        "two", "three", "be", "is", "are", "was", "were", "been", "has", "have", "had", "do", "does", "did", "will",
        "would", "can", "could", "should", "may", "might", "must", "speaking", "according", "despite", "although",
        "though", "because", "however", "meanwhile", "still", "yet", "even", "only", "just", "now", "today", "yesterday",
        "tomorrow", "tonight", "last", "next", "over", "under", "among", "between", "against", "without", "within",
        "until", "unless", "whether", "once", "like", "unlike", "instead", "earlier", "later", "asked", "said", "says",
        "mr", "mrs", "ms", "please", "thanks", "well", "oh", "let", "let's", "don't", "it's", "we're", "i'm", "that's",
    ]
}

import Foundation
import NewsmillCore

/// Settings of the segment stage.
public struct SegmentSettings: Codable, Sendable {
    /// A sentence is cut at a token boundary once it reaches this many characters (text without
    /// punctuation must not become one huge sentence).
    public var maxSentenceCharacters = 1000
    /// Write tokens into the segment file.
    public var writeTokens = true
    /// A clock time ("5 a.m.") ends a sentence before a capitalised word, unless the sentence so far is
    /// only an opening time phrase: at most this many words before the time ("By 7 a.m. Dr. Patel…",
    /// "Shortly after 10 p.m. Police…").
    public var maxOpeningTimeWords = 2
    /// A dateline opening a paragraph ("Springfield, Illinois - The council…", "LONDON (Reuters) —
    /// The…") is a sentence of its own when it has at most this many words.
    public var maxDatelineWords = 8
    /// A paragraph made of a quotation and its attribution ("…we run it." - Mayor Ana Ruiz) is kept
    /// whole when the attribution has at most this many tokens.
    public var maxAttributionTokens = 20
    /// A reference in brackets after a quotation and before the period (`"…" (Okafor 12).`) belongs to
    /// the sentence when it has at most this many tokens.
    public var maxReferenceTokens = 8
    public init() {}
}

/// The segmenter's word lists (Pipelines/segment/). Every entry is kept in lower case; abbreviations
/// are written without their final period.
public struct SegmentLexicon: Sendable {
    /// Abbreviations that stand before a name and never end a sentence ("Gen.", "Dr.").
    public var titles: Set<String>
    /// Abbreviations that stand before a number ("No. 5", "p. 12", "N° 7"): never a sentence end
    /// there; elsewhere they are treated as `general` ones.
    public var numbers: Set<String>
    /// Clock-time abbreviations ("a.m.", "p.m."): they end a sentence before a capitalised word that
    /// does not continue the time (`timeFollowers`).
    public var times: Set<String>
    /// Abbreviations that may end a sentence: they do when the next word is a usual sentence opener.
    public var general: Set<String>
    /// Words that commonly open a sentence.
    public var starters: Set<String>
    /// Capitalised words that continue a clock time: days, months, time zones ("5 p.m. Friday").
    public var timeFollowers: Set<String>
    /// Abbreviations written with a capital in the list ("Ill", "Wash"): they are abbreviations only
    /// when the word in the text has a capital ("ill." is a word).
    public var capitalisedOnly: Set<String>
    /// Words that join the parts of an enumeration inside a sentence ("a) call or b) wait").
    public var enumerationJoiners: Set<String>
    /// Capitalised, these open a sentence run into the one before it without a full stop ("…at the
    /// Crucible Theatre The warning…") …
    public var runOnOpeners: Set<String>
    /// … unless the word before is one of these ("titled The clown") …
    public var runOnNotAfter: Set<String>
    /// … or the word after is one of these ("Set It and Forget It").
    public var runOnNotBefore: Set<String>

    public init(titles: Set<String>, numbers: Set<String> = [], times: Set<String> = [], general: Set<String>,
                starters: Set<String>, timeFollowers: Set<String> = [], capitalisedOnly: Set<String> = [],
                enumerationJoiners: Set<String> = [], runOnOpeners: Set<String> = [],
                runOnNotAfter: Set<String> = [], runOnNotBefore: Set<String> = []) {
        self.titles = titles
        self.numbers = numbers
        self.times = times
        self.general = general
        self.starters = starters
        self.timeFollowers = timeFollowers
        self.capitalisedOnly = capitalisedOnly
        self.enumerationJoiners = enumerationJoiners
        self.runOnOpeners = runOnOpeners
        self.runOnNotAfter = runOnNotAfter
        self.runOnNotBefore = runOnNotBefore
    }

    public static func load(from pipelines: URL) throws -> SegmentLexicon {
        let folder = pipelines.appendingPathComponent("segment")
        var sections: [String: Set<String>] = [:]
        var capitalisedOnly: Set<String> = []
        for (section, line) in try sectioned(folder.appendingPathComponent("abbreviations.txt"),
                                             known: ["[title]", "[number]", "[time]", "[general]"], initial: "[general]") {
            sections[section, default: []].insert(line.lowercased())
            if let first = line.unicodeScalars.first, first.properties.isUppercase { capitalisedOnly.insert(line.lowercased()) }
        }
        var runOn: [String: Set<String>] = [:]
        for (section, line) in try sectioned(folder.appendingPathComponent("run-on.txt"),
                                             known: ["[opener]", "[not-after]", "[not-before]"], initial: nil) {
            runOn[section, default: []].insert(line.lowercased())
        }
        func list(_ name: String) throws -> Set<String> {
            Set(try PipelinesFolder.wordList(folder.appendingPathComponent(name)).map { $0.lowercased() })
        }
        return SegmentLexicon(titles: sections["[title]"] ?? [], numbers: sections["[number]"] ?? [],
                              times: sections["[time]"] ?? [], general: sections["[general]"] ?? [],
                              starters: try list("sentence-starters.txt"), timeFollowers: try list("time-followers.txt"),
                              capitalisedOnly: capitalisedOnly, enumerationJoiners: try list("enumeration-joiners.txt"),
                              runOnOpeners: runOn["[opener]"] ?? [], runOnNotAfter: runOn["[not-after]"] ?? [],
                              runOnNotBefore: runOn["[not-before]"] ?? [])
    }

    /// The entries of a word list in sections, each with its section: a line "[name]" starts one of the
    /// `known` sections; entries before the first belong to `initial` (an error when it is nil).
    static func sectioned(_ file: URL, known: [String], initial: String?) throws -> [(section: String, line: String)] {
        var entries: [(section: String, line: String)] = []
        var section = initial
        for line in try PipelinesFolder.wordList(file) {
            if line.hasPrefix("[") {
                guard known.contains(line) else {
                    throw RunError("\(file.path): unknown section \(line) (known: \(known.joined(separator: ", ")))")
                }
                section = line
                continue
            }
            guard let section else { throw RunError("\(file.path): \"\(line)\" comes before any section (\(known.joined(separator: ", ")))") }
            entries.append((section, line))
        }
        return entries
    }

    /// Whether `word` (in lower case; `capitalised` when the text has it with a capital) is an
    /// abbreviation of the lists.
    func isAbbreviation(_ word: String, capitalised: Bool) -> Bool {
        guard titles.contains(word) || general.contains(word) || numbers.contains(word) || times.contains(word) else { return false }
        return capitalised || !capitalisedOnly.contains(word)
    }
}

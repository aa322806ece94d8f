import Foundation
import NewsmillCore

/// Settings of the segment stage.
public struct SegmentSettings: Codable, Sendable {
    /// A sentence is cut at a token boundary once it reaches this many characters (text without
    /// punctuation must not become one huge sentence).
    public var maxSentenceCharacters = 1000
    /// Write tokens into the segment file.
    public var writeTokens = true
    public init() {}
}

/// The segmenter's word lists (Pipelines/segment/).
public struct SegmentLexicon: Sendable {
    /// Lower-case abbreviations, without the final period, that stand before a name.
    public var titles: Set<String>
    /// Lower-case abbreviations, without the final period, that may end a sentence.
    public var general: Set<String>
    /// Lower-case words that commonly open a sentence.
    public var starters: Set<String>

    public init(titles: Set<String>, general: Set<String>, starters: Set<String>) {
        self.titles = titles
        self.general = general
        self.starters = starters
    }

    public static func load(from pipelines: URL) throws -> SegmentLexicon {
        let folder = pipelines.appendingPathComponent("segment")
        var titles: Set<String> = [], general: Set<String> = []
        var section = ""
        for line in try PipelinesFolder.wordList(folder.appendingPathComponent("abbreviations.txt")) {
            if line.hasPrefix("[") { section = line; continue }
            if section == "[title]" { titles.insert(line.lowercased()) } else { general.insert(line.lowercased()) }
        }
        let starters = Set(try PipelinesFolder.wordList(folder.appendingPathComponent("sentence-starters.txt")).map { $0.lowercased() })
        return SegmentLexicon(titles: titles, general: general, starters: starters)
    }

    func isAbbreviation(_ word: String) -> Bool { titles.contains(word) || general.contains(word) }
}

import Foundation
import NewsmillCore

/// Every threshold of the clean stage, with its default. `Pipelines/clean.json` may override any of them.
public struct CleanSettings: Codable, Sendable {
    /// A structured hint (itemprop=articleBody, <article>, a known content class) is taken only when it
    /// holds at least this many characters of paragraph text.
    public var minHintCharacters = 200
    /// …and at least this share of the best-scoring candidate's text (a small <article> teaser must not
    /// win over the real body).
    public var minHintShareOfBest = 0.5
    /// A block whose share of characters inside links is above this is a link list, unless long.
    public var maxLinkDensity = 0.5
    /// Blocks at least this long are kept despite link density …
    public var linkDensityExemptCharacters = 300
    /// … unless nearly all of their text is links (a teaser that is one long link) …
    public var maxLinkDensityOfLongBlocks = 0.95
    /// … or they are a row of many links (a tag cloud, category links): at least this many links …
    public var linkRowMinLinks = 8
    /// … holding at least this share of the block's characters (prose has a few links, not a row of them).
    public var linkRowMinDensity = 0.8
    /// A block that is one link and reads as a sentence of at least this many words (a full stop at its
    /// end) is text citing its source, not a link list, whatever its link density; 0: never.
    public var linkedSentenceMinWords = 12
    /// An element whose class or id marks it as boilerplate is still kept if it holds this many
    /// characters of paragraph text with low link density (a content wrapper with an unlucky class).
    public var boilerplateClassMaxCharacters = 1200
    /// A form holding at most this many characters of text, or an element whose own children are such
    /// a form and a few words around it ("Want more jobs?" over a demo form), is a sign-up, log-in or
    /// search box; 0: never.
    public var formBoxMaxCharacters = 300
    /// Paragraph scoring (after Readability): a paragraph counts only from this length …
    public var minParagraphCharacters = 25
    /// A run of text this long counts as paragraph text wherever it stands (pages that write text
    /// straight into <div>s); shorter text counts only inside paragraph-like elements.
    public var bareParagraphCharacters = 150
    /// … earns one point per this many characters, up to `maxLengthPoints` …
    public var charactersPerPoint = 100
    public var maxLengthPoints = 3.0
    /// … and gives its parent all of its score and its grandparent this share.
    public var grandparentShare = 0.5
    /// Class/id words that add to or take from a candidate container's score.
    public var classWeight = 25.0
    /// Scoring's container is replaced by the element holding most of the page's text when it holds
    /// less than this share of the page's paragraph text …
    public var scoredShareOfPageText = 0.35
    /// … that element being found by stepping into the child holding at least this share of its text.
    public var massDescentShare = 0.7
    /// Siblings of the best container are merged when they score at least this share of it.
    public var siblingShare = 0.2
    /// Scoring's best element is taken with the page's other elements of its tag and class that hold
    /// running text (an article split into a CMS's text components).
    public var articleChunks = true
    /// All-capital lines of at least this many words, between paragraphs, are teaser headlines.
    public var teaserMinWords = 3
    /// Short lines (fewer words than this) at the very top or bottom of a plain-text document are site chrome…
    public var chromeMaxWords = 6
    /// In plain text, the first line of some length is the headline, unless it is longer than this: then
    /// it is the story's first paragraph (a text of one long line, a story without its headline).
    public var maxPlainTitleCharacters = 300
    /// Plain text whose lines are all at most this long is wrapped at a fixed width: a line break is a
    /// space. Where a line is longer, the text has a paragraph per line, and a line that ends a
    /// sentence ends its paragraph.
    public var maxWrappedLineCharacters = 100
    /// A page with less article text than this is compared with its main content read as a listing
    /// (`Cleaner.listingText`) …
    public var minArticleCharacters = 150
    /// … and so is a page with less than this whose markup does not say it is an article
    /// (`MetadataReader.declaresArticle`) …
    public var listingCheckBelowCharacters = 1500
    /// … and is a listing (empty `text`, its content in `listing`) when the listing is at least this
    /// many times longer: the short text was an intro or one teaser of a section front, a product
    /// grid or a page of links.
    public var listingShareOfArticle = 3.0
    /// This many short lines in a row (three words or fewer, no sentence punctuation) are a menu.
    public var menuRunMinItems = 3
    /// A byline is at most this many characters.
    public var maxBylineCharacters = 120
    /// JSON-LD articleBody replaces the extracted text when the extracted text is shorter than this share of it.
    public var jsonLDBodyPreferredBelowShare = 0.6
    /// An element named like chrome is kept when it holds at least this share of the page's paragraph text.
    public var protectedShareOfPageText = 0.3
    /// A hidden element, or a <header>, <footer>, <nav> or <aside>, is kept when it holds at least this
    /// share of the page's paragraph text (server-rendered pages that reveal their text by script,
    /// pages that put everything in a <header>).
    public var structuralProtectedShareOfPageText = 0.5
    /// Near-duplicates: texts whose SimHashes differ in at most this many of 64 bits share a cluster …
    public var nearDuplicateMaxBits = 3
    /// … when they have at least this many characters.
    public var nearDuplicateMinCharacters = 300
    /// Language from the text wins over the page's declaration when at least this many stop words were seen.
    public var languageMinEvidence = 20

    public init() {}
}

/// The word lists the clean stage reads from `Pipelines/clean/` (each file says where it came from).
public struct CleanLexicon: Sendable {
    /// Parts of class and id names (split at '-', '_' and spaces) that mark boilerplate containers.
    public var boilerplateClassWords: Set<String>
    /// Parts of class and id names that mark content containers.
    public var contentClassWords: Set<String>
    /// Whole class or id names of well-known article-body containers.
    public var contentContainers: Set<String>
    /// Block and line patterns that are boilerplate, each with its reason.
    public var boilerplatePatterns: [(reason: String, regex: NSRegularExpression)] {
        didSet { deriveTables() }
    }
    /// For each pattern, the words one of which its matches contain (see `PatternGate`).
    private(set) var boilerplateGates: [PatternGate] = []
    /// Stop words per language code.
    public var stopWords: [String: Set<String>] {
        didSet { deriveTables() }
    }
    /// Whole class tokens that hide an element.
    public var hiddenClassTokens: Set<String>
    /// Boilerplate class words that name the posts on a forum thread ("comment"), where they are not
    /// boilerplate.
    public var discussionPostClassWords: Set<String> = []

    /// The class words that mark boilerplate on a page: on a forum thread, less those that name its
    /// posts.
    public func boilerplateClassWords(onForumThread forumThread: Bool) -> Set<String> {
        forumThread ? boilerplateClassWords.subtracting(discussionPostClassWords) : boilerplateClassWords
    }
    /// The stop words of every language in one table.
    private(set) var stopWordLanguages = StopWordTable([:])

    public static func load(from pipelines: URL) throws -> CleanLexicon {
        let folder = pipelines.appendingPathComponent("clean")
        func words(_ name: String) throws -> [String] {
            try PipelinesFolder.wordList(folder.appendingPathComponent(name)).map { $0.lowercased() }
        }
        var patterns: [(String, NSRegularExpression)] = []
        for line in try PipelinesFolder.wordList(folder.appendingPathComponent("boilerplate-patterns.tsv")) {
            let parts = line.split(separator: "\t", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw RunError("boilerplate-patterns.tsv: expected 'reason<TAB>pattern' in: \(line)") }
            do {
                patterns.append((parts[0], try NSRegularExpression(pattern: parts[1], options: [.caseInsensitive])))
            } catch {
                throw RunError("boilerplate-patterns.tsv: bad pattern \(parts[1]): \(error)")
            }
        }
        var stopWords: [String: Set<String>] = [:]
        for line in try PipelinesFolder.wordList(folder.appendingPathComponent("stopwords.tsv")) {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { continue }
            stopWords[String(parts[0])] = Set(parts[1].split(separator: " ").map { String($0).lowercased() })
        }
        guard stopWords.count <= 64 else { throw RunError("stopwords.tsv: at most 64 languages (it has \(stopWords.count))") }
        var lexicon = CleanLexicon(
            boilerplateClassWords: Set(try words("boilerplate-class-words.txt")),
            contentClassWords: Set(try words("content-class-words.txt")),
            contentContainers: Set(try words("content-containers.txt")),
            boilerplatePatterns: patterns,
            stopWords: stopWords,
            hiddenClassTokens: Set(try words("hidden-class-tokens.txt")),
            discussionPostClassWords: Set(try words("discussion-post-class-words.txt")))
        lexicon.deriveTables()  // (an initializer does not call didSet)
        return lexicon
    }

    /// The tables made from the word lists: a gate per boilerplate pattern, the stop words by language.
    private mutating func deriveTables() {
        boilerplateGates = boilerplatePatterns.map { PatternGate(pattern: $0.regex.pattern) }
        // By the first byte of a block (after white space): the patterns whose gate lets a block that
        // starts with it through, in their order. A pattern whose gate does not tie its first words
        // to the block's start is under every byte.
        boilerplatePatternsByFirstByte = (0..<256).map { byte in
            boilerplateGates.indices.filter { boilerplateGates[$0].mayAdmitBlock(startingWith: UInt8(byte)) }
        }
        stopWordLanguages = StopWordTable(stopWords)
    }

    /// For each byte, the indices of the patterns a block starting with it may match (`deriveTables`).
    private(set) var boilerplatePatternsByFirstByte: [[Int]] = []

    /// Class and id words of elements that hold picture captions and credits.
    public static let captionClassWords: Set<String> = ["caption", "captions", "figcaption", "credit", "credits", "photocredit", "wp-caption-text"]

    /// The reason a line or block is boilerplate, or nil.
    /// Every pattern matches a whole block of bounded length; longer blocks are article text.
    public static let longestBoilerplateCharacters = 600

    public func boilerplateReason(_ text: String) -> String? {
        if let reason = patternReason(text) { return reason }
        // Decoration before the words ("---------- SHARE YOUR STORY", "[?]Subscribe To This Site",
        // "» Read more") does not hide chrome: the block is asked again without it.
        guard let first = text.unicodeScalars.first, CleanLexicon.isDecoration(first) else { return nil }
        let words = text.unicodeScalars.drop { CleanLexicon.isDecoration($0) || $0.properties.isWhitespace }
        guard !words.isEmpty else { return nil }
        return patternReason(String(words))
    }

    /// Punctuation and symbols a block may open with for show: not a letter or number, and not what
    /// opens words a pattern reads (quotation marks, "(", "©", "@", currency signs).
    static func isDecoration(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .dashPunctuation, .connectorPunctuation, .mathSymbol, .modifierSymbol:
            return true
        case .otherPunctuation, .openPunctuation, .closePunctuation, .otherSymbol:
            return !"\"'(@©®".unicodeScalars.contains(scalar)
        default:
            return false
        }
    }

    private func patternReason(_ text: String) -> String? {
        guard text.utf8.count <= CleanLexicon.longestBoilerplateCharacters * 3,
              Text.count(of: text, upTo: CleanLexicon.longestBoilerplateCharacters + 1) <= CleanLexicon.longestBoilerplateCharacters else { return nil }
        let range = NSRange(location: 0, length: text.utf16.count)
        let folded = PatternGate.Folded(text)
        let start = folded.skippingWhiteSpace(from: 0)
        let candidates = folded.unsafeToGate || start >= folded.bytes.count
            ? Array(boilerplatePatterns.indices) : boilerplatePatternsByFirstByte[Int(folded.bytes[start])]
        for index in candidates where boilerplateGates[index].admits(folded) {
            let (reason, regex) = boilerplatePatterns[index]
            if regex.firstMatch(in: text, range: range) != nil { return reason }
        }
        return nil
    }
}


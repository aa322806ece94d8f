import Foundation
import NewsmillCore

/// The clean stage: decides what on a page is the article, keeps its structure and metadata, and
/// records what it removed and why.
public struct Cleaner: Sendable {
    public var settings: CleanSettings
    public var lexicon: CleanLexicon
    /// Most removed pieces recorded per document (for inspection; the rest are counted, not kept).
    public var maxRemovedRecords = 200
    /// The cluster to write a document with, from its id and digest (see `RunningClusters`); the run's
    /// `NearDuplicates.assign` step has the last word.
    public var clusterGuess: (@Sendable (_ id: String, _ digest: String) -> String?)?
    /// Receives each decision of the cascade, for `newsmill-clean --verbose`.
    public var trace: (@Sendable (String) -> Void)?
    /// Paragraph characters of the page being pruned (set by `prune`).
    private var pageParagraphCharacters = 0
    /// The boilerplate class words of the page being cleaned (`CleanLexicon.boilerplateClassWords(onForumThread:)`),
    /// set by `cleanHTML`.
    private var pageBoilerplateClassWords: Set<String>?
    /// Whether `prune` removes elements for their class or id words (not when reading a listing).
    var pruneByClass = true

    public init(settings: CleanSettings, lexicon: CleanLexicon) {
        self.settings = settings
        self.lexicon = lexicon
    }

    public func clean(_ document: NormalizedDocument) throws -> CleanDocument {
        try clean(document, html: nil)
    }

    /// `clean(_:)`, with the page's HTML as UTF-8 bytes when they were read apart from the document.
    func clean(_ document: NormalizedDocument, html: [UInt8]?) throws -> CleanDocument {
        var clean = document.mediaType == "text/html" ? try cleanHTML(document, html: html) : cleanText(document)
        // The SimHash is for finding near-duplicates across the clean stage's output.
        clean.simhash = SimHash.hex(of: clean.text)
        return clean
    }

    // MARK: - HTML

    /// The page's tree, with the segments of a page streamed by React put in place (`StreamedSegments`);
    /// `traced`: whether the trace hears of them (not on the second parse of a listing).
    func parsePage(_ document: NormalizedDocument, html: [UInt8]?, traced: Bool = true) throws -> Node {
        let root = try html.map { try HTMLTree.parse(utf8: $0, url: document.provenance.url) }
            ?? HTMLTree.parse(document.content, url: document.provenance.url)
        func resolveSegments(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard StreamedSegments.mayHaveSegments(bytes) else { return }
            let moved = StreamedSegments.resolve(root, moves: StreamedSegments.scriptMoves(bytes))
            if traced { trace?("streamed segments: \(moved) moved into place") }
        }
        if let html {
            html.withUnsafeBufferPointer(resolveSegments)
        } else {
            var content = document.content
            content.withUTF8(resolveSegments)
        }
        return root
    }

    func cleanHTML(_ document: NormalizedDocument, html: [UInt8]? = nil) throws -> CleanDocument {
        var cleaner = self
        let root = try parsePage(document, html: html)
        let reader = MetadataReader(root: root)
        var metadata = reader.read(fallbackURL: document.provenance.url)
        let discussion = reader.discussion
        let declaresArticle = reader.declaresArticle
        let boilerplateClassWords = lexicon.boilerplateClassWords(onForumThread: discussion == .forumThread)
        cleaner.pageBoilerplateClassWords = boilerplateClassWords
        var removed: [RemovedText] = []
        let body = root.first("body") ?? root

        // 1. Drop what is never content, and elements whose names mark them as chrome.
        let stats = NodeStats(body, bareParagraphCharacters: settings.bareParagraphCharacters)
        cleaner.prune(body, stats: stats, removed: &removed)
        let pruned = NodeStats(body, bareParagraphCharacters: settings.bareParagraphCharacters)

        // 2. Find the article's container: the cascade, readable in one place.
        var finder = ContentFinder(settings: settings, lexicon: lexicon, stats: pruned, trace: trace)
        finder.discussion = discussion
        finder.boilerplateClassWords = boilerplateClassWords
        let (nodes, extractor) = finder.find(in: body)
        _ = cleaner

        // 3. Turn it into blocks, and judge each block.
        var builder = BlockBuilder()
        builder.siteHost = (metadata.url ?? document.provenance.url).flatMap { URL(string: $0)?.host }
        let rawBlocks = builder.build(nodes)
        // The blocks of the whole page, made once if needed (for a byline, and for the record of what
        // was left outside the article).
        var pageBlocks: [RawBlock]?
        func blocksOfPage() -> [RawBlock] {
            if let pageBlocks { return pageBlocks }
            var scan = BlockBuilder()
            let blocks = nodes.count == 1 && nodes[0] === body ? rawBlocks : scan.build([body])
            pageBlocks = blocks
            return blocks
        }
        var kept = judge(rawBlocks, title: metadata.title, removed: &removed)
        if metadata.authors.isEmpty {
            // No author in the markup: a byline line near the top of the page names them ("By Jane Roe",
            // or a "Written by" line with the name in the block after it).
            let top = Array(blocksOfPage().prefix(80))
            for (index, block) in top.enumerated() where block.characters <= settings.maxBylineCharacters {
                var names: [String] = []
                if BlockPatterns.isByline(block.text) {
                    names = Authors.names(from: block.text)
                } else if BlockPatterns.bylineLabel.matches(block.text), index + 1 < top.count,
                          top[index + 1].characters <= settings.maxBylineCharacters {
                    names = Authors.names(from: top[index + 1].text)
                }
                if !names.isEmpty {
                    metadata.authors = names
                    metadata.sources["authors"] = "byline text"
                    break
                }
            }
        }

        // Everything outside the container is recorded as removed (bounded): the page's blocks less the
        // article's (read without the article's elements, unless the whole page was read already).
        if removed.count < maxRemovedRecords {
            let keptText = Set(rawBlocks.map(\.text))
            var outside = BlockBuilder()
            outside.skipping = Set(nodes.map(ObjectIdentifier.init))
            let candidates = pageBlocks ?? (nodes.count == 1 && nodes[0] === body ? [] : outside.build([body]))
            for block in candidates where !keptText.contains(block.text) {
                record(&removed, block.text, "outside-article")
                if removed.count >= maxRemovedRecords { break }
            }
        }

        // 4. JSON-LD articleBody, when the page gives one and the markup yielded much less.
        var source = extractor
        let extractedLength = kept.reduce(0) { $0 + $1.characters }
        if let articleBody = metadata.articleBody,
           Double(extractedLength) < settings.jsonLDBodyPreferredBelowShare * Double(articleBody.count) {
            kept = articleBody.components(separatedBy: "\n").map { Text.collapse($0) }.filter { !$0.isEmpty }
                .map { RawBlock(type: "paragraph", text: $0, level: nil, linkCharacters: 0) }
            source = "json-ld-articleBody"
        }

        var header = DocumentHeader(id: document.id, source: document.source, title: metadata.title, authors: metadata.authors,
                                    published: metadata.published, language: nil, site: metadata.site, url: metadata.url)
        var result = assemble(header: header, title: metadata.title, blocks: kept, extractor: source)
        let language = Language.decide(declared: metadata.declaredLanguage, text: result.text, stopWords: lexicon.stopWordLanguages,
                                       minEvidence: settings.languageMinEvidence)
        header.language = language.code
        result.header = header
        result.header.language = language.code
        result.modified = metadata.modified
        result.description = metadata.description
        result.section = metadata.section
        result.tags = metadata.tags
        result.image = metadata.image
        result.metadataSources = metadata.sources
        if language.code != nil { result.metadataSources["language"] = language.source ?? metadata.sources["language"] }
        result.removed = removed
        let keptCharacters = kept.reduce(0) { $0 + $1.characters }
        // A page with next to no article text is a listing when its main content is several times longer.
        // So is a page whose markup does not say it is an article with a short text: there the text is
        // one teaser or the introduction of a section front, a product grid, a page of links.
        let nearlyNone = keptCharacters < settings.minArticleCharacters
        if kept.isEmpty || nearlyNone || (!declaresArticle && keptCharacters < settings.listingCheckBelowCharacters) {
            // Not an article: the page's main content is kept apart, as a listing; `text` stays empty so
            // that later stages do not read a list of headlines as an article.
            // The listing is read from the page pruned of what is never content, hidden or navigation,
            // but not of elements named like teasers, cards or related links: on a section front they
            // are its items. (The page is parsed again: the article's pruning has changed the tree.)
            var listingBody = body
            var listingStats = pruned
            if let fresh = try? parsePage(document, html: html, traced: false) {
                var lenient = cleaner
                lenient.pruneByClass = false
                lenient.trace = nil
                trace?("listing: read from the page pruned without its class words")
                var ignored: [RemovedText] = []
                listingBody = fresh.first("body") ?? fresh
                lenient.prune(listingBody, stats: NodeStats(listingBody, bareParagraphCharacters: settings.bareParagraphCharacters), removed: &ignored)
                listingStats = NodeStats(listingBody, bareParagraphCharacters: settings.bareParagraphCharacters)
            }
            let listingBlocks = listingBlocks(listingBody, stats: listingStats)
            let listing = listingBlocks.map(\.text).joined(separator: "\n\n")
            // Against a short text, a row of many links in one block (a tag cloud, a menu written in one
            // line) does not make a listing: a listing is many items, each its own block.
            let listingCharacters = nearlyNone ? listing.count : listingBlocks.reduce(0) { $0 + (isLinkRow($1) ? 0 : $1.characters) }
            if kept.isEmpty || Double(listingCharacters) >= settings.listingShareOfArticle * Double(keptCharacters) {
                result.listing = listing.isEmpty ? nil : listing
                if !kept.isEmpty {
                    let emptied = assemble(header: result.header, title: nil, blocks: [], extractor: result.extractor)
                    result.text = emptied.text
                    result.blocks = emptied.blocks
                }
                result.emptyReason = listing.isEmpty
                    ? "no article found: the page has no block of running text (a login wall or an error page?)"
                    : "not an article: a page of links and short items (a section front, a listing); its content is in `listing`"
            }
        }
        return result
    }

    /// The main content of a page that is not an article: the <main> element (or role=main), else the
    /// element holding most of the page's text, read block by block without the link-density filter
    /// (a listing is made of links) but without chrome, boilerplate lines or menus.
    func listingText(_ body: Node, stats: NodeStats) -> String {
        listingBlocks(body, stats: stats).map(\.text).joined(separator: "\n\n")
    }

    /// The blocks of `listingText`.
    func listingBlocks(_ body: Node, stats: NodeStats) -> [RawBlock] {
        let mains = body.descendants(where: { $0.tag == "main" || $0["role"]?.lowercased() == "main" })
        var container = mains.max { stats.characters($0) < stats.characters($1) } ?? body
        if container === body {
            // Step into the child holding most of the text, as long as one holds most of it.
            while let child = container.children.filter({ !$0.isText }).max(by: { stats.characters($0) < stats.characters($1) }),
                  Double(stats.characters(child)) >= settings.massDescentShare * Double(stats.characters(container)) {
                container = child
            }
        }
        var builder = BlockBuilder()
        let blocks = builder.build([container]).filter { block in
            lexicon.boilerplateReason(block.text) == nil && !Text.isDateline(block.text) || block.characters > 200
        }
        return Cleaner.withoutMenuRuns(blocks, minItems: settings.menuRunMinItems + 2)
    }

    /// The blocks less every run of at least `minItems` menu items (`isMenuItem`), each dropped block
    /// given to `dropped`. (One pass: removing each run from the list in place is quadratic on a page of
    /// many short runs.)
    static func withoutMenuRuns(_ blocks: [RawBlock], minItems: Int, dropped: (RawBlock) -> Void = { _ in }) -> [RawBlock] {
        var kept: [RawBlock] = []
        kept.reserveCapacity(blocks.count)
        var index = 0
        while index < blocks.count {
            var end = index
            while end < blocks.count, isMenuItem(blocks[end]) { end += 1 }
            if end - index >= minItems {
                blocks[index..<end].forEach(dropped)
            } else {
                kept.append(contentsOf: blocks[index..<end])
            }
            if end < blocks.count { kept.append(blocks[end]) }
            index = end + 1
        }
        return kept
    }

    /// A row of many links in one block (a tag cloud, a menu written in one line).
    func isLinkRow(_ block: RawBlock) -> Bool {
        block.links >= settings.linkRowMinLinks && block.linkDensity >= settings.linkRowMinDensity
    }

    /// Removes elements that are never article content, and chrome marked by class or id.
    mutating func prune(_ root: Node, stats: NodeStats, removed: inout [RemovedText]) {
        pageParagraphCharacters = stats.paragraphCharacters(root)
        var memo = PruneMemo()
        var stack: [Node] = [root]
        while let node = stack.popLast() {
            // The children that stay, gathered in one pass (removing them one by one from the parent's
            // list is quadratic on a page of 100,000 pruned teasers).
            var kept: [Node]?
            for (index, child) in node.children.enumerated() {
                if !child.isText, let reason = pruneReason(child, stats: stats, memo: &memo) {
                    if removed.count < maxRemovedRecords && !child.kind.contains(.skipped) {
                        record(&removed, Text.collapse(child.textContent), reason)
                    }
                    if let trace, stats.paragraphCharacters(child) > 0 {
                        trace("pruned \(Node.describe(child)) holding \(stats.paragraphCharacters(child)) characters of paragraphs: \(reason)")
                    }
                    if kept == nil { kept = Array(node.children[..<index]) }
                    child.parent = nil
                } else {
                    kept?.append(child)
                    if !child.isText { stack.append(child) }
                }
            }
            if let kept { node.children = kept }
        }
    }

    /// What an element's class and id say by themselves (a page repeats a few class names many times:
    /// each is read once).
    enum ClassVerdict {
        case silent, content, boilerplate(String)
    }

    /// What `pruneReason` has read from one page's class attributes, by their text.
    struct PruneMemo {
        /// By class-and-id (`Node.classAndID`).
        var verdicts: [String: ClassVerdict] = [:]
        /// By the class attribute as written: whether one of its tokens hides the element.
        var hiddenByClass: [String: Bool] = [:]
    }

    /// Whether a class attribute has a token that hides its element ("hidden", "d-none"), and no
    /// responsive variant ("md:block", which shows it again on some screens).
    func hidesByClass(_ classAttribute: String) -> Bool {
        // Over the bytes: split at blanks, and each token lower-cased (ASCII byte by byte).
        var hides = false
        for token in classAttribute.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }) {
            if token.contains(0x3A) { return false }  // ":"
            guard !hides else { continue }
            let word = token.allSatisfy({ $0 < 0x80 })
                ? String(decoding: token.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
                : String(Substring(token)).lowercased()
            hides = lexicon.hiddenClassTokens.contains(word)
        }
        return hides
    }

    /// Whether a form has a field to type or pick in (a form that only wraps text, as a comment's
    /// body on some forums, asks nothing).
    static func asksForInput(_ form: Node) -> Bool {
        form.first { node in
            switch node.tag {
            case "textarea", "select": return true
            case "input":
                let type = node["type"]?.lowercased() ?? "text"
                return !["hidden", "submit", "button", "image", "reset"].contains(type)
            default: return false
            }
        } != nil
    }

    func classVerdict(_ node: Node) -> ClassVerdict {
        let words = node.classWords
        if words.isEmpty { return .silent }
        if !words.isDisjoint(with: lexicon.contentContainers) { return .content }
        let boilerplateClassWords = pageBoilerplateClassWords ?? lexicon.boilerplateClassWords
        if let word = words.sorted().first(where: { boilerplateClassWords.contains($0) }) { return .boilerplate(word) }
        return .silent
    }

    func pruneReason(_ node: Node, stats: NodeStats, memo: inout PruneMemo) -> String? {
        let tag = node.tag
        if node.kind.contains(.skipped) { return "non-content element" }
        // Whatever its markup says (hidden, <header>, a chrome class), an element that holds much of
        // the page's running text, not as links, is where the article is: it stays.
        let text = stats.paragraphCharacters(node)
        if text >= settings.minHintCharacters && Double(text) >= settings.structuralProtectedShareOfPageText * Double(pageParagraphCharacters)
            && stats.linkDensity(node) < 0.5 {
            return nil
        }
        // A tab's or an accordion's panel (WAI-ARIA's role "tabpanel", or "region" named by its
        // heading) is hidden until its control is clicked: its text is the page's, so only its other
        // marks count.
        let isPanel = node["role"].map { role in
            let role = role.lowercased()
            return role == "tabpanel" || (role == "region" && node["aria-labelledby"] != nil)
        } ?? false
        if !isPanel && (node["hidden"] != nil || node["aria-hidden"]?.lowercased() == "true") { return "hidden element" }
        if !isPanel, let raw = node["style"] {
            let style = String(decoding: raw.lowercased().utf8.filter { $0 != 0x20 }, as: UTF8.self)
            if Text.containsBytes(style, "display:none") || Text.containsBytes(style, "visibility:hidden") { return "hidden element" }
        }
        if !isPanel, let classes = node["class"] {
            let hidden: Bool
            if let known = memo.hiddenByClass[classes] {
                hidden = known
            } else {
                hidden = hidesByClass(classes)
                memo.hiddenByClass[classes] = hidden
            }
            if hidden { return "hidden by its class" }
        }
        if node["role"].map({ ["navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search"].contains($0.lowercased()) }) == true
            && stats.paragraphCharacters(node) < settings.boilerplateClassMaxCharacters {
            return "role=\(node["role"]!.lowercased())"
        }
        if ["nav", "aside", "footer"].contains(tag) && stats.paragraphCharacters(node) < settings.boilerplateClassMaxCharacters {
            return "<\(tag)>"
        }
        if tag == "header" && node.first("h1") == nil
            && stats.paragraphCharacters(node) < settings.boilerplateClassMaxCharacters {
            return "<header>"
        }
        if tag == "body" || tag == "html" || tag == "article" || tag == "main" { return nil }
        if settings.formBoxMaxCharacters > 0, stats.characters(node) <= settings.formBoxMaxCharacters,
           let form = tag == "form" ? node : node.children.first(where: { $0.tag == "form" }), Cleaner.asksForInput(form) {
            return "form box"
        }
        if node.attributes.isEmpty || !pruneByClass { return nil }
        let verdict: ClassVerdict
        if let known = memo.verdicts[node.classAndID] {
            verdict = known
        } else {
            verdict = classVerdict(node)
            memo.verdicts[node.classAndID] = verdict
        }
        guard case .boilerplate(let word) = verdict else { return nil }
        if node["itemprop"]?.lowercased() == "articlebody" { return nil }
        // Code's highlighting classes ("hljs-comment", "token comment") mark parts of the code.
        if node.isInside(where: { $0.tag == "pre" || $0.tag == "code" }) { return nil }
        // A large block of running text is kept whatever its class says, and so is an element that
        // holds much of the page's running text (a layout wrapper named "l-sidebar-fixed article-body").
        if text >= settings.boilerplateClassMaxCharacters && stats.linkDensity(node) < 0.3 { return nil }
        if text >= settings.minHintCharacters && Double(text) >= settings.protectedShareOfPageText * Double(pageParagraphCharacters) {
            return nil
        }
        return "class or id: \(word)"
    }

    /// Keeps the blocks that are article text; records the others with a reason.
    func judge(_ blocks: [RawBlock], title: String?, removed: inout [RemovedText]) -> [RawBlock] {
        var kept: [RawBlock] = []
        let normalizedTitle = title.map(Text.normalize)
        // A list the article introduces ("Many patches were sent for review:") is content even where
        // each item is a link, unless the introduction points the reader elsewhere and the links lead
        // to the site's own pages ("Next read this:", "See more of our favourite makeup:" above the
        // site's own headlines is a box of teasers).
        var introducedList = false
        var teaserIntroduction = false
        for (index, raw) in blocks.enumerated() {
            let block = retype(raw)
            let reason = blockReason(block, index: index, count: blocks.count, title: title, normalizedTitle: normalizedTitle)
            if block.type != "list-item" { introducedList = false }
            if let reason, !(reason == "link list" && introducedList && block.type == "list-item"
                             && !(teaserIntroduction && block.ownSiteLinks > 0)) {
                record(&removed, block.text, reason)
            } else {
                kept.append(block)
                if block.type == "paragraph" && block.text.hasSuffix(":") {
                    introducedList = true
                    teaserIntroduction = BlockPatterns.teaserIntroduction.matches(block.text)
                }
            }
        }
        // A quotation of text the article already has is a repeat: a reply quoting an earlier post of
        // its thread, a pull quote lifted from a paragraph.
        if kept.contains(where: { $0.type == "quote" }) {
            var seen = Set<String>()
            kept.removeAll { block in
                let text = Text.normalize(block.text)
                if block.type == "quote" && !text.isEmpty && seen.contains(text) {
                    record(&removed, block.text, "quotation of earlier text")
                    return true
                }
                seen.insert(text)
                return false
            }
        }
        // A run of three or more short lines without sentence punctuation is a menu.
        kept = Cleaner.withoutMenuRuns(kept, minItems: settings.menuRunMinItems) { record(&removed, $0.text, "menu") }
        // Trailing short headings with nothing after them ("Related", "More from…") go too.
        while let last = kept.last, last.type == "heading" {
            record(&removed, last.text, "heading without text")
            kept.removeLast()
        }
        return kept
    }

    func blockReason(_ block: RawBlock, index: Int, count: Int, title: String?, normalizedTitle: String?) -> String? {
        let text = block.text
        if let reason = lexicon.boilerplateReason(text) { return reason }
        // Characters, counted only as far as the tests below look (counting a long paragraph's
        // characters is a walk over all of it).
        let length = Text.count(of: text, upTo: max(settings.linkDensityExemptCharacters, settings.maxBylineCharacters, 200) + 1)
        // Quotations keep their links (an embedded post's "— Name (@handle) date").
        if block.type != "quote",
           (block.linkDensity > settings.maxLinkDensity && length < settings.linkDensityExemptCharacters)
            || block.linkDensity >= settings.maxLinkDensityOfLongBlocks || isLinkRow(block),
           // One link that is a whole sentence cites its source.
           !(block.links == 1 && Cleaner.readsAsSentence(text, minWords: settings.linkedSentenceMinWords)) {
            return "link list"
        }
        if block.type == "heading" && block.level == 1, let title, Text.similar(text, title) { return "title (kept as metadata)" }
        if let normalizedTitle, Text.normalizes(text, to: normalizedTitle) { return "title repeated" }
        if length <= settings.maxBylineCharacters, BlockPatterns.isByline(text),
           !text.hasSuffix(".") || length < 60 {
            return "byline"
        }
        if Text.isDateline(text) { return "dateline" }
        if block.type == "caption" && length < 60 && BlockPatterns.creditWord.matches(text) {
            return "image credit"
        }
        // In a page, a line in capitals is a teaser when it is a link; otherwise it is a subheading.
        if Text.isAllCapitals(text) && block.type != "heading" && Text.words(text).count >= settings.teaserMinWords && length < 200
            && block.linkDensity > settings.maxLinkDensity {
            return "all-capital teaser"
        }
        return nil
    }

    /// A sentence, not a headline: at least `minWords` words, ending with a full stop, a question or
    /// an exclamation mark (a closing quotation mark or parenthesis after it aside). A sentence that is
    /// one link cites its source; a teaser's headline has no full stop.
    static func readsAsSentence(_ text: String, minWords: Int) -> Bool {
        guard minWords > 0 else { return false }
        let end = text.unicodeScalars.reversed().drop { $0.properties.isWhitespace || "\"”’)".unicodeScalars.contains($0) }
        guard let last = end.first, ".!?".unicodeScalars.contains(last), !text.hasSuffix("...") && !text.hasSuffix("…") else { return false }
        return Text.words(text).count >= minWords
    }

    static func isMenuItem(_ block: RawBlock) -> Bool {
        let text = block.text
        guard block.characters <= 30, block.type != "heading" else { return false }
        // An entry of an archive or category menu ends with its count: "November (113)".
        var entry = Substring(text)
        if entry.hasSuffix(")"), let open = entry.lastIndex(of: "(") {
            let count = entry[entry.index(after: open)..<entry.index(before: entry.endIndex)]
            if !count.isEmpty && count.allSatisfy({ $0.isASCII && $0.isNumber }) {
                entry = entry[..<open]
                while entry.last == " " { entry = entry.dropLast() }
            }
        }
        guard let last = entry.last, !".!?:;,\"”’)".contains(last) else { return false }
        return Text.words(String(entry)).count <= 3
    }

    /// Blocks that are picture captions by their wording: "… (Image: Getty)", "… Credit: EPA",
    /// "Image caption …".
    func retype(_ block: RawBlock) -> RawBlock {
        guard block.type == "paragraph" else { return block }
        let text = block.text
        let caption = BlockPatterns.captionInParentheses.matches(text)
            || BlockPatterns.captionCredit.matches(text) && Text.count(of: text, upTo: 400) < 400
            || BlockPatterns.captionLabel.matches(text)
            || block.inCaptionElement
        guard caption else { return block }
        var result = block
        result.type = "caption"
        return result
    }

    func record(_ removed: inout [RemovedText], _ text: String, _ reason: String) {
        guard !text.isEmpty, removed.count < maxRemovedRecords else { return }
        let shortened = Text.count(of: text, upTo: 301) > 300 ? String(text.prefix(300)) + "…" : text
        removed.append(RemovedText(text: shortened, reason: reason))
    }

    // MARK: - Plain text

    func cleanText(_ document: NormalizedDocument) -> CleanDocument {
        var removed: [RemovedText] = []
        let lines = document.content.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var authors: [String] = []
        var published: String?
        var keep = [Bool](repeating: true, count: lines.count)

        // Boilerplate lines, bylines and datelines, anywhere.
        for (index, line) in lines.enumerated() where !line.isEmpty {
            if let reason = lexicon.boilerplateReason(line) {
                keep[index] = false
                if reason == "dateline", published == nil { published = DateText.iso(line) }
                record(&removed, line, reason)
            } else if line.count <= settings.maxBylineCharacters,
                      BlockPatterns.isByline(line) {
                keep[index] = false
                authors += Authors.names(from: line)
                record(&removed, line, "byline")
            } else if Text.isDateline(line), let iso = DateText.iso(line) {
                keep[index] = false
                if published == nil { published = iso }
                record(&removed, line, "dateline")
            }
        }
        // The headline is the first remaining line of some length; short lines before it are site chrome.
        // A line too long for a headline is the story's first paragraph, and the text has no headline.
        var titleIndex: Int?
        for (index, line) in lines.enumerated() where keep[index] && !line.isEmpty {
            if Text.words(line).count >= settings.chromeMaxWords - 1 || line.count >= 30 {
                if Text.count(of: line, upTo: settings.maxPlainTitleCharacters + 1) <= settings.maxPlainTitleCharacters { titleIndex = index }
                break
            }
            keep[index] = false
            record(&removed, line, "site chrome above the headline")
        }
        // Short lines without sentence punctuation at the very end are chrome too.
        for index in lines.indices.reversed() where !lines[index].isEmpty {
            guard keep[index] else { continue }
            let line = lines[index]
            if Text.words(line).count < settings.chromeMaxWords && !".!?\"”’)".contains(line.last!) && index != titleIndex {
                keep[index] = false
                record(&removed, line, "site chrome below the article")
            } else {
                break
            }
        }
        // All-capital teaser headlines between paragraphs.
        for (index, line) in lines.enumerated() where keep[index] && index != titleIndex && !line.isEmpty {
            // A question or a lead-in in capitals is a subheading, not a teaser.
            if Text.isAllCapitals(line) && Text.words(line).count >= settings.teaserMinWords && !"?:".contains(line.last!) {
                keep[index] = false
                record(&removed, line, "all-capital teaser")
            }
        }

        // Paragraphs: runs of kept lines between blank lines.
        var blocks: [RawBlock] = []
        var current: [String] = []
        var title: String?
        func flushParagraph() {
            if !current.isEmpty {
                let text = current.joined(separator: " ")
                let looksLikeHeading = current.count == 1 && Text.words(text).count <= 12 && !".!?:;\"”’)".contains(text.last!)
                    && !blocks.isEmpty
                blocks.append(RawBlock(type: looksLikeHeading ? "heading" : "paragraph", text: text,
                                       level: looksLikeHeading ? 2 : nil, linkCharacters: 0))
                current = []
            }
        }
        // A text wrapped at a fixed width breaks its lines anywhere; one with longer lines has a paragraph per line.
        let wrapped = !lines.indices.contains { keep[$0] && $0 != titleIndex
            && Text.count(of: lines[$0], upTo: settings.maxWrappedLineCharacters + 1) > settings.maxWrappedLineCharacters }
        for (index, line) in lines.enumerated() {
            if index == titleIndex {
                flushParagraph()
                title = line
                continue
            }
            if line.isEmpty || !keep[index] {
                if line.isEmpty { flushParagraph() }
                continue
            }
            current.append(line)
            if !wrapped, let last = line.last, ".!?…\"”’".contains(last) { flushParagraph() }
        }
        flushParagraph()
        // A text whose only line of some length is its headline: that line is the text, not a title over nothing.
        if blocks.isEmpty, let line = title {
            blocks.append(RawBlock(type: "paragraph", text: line, level: nil, linkCharacters: 0))
            title = nil
        }

        var header = DocumentHeader(id: document.id, source: document.source, title: title, authors: authors,
                                    published: published, url: document.provenance.url)
        var result = assemble(header: header, title: title, blocks: blocks, extractor: "plain-text-lines")
        let language = Language.decide(declared: nil, text: result.text, stopWords: lexicon.stopWordLanguages,
                                       minEvidence: settings.languageMinEvidence)
        header.language = language.code
        result.header = header
        result.removed = removed
        var sources: [String: String] = [:]
        if title != nil { sources["title"] = "first line" }
        if !authors.isEmpty { sources["authors"] = "byline" }
        if published != nil { sources["published"] = "dateline" }
        if language.code != nil { sources["language"] = "text" }
        result.metadataSources = sources
        if blocks.isEmpty { result.emptyReason = "no paragraph of running text after boilerplate removal" }
        return result
    }

    // MARK: - Assembly

    /// Joins the title and blocks into `text` (one blank line between blocks) and records each block's offsets.
    func assemble(header: DocumentHeader, title: String?, blocks: [RawBlock], extractor: String) -> CleanDocument {
        var text = ""
        var offset = 0
        var typed: [Block] = []
        func add(_ content: String, _ type: String, _ level: Int?) {
            if !text.isEmpty {
                text += "\n\n"
                offset += 2
            }
            let length = content.unicodeScalars.count
            typed.append(Block(type: type, start: offset, end: offset + length, level: level))
            text += content
            offset += length
        }
        if let title, !title.isEmpty, !blocks.isEmpty { add(title, "heading", 1) }
        for block in blocks { add(block.text, block.type, block.level) }
        return CleanDocument(header: header, text: text, blocks: typed, extractor: extractor)
    }
}

/// The patterns blocks are tested against, compiled once (a `String.range(of:options: .regularExpression)`
/// compiles its pattern at every call).
enum BlockPatterns {
    /// "By Jane Doe", "Written by Jane Doe" at the start of a line (`isByline` checks the name's capital).
    static let byline = CompiledPattern(#"^\s*((written|words|text|reporting|posted) )?by[:\s]+(\p{Lu})"#)
    /// A byline's label alone on its line, the name in the block after it: "Written by", "By", "Author".
    static let bylineLabel = CompiledPattern(#"^\s*((written|words|posted) by|by|author)\s*:?\s*$"#)

    /// "By Jane Roe", "BY JANE ROE", "Written by: Jane Roe": a line the byline pattern matches with a
    /// capital after its "by" as written (the case-insensitive pattern takes any letter); "By the time
    /// you finish…" and "By default, …" open sentences.
    static func isByline(_ text: String) -> Bool {
        // The pattern's last group is the name's first letter.
        guard let letter = byline.lastGroup(in: text) else { return false }
        return letter.unicodeScalars.first?.properties.isUppercase == true
    }
    /// A caption that is a picture credit.
    static let creditWord = CompiledPattern(#"(photo|image|credit|getty|reuters|afp|ap)\b"#)
    /// Paragraphs that are captions by their wording: "… (Image: Getty)", "… Credit: EPA", "Image caption …".
    static let captionInParentheses = CompiledPattern(#"\((image|images|photo|photos|picture|pic|credit|illustration|video)s?\s*:[^)]{0,80}\)\s*$"#)
    static let captionCredit = CompiledPattern(#"(credit|photograph|photo|image)\s*:\s*[^.!?]{0,60}$"#)
    static let captionLabel = CompiledPattern(#"^(image|media|video) caption\b"#)
    /// An introduction that sends the reader to more of the site: "Next read this:", "Our writers
    /// explore:", "See more of our favourite makeup:", "You may also like:".
    static let teaserIntroduction = CompiledPattern(#"\b(read|see|explore|check out|discover|more|also|related|recommended|don't miss|watch|listen|shop)\b[^.!?]{0,60}:\s*$"#)
}

/// A case-insensitive regular expression compiled once, searched only where its gate (see
/// `PatternGate`) says it could match.
struct CompiledPattern: Sendable {
    let regex: NSRegularExpression
    let gate: PatternGate

    init(_ pattern: String) {
        // The patterns are literals of this module; a bad one fails every test at once.
        regex = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        gate = PatternGate(pattern: pattern)
    }

    func matches(_ text: String) -> Bool {
        gate.admits(PatternGate.Folded(text)) && regex.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
    }

    /// What the pattern's last group matched in the first match, or nil (no match, or the group took no part).
    func lastGroup(in text: String) -> Substring? {
        guard gate.admits(PatternGate.Folded(text)),
              let match = regex.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)),
              let range = Range(match.range(at: match.numberOfRanges - 1), in: text) else { return nil }
        return text[range]
    }

    /// The text without the first match (for a pattern anchored at the start: without its lead).
    func removingMatch(from text: String) -> String {
        guard gate.admits(PatternGate.Folded(text)),
              let match = regex.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)),
              let range = Range(match.range, in: text) else { return text }
        var result = text
        result.removeSubrange(range)
        return result
    }
}

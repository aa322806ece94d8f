import Foundation
import NewsmillCore

/// A block of text found in the page, before it is judged.
struct RawBlock {
    var type: String
    var text: String { didSet { characters = text.count } }
    var level: Int?
    /// Characters inside links.
    var linkCharacters: Int
    /// Links that gave the block text.
    var links = 0
    /// Those of them that lead to the page's own site (a relative address, or the page's host);
    /// counted in list items only.
    var ownSiteLinks = 0
    /// Whether an enclosing block element has a caption class word (`CleanLexicon.captionClassWords`).
    var inCaptionElement: Bool
    /// The text's characters, counted once (a count is a walk over the text's grapheme clusters).
    private(set) var characters: Int

    init(type: String, text: String, level: Int?, linkCharacters: Int, inCaptionElement: Bool = false) {
        self.type = type
        self.text = text
        self.level = level
        self.linkCharacters = linkCharacters
        self.inCaptionElement = inCaptionElement
        self.characters = text.count
    }

    var linkDensity: Double { text.isEmpty ? 0 : Double(linkCharacters) / Double(characters) }
}

/// Turns an element's subtree into blocks: headings, paragraphs, list items, quotes, captions, tables,
/// preformatted text. Inline elements are joined into their block with whitespace collapsed; block
/// elements start a new block; two <br> in a row end a paragraph.
struct BlockBuilder {
    static let blockTags: Set<String> = [
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "figure", "figcaption", "pre", "table", "tr", "td", "th", "thead",
        "tbody", "tfoot", "caption", "form", "fieldset", "address", "center", "hr", "details", "summary", "body", "html",
        "hgroup", "picture", "video", "audio",
    ]
    static let skippedTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "button", "input",
        "select", "textarea", "option", "label", "map", "head", "title", "meta", "link", "img", "source", "track", "math",
    ]

    private(set) var blocks: [RawBlock] = []
    private var buffer = ""
    private var linkCharacters = 0
    private var links = 0
    private var ownSiteLinks = 0
    /// The page's host ("www.example.com"), for telling links to the page's own site from others.
    var siteHost: String?
    /// Elements whose subtrees are left out (they end the block before them).
    var skipping: Set<ObjectIdentifier> = []
    private var pendingBreaks = 0
    private var typeStack: [(String, Int?)] = [("paragraph", nil)]
    /// Per open block element: whether it or an enclosing one has a caption class word.
    private var captionStack: [Bool] = [false]

    mutating func build(_ nodes: [Node]) -> [RawBlock] {
        for node in nodes { visit(node, inLink: false) }
        flush()
        return blocks
    }

    private mutating func visit(_ node: Node, inLink: Bool) {
        if node.isText {
            appendText(node.text, inLink: inLink)
            return
        }
        let tag = node.tag
        if node.kind.contains(.skipped) { return }
        if !skipping.isEmpty && skipping.contains(ObjectIdentifier(node)) {
            flush()
            return
        }
        if tag == "br" {
            pendingBreaks += 1
            if pendingBreaks >= 2 { flush() } else { buffer.append(" ") }
            return
        }
        if tag == "table" && BlockBuilder.isDataTable(node) {
            flush()
            let rows = node.descendants(where: { $0.tag == "tr" }).map { row in
                row.children.filter { $0.tag == "td" || $0.tag == "th" }.map { Text.collapse($0.textContent) }.joined(separator: " | ")
            }.filter { !$0.isEmpty }
            let text = rows.joined(separator: "\n")
            if !text.isEmpty {
                blocks.append(RawBlock(type: "table", text: text, level: nil, linkCharacters: 0, inCaptionElement: captionStack.last!))
            }
            return
        }
        if tag == "pre" {
            flush()
            let text = node.textContent.trimmingCharacters(in: .newlines)
            if !text.trimmingCharacters(in: .whitespaces).isEmpty {
                blocks.append(RawBlock(type: "preformatted", text: text, level: nil, linkCharacters: 0, inCaptionElement: captionStack.last!))
            }
            return
        }
        let isBlock = node.kind.contains(.block)
        if isBlock {
            flush()
            var type = typeStack.last!
            switch tag {
            case "h1", "h2", "h3", "h4", "h5", "h6": type = ("heading", Int(String(tag.last!)))
            case "li", "dt", "dd": type = ("list-item", nil)
            case "blockquote": type = ("quote", nil)
            // A figure's caption is its <figcaption>: the rest of a figure is a picture, a table, a
            // quotation or code, and on a page whose markup leaves a <div> open inside a figure (the
            // parser then ignores </figure>) it is the rest of the article.
            case "figcaption", "caption": type = ("caption", nil)
            default: break
            }
            typeStack.append(type)
            captionStack.append(captionStack.last! || !node.classWords.isDisjoint(with: CleanLexicon.captionClassWords))
        }
        let link = inLink || tag == "a"
        let linkedBefore = linkCharacters
        for child in node.children { visit(child, inLink: link) }
        if tag == "a" && !inLink && linkCharacters > linkedBefore {
            links += 1
            // Asked only of list items (see `Cleaner.judge`): each link's address is read otherwise.
            if typeStack.last!.0 == "list-item", BlockBuilder.leadsToOwnSite(node["href"], host: siteHost) { ownSiteLinks += 1 }
        }
        if isBlock {
            flush()
            typeStack.removeLast()
            captionStack.removeLast()
        }
    }

    private mutating func appendText(_ text: String, inLink: Bool) {
        // Runs of white space become one space; a leading one is kept only after earlier text.
        let body = Text.collapse(text)
        if body.isEmpty {
            // Only white space (or nothing).
            if !text.isEmpty && !buffer.isEmpty && !buffer.hasSuffix(" ") { buffer.append(" ") }
            return
        }
        func isSpace(_ scalar: Unicode.Scalar?) -> Bool { scalar.map { UnicodeText.isWhitespace($0) || $0 == "\u{200B}" } == true }
        var collapsed = isSpace(text.unicodeScalars.first) && !buffer.isEmpty ? " " + body : body
        if isSpace(text.unicodeScalars.last) { collapsed.append(" ") }
        if collapsed.utf8.contains(where: { $0 != 0x20 }) { pendingBreaks = 0 }
        if buffer.hasSuffix(" ") && collapsed.hasPrefix(" ") { collapsed.removeFirst() }
        buffer += collapsed
        if inLink { linkCharacters += collapsed.unicodeScalars.count - (collapsed.hasPrefix(" ") ? 1 : 0) - (collapsed.hasSuffix(" ") && collapsed.count > 1 ? 1 : 0) }
    }

    private mutating func flush() {
        pendingBreaks = 0
        let text = Text.trimSpaces(buffer)
        if !text.isEmpty {
            let (type, level) = typeStack.last!
            var block = RawBlock(type: type, text: text, level: level, linkCharacters: 0, inCaptionElement: captionStack.last!)
            block.linkCharacters = min(linkCharacters, block.characters)
            block.links = links
            block.ownSiteLinks = ownSiteLinks
            blocks.append(block)
        }
        buffer = ""
        linkCharacters = 0
        links = 0
        ownSiteLinks = 0
    }

    /// Whether a link's address is on the page's own site: relative ("/about", "page.html", "#top"),
    /// or absolute to `host` (with or without "www."). Without a host only relative ones are.
    static func leadsToOwnSite(_ href: String?, host: String?) -> Bool {
        guard let href else { return false }
        let lower = Text.trimWhiteSpace(href).lowercased()
        guard !lower.isEmpty else { return false }
        let scheme = lower.hasPrefix("http://") ? 7 : lower.hasPrefix("https://") ? 8 : lower.hasPrefix("//") ? 2 : 0
        guard scheme > 0 else {
            return !lower.hasPrefix("mailto:") && !lower.hasPrefix("javascript:") && !lower.hasPrefix("tel:")
        }
        guard let host else { return false }
        let start = lower.utf8.index(lower.startIndex, offsetBy: scheme)
        // The host: after "//", up to the path, query, fragment or port (and after any "user@").
        var linkHost = lower[start...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = linkHost.lastIndex(of: "@") { linkHost = linkHost[linkHost.index(after: at)...] }
        if let colon = linkHost.firstIndex(of: ":") { linkHost = linkHost[..<colon] }
        func bare(_ name: Substring) -> Substring { name.hasPrefix("www.") ? name.dropFirst(4) : name }
        return bare(linkHost) == bare(Substring(host.lowercased()))
    }

    /// A table of data rather than layout: rows of short cells, no paragraphs or nested tables inside.
    static func isDataTable(_ table: Node) -> Bool {
        let inner = table.descendants()
        if inner.contains(where: { ["p", "div", "table", "ul", "ol", "h1", "h2", "h3", "blockquote"].contains($0.tag) }) { return false }
        let rows = inner.filter { $0.tag == "tr" }
        guard rows.count >= 2 else { return false }
        let cells = inner.filter { $0.tag == "td" || $0.tag == "th" }
        let longest = cells.map { Text.collapse($0.textContent).count }.max() ?? 0
        return longest < 300
    }
}

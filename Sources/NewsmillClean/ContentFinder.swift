import Foundation
import NewsmillCore

/// Per-element text statistics, computed once bottom-up.
struct NodeStats {
    /// Indexed by `Node.serial`; elements outside the tree it was computed on count 0.
    private var characters: [Int] = []
    private var links: [Int] = []
    private var paragraphs: [Int] = []

    static let paragraphTags: Set<String> = ["p", "pre", "blockquote", "li", "h2", "h3", "h4", "td", "dd"]

    init(_ root: Node, bareParagraphCharacters: Int) {
        // Post-order without recursion: children before parents.
        var order: [Node] = []
        var stack: [Node] = [root]
        var largestSerial = 0
        while let node = stack.popLast() {
            order.append(node)
            largestSerial = max(largestSerial, node.serial)
            for child in node.children where !child.isText { stack.append(child) }
        }
        characters = [Int](repeating: 0, count: largestSerial + 1)
        links = characters
        paragraphs = characters
        for node in order.reversed() {
            var total = 0, linked = 0, paragraph = 0
            let isLink = node.tag == "a"
            let isParagraph = node.kind.contains(.paragraph)
            var holdsBareParagraphs: Bool?  // computed when a long text asks
            for child in node.children {
                if child.isText {
                    let count = child.countedCharacters
                    total += count
                    if isLink { linked += count }
                    // Paragraph text: inside paragraph-like elements, or a run of text long enough to be
                    // a paragraph of its own (pages that write their text straight into <div>s).
                    if isParagraph {
                        paragraph += count
                    } else if count >= bareParagraphCharacters && !isLink {
                        if holdsBareParagraphs == nil { holdsBareParagraphs = !node.kind.contains(.skipped) }
                        if holdsBareParagraphs == true { paragraph += count }
                    }
                } else {
                    let id = child.serial
                    let childTotal = characters[id]
                    total += childTotal
                    linked += isLink ? childTotal : links[id]
                    paragraph += isParagraph ? childTotal : paragraphs[id]
                }
            }
            let id = node.serial
            characters[id] = total
            links[id] = linked
            paragraphs[id] = paragraph
        }
    }

    /// Non-space characters below the element.
    func characters(_ node: Node) -> Int { node.serial < characters.count ? characters[node.serial] : 0 }
    /// Non-space characters inside paragraph-like elements below the element.
    func paragraphCharacters(_ node: Node) -> Int { node.serial < paragraphs.count ? paragraphs[node.serial] : 0 }
    /// Share of the element's characters that are inside links.
    func linkDensity(_ node: Node) -> Double {
        let total = characters(node)
        return total == 0 ? 0 : Double(links[node.serial]) / Double(total)
    }
}

/// Finds the article's container. The cascade, in order:
///   1. an element marked itemprop="articleBody";
///   2. an element with a well-known article-body class or id (Pipelines/clean/content-containers.txt);
///   3. the <article> element with the most paragraph text (on a discussion page, with the other
///      <article>s of its class: the thread's posts);
///   4. the best container by paragraph scoring (text length, commas, link density, class words),
///      with its siblings that also hold article text; on a discussion page (`discussion`), every
///      element of the best one's tag and class (each post of the thread);
///   5. the whole <body>.
/// A structured hint (1–3) is taken only when it holds enough text, compared with what scoring finds.
struct ContentFinder {
    let settings: CleanSettings
    let lexicon: CleanLexicon
    let stats: NodeStats
    var trace: (@Sendable (String) -> Void)? = nil
    /// The page is a discussion (a forum thread, a question and its answers, as its schema.org markup
    /// says): its posts sit in elements of one tag and class, and its text is all of them, not the one
    /// post that scores best.
    var discussion: MetadataReader.Discussion?
    /// The page's boilerplate class words, a mark against a scoring candidate (on a forum thread, not
    /// those that name its posts); the lexicon's when not given.
    var boilerplateClassWords: Set<String>?

    func find(in body: Node) -> (nodes: [Node], extractor: String) {
        var scored = bestScored(in: body)
        if discussion != nil, let best = scored, best.nodes.count == 1 {
            let posts = withRepeatedChunks(best.nodes[0], in: body)
            if posts.count > 1 {
                trace?("discussion: \(posts.count) posts like \(Node.describe(best.nodes[0]))")
                scored = (posts, best.score)
            }
        }
        var scoredText = scored.map { $0.nodes.reduce(0) { $0 + stats.paragraphCharacters($1) } } ?? 0
        // Long pages split into many sections defeat paragraph scoring (each section scores a little,
        // the element holding them all scores nothing): the element that holds most of the page's
        // running text is taken instead when scoring found only a small part of it.
        let pageText = Int(runningText(body))
        let mass = textMassContainer(body)
        let massText = Int(runningText(mass))
        var massWon = false
        if Double(scoredText) < settings.scoredShareOfPageText * Double(pageText), Double(massText) >= 2 * Double(scoredText),
           mass !== body {
            trace?("text mass: \(Node.describe(mass)) holds \(massText) of \(pageText) characters; scoring found \(scoredText)")
            scored = ([mass], 0)
            scoredText = massText
            massWon = true
        }
        if let trace {
            trace("page: \(stats.paragraphCharacters(body)) characters of paragraphs")
            if let scored {
                trace("scoring: best \(scored.nodes.map(Node.describe).joined(separator: " + ")) score \(Int(scored.score)), \(scoredText) characters")
            }
        }

        func acceptable(_ node: Node, against best: Int? = nil) -> Bool {
            let text = stats.paragraphCharacters(node)
            let ok = text >= settings.minHintCharacters && Double(text) >= settings.minHintShareOfBest * Double(best ?? scoredText)
            trace?("hint \(Node.describe(node)): \(text) characters, \(ok ? "taken" : "too small")")
            return ok
        }
        let elements = body.descendants()
        if let hint = elements.filter({ $0["itemprop"]?.lowercased() == "articlebody" }).max(by: { stats.paragraphCharacters($0) < stats.paragraphCharacters($1) }),
           acceptable(hint) {
            return ([hint], "itemprop-articleBody")
        }
        let named = elements.filter { node in
            !node.classWords.isDisjoint(with: lexicon.contentContainers)
        }
        // The outermost of nested named containers that is acceptable, else the largest.
        if let container = named.filter({ acceptable($0) }).max(by: { stats.paragraphCharacters($0) < stats.paragraphCharacters($1) }) {
            return (withRepeatedChunks(container, in: body), "content-container")
        }
        // An <article> made of other articles (a "you may also like" box of teasers, a listing) is not
        // the article: it has next to no text of its own outside them.
        func isCollectionOfArticles(_ node: Node) -> Bool {
            let nested = node.descendants(where: { $0.tag == "article" }).filter { inner in
                var ancestor = inner.parent
                while let current = ancestor, current !== node {
                    if current.tag == "article" { return false }
                    ancestor = current.parent
                }
                return true
            }
            guard nested.count >= 2 else { return false }
            let own = stats.paragraphCharacters(node) - nested.reduce(0) { $0 + stats.paragraphCharacters($1) }
            return own < settings.minHintCharacters
        }
        let articles = elements.filter { $0.tag == "article" }
        let collections = articles.filter(isCollectionOfArticles)
        // The scoring's text, less the collections it took in, is what an article hint is compared with.
        // (Outermost collections only: a collection inside another is counted in it.)
        let scoredCollectionText = collections.filter { collection in
            scored?.nodes.contains(where: { collection.isInside($0) }) == true
                && !collections.contains(where: { $0 !== collection && collection.isInside($0) })
        }.reduce(0) { $0 + stats.paragraphCharacters($1) }
        if let article = articles.filter({ candidate in !collections.contains { $0 === candidate } })
            .max(by: { stats.paragraphCharacters($0) < stats.paragraphCharacters($1) }),
           acceptable(article, against: scoredText - scoredCollectionText) {
            // On a discussion page each post can be an <article>: the thread is all of them.
            return (discussion != nil ? withRepeatedChunks(article, in: body) : [article], "article-element")
        }
        if let scored, scoredText > 0 {
            if !massWon, let chunks = articleChunks(scored.nodes, in: body) { return (chunks, "scoring-chunks") }
            return (scored.nodes, massWon ? "text-mass" : "scoring")
        }
        return ([body], "whole-page")
    }

    /// The smallest element that holds most of the page's running text: from the body, step into the
    /// child that holds at least `massDescentShare` of the current element's paragraph text.
    func textMassContainer(_ body: Node) -> Node {
        var current = body
        while true {
            let total = runningText(current)
            guard total > 0, let child = current.children.filter({ !$0.isText }).max(by: { runningText($0) < runningText($1) }),
                  runningText(child) >= settings.massDescentShare * total else {
                return current
            }
            current = child
        }
    }

    /// Scoring's one best element with the other elements of the page of its tag and class that hold
    /// running text: an article split into a CMS's text components (on a section front, the items'
    /// descriptions).
    /// A chunk whose text an earlier one has (the same text for phones and for desktops) is left out.
    /// Nil when there is no other chunk. (Taken only where the cascade ends in scoring: a structured
    /// hint is compared with scoring's text before.)
    func articleChunks(_ nodes: [Node], in body: Node) -> [Node]? {
        guard discussion == nil, settings.articleChunks, nodes.count == 1 else { return nil }
        let best = nodes[0]
        var texts = Set<String>()
        let chunks = withRepeatedChunks(best, in: body).filter { chunk in
            guard chunk === best || (stats.linkDensity(chunk) < 0.25 && stats.paragraphCharacters(chunk) >= settings.minParagraphCharacters) else { return false }
            return texts.insert(Text.collapse(chunk.textContent)).inserted
        }
        guard chunks.count > 1, chunks.contains(where: { $0 === best }) else { return nil }
        trace?("article in \(chunks.count) chunks like \(Node.describe(best))")
        return chunks
    }

    /// Paragraph characters not inside links: lists of links (archives, related stories) weigh nothing.
    func runningText(_ node: Node) -> Double {
        Double(stats.paragraphCharacters(node)) * (1 - stats.linkDensity(node))
    }

    /// A container and the other elements of the page with the same tag and class: articles split
    /// into several body chunks (`<div class="article__body">` in one grid cell after another).
    func withRepeatedChunks(_ node: Node, in body: Node) -> [Node] {
        guard let classes = node["class"], !classes.isEmpty else { return [node] }
        var chunks: [Node] = []
        for candidate in body.descendants(where: { $0.tag == node.tag && $0["class"] == classes }) {
            // In document order, a candidate inside an earlier chunk is inside the last one taken (what
            // follows a chunk's subtree cannot hold it), so that one is the only one to ask.
            if let last = chunks.last, candidate.isInside(last) { continue }
            if candidate === node || stats.paragraphCharacters(candidate) > 0 { chunks.append(candidate) }
        }
        return chunks.isEmpty ? [node] : chunks
    }

    /// Readability-style scoring: each paragraph gives points to its parent and grandparent.
    /// Commas, Latin and full-width, counted in the bytes (U+002C; U+FF0C is EF BC 8C).
    static func commas(in text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            var index = 0
            while index < bytes.count {
                if bytes[index] == 0x2C { count += 1 }
                else if bytes[index] == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBC, bytes[index + 2] == 0x8C { count += 1 }
                index += 1
            }
            return count
        }
    }

    func bestScored(in body: Node) -> (nodes: [Node], score: Double)? {
        var scores: [ObjectIdentifier: Double] = [:]
        var candidates: [Node] = []
        let boilerplateClassWords = self.boilerplateClassWords ?? lexicon.boilerplateClassWords
        func initial(_ node: Node) -> Double {
            var score: Double
            switch node.tag {
            case "article": score = 10
            case "div", "section", "main": score = 5
            case "pre", "td", "blockquote": score = 3
            case "ol", "ul", "dl", "form": score = -3
            case "h1", "h2", "h3", "h4", "h5", "h6", "th": score = -5
            default: score = 0
            }
            let words = node.classWords
            if !words.isDisjoint(with: lexicon.contentClassWords) { score += settings.classWeight }
            if !words.isDisjoint(with: boilerplateClassWords) { score -= settings.classWeight }
            return score
        }
        // Characters are counted only as far as the scoring looks.
        let countLimit = max(settings.minParagraphCharacters, Int((Double(settings.charactersPerPoint) * settings.maxLengthPoints).rounded(.up))) + 1
        for paragraph in body.descendants(where: { node in
            let tag = node.tag
            return tag == "p" || tag == "pre" || tag == "td"
                || (tag == "div" && node.children.contains { $0.isText && Text.count(of: $0.text, upTo: 41) > 40 })
        }) {
            let text = Text.collapse(paragraph.textContent)
            let length = Text.count(of: text, upTo: countLimit)
            guard length >= settings.minParagraphCharacters, !Text.isPlaceholder(text) else { continue }
            // One point for the paragraph, one per comma, one per `charactersPerPoint` characters (capped).
            var points = 1.0
            points += Double(ContentFinder.commas(in: text))
            points += min(Double(length) / Double(settings.charactersPerPoint), settings.maxLengthPoints)
            var ancestor = paragraph.parent
            var share = 1.0
            var level = 0
            while let node = ancestor, level < 2 {
                let id = ObjectIdentifier(node)
                if scores[id] == nil {
                    scores[id] = initial(node)
                    candidates.append(node)
                }
                scores[id]! += points * share
                share = settings.grandparentShare
                level += 1
                ancestor = node.parent
            }
        }
        // Links make a container less likely to be the article.
        var best: Node?
        var bestScore = -Double.infinity
        for node in candidates {
            let score = scores[ObjectIdentifier(node)]! * (1 - stats.linkDensity(node))
            scores[ObjectIdentifier(node)] = score
            if score > bestScore { bestScore = score; best = node }
        }
        guard let best else { return nil }
        // Siblings that score well, or that are long paragraphs of plain text, belong to the article too.
        guard let parent = best.parent else { return ([best], bestScore) }
        let threshold = max(10, bestScore * settings.siblingShare)
        var nodes: [Node] = []
        for sibling in parent.children where !sibling.isText {
            if sibling === best { nodes.append(sibling); continue }
            let score = scores[ObjectIdentifier(sibling)] ?? 0
            if score >= threshold && stats.linkDensity(sibling) < 0.25 {
                nodes.append(sibling)
            } else if sibling.tag == "p" {
                let text = Text.collapse(sibling.textContent)
                let length = Text.count(of: text, upTo: 81)
                if (length > 80 && stats.linkDensity(sibling) < 0.25) || (length > 0 && length <= 80 && stats.linkDensity(sibling) == 0 && text.hasSuffix(".")) {
                    nodes.append(sibling)
                }
            }
        }
        return (nodes, bestScore)
    }
}

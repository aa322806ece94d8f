import CLibXML2
import Foundation
import NewsmillCore

/// An element's attributes: name and value pairs in the order the parser gave them. Elements have a
/// handful of attributes, and the stage asks each element for some of them many times: a look along
/// a short list of short strings costs less than hashing the name into a dictionary, and building
/// the list costs one allocation. A name given twice keeps its last value, as a dictionary would.
/// A long list (an element can have 100,000 attributes) also keeps each name's place, so that setting
/// them all is not quadratic.
public struct Attributes: ExpressibleByDictionaryLiteral, Sendable {
    private var pairs: [(name: String, value: String)] = []
    /// Each name's place in `pairs`, kept while there are more than `listedUpTo` of them.
    private var places: [String: Int]?
    private static let listedUpTo = 8

    public init() {}

    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { self[name] = value }
    }

    init(minimumCapacity: Int) { pairs.reserveCapacity(minimumCapacity) }

    public var isEmpty: Bool { pairs.isEmpty }
    public var count: Int { pairs.count }

    public subscript(name: String) -> String? {
        get {
            if let places { return places[name].map { pairs[$0].value } }
            for pair in pairs where pair.name == name { return pair.value }
            return nil
        }
        set {
            if let index = index(of: name) {
                if let newValue {
                    pairs[index].value = newValue
                } else {
                    pairs.remove(at: index)
                    indexPlaces()
                }
            } else if let newValue {
                pairs.append((name, newValue))
                if places != nil { places![name] = pairs.count - 1 } else if pairs.count > Attributes.listedUpTo { indexPlaces() }
            }
        }
    }

    @discardableResult
    public mutating func removeValue(forKey name: String) -> String? {
        guard let index = index(of: name) else { return nil }
        defer { indexPlaces() }
        return pairs.remove(at: index).value
    }

    private func index(of name: String) -> Int? {
        if let places { return places[name] }
        return pairs.firstIndex(where: { $0.name == name })
    }

    /// Keeps `places` for a long list, and none for a short one (the names in `pairs` are distinct).
    private mutating func indexPlaces() {
        guard pairs.count > Attributes.listedUpTo else { places = nil; return }
        var result: [String: Int] = [:]
        result.reserveCapacity(pairs.count)
        for (index, pair) in pairs.enumerated() { result[pair.name] = index }
        places = result
    }
}

/// The class words (`Text.classWords`) of the class-and-id strings of one document's elements.
final class ClassWordCache {
    private var known: [String: Set<String>] = [:]

    func words(for classAndID: String) -> Set<String> {
        if let words = known[classAndID] { return words }
        let words = Text.classWords(classAndID)
        known[classAndID] = words
        return words
    }
}

/// An HTML element or text node, built from libxml2's parse events (`TreeBuilder`) as Swift values.
/// libxml2's parser is freed before `HTMLTree.parse` returns; nothing here points into C memory.
public final class Node {
    /// Lower-case tag name; empty for a text node.
    public internal(set) var tag: String { didSet { kind = TagKind(tag) } }
    /// What the clean stage's tag lists say about the tag, looked up once.
    public private(set) var kind: TagKind
    public var attributes: Attributes
    public var children: [Node] = []
    /// The text of a text node.
    public let text: String
    /// Unowned, not weak: a weak reference gives every node a side table, and every retain and release
    /// of the node then takes the slow path. The tree's root owns its nodes through `children`, and a
    /// node taken out of the tree has its `parent` cleared.
    public unowned(safe) var parent: Node?
    /// The node's number in its document (0 for the document, then in the order the parse made them):
    /// per-node tables are arrays indexed by it.
    public let serial: Int

    init(tag: String, attributes: Attributes, text: String = "", serial: Int = 0, kind: TagKind? = nil) {
        self.tag = tag
        self.kind = kind ?? TagKind(tag)
        self.attributes = attributes
        self.text = text
        self.serial = serial
    }

    public var isText: Bool { tag.isEmpty }

    /// "<div class=\"story body\" id=\"main\">", for traces.
    public static func describe(_ node: Node) -> String {
        var text = "<\(node.tag)"
        if let id = node["id"], !id.isEmpty { text += " id=\"\(id.prefix(40))\"" }
        if let classes = node["class"], !classes.isEmpty { text += " class=\"\(classes.prefix(60))\"" }
        return text + ">"
    }

    public subscript(attribute: String) -> String? { attributes[attribute] }

    /// The element's class and id, lower-cased, as one string.
    public lazy var classAndID: String = {
        let classes = attributes["class"], id = attributes["id"]
        if classes == nil && id == nil { return " " }
        return Node.lowerCasedJoin(classes ?? "", id ?? "")
    }()

    /// `(a + " " + b).lowercased()`, made in one allocation when both are ASCII (nearly every class
    /// and id), where lower-casing is A–Z to a–z.
    static func lowerCasedJoin(_ a: String, _ b: String) -> String {
        var a = a, b = b
        let ascii = a.withUTF8 { x in b.withUTF8 { y in x.allSatisfy { $0 < 0x80 } && y.allSatisfy { $0 < 0x80 } } }
        guard ascii else { return (a + " " + b).lowercased() }
        return a.withUTF8 { x in
            b.withUTF8 { y in
                String(unsafeUninitializedCapacity: x.count + 1 + y.count) { out in
                    var i = 0
                    for byte in x { out[i] = byte &+ ((byte &- 0x41) < 26 ? 0x20 : 0); i += 1 }
                    out[i] = 0x20; i += 1
                    for byte in y { out[i] = byte &+ ((byte &- 0x41) < 26 ? 0x20 : 0); i += 1 }
                    return i
                }
            }
        }
    }

    /// True when one of the element's class words (see `classWords`) is in `words`. Each class word is
    /// a piece of the lower-cased class and id, so an element whose class and id hold none of the words
    /// is answered without splitting them into words.
    public func hasClassWord(in words: Set<String>) -> Bool {
        if attributes.isEmpty { return false }
        // The lower-cased class and id are kept: `classWords` is made from them.
        let classAndID = self.classAndID
        guard classAndID.utf8.count > 1, words.contains(where: { Text.containsBytes(classAndID, $0) }) else { return false }
        return !classWords.isDisjoint(with: words)
    }

    /// The words of the class and id (see `Text.classWords`), computed once, and once per document for
    /// the elements that share their class and id (menu items, list entries) through `classWordCache`.
    public lazy var classWords: Set<String> = {
        let classAndID = self.classAndID
        guard classAndID.utf8.count > 1, let cache = classWordCache else { return Text.classWords(classAndID) }
        return cache.words(for: classAndID)
    }()

    /// The document's cache of class words, shared by its elements (set by `TreeBuilder`).
    var classWordCache: ClassWordCache?

    /// A text node's characters that are not white space (Unicode scalars), computed once.
    public lazy var nonWhitespaceCount: Int = Text.nonWhitespaceCount(text)

    /// What a text node adds to its elements' character counts: `nonWhitespaceCount`, or 0 for a
    /// designer's placeholder ("Lorem ipsum …"), which is not text; computed once.
    public lazy var countedCharacters: Int = Text.isPlaceholder(text) ? 0 : nonWhitespaceCount

    /// All text below the node, whitespace as in the source.
    public var textContent: String {
        var out = ""
        appendText(to: &out)
        return out
    }

    /// All text below the node with a space where an element starts or ends, so that texts the page
    /// lays out apart ("<span>By</span><a>Jane Roe</a>") do not run together; the white space is as in
    /// the source otherwise (collapse it to read it).
    public var spacedTextContent: String {
        var out = ""
        // nil stands for the end of an element.
        var stack: [Node?] = [self]
        while let next = stack.popLast() {
            guard let node = next else { out += " "; continue }
            if node.isText {
                out += node.text
            } else {
                out += " "
                stack.append(nil)
                var index = node.children.count - 1
                while index >= 0 { stack.append(node.children[index]); index -= 1 }
            }
        }
        return out
    }

    private func appendText(to out: inout String) {
        var stack: [Node] = [self]
        while let node = stack.popLast() {
            if node.isText { out += node.text } else { Node.push(node.children, onto: &stack) }
        }
    }

    /// Pushes `children` last first, so that they come off the stack in document order.
    @inline(__always) private static func push(_ children: [Node], onto stack: inout [Node]) {
        var index = children.count - 1
        while index >= 0 {
            stack.append(children[index])
            index -= 1
        }
    }

    /// Every element below the node (not the node itself), in document order.
    public func descendants(where predicate: (Node) -> Bool = { _ in true }) -> [Node] {
        var result: [Node] = []
        var stack: [Node] = []
        Node.push(children, onto: &stack)
        while let node = stack.popLast() {
            if !node.isText {
                if predicate(node) { result.append(node) }
                Node.push(node.children, onto: &stack)
            }
        }
        return result
    }

    /// Calls `body` with each element below the node, in document order (as `descendants` lists
    /// them), until it returns false.
    public func forEachDescendant(_ body: (Node) -> Bool) {
        var stack: [Node] = []
        Node.push(children, onto: &stack)
        while let node = stack.popLast() {
            if !node.isText {
                if !body(node) { return }
                Node.push(node.children, onto: &stack)
            }
        }
    }

    /// The first element below the node (in document order) with this tag; the walk stops there.
    public func first(_ tag: String) -> Node? {
        first(where: { $0.tag == tag })
    }

    /// The first element below the node (in document order) for which `predicate` holds; the walk
    /// stops there.
    public func first(where predicate: (Node) -> Bool) -> Node? {
        var found: Node?
        forEachDescendant { node in
            if predicate(node) { found = node; return false }
            return true
        }
        return found
    }

    public func removeFromParent() {
        guard let parent else { return }
        parent.children.removeAll { $0 === self }
        self.parent = nil
    }

    /// Whether the node or one of its ancestors satisfies `predicate`.
    public func isInside(where predicate: (Node) -> Bool) -> Bool {
        var node: Node? = self
        while let current = node {
            if predicate(current) { return true }
            node = current.parent
        }
        return false
    }

    /// True when `ancestor` is this node or one of its ancestors.
    public func isInside(_ ancestor: Node) -> Bool {
        isInside(where: { $0 === ancestor })
    }
}

/// Membership of a tag in the lists the clean stage consults for every element (`BlockBuilder.skippedTags`,
/// `BlockBuilder.blockTags`, `NodeStats.paragraphTags`).
public struct TagKind: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Never content (scripts, forms, media).
    public static let skipped = TagKind(rawValue: 1)
    /// Starts a block of text.
    public static let block = TagKind(rawValue: 2)
    /// Holds paragraph text.
    public static let paragraph = TagKind(rawValue: 4)

    init(_ tag: String) {
        var kind: TagKind = []
        if tag.isEmpty { self = kind; return }
        if BlockBuilder.skippedTags.contains(tag) { kind.insert(.skipped) }
        if BlockBuilder.blockTags.contains(tag) { kind.insert(.block) }
        if NodeStats.paragraphTags.contains(tag) { kind.insert(.paragraph) }
        self = kind
    }
}

/// Parses HTML with libxml2's HTML parser into `Node`s.
public enum HTMLTree {
    /// Deeper elements are attached to their ancestor at this depth, so a page of 200,000 nested
    /// elements is read in bounded time and stack.
    public static let maxDepth = 256

    /// Elements that never hold other elements.
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
                                            "param", "source", "track", "wbr"]
    /// Elements whose content is text only.
    static let textOnlyElements: Set<String> = ["script", "style", "title", "textarea"]
    /// Elements that hold phrasing content only, and that the clean stage skips.
    static let phrasingHosts: Set<String> = ["button", "label", "select", "option", "svg", "math", "canvas", "iframe", "object", "map"]
    /// Block-level elements that cannot be inside those.
    static let blockElements: Set<String> = ["p", "div", "article", "main", "section", "header", "footer", "aside", "nav", "ul", "ol",
                                             "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "form", "body"]
    /// What belongs in <head>.
    static let headElements: Set<String> = ["title", "meta", "link", "script", "style", "base", "noscript", "template"]

    private static let initialized: Bool = {
        xmlInitParser()
        newsmill_xmlSilence()
        return true
    }()

    /// Parses `html` (already decoded; handed to libxml2 as UTF-8, whatever the page declares) into a
    /// tree of `Node`s (see `TreeBuilder`).
    public static func parse(_ html: String, url: String? = nil) throws -> Node {
        var html = html
        return try html.withUTF8 { try parse(utf8: $0, url: url) }
    }

    /// `parse(_:url:)` of a page's UTF-8 bytes.
    public static func parse(utf8 bytes: [UInt8], url: String? = nil) throws -> Node {
        try bytes.withUnsafeBufferPointer { try parse(utf8: $0, url: url) }
    }

    static func parse(utf8: UnsafeBufferPointer<UInt8>, url: String?) throws -> Node {
        _ = initialized
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        // The page's own bytes, unless self-closing tags had to be written out or script and style
        // bodies were taken out (see `RawText`).
        let expanded = expandSelfClosingTags(utf8)
        func withoutScripts(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Node {
            if let stripped = RawText.removingScriptBodies(bytes) {
                return try stripped.withUnsafeBufferPointer { try build($0, url: url, options: options) }
            }
            return try build(bytes, url: url, options: options)
        }
        if let expanded { return try expanded.withUnsafeBufferPointer(withoutScripts) }
        return try withoutScripts(utf8)
    }

    /// Rewrites `<path d="…"/>` as `<path d="…"></path>` for elements that are not void. libxml2's
    /// HTML parser ignores the self-closing slash (HTML 4 had none), so an inline SVG icon's `<path/>`
    /// would otherwise stay open and swallow the rest of the page; HTML5 parsers honour the slash in
    /// SVG and MathML content, and this gives libxml2 the same tree.
    /// The page with `<x …/>` written out as `<x …></x>` for non-void elements; nil when it has none.
    static func expandSelfClosingTags(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        var i = 0
        var copied = 0
        let n = input.count
        guard let base = input.baseAddress, n > 1 else { return nil }
        while i + 1 < n {
            // The next "/" (memchr), then whether ">" follows it.
            guard let found = memchr(base + i, 0x2F, n - 1 - i) else { break }
            i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            guard input[i + 1] == 0x3E else { i += 1; continue }  // "/>"
            // Walk back to the "<" that opens this tag (not past another ">").
            var start = i - 1
            while start >= 0 && input[start] != 0x3C && input[start] != 0x3E { start -= 1 }
            guard start >= 0, input[start] == 0x3C else { i += 2; continue }
            var nameEnd = start + 1
            while nameEnd < i, isNameByte(input[nameEnd]) { nameEnd += 1 }
            guard nameEnd > start + 1, Self.isLetterByte(input[start + 1]) else { i += 2; continue }
            let name = String(decoding: UnsafeBufferPointer(rebasing: input[(start + 1)..<nameEnd]), as: UTF8.self).lowercased()
            if voidElements.contains(name) { i += 2; continue }
            if output.isEmpty { output.reserveCapacity(n + n / 32) }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<i]))
            output.append(0x3E)
            output.append(contentsOf: [0x3C, 0x2F])
            output.append(contentsOf: UnsafeBufferPointer(rebasing: input[(start + 1)..<nameEnd]))
            output.append(0x3E)
            i += 2
            copied = i
        }
        if copied == 0 { return nil }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied...]))
        return output
    }

    @inline(__always) private static func isLetterByte(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) private static func isNameByte(_ b: UInt8) -> Bool {
        isLetterByte(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x3A || b == 0x5F
    }
}

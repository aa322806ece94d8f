import CLibXML2
import Foundation
import NewsmillCore

/// An HTML element or text node, copied out of libxml2's tree into Swift values. libxml2's document is
/// freed before `HTMLTree.parse` returns; nothing here points into C memory.
public final class Node {
    /// Lower-case tag name; empty for a text node.
    public let tag: String
    public var attributes: [String: String]
    public var children: [Node] = []
    /// The text of a text node.
    public let text: String
    public weak var parent: Node?

    init(tag: String, attributes: [String: String], text: String = "") {
        self.tag = tag
        self.attributes = attributes
        self.text = text
    }

    public var isText: Bool { tag.isEmpty }

    public subscript(attribute: String) -> String? { attributes[attribute] }

    /// The element's class and id, lower-cased, as one string.
    public lazy var classAndID: String = {
        ((attributes["class"] ?? "") + " " + (attributes["id"] ?? "")).lowercased()
    }()

    /// All text below the node, whitespace as in the source.
    public var textContent: String {
        var out = ""
        appendText(to: &out)
        return out
    }

    private func appendText(to out: inout String) {
        var stack: [Node] = [self]
        while let node = stack.popLast() {
            if node.isText { out += node.text } else { stack.append(contentsOf: node.children.reversed()) }
        }
    }

    /// Every element below the node (not the node itself), in document order.
    public func descendants(where predicate: (Node) -> Bool = { _ in true }) -> [Node] {
        var result: [Node] = []
        var stack: [Node] = children.reversed()
        while let node = stack.popLast() {
            if !node.isText {
                if predicate(node) { result.append(node) }
                stack.append(contentsOf: node.children.reversed())
            }
        }
        return result
    }

    public func first(_ tag: String) -> Node? { descendants(where: { $0.tag == tag }).first }

    public func removeFromParent() {
        guard let parent else { return }
        parent.children.removeAll { $0 === self }
        self.parent = nil
    }

    /// True when `ancestor` is this node or one of its ancestors.
    public func isInside(_ ancestor: Node) -> Bool {
        var node: Node? = self
        while let current = node {
            if current === ancestor { return true }
            node = current.parent
        }
        return false
    }
}

/// Parses HTML with libxml2's HTML parser and copies the tree into `Node`s.
public enum HTMLTree {
    /// Deeper elements are attached to their ancestor at this depth, so a page of 200,000 nested
    /// elements is read in bounded time and stack.
    public static let maxDepth = 256

    private static let initialized: Bool = {
        xmlInitParser()
        newsmill_xmlSilence()
        return true
    }()

    /// Parses `html` (already decoded; handed to libxml2 as UTF-8, whatever the page declares).
    public static func parse(_ html: String, url: String? = nil) throws -> Node {
        _ = initialized
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        // The encoding label is passed explicitly; a <meta charset> in the page is then ignored.
        let document: htmlDocPtr? = html.utf8CString.withUnsafeBufferPointer { buffer in
            htmlReadMemory(buffer.baseAddress, Int32(buffer.count - 1), url, "UTF-8", options)
        }
        guard let document else {
            throw DocumentError(.corrupt, "libxml2 could not parse the page")
        }
        defer { xmlFreeDoc(document) }
        let root = Node(tag: "#document", attributes: [:])
        guard let top = xmlDocGetRootElement(document) else { return root }
        copy(top, into: root)
        return root
    }

    private static func copy(_ start: xmlNodePtr, into root: Node) {
        // Iterative depth-first copy: (C node, Swift parent, depth).
        var stack: [(xmlNodePtr, Node, Int)] = [(start, root, 0)]
        while let (cNode, parent, depth) = stack.popLast() {
            switch cNode.pointee.type {
            case XML_ELEMENT_NODE:
                let name = String(cString: cNode.pointee.name).lowercased()
                var attributes: [String: String] = [:]
                var attribute = cNode.pointee.properties
                while let current = attribute {
                    let key = String(cString: current.pointee.name).lowercased()
                    if let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) {
                        attributes[key] = String(cString: value)
                        newsmill_xmlFree(value)
                    } else {
                        attributes[key] = ""
                    }
                    attribute = current.pointee.next
                }
                let node = Node(tag: name, attributes: attributes)
                let target = depth >= maxDepth ? parent : node
                if depth < maxDepth {
                    node.parent = parent
                    parent.children.append(node)
                }
                // Children pushed in reverse so that they come off the stack in document order.
                var children: [xmlNodePtr] = []
                var child = cNode.pointee.children
                while let current = child {
                    children.append(current)
                    child = current.pointee.next
                }
                for c in children.reversed() { stack.append((c, target, min(depth + 1, maxDepth))) }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = cNode.pointee.content {
                    let text = Node(tag: "", attributes: [:], text: String(cString: content))
                    text.parent = parent
                    parent.children.append(text)
                }
            default:
                break
            }
        }
    }
}

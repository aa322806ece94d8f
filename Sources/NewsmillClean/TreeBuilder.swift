import CLibXML2
import Foundation
import NewsmillCore

/// Builds the `Node` tree straight from libxml2's SAX events, without libxml2 building its own tree
/// first (that tree cost as much to build, copy and free as the parse itself).
///
/// The result is the tree libxml2's own builder (SAX2) would have made, with the corrections that
/// `HTMLTree` describes applied while it grows. Where SAX2 looks at its tree to decide something, the
/// builder keeps just enough to decide the same way:
/// - white space between elements is kept, whether libxml2 calls it text or ignorable white space (with
///   the options used here, SAX2 keeps both);
/// - adjacent text is one text node; a comment between two runs of text makes two;
/// - the first top-level element is the root; a later top-level element (content after `</html>`) goes
///   into the root only when nothing (no DOCTYPE, no comment) came before the root, as with SAX2.
/// One difference is deliberate: SAX2 stops the whole parse at 256 levels of nesting, losing the rest of
/// the page; here deeper elements are flattened into their ancestor at `HTMLTree.maxDepth`.
final class TreeBuilder {
    /// Class words, shared by the document's elements.
    let classWordCache = ClassWordCache()
    /// What the builder needs to know about an element name.
    struct Name {
        let string: String
        let hostsOnlyText: Bool
        let isPhrasingHost: Bool
        let isHead: Bool
        let isBlock: Bool
        let isHeadElement: Bool
        let isNoscript: Bool
        /// <script> or <style>, whose body libxml2 reads as raw text.
        let hasRawText: Bool
        let kind: TagKind
    }

    /// An element libxml2 has open.
    struct Frame {
        let name: Name
        /// The element's node; nil when it was flattened (too deep) or is outside the root.
        let node: Node?
        /// Where the element's children go; nil when they are dropped.
        let target: Node?
        /// Where a child that cannot stay inside the element goes.
        let parent: Node?
        let depth: Int
        /// A <noscript> with a block element as a child becomes a <div>.
        var holdsBlocks = false
    }

    let root = Node(tag: "#document", attributes: [:])
    private var frames: [Frame] = []
    private var serial = 0
    private var names: [UnsafeRawPointer: Name] = [:]
    private var attributeNames: [UnsafeRawPointer: String] = [:]
    /// Text not yet made a node: its bytes, where it goes and the serial it was given.
    private var text: [UInt8] = []
    private var textTarget: Node?
    private var textSerial = 0
    private var textIsCDATA = false
    private var rootSeen = false
    private var rootIsFirstDocumentChild = false
    private var documentHasChildren = false

    init() {
        text.reserveCapacity(4096)
    }

    // MARK: Names

    private func name(_ pointer: UnsafePointer<xmlChar>) -> Name {
        if let known = names[UnsafeRawPointer(pointer)] { return known }
        let string = TreeBuilder.lowercased(pointer)
        let name = Name(string: string,
                        hostsOnlyText: HTMLTree.voidElements.contains(string) || HTMLTree.textOnlyElements.contains(string),
                        isPhrasingHost: HTMLTree.phrasingHosts.contains(string),
                        isHead: string == "head",
                        isBlock: HTMLTree.blockElements.contains(string),
                        isHeadElement: HTMLTree.headElements.contains(string),
                        isNoscript: string == "noscript",
                        hasRawText: string == "script" || string == "style",
                        kind: TagKind(string))
        names[UnsafeRawPointer(pointer)] = name
        return name
    }

    private func attributeName(_ pointer: UnsafePointer<xmlChar>) -> String {
        if let known = attributeNames[UnsafeRawPointer(pointer)] { return known }
        let string = TreeBuilder.lowercased(pointer)
        attributeNames[UnsafeRawPointer(pointer)] = string
        return string
    }

    /// A C string as a lower-case `String` (libxml2's HTML parser lower-cases ASCII names already).
    static func lowercased(_ pointer: UnsafePointer<xmlChar>) -> String {
        let string = String(cString: pointer)
        return string.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) || !string.utf8.allSatisfy({ $0 < 0x80 })
            ? string.lowercased() : string
    }

    // MARK: Events

    func startElement(_ namePointer: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        flushText()
        let name = self.name(namePointer)
        let depth: Int
        var destination: Node?
        if let top = frames.last {
            depth = min(top.depth + 1, HTMLTree.maxDepth)
            destination = top.target
            if top.depth < HTMLTree.maxDepth {
                // libxml2 2.9 sometimes nests the rest of a page inside an element that cannot hold it (a
                // <meta> or <link> after an unknown element in the head, a <head> that swallows <body>): such
                // children go to the element's parent, so the page's content is not lost with it. A block
                // inside a control or a picture (<button><div>…</div></button>, content swallowed by an
                // unclosed <svg>) is page content that the parser put in the wrong place.
                if top.name.hostsOnlyText || (top.name.isPhrasingHost && name.isBlock) || (top.name.isHead && !name.isHeadElement) {
                    destination = top.parent
                }
            }
            if top.name.isNoscript && name.isBlock { frames[frames.count - 1].holdsBlocks = true }
        } else if !rootSeen {
            rootSeen = true
            rootIsFirstDocumentChild = !documentHasChildren
            documentHasChildren = true
            depth = 0
            destination = root
        } else {
            // A second top-level element: content after "</body></html>", which libxml2 puts in a second
            // <html> beside the first (SAX2 would keep it only when the root is the document's first child).
            // A browser shows it at the end of the body, and so it is read: a second <html> or <body> is
            // not a node of its own, and what it holds goes to the first body.
            let html = root.children.first { $0.tag == "html" }
            let body = html?.children.last { $0.tag == "body" } ?? html
            if name.string == "html" || name.string == "body", let body {
                frames.append(Frame(name: name, node: nil, target: body, parent: body, depth: 1))
                return
            }
            depth = 2
            destination = body ?? (rootIsFirstDocumentChild ? root.children.first : nil)
        }
        guard let destination else {
            frames.append(Frame(name: name, node: nil, target: nil, parent: nil, depth: depth))
            return
        }
        // Serials number the nodes in document order; a flattened element takes one too.
        serial += 1
        if depth >= HTMLTree.maxDepth {
            frames.append(Frame(name: name, node: nil, target: destination, parent: destination, depth: depth))
            return
        }
        let node = Node(tag: name.string, attributes: readAttributes(attributes), serial: serial, kind: name.kind)
        if !node.attributes.isEmpty { node.classWordCache = classWordCache }
        node.parent = destination
        destination.children.append(node)
        frames.append(Frame(name: name, node: node, target: node, parent: destination, depth: depth))
        if name.hasRawText, let noted = node.attributes.removeValue(forKey: RawText.charactersAttribute), let count = Int(noted) {
            // A script or style whose body was taken out before parsing (`RawText`): an empty text
            // child stands for it in the counts.
            serial += 1
            let placeholder = Node(tag: "", attributes: [:], text: "", serial: serial, kind: [])
            placeholder.nonWhitespaceCount = count
            placeholder.parent = node
            node.children.append(placeholder)
        }
    }

    private func readAttributes(_ list: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> Attributes {
        guard let list else { return [:] }
        var count = 0
        while list[count * 2] != nil { count += 1 }
        var attributes = Attributes(minimumCapacity: count)
        for index in 0..<count {
            guard let key = list[index * 2] else { break }
            let name = attributeName(key)
            let value: String
            if let given = list[index * 2 + 1] {
                value = String(cString: given)
            } else {
                // As SAX2 stores them: a boolean attribute without a value has its name as value.
                value = htmlIsBooleanAttr(key) != 0 ? name : ""
            }
            attributes[name] = value
        }
        return attributes
    }

    func endElement() {
        flushText()
        guard let frame = frames.popLast() else { return }
        if frame.holdsBlocks, let node = frame.node {
            // A page rendered by script puts its text for readers without script in <noscript> (forums,
            // single-page sites): blocks there are the page's content.
            node.tag = "div"
        }
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, _ length: Int, cdata: Bool) {
        guard let top = frames.last else { return }  // text outside any element: SAX2 drops it
        if textTarget != nil, textIsCDATA != cdata { flushText() }
        if textTarget == nil {
            guard let target = top.target else { return }
            serial += 1
            textSerial = serial
            textTarget = target
            textIsCDATA = cdata
        }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
    }

    /// A comment or processing instruction: not kept, but it ends a run of text as SAX2's node does.
    func otherNode() {
        flushText()
        if frames.isEmpty { documentHasChildren = true }
    }

    func doctype() {
        documentHasChildren = true
        // SAX2 puts the DTD first among the document's children, ahead of the root.
        rootIsFirstDocumentChild = false
    }

    private func flushText() {
        guard let target = textTarget else { return }
        let node = Node(tag: "", attributes: [:], text: String(decoding: text, as: UTF8.self), serial: textSerial, kind: [])
        node.parent = target
        target.children.append(node)
        text.removeAll(keepingCapacity: true)
        textTarget = nil
    }
}

extension HTMLTree {
    /// Runs libxml2's HTML parser over `buffer` and builds the tree from its events.
    static func build(_ buffer: UnsafeBufferPointer<UInt8>, url: String?, options: Int32) throws -> Node {
        guard let base = buffer.baseAddress, !buffer.isEmpty, let context = htmlNewParserCtxt() else {
            throw DocumentError(.corrupt, "libxml2 could not parse the page")
        }
        defer { htmlFreeParserCtxt(context) }
        let builder = TreeBuilder()
        // Every callback receives the builder, not the parser: the handler holds only these.
        guard let sax = context.pointee.sax else { throw DocumentError(.corrupt, "libxml2 could not parse the page") }
        memset(sax, 0, MemoryLayout<htmlSAXHandler>.size)
        sax.pointee.initialized = 1
        sax.pointee.startElement = { user, name, attributes in
            guard let user, let name else { return }
            Unmanaged<TreeBuilder>.fromOpaque(user).takeUnretainedValue().startElement(name, attributes)
        }
        sax.pointee.endElement = { user, _ in
            guard let user else { return }
            Unmanaged<TreeBuilder>.fromOpaque(user).takeUnretainedValue().endElement()
        }
        sax.pointee.characters = { user, bytes, length in
            guard let user, let bytes, length > 0 else { return }
            Unmanaged<TreeBuilder>.fromOpaque(user).takeUnretainedValue().characters(bytes, Int(length), cdata: false)
        }
        sax.pointee.ignorableWhitespace = { user, bytes, length in
            guard let user, let bytes, length > 0 else { return }
            Unmanaged<TreeBuilder>.fromOpaque(user).takeUnretainedValue().characters(bytes, Int(length), cdata: false)
        }
        sax.pointee.cdataBlock = { user, bytes, length in
            guard let user, let bytes, length > 0 else { return }
            Unmanaged<TreeBuilder>.fromOpaque(user).takeUnretainedValue().characters(bytes, Int(length), cdata: true)
        }
        sax.pointee.comment = { user, _ in
            guard let user else { return }
            Unmanaged<TreeBuilder>.fromOpaque(user).takeUnretainedValue().otherNode()
        }
        sax.pointee.processingInstruction = { user, _, _ in
            guard let user else { return }
            Unmanaged<TreeBuilder>.fromOpaque(user).takeUnretainedValue().otherNode()
        }
        sax.pointee.internalSubset = { user, _, _, _ in
            guard let user else { return }
            Unmanaged<TreeBuilder>.fromOpaque(user).takeUnretainedValue().doctype()
        }
        return withExtendedLifetime(builder) {
            context.pointee.userData = Unmanaged.passUnretained(builder).toOpaque()
            // The encoding label is passed explicitly; a <meta charset> in the page is then ignored.
            let document = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlCtxtReadMemory(context, $0, Int32(buffer.count), url, "UTF-8", options)
            }
            // No handler makes a libxml2 document; one made anyway would be freed here.
            if let document { xmlFreeDoc(document) }
            builder.endElementsLeftOpen()
            return builder.root
        }
    }
}

extension TreeBuilder {
    /// Closes what the parser left open (it closes everything at the end of input, unless it stopped).
    func endElementsLeftOpen() {
        while !frames.isEmpty { endElement() }
        flushText()
    }
}

import Foundation

/// React's streamed server rendering (React 18 and later; Next.js's app router sends every page this
/// way). A part of the page that was not ready when the server began to send it is written first as a
/// placeholder — `<template id="P:5"></template>`, or a Suspense boundary `<template id="B:2"></template>`
/// followed by its fallback ("Loading…") — and later, at the end of the body, as a hidden segment
/// `<div hidden id="S:5">…</div>` with a call of the page's small inline script that moves it into
/// place: `$RS("S:5","P:5")` for a placeholder, `$RC("B:2","S:7")` for a boundary. (React's external
/// runtime says the same with `<template data-rsi data-sid="S:5" data-pid="P:5">` and
/// `<template data-rci data-bid="B:2" data-sid="S:7">`.)
///
/// A reader sees the segments where the placeholders were; read as markup, the article is a row of
/// hidden elements after the footer. `resolve` does what the script would: each segment's content
/// takes its placeholder's place (the boundary's fallback stays; it is a "Loading…" line or an empty
/// skeleton, which the cleaner drops anyway). A segment with no placeholder to go to stays where it is,
/// no longer hidden: it is the page's text all the same.
enum StreamedSegments {
    /// Whether the page's bytes hold a segment id (`id="S:…"`): `resolve` is worth a walk of the tree.
    static func mayHaveSegments(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var from = 0
        while let i = RawText.find(bytes, "S:", from: from) {
            // After `id="` or `id='`.
            if i >= 4, bytes[i - 1] == 0x22 || bytes[i - 1] == 0x27, bytes[i - 2] == 0x3D,
               bytes[i - 3] | 0x20 == 0x64, bytes[i - 4] | 0x20 == 0x69 {
                return true
            }
            from = i + 1
        }
        return false
    }

    /// The moves the page's script calls ask for, as (segment id, placeholder id) pairs, in page order:
    /// `$RS("S:x","P:y")` and `$RC("B:y","S:x")`.
    static func scriptMoves(_ bytes: UnsafeBufferPointer<UInt8>) -> [(segment: String, placeholder: String)] {
        var moves: [(segment: String, placeholder: String)] = []
        let n = bytes.count
        // Reads a quoted argument at `start` ("…" or '…', at most 32 bytes); returns it and the index after it.
        func argument(at start: Int) -> (String, Int)? {
            var j = start
            while j < n, bytes[j] == 0x20 { j += 1 }
            guard j < n, bytes[j] == 0x22 || bytes[j] == 0x27 else { return nil }
            let quote = bytes[j]
            let from = j + 1
            var end = from
            while end < n, bytes[end] != quote, end - from <= 32 { end += 1 }
            guard end < n, bytes[end] == quote, end > from else { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<end]), as: UTF8.self), end + 1)
        }
        var from = 0
        while let i = RawText.find(bytes, "$R", from: from) {
            from = i + 2
            guard i + 3 < n, bytes[i + 2] == 0x43 || bytes[i + 2] == 0x53, bytes[i + 3] == 0x28 else { continue }  // $RC( $RS(
            let completesBoundary = bytes[i + 2] == 0x43
            if let (first, next) = argument(at: i + 4) {
                var j = next
                while j < n, bytes[j] == 0x20 { j += 1 }
                if j < n, bytes[j] == 0x2C, let (second, _) = argument(at: j + 1) {
                    moves.append(completesBoundary ? (second, first) : (first, second))
                }
            }
        }
        return moves
    }

    /// Puts each hidden segment below `root` where its placeholder is (see the type's comment) and shows
    /// the segments that have no known place. `moves` are the script's calls (`scriptMoves`). Returns the
    /// number of segments moved.
    @discardableResult
    static func resolve(_ root: Node, moves: [(segment: String, placeholder: String)]) -> Int {
        var segments: [String: Node] = [:]
        var segmentOrder: [Node] = []
        var placeholders: [String: Node] = [:]
        var runtimeMoves: [(segment: String, placeholder: String)] = []
        root.forEachDescendant { node in
            guard let id = node["id"] ?? (node.tag == "template" ? "" : nil) else { return true }
            if id.hasPrefix("S:"), node["hidden"] != nil {
                if segments[id] == nil { segments[id] = node; segmentOrder.append(node) }
            } else if node.tag == "template" {
                if id.hasPrefix("P:") || id.hasPrefix("B:") {
                    if placeholders[id] == nil { placeholders[id] = node }
                } else if let segment = node["data-sid"] {
                    if node["data-rsi"] != nil, let placeholder = node["data-pid"] { runtimeMoves.append((segment, placeholder)) }
                    if node["data-rci"] != nil, let boundary = node["data-bid"] { runtimeMoves.append((segment, boundary)) }
                }
            }
            return true
        }
        guard !segments.isEmpty else { return 0 }
        var target: [String: String] = [:]
        for move in moves + runtimeMoves where target[move.segment] == nil { target[move.segment] = move.placeholder }
        // A placeholder and its segment share their number ($RS("S:5","P:5")), and React writes a
        // boundary's segment with the boundary's number too ($RC("B:2","S:2")): a segment no call names
        // (the page was saved without its scripts) goes to the placeholder or boundary of its number.
        for id in segments.keys where target[id] == nil {
            let number = id.dropFirst(2)
            if let placeholder = ["P:" + number, "B:" + number].first(where: { placeholders[$0] != nil }) {
                target[id] = placeholder
            }
        }
        var moved = 0
        var used = Set<String>()
        for segment in segmentOrder {
            let id = segment["id"]!
            if let placeholderID = target[id], !used.contains(placeholderID), let placeholder = placeholders[placeholderID],
               let parent = placeholder.parent, !placeholder.isInside(segment),
               let index = parent.children.firstIndex(where: { $0 === placeholder }) {
                used.insert(placeholderID)
                let content = segment.children
                segment.children = []
                for child in content { child.parent = parent }
                parent.children.replaceSubrange(index...index, with: content)
                placeholder.parent = nil
                segment.removeFromParent()
                moved += 1
            } else {
                _ = segment.attributes.removeValue(forKey: "hidden")
            }
        }
        return moved
    }
}

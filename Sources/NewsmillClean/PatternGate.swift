import Foundation

/// A cheap test that a block cannot match a boilerplate pattern, so that the regular expression is run
/// only where it could match. Each search of an `NSRegularExpression` copies its string to UTF-16 and
/// sets up a matcher, which costs more than the matching on short blocks; most blocks are article
/// text that no pattern matches.
///
/// The gate is read from the pattern itself: the words one of which every match must contain (the
/// alternatives of the first required group, or the literal text at the start, after anchors, `\s*`,
/// `\b`, `\(?` and `.{m,n}`). A block holding none of them, in any case, cannot match. Patterns whose
/// shape gives no such words have no gate and are always run. The gate only ever skips a search that
/// would fail: what the patterns match does not change.
struct PatternGate: Sendable {
    /// Lower-case ASCII words, one of which a match contains; nil: no gate.
    let words: [[UInt8]]?

    init(pattern: String) {
        words = PatternGate.requiredWords(of: pattern).map { $0.map { Array($0.utf8) } }
    }

    /// True when the block (see `Folded`) may match the pattern.
    func admits(_ block: Folded) -> Bool {
        guard let words, !block.unsafeToGate else { return true }
        return words.contains { word in block.contains(word) }
    }

    /// A block's bytes with ASCII letters lower-cased, for the gates; made once per block.
    struct Folded {
        let bytes: [UInt8]
        /// The block has a character that a case-insensitive match equates with ASCII letters
        /// ("ſ" with "s", the Kelvin sign with "k", "ﬁ" with "fi"…): gates are not used for it.
        let unsafeToGate: Bool

        init(_ text: String) {
            var bytes = Array(text.utf8)
            var unsafe = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= 0x41 && byte <= 0x5A { bytes[index] = byte | 0x20 }
                else if byte >= 0xC4, index + 1 < bytes.count {
                    let next = bytes[index + 1]
                    switch (byte, next) {
                    case (0xC4, 0xB0), (0xC5, 0xBF), (0xC5, 0x89), (0xC7, 0xB0): unsafe = true  // İ ſ ŉ ǰ
                    case (0xE2, 0x84):  // K (U+212A), Å (U+212B)
                        if index + 2 < bytes.count, bytes[index + 2] == 0xAA || bytes[index + 2] == 0xAB { unsafe = true }
                    case (0xE1, 0xBA):  // ẖ ẗ ẘ ẙ ẚ ẞ (U+1E96–U+1E9E)
                        if index + 2 < bytes.count, (0x96...0x9E).contains(bytes[index + 2]) { unsafe = true }
                    case (0xEF, 0xAC):  // ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ (U+FB00–U+FB06)
                        if index + 2 < bytes.count, (0x80...0x86).contains(bytes[index + 2]) { unsafe = true }
                    default: break
                    }
                }
                index += 1
            }
            self.bytes = bytes
            self.unsafeToGate = unsafe
        }

        func contains(_ word: [UInt8]) -> Bool {
            guard !word.isEmpty, word.count <= bytes.count else { return word.isEmpty }
            return bytes.withUnsafeBufferPointer { haystack in
                word.withUnsafeBufferPointer { needle in
                    let first = needle[0], last = haystack.count - needle.count
                    var start = 0
                    while start <= last {
                        if haystack[start] == first {
                            var offset = 1
                            while offset < needle.count, haystack[start + offset] == needle[offset] { offset += 1 }
                            if offset == needle.count { return true }
                        }
                        start += 1
                    }
                    return false
                }
            }
        }
    }

    /// The words one of which every match of `pattern` contains, or nil when its shape does not say.
    static func requiredWords(of pattern: String) -> [String]? {
        var rest = Substring(pattern)
        // Skip what may match nothing or anything before the first required text.
        while true {
            if rest.hasPrefix("^") { rest = rest.dropFirst(); continue }
            if rest.hasPrefix(#"\s*"#) || rest.hasPrefix(#"\(?"#) { rest = rest.dropFirst(3); continue }
            if rest.hasPrefix(#"\b"#) { rest = rest.dropFirst(2); continue }
            if rest.hasPrefix(".{"), let close = rest.firstIndex(of: "}"),
               rest[rest.index(rest.startIndex, offsetBy: 2)..<close].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ",") }) {
                rest = rest[rest.index(after: close)...]
                continue
            }
            break
        }
        var alternatives: [Substring] = []
        if rest.first == "(" {
            // The group's alternatives, split at its top-level bars; the group must not be optional.
            var depth = 0
            var start = rest.index(after: rest.startIndex)
            var index = rest.startIndex
            var closed: String.Index?
            while index < rest.endIndex {
                let character = rest[index]
                if character == "\\" {
                    index = rest.index(index, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex
                    continue
                }
                if character == "[" {
                    // A class: its "|" and parentheses are characters; skip to its end.
                    var end = rest.index(after: index)
                    while end < rest.endIndex, rest[end] != "]" {
                        end = rest[end] == "\\" ? (rest.index(end, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex) : rest.index(after: end)
                    }
                    guard end < rest.endIndex else { return nil }
                    index = rest.index(after: end)
                    continue
                }
                if character == "(" { depth += 1 }
                if character == ")" {
                    depth -= 1
                    if depth == 0 { alternatives.append(rest[start..<index]); closed = index; break }
                }
                if character == "|" && depth == 1 { alternatives.append(rest[start..<index]); start = rest.index(after: index) }
                index = rest.index(after: index)
            }
            guard let closed else { return nil }
            let after = rest.index(after: closed)
            if after < rest.endIndex, "?*{".contains(rest[after]) { return nil }
            if alternatives.contains(where: { $0.hasPrefix("?") }) { return nil }  // (?:…), (?i)…: not read
        } else {
            alternatives = [rest]
        }
        var words: [String] = []
        for alternative in alternatives {
            guard let word = literalPrefix(alternative), !word.isEmpty, word.allSatisfy(\.isASCII) else { return nil }
            words.append(word.lowercased())
        }
        return words.isEmpty ? nil : words
    }

    /// The literal text an alternative starts with (escaped punctuation included), up to its first
    /// operator; a character made optional by a quantifier after it is left out.
    private static func literalPrefix(_ alternative: Substring) -> String? {
        var word = ""
        var index = alternative.startIndex
        while index < alternative.endIndex {
            let character = alternative[index]
            if character == "\\" {
                let next = alternative.index(after: index)
                guard next < alternative.endIndex else { break }
                let escaped = alternative[next]
                if escaped.isLetter || escaped.isNumber { break }  // \s, \d, \w, \b, \1 …
                word.append(escaped)
                index = alternative.index(after: next)
                continue
            }
            if "()[]{}.*+?|^$".contains(character) {
                if "?*{".contains(character), !word.isEmpty { word.removeLast() }
                break
            }
            word.append(character)
            index = alternative.index(after: index)
        }
        return word
    }
}

import Foundation
import NewsmillCore

/// A cheap test that a block cannot match a boilerplate pattern, so that the regular expression is run
/// only where it could match. Each search of an `NSRegularExpression` copies its string to UTF-16 and
/// sets up a matcher, which costs more than the matching on short blocks; most blocks are article
/// text that no pattern matches.
///
/// The gate is read from the pattern itself: the words one of which every match must contain (the
/// alternatives of the first required group, or the literal text at the start, after anchors, `\s*`,
/// `\b`, `\(?` and `.{m,n}`). A block holding none of them, in any case, cannot match. Patterns whose
/// shape gives no such words have no gate and are always run. When only `^`, `\s*`, `\(?` and `\b`
/// come before the words, a match starts with one of them (after white space and a parenthesis), and
/// only the start of the block is looked at. The gate only ever skips a search that would fail: what
/// the patterns match does not change.
struct PatternGate: Sendable {
    /// What may come before the words in a pattern anchored at the start.
    enum Lead: Sendable, Equatable {
        case whiteSpace          // \s*
        case optionalParenthesis // \(?
        case anyCharacters(Int)  // .{m,n}: at most n characters (scalars)
    }

    /// Lower-case ASCII words, one of which a match contains; nil: no gate.
    let words: [[UInt8]]?
    /// For a pattern anchored at the start: what comes before the words; nil: the words may be anywhere.
    let lead: [Lead]?

    init(pattern: String) {
        let shape = PatternGate.shape(of: pattern)
        words = shape.words.map { $0.map { Array($0.utf8) } }
        // A word that starts with white space or "(" could begin inside the lead: no anchoring then.
        lead = shape.words?.contains(where: { $0.first == " " || $0.first == "(" }) == false ? shape.lead : nil
    }

    /// True when the block (see `Folded`) may match the pattern.
    func admits(_ block: Folded) -> Bool {
        guard let words, !block.unsafeToGate else { return true }
        guard let lead else { return words.contains { word in block.contains(word) } }
        // The bytes where the words may start, lowest to highest (a superset: the gate may let a block
        // through that cannot match, never the other way round).
        var low = 0, high = 0
        for item in lead {
            switch item {
            case .whiteSpace:
                if low == high { low = block.skippingWhiteSpace(from: low) }
                high = block.skippingWhiteSpace(from: high)
            case .optionalParenthesis: high += 1
            case .anyCharacters(let count): high = block.advancing(high, by: count)
            }
        }
        guard low <= high else { return false }
        return words.contains { word in
            var start = low
            while start <= high && start + word.count <= block.bytes.count {
                if block.hasPrefix(word, at: start) { return true }
                start += 1
            }
            return false
        }
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

        /// The index after the white space at `start`: any scalar that `\s` may match (Unicode's
        /// White_Space, and, to be safe, U+200B and U+FEFF).
        func skippingWhiteSpace(from start: Int) -> Int {
            var index = start
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    guard byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) else { return index }
                    index += 1
                    continue
                }
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                guard index + length <= bytes.count else { return index }
                var value = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
                for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
                guard let scalar = Unicode.Scalar(value),
                      UnicodeText.isWhitespace(scalar) || value == 0x200B || value == 0xFEFF else { return index }
                index += length
            }
            return index
        }

        /// The index `count` scalars after `start` (or the end).
        func advancing(_ start: Int, by count: Int) -> Int {
            var index = start
            var left = count
            while left > 0 && index < bytes.count {
                let byte = bytes[index]
                index += byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                left -= 1
            }
            return min(index, bytes.count)
        }

        func hasPrefix(_ word: [UInt8], at start: Int) -> Bool {
            guard start + word.count <= bytes.count else { return false }
            for offset in 0..<word.count where bytes[start + offset] != word[offset] { return false }
            return true
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
    static func requiredWords(of pattern: String) -> [String]? { shape(of: pattern).words }

    /// The words, and, for a pattern anchored at the start with only white space and parentheses before
    /// them, what comes before them.
    static func shape(of pattern: String) -> (words: [String]?, lead: [Lead]?) {
        // "a|b" at the top level: either side may match alone; not read.
        if hasTopLevelAlternation(pattern) { return (nil, nil) }
        var rest = Substring(pattern)
        var lead: [Lead]? = rest.hasPrefix("^") ? [] : nil
        // Skip what may match nothing or anything before the first required text.
        while true {
            if rest.hasPrefix("^") { rest = rest.dropFirst(); continue }
            if rest.hasPrefix(#"\s*"#) { rest = rest.dropFirst(3); lead?.append(.whiteSpace); continue }
            if rest.hasPrefix(#"\(?"#) { rest = rest.dropFirst(3); lead?.append(.optionalParenthesis); continue }
            if rest.hasPrefix(#"\b"#) { rest = rest.dropFirst(2); continue }
            if rest.hasPrefix(".{"), let close = rest.firstIndex(of: "}"),
               rest[rest.index(rest.startIndex, offsetBy: 2)..<close].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ",") }) {
                // ".{m,n}": at most n characters (no n: any number).
                let bounds = rest[rest.index(rest.startIndex, offsetBy: 2)..<close].split(separator: ",", omittingEmptySubsequences: false)
                if let most = bounds.last.flatMap({ Int($0) }), bounds.count <= 2 { lead?.append(.anyCharacters(most)) } else { lead = nil }
                rest = rest[rest.index(after: close)...]
                continue
            }
            // An optional group, "(…)?" or "(…)*": it may match anything, so the words come after it.
            if rest.first == "(", let close = closingParenthesis(in: rest) {
                let after = rest.index(after: close)
                if after < rest.endIndex, rest[after] == "?" || rest[after] == "*" {
                    rest = rest[rest.index(after: after)...]
                    if rest.first == "?" || rest.first == "+" { rest = rest.dropFirst() }  // lazy or possessive
                    lead = nil
                    continue
                }
            }
            break
        }
        guard let words = requiredWords(after: rest) else { return (nil, nil) }
        return (words, lead)
    }

    /// The ")" that closes the group `text` starts with (classes and escapes skipped).
    static func closingParenthesis(in text: Substring) -> String.Index? {
        var depth = 0
        var inClass = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\\" {
                index = text.index(index, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex
                continue
            }
            if inClass {
                if character == "]" { inClass = false }
            } else if character == "[" {
                inClass = true
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// True when the pattern has a "|" outside every group and class.
    static func hasTopLevelAlternation(_ pattern: String) -> Bool {
        var depth = 0
        var inClass = false
        var escaped = false
        for character in pattern {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "[" where !inClass: inClass = true
            case "]" where inClass: inClass = false
            case "(" where !inClass: depth += 1
            case ")" where !inClass: depth -= 1
            case "|" where !inClass && depth == 0: return true
            default: break
            }
        }
        return false
    }

    private static func requiredWords(after rest: Substring) -> [String]? {
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
            // Words are compared with the block's bytes, ASCII lower-cased: a word may hold other
            // characters only when they have no case ("©", Hangul), which match only themselves.
            guard let word = literalPrefix(alternative), !word.isEmpty, word.unicodeScalars.allSatisfy({ scalar in
                scalar.isASCII || (scalar.properties.lowercaseMapping == String(scalar) && scalar.properties.uppercaseMapping == String(scalar)
                                   && scalar.properties.titlecaseMapping == String(scalar))
            }) else { return nil }
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

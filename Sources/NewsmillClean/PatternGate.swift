import Foundation
import NewsmillCore

/// A cheap test that a block cannot match a boilerplate pattern, so that the regular expression is run
/// only where it could match. Each search of an `NSRegularExpression` copies its string to UTF-16 and
/// sets up a matcher, which costs more than the matching on short blocks; most blocks are article
/// text that no pattern matches.
///
/// The gate is read from the pattern itself, as clauses that every match satisfies: each required
/// group whose alternatives start (or end) with literal words, and each required literal, gives a
/// clause "the block holds one of these words, in any case". When only `^`, `\s*`, `\(?`, `\b` and
/// `.{m,n}` come before the first clause, its words must also start where those allow (after white
/// space, within n characters of the start). Optional parts (`(…)?`, `x*`, `{0,n}`) are passed over.
/// A pattern with a "|" at its top level, or none of these shapes, has no gate and is always run. The
/// gate only ever skips a search that would fail: what the patterns match does not change.
struct PatternGate: Sendable {
    /// What may come before the words in a pattern anchored at the start.
    enum Lead: Sendable, Equatable {
        case whiteSpace          // \s*
        case optionalParenthesis // \(?
        case anyCharacters(Int)  // .{m,n}: at most n characters (scalars)
    }

    /// One condition: the block holds one of the words (lower-case bytes); with a lead, starting where it allows.
    struct Clause: Sendable {
        let words: [[UInt8]]
        let lead: [Lead]?
        /// The words' first bytes, as a 256-bit set (four words of 64 bits): where a word can start at one
        /// place only, the byte there decides at once for most blocks.
        let firstBytes: [UInt64]

        init(words: [[UInt8]], lead: [Lead]?) {
            self.words = words
            self.lead = lead
            var set = [UInt64](repeating: 0, count: 4)
            for word in words {
                // An empty word starts anywhere.
                guard let byte = word.first else { set = [UInt64](repeating: ~0, count: 4); break }
                set[Int(byte >> 6)] |= UInt64(1) << UInt64(byte & 63)
            }
            firstBytes = set
        }

        func mayStart(with byte: UInt8) -> Bool {
            firstBytes[Int(byte >> 6)] & (UInt64(1) << UInt64(byte & 63)) != 0
        }
    }

    let clauses: [Clause]

    /// The first clause's words (nil: no gate) and lead, for tests.
    var words: [[UInt8]]? { clauses.first?.words }
    var lead: [Lead]? { clauses.first?.lead }

    init(pattern: String) {
        clauses = PatternGate.shape(of: pattern).map { clause in
            // A word that starts with white space or "(" could begin inside the lead: no anchoring then.
            let anchored = clause.lead != nil && !clause.words.contains { $0.first == " " || $0.first == "(" }
            return Clause(words: clause.words.map { Array($0.utf8) }, lead: anchored ? clause.lead : nil)
        }
    }

    /// False when no block whose first byte after white space (folded, see `Folded`) is `byte` can
    /// pass the gate: its first clause's words must start right after the white space that opens the
    /// block, and none starts with `byte`.
    func mayAdmitBlock(startingWith byte: UInt8) -> Bool {
        guard let first = clauses.first, first.lead == [.whiteSpace] else { return true }
        return first.mayStart(with: byte)
    }

    /// True when the block (see `Folded`) may match the pattern.
    func admits(_ block: Folded) -> Bool {
        guard !clauses.isEmpty, !block.unsafeToGate else { return true }
        return clauses.allSatisfy { PatternGate.holds($0, block) }
    }

    private static func holds(_ clause: Clause, _ block: Folded) -> Bool {
        guard let lead = clause.lead else { return clause.words.contains { word in block.contains(word) } }
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
        if low == high {
            guard low < block.bytes.count else { return clause.words.contains { $0.isEmpty } }
            guard clause.mayStart(with: block.bytes[low]) else { return false }
        }
        return clause.words.contains { block.contains($0, startingAt: low...high) }
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

        /// True when `word` occurs starting at one of `starts` (anywhere by default).
        func contains(_ word: [UInt8], startingAt starts: ClosedRange<Int>? = nil) -> Bool {
            bytes.withUnsafeBufferPointer { haystack in
                word.withUnsafeBufferPointer { needle in
                    ByteSearch.occurs(needle, in: haystack, startingAt: starts ?? 0...haystack.count)
                }
            }
        }
    }

    /// The first clause's words, or nil when the pattern gives no clause.
    static func requiredWords(of pattern: String) -> [String]? { shape(of: pattern).first?.words }

    /// The pattern's clauses, in order; the first may have a lead.
    static func shape(of pattern: String) -> [(words: [String], lead: [Lead]?)] {
        // "a|b" at the top level: either side may match alone; not read. Nor are quoting (\Q…\E) and
        // flag groups such as (?x), which change what the characters mean.
        if hasTopLevelAlternation(pattern) || pattern.contains(#"\Q"#) { return [] }
        if let flags = pattern.range(of: #"\(\?[a-zA-Z-]"#, options: .regularExpression), !pattern[flags].isEmpty { return [] }
        var rest = Substring(pattern)
        var lead: [Lead]? = rest.hasPrefix("^") ? [] : nil
        var clauses: [(words: [String], lead: [Lead]?)] = []
        while let first = rest.first {
            if first == "^" { rest = rest.dropFirst(); continue }
            if rest.hasPrefix(#"\s*"#) { rest = rest.dropFirst(3); lead?.append(.whiteSpace); continue }
            if rest.hasPrefix(#"\(?"#) { rest = rest.dropFirst(3); lead?.append(.optionalParenthesis); continue }
            if rest.hasPrefix(#"\b"#) { rest = rest.dropFirst(2); continue }  // zero width
            if rest.hasPrefix(".{"), let close = rest.firstIndex(of: "}"),
               rest[rest.index(rest.startIndex, offsetBy: 2)..<close].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ",") }) {
                // ".{m,n}": at most n characters (no n: any number).
                let bounds = rest[rest.index(rest.startIndex, offsetBy: 2)..<close].split(separator: ",", omittingEmptySubsequences: false)
                if let most = bounds.last.flatMap({ Int($0) }), bounds.count <= 2 { lead?.append(.anyCharacters(most)) } else { lead = nil }
                rest = rest[rest.index(after: close)...]
                continue
            }
            guard let (element, quantifier, after) = nextElement(rest) else { break }
            if !isOptional(quantifier) {
                if element.first == "(" {
                    if let (words, atStart) = groupWords(element) { clauses.append((words, atStart ? lead : nil)) }
                } else if let word = literalPrefix(rest), usable(word) {
                    // A run of literal characters (the last one not made optional by a quantifier).
                    clauses.append(([word.lowercased()], lead))
                    rest = rest[literalRunEnd(rest)...]
                    lead = nil
                    continue
                }
            }
            // Anything else (a class, an escape such as \d, ".", "$", an optional part) is passed over.
            rest = after
            lead = nil
        }
        return clauses
    }

    /// Words compared with the block's bytes, ASCII lower-cased: a word may hold other characters only
    /// when they have no case ("©", Hangul), which match only themselves.
    private static func usable(_ word: String) -> Bool {
        !word.isEmpty && word.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII || (scalar.properties.lowercaseMapping == String(scalar) && scalar.properties.uppercaseMapping == String(scalar)
                               && scalar.properties.titlecaseMapping == String(scalar))
        }
    }

    /// The first element of `text` (an escape, a class, a group or one character), its quantifier
    /// ("" when none) and what follows them.
    static func nextElement(_ text: Substring) -> (element: Substring, quantifier: Substring, rest: Substring)? {
        guard let first = text.first else { return nil }
        var end: String.Index
        switch first {
        case "\\":
            guard let index = text.index(text.startIndex, offsetBy: 2, limitedBy: text.endIndex) else { return nil }
            end = index
            // "\p{Lu}", "\x{263A}", "\N{…}": the braces belong to the escape.
            if "pPxN".contains(text[text.index(after: text.startIndex)]), end < text.endIndex, text[end] == "{" {
                guard let close = text[end...].firstIndex(of: "}") else { return nil }
                end = text.index(after: close)
            }
        case "[":
            var index = text.index(after: text.startIndex)
            if index < text.endIndex, text[index] == "^" { index = text.index(after: index) }
            if index < text.endIndex, text[index] == "]" { index = text.index(after: index) }  // "[]…]": a literal "]"
            while index < text.endIndex, text[index] != "]" {
                index = text[index] == "\\" ? (text.index(index, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex) : text.index(after: index)
            }
            guard index < text.endIndex else { return nil }
            end = text.index(after: index)
        case "(":
            guard let close = closingParenthesis(in: text) else { return nil }
            end = text.index(after: close)
        default:
            end = text.index(after: text.startIndex)
        }
        var quantifierEnd = end
        if quantifierEnd < text.endIndex {
            let q = text[quantifierEnd]
            if q == "?" || q == "*" || q == "+" {
                quantifierEnd = text.index(after: quantifierEnd)
            } else if q == "{", let close = text[quantifierEnd...].firstIndex(of: "}"),
                      text[text.index(after: quantifierEnd)..<close].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ",") }) {
                quantifierEnd = text.index(after: close)
            }
            if quantifierEnd > end, quantifierEnd < text.endIndex, text[quantifierEnd] == "?" || text[quantifierEnd] == "+" {
                quantifierEnd = text.index(after: quantifierEnd)  // lazy or possessive
            }
        }
        return (text[text.startIndex..<end], text[end..<quantifierEnd], text[quantifierEnd...])
    }

    /// "?", "*", "{0,n}": the element may be absent.
    private static func isOptional(_ quantifier: Substring) -> Bool {
        guard let first = quantifier.first else { return false }
        if first == "?" || first == "*" { return true }
        if first == "{" { return Int(quantifier.dropFirst().prefix { $0.isNumber }) ?? 0 == 0 }
        return false
    }

    /// The words that start (or, failing that, end) every alternative of a group "(…)", and whether
    /// they start them.
    private static func groupWords(_ group: Substring) -> (words: [String], atStart: Bool)? {
        let inner = group.dropFirst().dropLast()
        if inner.first == "?" { return nil }  // (?:…), (?i), look-around: not read
        let alternatives = topLevelAlternatives(inner)
        var prefixes: [String] = []
        for alternative in alternatives {
            // An alternative that starts with a required group: that group's words start it.
            if alternative.first == "(", let (element, quantifier, _) = nextElement(alternative), !isOptional(quantifier),
               let (words, atStart) = groupWords(element), atStart {
                prefixes += words
                continue
            }
            guard let word = literalPrefix(alternative), usable(word) else { prefixes = []; break }
            prefixes.append(word.lowercased())
        }
        if !prefixes.isEmpty { return (prefixes, true) }
        let suffixes = alternatives.map(literalSuffix)
        if suffixes.allSatisfy({ $0.map(usable) == true }) { return (suffixes.map { $0!.lowercased() }, false) }
        return nil
    }

    /// Calls `visit` with each character of `text` that is structure, not an escape or inside a class,
    /// until it returns false.
    private static func walk(_ text: Substring, _ visit: (String.Index, Character) -> Bool) {
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\\" {
                index = text.index(index, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex
                continue
            }
            if character == "[", let (element, _, _) = nextElement(text[index...]) {
                index = element.endIndex
                continue
            }
            if !visit(index, character) { return }
            index = text.index(after: index)
        }
    }

    /// The alternatives of a group's inside, split at its top-level bars.
    private static func topLevelAlternatives(_ text: Substring) -> [Substring] {
        var result: [Substring] = []
        var depth = 0
        var start = text.startIndex
        walk(text) { index, character in
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == "|" && depth == 0 {
                result.append(text[start..<index])
                start = text.index(after: index)
            }
            return true
        }
        result.append(text[start..<text.endIndex])
        return result
    }

    /// The ")" that closes the group `text` starts with.
    static func closingParenthesis(in text: Substring) -> String.Index? {
        var depth = 0
        var closing: String.Index?
        walk(text) { index, character in
            if character == "(" { depth += 1 }
            if character == ")" {
                depth -= 1
                if depth == 0 { closing = index; return false }
            }
            return true
        }
        return closing
    }

    /// True when the pattern has a "|" outside every group and class.
    static func hasTopLevelAlternation(_ pattern: String) -> Bool {
        topLevelAlternatives(Substring(pattern)).count > 1
    }

    /// The literal text an alternative starts with (escaped punctuation included), up to its first
    /// operator; a character made optional by a quantifier after it is left out.
    static func literalPrefix(_ alternative: Substring) -> String? {
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

    /// Where the literal run that `literalPrefix` read ends in `text` (before a character that a
    /// quantifier makes optional).
    private static func literalRunEnd(_ text: Substring) -> String.Index {
        var index = text.startIndex
        var lastStart = index
        while index < text.endIndex {
            let character = text[index]
            if character == "\\" {
                let next = text.index(after: index)
                guard next < text.endIndex, !(text[next].isLetter || text[next].isNumber) else { break }
                lastStart = index
                index = text.index(after: next)
                continue
            }
            if "()[]{}.*+?|^$".contains(character) {
                if "?*{".contains(character) { return lastStart }
                break
            }
            lastStart = index
            index = text.index(after: index)
        }
        return index
    }

    /// The literal text an alternative ends with, when nothing after it is optional: "\|" in
    /// "[^|]{1,30}\|", "end" in "x+end"; nil when it ends with an operator.
    static func literalSuffix(_ alternative: Substring) -> String? {
        var word: [Character] = []
        var index = alternative.endIndex
        while index > alternative.startIndex {
            let previous = alternative.index(before: index)
            let character = alternative[previous]
            // An escaped character: "\|" (and not "\\|", an escaped backslash then "|").
            var backslashes = 0
            var probe = previous
            while probe > alternative.startIndex, alternative[alternative.index(before: probe)] == "\\" {
                backslashes += 1
                probe = alternative.index(before: probe)
            }
            if backslashes % 2 == 1 {
                if character.isLetter || character.isNumber { break }  // \s, \d, \b …
                word.insert(character, at: 0)
                index = alternative.index(before: previous)
                continue
            }
            if "()[]{}.*+?|^$\\".contains(character) { break }
            word.insert(character, at: 0)
            index = previous
        }
        return word.isEmpty ? nil : String(word)
    }
}

import Foundation
import NewsmillCore

/// Character classes the tokenizer and splitter ask about, on Unicode scalars.
enum Scalars {
    /// The Unicode scalars of `text`, decoded straight from its UTF-8 (a String's UTF-8 is always
    /// valid), about four times faster than `Array(text.unicodeScalars)`.
    static func array(of text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { utf8 in
            var count = 0
            for byte in utf8 where byte & 0xC0 != 0x80 { count += 1 }
            // At capacity 0 the initializer writes the count into the shared empty-array storage,
            // which ThreadSanitizer reports as a race between threads doing the same.
            guard count > 0 else { return [] }
            return [Unicode.Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
                var i = 0, k = 0
                let n = utf8.count
                while i < n {
                    let b0 = UInt32(utf8[i])
                    let value: UInt32
                    if b0 < 0x80 {
                        value = b0
                        i += 1
                    } else if b0 < 0xE0 {
                        value = (b0 & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)
                        i += 2
                    } else if b0 < 0xF0 {
                        value = (b0 & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
                        i += 3
                    } else {
                        value = (b0 & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6 | UInt32(utf8[i + 3] & 0x3F)
                        i += 4
                    }
                    (buffer.baseAddress! + k).initialize(to: Unicode.Scalar(value).unsafelyUnwrapped)
                    k += 1
                }
                initialized = k
            }
        }
    }

    @inline(__always) static func isSpace(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s == " " || s == "\n" || s == "\t" || s == "\r" }
        return s == "\u{00A0}" || (s.value >= 0x2000 && s.value <= 0x200B) || s == "\u{3000}" || s == "\u{202F}"
    }
    /// The lower-case text of a word, for the word lists (ASCII words without full Unicode case mapping).
    static func lowercased(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        for s in scalars where s.value >= 0x80 {
            return String(String.UnicodeScalarView(scalars)).lowercased()
        }
        return String(unsafeUninitializedCapacity: scalars.count) { buffer in
            var i = 0
            for s in scalars {
                let v = UInt8(truncatingIfNeeded: s.value)
                buffer[i] = v >= 0x41 && v <= 0x5A ? v + 32 : v
                i += 1
            }
            return i
        }
    }

    @inline(__always) static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
    @inline(__always) static func isLetter(_ s: Unicode.Scalar) -> Bool { s.isAlphabeticLetter }
    @inline(__always) static func isUpper(_ s: Unicode.Scalar) -> Bool { s.isUppercaseLetter }
    @inline(__always) static func isLower(_ s: Unicode.Scalar) -> Bool { s.isLowercaseLetter }
    @inline(__always) static func isWordChar(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 {
            return (s.value >= 0x61 && s.value <= 0x7A) || (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0x30 && s.value <= 0x39)
        }
        return s.properties.isAlphabetic || (s.value >= 0x300 && s.properties.generalCategory == .nonspacingMark)
    }
    @inline(__always) static func isApostrophe(_ s: Unicode.Scalar) -> Bool { s == "'" || s == "’" }
    /// “ ‘ « „ ‹ ‟
    @inline(__always) static func isOpeningQuote(_ s: Unicode.Scalar) -> Bool {
        switch s { case "“", "‘", "«", "„", "‹", "\u{201F}": return true; default: return false }
    }
    /// “ « „ ‟
    @inline(__always) static func isOpeningDoubleQuote(_ s: Unicode.Scalar) -> Bool {
        switch s { case "“", "«", "„", "\u{201F}": return true; default: return false }
    }
    /// ” ’ » ›
    @inline(__always) static func isClosingQuote(_ s: Unicode.Scalar) -> Bool {
        switch s { case "”", "’", "»", "›": return true; default: return false }
    }
    @inline(__always) static func isOpeningBracket(_ s: Unicode.Scalar) -> Bool { s == "(" || s == "[" || s == "{" }
    @inline(__always) static func isClosingBracket(_ s: Unicode.Scalar) -> Bool { s == ")" || s == "]" || s == "}" }
    /// A closing quotation mark or bracket.
    @inline(__always) static func isClosingMark(_ s: Unicode.Scalar) -> Bool { isClosingBracket(s) || isClosingQuote(s) }
    @inline(__always) static func isCurrency(_ s: Unicode.Scalar) -> Bool {
        switch s { case "$", "€", "£", "¥", "₹", "₩", "₽", "₺", "₪", "¢": return true; default: return false }
    }
    /// Marks that only ever stand for a list bullet.
    @inline(__always) static func isBullet(_ s: Unicode.Scalar) -> Bool {
        switch s { case "•", "◦", "‣", "⁃", "▪", "▫", "●", "○", "■", "□", "►", "▶", "➢", "∙": return true; default: return false }
    }
    /// Marks that are bullets only where a line or sentence starts.
    @inline(__always) static func isDashBullet(_ s: Unicode.Scalar) -> Bool { s == "-" || s == "–" || s == "—" || s == "*" }
}

/// Splits text into tokens: words (with internal apostrophes, hyphens and dotted abbreviations),
/// English contractions split off ("do" + "n't", "it" + "'s"), numbers with their separators,
/// URLs, e-mail addresses (also "ana.ruiz@example.org"), @handles and #hashtags whole, and punctuation
/// one mark at a time (an ellipsis "..." is one token). A word keeps its final period when it is an
/// initial, a dotted abbreviation ("U.S.") or an abbreviation of the lexicon ("Gen.", "N°.").
struct Tokenizer {
    let text: [Unicode.Scalar]
    let lexicon: SegmentLexicon

    static let contractionSuffixes: [[Unicode.Scalar]] = ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"].map { Array($0.unicodeScalars) }

    /// The tokens of `range`, and their kinds.
    func tokens(in range: Range<Int>) -> ([Token], [Kind]) {
        var result = Tokens()
        result.reserve(range.count / 5 + 1)
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = text[i]
            if Scalars.isSpace(c) { i += 1; continue }
            if (c == "h" || c == "H" || c == "w" || c == "W"), let urlEnd = matchURL(at: i, end: end) {
                result.append(i, urlEnd, .url)
                i = urlEnd
                continue
            }
            if (c == "@" || c == "#"), i + 1 < end, Scalars.isWordChar(text[i + 1]), i == range.lowerBound || !Scalars.isWordChar(text[i - 1]) {
                var j = i + 1
                while j < end, Scalars.isWordChar(text[j]) || text[j] == "_" { j += 1 }
                result.append(i, j, c == "@" ? .handle : .hashtag)
                i = j
                continue
            }
            // A number written without its leading zero: ".45", "$.50" (not "end.45").
            let bareDecimal = c == "." && i + 1 < end && Scalars.isDigit(text[i + 1])
                && (i == range.lowerBound || Scalars.isSpace(text[i - 1]) || Scalars.isCurrency(text[i - 1]) || Scalars.isOpeningBracket(text[i - 1]))
            if Scalars.isDigit(c) || bareDecimal {
                var j = i + 1
                while j < end {
                    if Scalars.isDigit(text[j]) { j += 1; continue }
                    if (text[j] == "." || text[j] == "," || text[j] == ":" || text[j] == "/"), j + 1 < end, Scalars.isDigit(text[j + 1]) { j += 2; continue }
                    break
                }
                // Ordinals and units written on: 1st, 20th, 5pm, 10km.
                var k = j
                while k < end, Scalars.isLetter(text[k]) { k += 1 }
                if k > j && k - j <= 3 { j = k }
                result.append(i, j, .number)
                i = j
                continue
            }
            if Scalars.isWordChar(c) {
                i = word(at: i, end: end, into: &result)
                continue
            }
            if c == "." {
                var j = i + 1
                while j < end, text[j] == "." { j += 1 }
                result.append(i, j, .punct)
                i = j
                continue
            }
            if c == "-" || c == "–" || c == "—" {
                var j = i + 1
                while j < end, text[j] == c { j += 1 }
                result.append(i, j, .punct)
                i = j
                continue
            }
            let kind: Kind = Scalars.isCurrency(c) || c == "%" || c == "&" || c == "+" || c == "=" || c == "°" || c == "§" ? .symbol : .punct
            result.append(i, i + 1, kind)
            i += 1
        }
        return (result.tokens, result.kinds)
    }

    private func matchURL(at i: Int, end: Int) -> Int? {
        func hasPrefix(_ literal: StaticString) -> Bool {
            var k = i
            var matched = true
            literal.withUTF8Buffer { bytes in
                for byte in bytes {
                    guard k < end else { matched = false; return }
                    let t = text[k].value
                    let lower = t >= 0x41 && t <= 0x5A ? t + 32 : t
                    if lower != UInt32(byte) { matched = false; return }
                    k += 1
                }
            }
            return matched
        }
        guard hasPrefix("http://") || hasPrefix("https://") || (hasPrefix("www.") && i + 4 < end && Scalars.isWordChar(text[i + 4])) else { return nil }
        if i > 0 && Scalars.isWordChar(text[i - 1]) { return nil }
        var j = i
        while j < end, !Scalars.isSpace(text[j]), text[j] != "\"", text[j] != "“", text[j] != "”", text[j] != "<", text[j] != ">" { j += 1 }
        // Trailing punctuation belongs to the sentence, not the URL.
        while j > i {
            switch text[j - 1] {
            case ".", ",", ";", ":", "!", "?", ")", "]", "'", "’": j -= 1
            default: return j
            }
        }
        return j
    }

    /// A word starting at `start`; appends its token(s) and returns where it ends.
    private func word(at start: Int, end: Int, into result: inout Tokens) -> Int {
        var j = start + 1
        var apostrophe = false
        while j < end {
            let s = text[j]
            if Scalars.isWordChar(s) { j += 1; continue }
            if j + 1 < end {
                let next = text[j + 1]
                // don't, O'Brien, rock-solid, AT&T, U.S (dots between single letters)
                if Scalars.isApostrophe(s) && Scalars.isLetter(next) { apostrophe = true; j += 1; continue }
                if (s == "-" || s == "‑") && Scalars.isWordChar(next) { j += 1; continue }
                if s == "&" && Scalars.isUpper(next) && Scalars.isUpper(text[j - 1]) { j += 1; continue }
                if s == "." && Scalars.isLetter(next) && isDottedAbbreviation(start, j) { j += 1; continue }
                // An e-mail address: "ana@example.org", "Ana.Ruiz@example.org", "j_doe+news@example.org".
                if (s == "@" || s == "." || s == "_" || s == "+") && Scalars.isWordChar(next) && isEmail(start, end) {
                    return email(start, end, into: &result)
                }
                // "N°" (numero written with a degree sign) before its period.
                if s == "°" && j == start + 1 && next == "." && Scalars.isLetter(text[start]) { j += 1; continue }
            }
            break
        }
        // A final period that belongs to the word: initials, dotted abbreviations, known abbreviations.
        var wordEnd = j
        if j < end, text[j] == "." {
            let isInitial = j - start == 1 && Scalars.isUpper(text[start])
            if isInitial || text[start..<j].contains(".") || lexicon.isAbbreviation(lowercased(start..<j), capitalised: Scalars.isUpper(text[start])) { wordEnd = j + 1 }
        }
        // Contractions: split the suffix off the word.
        if wordEnd == j && apostrophe {
            for suffix in Tokenizer.contractionSuffixes where j - start > suffix.count {
                let from = j - suffix.count
                var matches = true
                for (offset, expected) in suffix.enumerated() {
                    let actual = text[from + offset]
                    let a = actual == "’" ? "'" : actual
                    let lowered = a.value >= 0x41 && a.value <= 0x5A ? Unicode.Scalar(a.value + 32)! : a
                    if lowered != expected { matches = false; break }
                }
                if matches {
                    result.append(start, from, .word)
                    result.append(from, j, .word)
                    return j
                }
            }
        }
        result.append(start, wordEnd, .word)
        return wordEnd
    }

    private func lowercased(_ range: Range<Int>) -> String { Scalars.lowercased(text[range]) }

    /// "U.S" so far (single letters joined by dots), about to take another ".X".
    private func isDottedAbbreviation(_ start: Int, _ dot: Int) -> Bool {
        let length = dot - start
        if length == 1 { return dot + 2 >= text.count || !Scalars.isLetter(text[dot + 2]) }
        // Pattern X.X.X: every other character is a dot.
        var k = start
        while k < dot {
            if !Scalars.isLetter(text[k]) { return false }
            if k + 1 < dot && text[k + 1] != "." { return false }
            k += 2
        }
        return dot + 2 >= text.count || !Scalars.isLetter(text[dot + 2])
    }

    /// An e-mail address starts at `start`: a local part of word characters and . _ + -, an "@", and a
    /// domain with at least one dot between word characters.
    private func isEmail(_ start: Int, _ end: Int) -> Bool {
        var k = start
        while k < end, Scalars.isWordChar(text[k]) || text[k] == "." || text[k] == "_" || text[k] == "+" || text[k] == "-" { k += 1 }
        guard k > start, k < end, text[k] == "@" else { return false }
        var m = k + 1
        var sawDot = false
        while m < end, Scalars.isWordChar(text[m]) || text[m] == "." || text[m] == "-" {
            if text[m] == "." && m + 1 < end && Scalars.isWordChar(text[m + 1]) && m > k + 1 { sawDot = true }
            m += 1
        }
        return sawDot
    }

    private func email(_ start: Int, _ end: Int, into result: inout Tokens) -> Int {
        var k = start
        while k < end, Scalars.isWordChar(text[k]) || text[k] == "." || text[k] == "-" || text[k] == "_" || text[k] == "+" || text[k] == "@" { k += 1 }
        while k > start, text[k - 1] == "." { k -= 1 }
        result.append(start, k, .email)
        return k
    }
}

/// Tokens and their kinds, built side by side.
struct Tokens {
    var tokens: [Token] = []
    var kinds: [Kind] = []

    mutating func reserve(_ count: Int) {
        tokens.reserveCapacity(count)
        kinds.reserveCapacity(count)
    }

    @inline(__always) mutating func append(_ start: Int, _ end: Int, _ kind: Kind) {
        tokens.append(Token(start: start, end: end, kind: kind.name))
        kinds.append(kind)
    }
}

import Foundation
import NewsmillCore

/// Character classes the tokenizer and splitter ask about, on Unicode scalars.
enum Scalars {
    @inline(__always) static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\n" || s == "\t" || s == "\u{00A0}" || s == "\r" || (s.value >= 0x2000 && s.value <= 0x200B) || s == "\u{3000}" || s == "\u{202F}"
    }
    @inline(__always) static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
    @inline(__always) static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0x61 && s.value <= 0x7A) }
        return s.properties.isAlphabetic
    }
    @inline(__always) static func isUpper(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s.value >= 0x41 && s.value <= 0x5A }
        return s.properties.isUppercase
    }
    @inline(__always) static func isLower(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s.value >= 0x61 && s.value <= 0x7A }
        return s.properties.isLowercase
    }
    @inline(__always) static func isWordChar(_ s: Unicode.Scalar) -> Bool {
        isLetter(s) || isDigit(s) || (s.value >= 0x300 && s.properties.generalCategory == .nonspacingMark)
    }
    @inline(__always) static func isApostrophe(_ s: Unicode.Scalar) -> Bool { s == "'" || s == "’" }
    static let openingQuotes: Set<Unicode.Scalar> = ["“", "‘", "«", "„", "‹", "\u{201F}"]
    static let closingQuotes: Set<Unicode.Scalar> = ["”", "’", "»", "›"]
    static let openingBrackets: Set<Unicode.Scalar> = ["(", "[", "{"]
    static let closingBrackets: Set<Unicode.Scalar> = [")", "]", "}"]
    static let currency: Set<Unicode.Scalar> = ["$", "€", "£", "¥", "₹", "₩", "₽", "₺", "₪", "¢"]
}

/// Splits text into tokens: words (with internal apostrophes, hyphens and dotted abbreviations),
/// English contractions split off ("do" + "n't", "it" + "'s"), numbers with their separators,
/// URLs, e-mail addresses, @handles and #hashtags whole, and punctuation one mark at a time
/// (an ellipsis "..." is one token).
struct Tokenizer {
    let text: [Unicode.Scalar]
    let lexicon: SegmentLexicon

    static let contractionSuffixes: [[Unicode.Scalar]] = ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"].map { Array($0.unicodeScalars) }

    func tokens(in range: Range<Int>) -> [Token] {
        var result: [Token] = []
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = text[i]
            if Scalars.isSpace(c) { i += 1; continue }
            if let urlEnd = matchURL(at: i, end: end) {
                result.append(Token(start: i, end: urlEnd, kind: "url"))
                i = urlEnd
                continue
            }
            if (c == "@" || c == "#"), i + 1 < end, Scalars.isWordChar(text[i + 1]), i == range.lowerBound || !Scalars.isWordChar(text[i - 1]) {
                var j = i + 1
                while j < end, Scalars.isWordChar(text[j]) || text[j] == "_" { j += 1 }
                result.append(Token(start: i, end: j, kind: c == "@" ? "handle" : "hashtag"))
                i = j
                continue
            }
            if Scalars.isDigit(c) {
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
                result.append(Token(start: i, end: j, kind: "number"))
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
                result.append(Token(start: i, end: j, kind: "punct"))
                i = j
                continue
            }
            if c == "-" || c == "–" || c == "—" {
                var j = i + 1
                while j < end, text[j] == c { j += 1 }
                result.append(Token(start: i, end: j, kind: "punct"))
                i = j
                continue
            }
            let kind = Scalars.currency.contains(c) || c == "%" || c == "&" || c == "+" || c == "=" || c == "°" || c == "§" ? "symbol" : "punct"
            result.append(Token(start: i, end: i + 1, kind: kind))
            i += 1
        }
        return result
    }

    private func matchURL(at i: Int, end: Int) -> Int? {
        func hasPrefix(_ literal: String) -> Bool {
            var k = i
            for scalar in literal.unicodeScalars {
                guard k < end else { return false }
                let t = text[k]
                let lower = t.value >= 0x41 && t.value <= 0x5A ? Unicode.Scalar(t.value + 32)! : t
                if lower != scalar { return false }
                k += 1
            }
            return true
        }
        guard text[i] == "h" || text[i] == "H" || text[i] == "w" || text[i] == "W" else { return nil }
        guard hasPrefix("http://") || hasPrefix("https://") || (hasPrefix("www.") && i + 4 < end && Scalars.isWordChar(text[i + 4])) else { return nil }
        if i > 0 && Scalars.isWordChar(text[i - 1]) { return nil }
        var j = i
        while j < end, !Scalars.isSpace(text[j]), text[j] != "\"", text[j] != "“", text[j] != "”", text[j] != "<", text[j] != ">" { j += 1 }
        // Trailing punctuation belongs to the sentence, not the URL.
        while j > i, [".", ",", ";", ":", "!", "?", ")", "]", "'", "’"].contains(text[j - 1]) { j -= 1 }
        return j
    }

    /// A word starting at `i`; appends its token(s) and returns where it ends.
    private func word(at start: Int, end: Int, into result: inout [Token]) -> Int {
        var j = start + 1
        while j < end {
            let s = text[j]
            if Scalars.isWordChar(s) { j += 1; continue }
            if j + 1 < end {
                let next = text[j + 1]
                // don't, O'Brien, rock-solid, AT&T, U.S (dots between single letters)
                if Scalars.isApostrophe(s) && Scalars.isLetter(next) { j += 1; continue }
                if (s == "-" || s == "‑") && Scalars.isWordChar(next) { j += 1; continue }
                if s == "&" && Scalars.isUpper(next) && Scalars.isUpper(text[j - 1]) { j += 1; continue }
                if s == "." && Scalars.isLetter(next) && isDottedAbbreviation(start, j) { j += 1; continue }
                if s == "@" && Scalars.isWordChar(next) && isEmail(start, end) { return email(start, end, into: &result) }
            }
            break
        }
        // A final period that belongs to the word: initials, dotted abbreviations, known abbreviations.
        var wordEnd = j
        if j < end, text[j] == "." {
            let lower = String(String.UnicodeScalarView(text[start..<j])).lowercased()
            let isInitial = j - start == 1 && Scalars.isUpper(text[start])
            let dotted = text[start..<j].contains(".")
            if isInitial || dotted || lexicon.isAbbreviation(lower) { wordEnd = j + 1 }
        }
        // Contractions: split the suffix off the word.
        if wordEnd == j {
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
                    result.append(Token(start: start, end: from, kind: "word"))
                    result.append(Token(start: from, end: j, kind: "word"))
                    return j
                }
            }
        }
        result.append(Token(start: start, end: wordEnd, kind: "word"))
        return wordEnd
    }

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

    private func isEmail(_ start: Int, _ end: Int) -> Bool {
        var k = start
        while k < end, !Scalars.isSpace(text[k]) {
            if text[k] == "@" {
                var m = k + 1
                var sawDot = false
                while m < end, Scalars.isWordChar(text[m]) || text[m] == "." || text[m] == "-" {
                    if text[m] == "." && m + 1 < end && Scalars.isWordChar(text[m + 1]) { sawDot = true }
                    m += 1
                }
                return sawDot
            }
            k += 1
        }
        return false
    }

    private func email(_ start: Int, _ end: Int, into result: inout [Token]) -> Int {
        var k = start
        while k < end, Scalars.isWordChar(text[k]) || text[k] == "." || text[k] == "-" || text[k] == "_" || text[k] == "+" || text[k] == "@" { k += 1 }
        while k > start, text[k - 1] == "." { k -= 1 }
        result.append(Token(start: start, end: k, kind: "email"))
        return k
    }
}

import NewsmillCore

/// What the hand-written matchers (`NumberPattern`, `DurationPattern`, `DatePatterns`) share: the
/// pieces of ICU's regular-expression semantics they need, over scalars, case-insensitive as ICU
/// folds the letters the patterns hold (a–z, the long s and the Kelvin sign).
enum ScalarMatch {
    typealias Scalars = UnsafeBufferPointer<Unicode.Scalar>

    /// The scalar's value as ICU's case folding compares it, for the letters the pattern holds.
    @inline(__always) static func folded(_ c: Unicode.Scalar) -> UInt32 {
        let v = c.value
        if v >= 0x41 && v <= 0x5A { return v | 0x20 }
        if v == 0x17F { return 0x73 }    // ſ
        if v == 0x212A { return 0x6B }   // K (Kelvin)
        return v
    }

    @inline(__always) static func literal(_ s: Scalars, _ at: Int, _ word: [UInt8]) -> Bool {
        guard at + word.count <= s.count else { return false }
        for k in 0..<word.count where folded(s[at + k]) != UInt32(word[k]) { return false }
        return true
    }

    /// `\d`: a decimal digit of any script.
    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return v >= 0x30 && v <= 0x39 }
        return c.properties.generalCategory == .decimalNumber
    }

    /// The end of the run of digits (`\d+`) that starts at `p`.
    @inline(__always) static func endOfDigits(_ s: Scalars, from p: Int) -> Int {
        var e = p
        while e < s.count && isDigit(s[e]) { e += 1 }
        return e
    }

    /// `\s`: Unicode's White_Space.
    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool { UnicodeText.isWhitespace(c) }

    /// `\w` as ICU defines it: letters, marks, decimal digits, connector punctuation, ZWNJ and ZWJ.
    static func isWordCharacter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return (v >= 0x30 && v <= 0x39) || (v | 0x20 >= 0x61 && v | 0x20 <= 0x7A) || v == 0x5F }
        if v == 0x200C || v == 0x200D { return true }
        let properties = c.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    /// `\b` right after a letter of the pattern: the end of the text, or a character that is not a
    /// word character; never before a combining or format character (ICU looks past those).
    @inline(__always) static func boundaryAfterLetter(_ s: Scalars, _ at: Int) -> Bool {
        guard at < s.count else { return true }
        let c = s[at]
        if c.value < 0x80 { return !isWordCharacter(c) }
        let properties = c.properties
        if properties.isGraphemeExtend || properties.generalCategory == .format { return false }
        return !isWordCharacter(c)
    }

    /// True when `s` ends with `word` (without case) right before `end`.
    @inline(__always) static func endsWith(_ s: Scalars, _ end: Int, _ word: [UInt8]) -> Bool {
        end >= word.count && literal(s, end - word.count, word)
    }

    /// `\b` at `p` before a word character: what comes before it (format and combining characters
    /// passed over, as ICU does) is not a word character.
    static func startsWord(_ s: Scalars, _ p: Int) -> Bool {
        let c = s[p]
        if c.value >= 0x80 {
            let properties = c.properties
            if properties.isGraphemeExtend || properties.generalCategory == .format { return false }
        }
        var k = p - 1
        while k >= 0 {
            let previous = s[k]
            if previous.value >= 0x80 {
                let properties = previous.properties
                if properties.isGraphemeExtend || properties.generalCategory == .format { k -= 1; continue }
            }
            return !isWordCharacter(previous)
        }
        return true
    }

    /// Every match of `match` in `s`, left to right, each search going on where the last one ended.
    static func scan(_ s: [Unicode.Scalar], _ match: (Scalars, Int) -> [Range<Int>?]?) -> [[Range<Int>?]] {
        var result: [[Range<Int>?]] = []
        s.withUnsafeBufferPointer { s in
            var p = 0
            while p < s.count {
                if let found = match(s, p) {
                    result.append(found)
                    p = found[0]!.upperBound
                } else {
                    p += 1
                }
            }
        }
        return result
    }
}

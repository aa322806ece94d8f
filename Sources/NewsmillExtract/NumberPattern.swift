import NewsmillCore

/// One match of `NumberPattern`: scalar ranges of the whole match and of each part.
struct NumberMatch: Equatable {
    var range: Range<Int>
    var money: Range<Int>?
    var number: Range<Int>
    var ordinal: Range<Int>?
    var scale: Range<Int>?
    var shortScale: Range<Int>?
    var percent: Range<Int>?
}

/// The number pattern of `QuantityTagger`, matched by hand over scalars. It finds what ICU finds
/// with `NumberPattern.regex` (case-insensitive): the same matches, from the same positions, with
/// the same parts. ICU tries the whole pattern, with its thirty number words, at every position of
/// every paragraph that has a number, and that was a tenth of the extract stage's time; this looks at
/// each position once and tries only the words that start with its letter.
///
/// The pattern's parts are all optional after the number, so the regular expression never backtracks
/// into an earlier part: each part takes its first alternative that matches, longest words first.
/// Letters match without case as ICU folds them, for the letters of the pattern (a–z, the long s and
/// the Kelvin sign); a ligature that folds to two letters ("ﬆ") is not taken apart, where ICU would.
enum NumberPattern {
    /// The regular expression this matcher implements (the tests compare the two).
    static let regex: String = {
        let words = "(?:\(tens.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "|")))(?:[- ](?:\(units.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "|"))))?"
        return "(?:(?<money>[$€£¥₹])\\s?)?(?<number>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\(words)|a dozen|dozens|hundreds|thousands)(?<ordinal>st|nd|rd|th)?(?:\\s+(?<scale>hundred|thousand|million|billion|trillion|dozen|bn)\\b|(?<shortscale>m|bn|k)\\b)?(?:\\s?(?<percent>%|percent\\b|per cent\\b))?"
    }()

    /// Number words, longest first: "sixty" must be tried before "six".
    static let tens: [[UInt8]] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                                  "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                                  "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        .sorted { ($0.count, $1) > ($1.count, $0) }.map { Array($0.utf8) }
    static let units: [[UInt8]] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"].map { Array($0.utf8) }
    static let groups: [[UInt8]] = ["a dozen", "dozens", "hundreds", "thousands"].map { Array($0.utf8) }
    static let ordinals: [[UInt8]] = ["st", "nd", "rd", "th"].map { Array($0.utf8) }
    static let scales: [[UInt8]] = ["hundred", "thousand", "million", "billion", "trillion", "dozen", "bn"].map { Array($0.utf8) }
    static let shortScales: [[UInt8]] = ["m", "bn", "k"].map { Array($0.utf8) }
    static let percentWords: [[UInt8]] = ["percent", "per cent"].map { Array($0.utf8) }

    /// For each lower-case ASCII letter, the number words (in `tens` order) and groups that start with it.
    static let wordsByLetter: [[[UInt8]]] = (0..<26).map { letter in
        tens.filter { $0[0] == 0x61 + UInt8(letter) }
    }
    static let groupsByLetter: [[[UInt8]]] = (0..<26).map { letter in
        groups.filter { $0[0] == 0x61 + UInt8(letter) }
    }

    /// Every match in `s`, left to right, each search going on where the last match ended.
    static func matches(_ s: [Unicode.Scalar]) -> [NumberMatch] {
        var result: [NumberMatch] = []
        s.withUnsafeBufferPointer { s in
            var p = 0
            while p < s.count {
                if let match = match(s, at: p) {
                    result.append(match)
                    p = match.range.upperBound
                } else {
                    p += 1
                }
            }
        }
        return result
    }

    /// The end of a number starting at `q`, or nil.
    static func number(_ s: ScalarMatch.Scalars, at q: Int) -> Int? {
        let n = s.count
        guard q < n else { return nil }
        let c = s[q]
        if ScalarMatch.isDigit(c) {
            let d = ScalarMatch.endOfDigits(s, from: q)
            // \d{1,3}(?:,\d{3})+ : the digits before the first comma are all of the run.
            if d - q <= 3 {
                var r = d
                while r + 3 < n, s[r] == ",", ScalarMatch.isDigit(s[r + 1]), ScalarMatch.isDigit(s[r + 2]), ScalarMatch.isDigit(s[r + 3]) { r += 4 }
                if r > d { return decimals(s, r) }
            }
            return decimals(s, d)
        }
        let letter = ScalarMatch.folded(c)
        guard letter >= 0x61 && letter <= 0x7A else { return nil }
        for word in wordsByLetter[Int(letter - 0x61)] where ScalarMatch.literal(s, q, word) {
            var r = q + word.count
            if r < n, s[r] == "-" || s[r] == " " {
                for unit in units where ScalarMatch.literal(s, r + 1, unit) {
                    r += 1 + unit.count
                    break
                }
            }
            return r
        }
        for group in groupsByLetter[Int(letter - 0x61)] where ScalarMatch.literal(s, q, group) { return q + group.count }
        return nil
    }

    /// `(?:\.\d+)?` at `r`.
    @inline(__always) static func decimals(_ s: ScalarMatch.Scalars, _ r: Int) -> Int {
        guard r + 1 < s.count, s[r] == ".", ScalarMatch.isDigit(s[r + 1]) else { return r }
        var e = r + 2
        while e < s.count && ScalarMatch.isDigit(s[e]) { e += 1 }
        return e
    }

    static func match(_ s: ScalarMatch.Scalars, at p: Int) -> NumberMatch? {
        let n = s.count
        var q = p
        var money: Range<Int>?
        switch s[p].value {
        case 0x24, 0x20AC, 0xA3, 0xA5, 0x20B9:   // $ € £ ¥ ₹
            money = p..<(p + 1)
            q = p + 1
            if q < n && ScalarMatch.isSpace(s[q]) { q += 1 }
        default:
            break
        }
        guard let numberEnd = number(s, at: q) else { return nil }
        var result = NumberMatch(range: p..<numberEnd, money: money, number: q..<numberEnd)
        var r = numberEnd
        for ordinal in ordinals where ScalarMatch.literal(s, r, ordinal) {
            result.ordinal = r..<(r + 2)
            r += 2
            break
        }
        // \s+(?<scale>…)\b, else (?<shortscale>…)\b
        var w = r
        while w < n && ScalarMatch.isSpace(s[w]) { w += 1 }
        if w > r {
            for scale in scales where ScalarMatch.literal(s, w, scale) && ScalarMatch.boundaryAfterLetter(s, w + scale.count) {
                result.scale = w..<(w + scale.count)
                r = w + scale.count
                break
            }
        }
        if result.scale == nil {
            for scale in shortScales where ScalarMatch.literal(s, r, scale) && ScalarMatch.boundaryAfterLetter(s, r + scale.count) {
                result.shortScale = r..<(r + scale.count)
                r += scale.count
                break
            }
        }
        // \s?(?<percent>%|percent\b|per cent\b)
        let t = r < n && ScalarMatch.isSpace(s[r]) ? r + 1 : r
        if t < n && s[t] == "%" {
            result.percent = t..<(t + 1)
            r = t + 1
        } else {
            for word in percentWords where ScalarMatch.literal(s, t, word) && ScalarMatch.boundaryAfterLetter(s, t + word.count) {
                result.percent = t..<(t + word.count)
                r = t + word.count
                break
            }
        }
        result.range = p..<r
        return result
    }
}

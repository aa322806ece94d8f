/// Two more of the date tagger's rules matched by hand over scalars, as `DurationPattern` is: they
/// find what ICU finds with the rules' regular expressions (spelled out in `DateTagger.rules`), with
/// the same groups, and the tests compare them with ICU on random text.

/// "relative-unit": `\b(last|this|next|past|coming)\s+(week|month|year|weekend|quarter|summer|winter|spring|autumn|fall)\b`.
enum RelativeUnitPattern {
    static let modifiers: [[UInt8]] = ["last", "this", "next", "past", "coming"].map { Array($0.utf8) }
    static let units: [[UInt8]] = ["week", "month", "year", "weekend", "quarter", "summer", "winter", "spring", "autumn", "fall"]
        .map { Array($0.utf8) }

    static func matches(_ s: [Unicode.Scalar]) -> [[Range<Int>?]] { ScalarMatch.scan(s, match) }

    static func match(_ s: ScalarMatch.Scalars, at p: Int) -> [Range<Int>?]? {
        // l t n p c
        guard [0x6C, 0x74, 0x6E, 0x70, 0x63].contains(ScalarMatch.folded(s[p])), ScalarMatch.startsWord(s, p),
              let modifier = modifiers.first(where: { ScalarMatch.literal(s, p, $0) }) else { return nil }
        let afterModifier = p + modifier.count
        var w = afterModifier
        while w < s.count && ScalarMatch.isSpace(s[w]) { w += 1 }
        guard w > afterModifier else { return nil }
        // In the expression's order: "week" is tried (and refused by \b) before "weekend".
        for unit in units where ScalarMatch.literal(s, w, unit) && ScalarMatch.boundaryAfterLetter(s, w + unit.count) {
            return [p..<(w + unit.count), p..<afterModifier, w..<(w + unit.count)]
        }
        return nil
    }
}

/// "ago": `\b(\d+|a|an|one|…|twelve|several|a few|few)\s+(day|week|month|year)s?\s+(ago|earlier|later|after|before)\b`.
enum AgoPattern {
    static let amounts: [[UInt8]] = ["a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                                     "twelve", "several", "a few", "few"].map { Array($0.utf8) }
    static let units: [[UInt8]] = ["day", "week", "month", "year"].map { Array($0.utf8) }
    static let directions: [[UInt8]] = ["ago", "earlier", "later", "after", "before"].map { Array($0.utf8) }

    static func matches(_ s: [Unicode.Scalar]) -> [[Range<Int>?]] { ScalarMatch.scan(s, match) }

    static func match(_ s: ScalarMatch.Scalars, at p: Int) -> [Range<Int>?]? {
        let isDigit = ScalarMatch.isDigit(s[p])
        // a o t f s e n
        guard isDigit || [0x61, 0x6F, 0x74, 0x66, 0x73, 0x65, 0x6E].contains(ScalarMatch.folded(s[p])),
              ScalarMatch.isWordCharacter(s[p]), ScalarMatch.startsWord(s, p) else { return nil }
        var ends: [Int] = []
        if isDigit {
            ends.append(ScalarMatch.endOfDigits(s, from: p))
        } else {
            for amount in amounts where ScalarMatch.literal(s, p, amount) { ends.append(p + amount.count) }
        }
        for end in ends {
            var w = end
            while w < s.count && ScalarMatch.isSpace(s[w]) { w += 1 }
            guard w > end, let unit = units.first(where: { ScalarMatch.literal(s, w, $0) }) else { continue }
            var u = w + unit.count
            // s? is greedy, and without it \s+ cannot follow an "s".
            if u < s.count && ScalarMatch.folded(s[u]) == 0x73 { u += 1 }
            var x = u
            while x < s.count && ScalarMatch.isSpace(s[x]) { x += 1 }
            guard x > u else { continue }
            for direction in directions where ScalarMatch.literal(s, x, direction) && ScalarMatch.boundaryAfterLetter(s, x + direction.count) {
                return [p..<(x + direction.count), p..<end, w..<(w + unit.count), x..<(x + direction.count)]
            }
        }
        return nil
    }
}

enum DatePatterns {
    /// The date rules matched by hand, by rule name.
    static let matchers: [String: @Sendable ([Unicode.Scalar]) -> [[Range<Int>?]]] = [
        "duration": DurationPattern.matches, "relative-unit": RelativeUnitPattern.matches, "ago": AgoPattern.matches,
    ]
}

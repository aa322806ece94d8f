/// The date tagger's "duration" rule ("three weeks", "a few months", "for a year"), matched by hand
/// over scalars. It finds what ICU finds with the rule's regular expression (case-insensitive), which
/// is spelled out in `DateTagger.rules`: the same matches, from the same positions, with the same two
/// groups (the amount and the unit). ICU tried its thirty amount words at every word start of every
/// paragraph that names a unit of time, and that was a third of the date rules' time.
///
///     \b(\d+|(?:twenty|…|ninety)[- ](?:one|…|nine)|one|…|ninety|several|a few|few|(?<=(?:for|…|after) )an?)
///     [- ](second|…|century)s?\b(?![- ]old| ago| earlier| later)(?!(?<=quarters?) of)
///
/// The amount's alternatives are tried in the expression's order, each with the rest of the pattern
/// (as the regular expression backtracks into them: "six" fails before "sixty days" matches). Letters
/// match without case as `ScalarMatch.folded` says.
enum DurationPattern {
    static let tens: [[UInt8]] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"].map { Array($0.utf8) }
    static let units: [[UInt8]] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"].map { Array($0.utf8) }
    static let amounts: [[UInt8]] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                                     "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "ninety", "several", "a few", "few"]
        .map { Array($0.utf8) }
    static let articleCues: [[UInt8]] = ["for", "within", "over", "about", "nearly", "almost", "than", "in", "after"].map { Array($0.utf8) }
    static let timeUnits: [[UInt8]] = ["second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "century"]
        .map { Array($0.utf8) }
    static let refusedAfter: [[UInt8]] = ["-old", " old", " ago", " earlier", " later"].map { Array($0.utf8) }

    /// Every match in `s`, left to right: the whole match, the amount and the unit.
    static func matches(_ s: [Unicode.Scalar]) -> [[Range<Int>?]] { ScalarMatch.scan(s, match) }

    static func match(_ s: ScalarMatch.Scalars, at p: Int) -> [Range<Int>?]? {
        let first = ScalarMatch.folded(s[p])
        let isDigit = ScalarMatch.isDigit(s[p])
        // Only a digit or one of the amounts' first letters can start a match.
        guard isDigit || [0x61, 0x65, 0x66, 0x6E, 0x6F, 0x73, 0x74].contains(first) else { return nil }  // a e f n o s t
        guard ScalarMatch.isWordCharacter(s[p]), ScalarMatch.startsWord(s, p) else { return nil }
        // The amount's possible ends, in the order the expression tries them.
        var ends: [Int] = []
        if isDigit {
            ends.append(ScalarMatch.endOfDigits(s, from: p))
        } else {
            for ten in tens where ScalarMatch.literal(s, p, ten) {
                let dash = p + ten.count
                if dash < s.count, s[dash] == "-" || s[dash] == " " {
                    for unit in units where ScalarMatch.literal(s, dash + 1, unit) {
                        ends.append(dash + 1 + unit.count)
                        break
                    }
                }
                break
            }
            for amount in amounts where ScalarMatch.literal(s, p, amount) { ends.append(p + amount.count) }
            if first == 0x61, p > 0, s[p - 1] == " ", articleCues.contains(where: { ScalarMatch.endsWith(s, p - 1, $0) }) {
                if p + 1 < s.count, ScalarMatch.folded(s[p + 1]) == 0x6E { ends.append(p + 2) }   // an
                ends.append(p + 1)                                                                  // a
            }
        }
        for end in ends {
            if let rest = rest(s, from: end) { return [p..<rest.end, p..<end, rest.unit] }
        }
        return nil
    }

    /// `[- ](unit)s?\b` and the two look-aheads, from the end of the amount.
    static func rest(_ s: ScalarMatch.Scalars, from e: Int) -> (end: Int, unit: Range<Int>)? {
        guard e < s.count, s[e] == "-" || s[e] == " " else { return nil }
        let u = e + 1
        guard let unit = timeUnits.first(where: { ScalarMatch.literal(s, u, $0) }) else { return nil }
        var end = u + unit.count
        // s? is greedy, and without it \b cannot hold before an "s".
        if end < s.count, ScalarMatch.folded(s[end]) == 0x73 { end += 1 }
        guard ScalarMatch.boundaryAfterLetter(s, end) else { return nil }
        if refusedAfter.contains(where: { ScalarMatch.literal(s, end, $0) }) { return nil }
        if (ScalarMatch.endsWith(s, end, Array("quarter".utf8)) || ScalarMatch.endsWith(s, end, Array("quarters".utf8))),
           ScalarMatch.literal(s, end, Array(" of".utf8)) { return nil }
        return (end, u..<(u + unit.count))
    }
}

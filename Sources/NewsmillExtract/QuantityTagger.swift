import Foundation
import NewsmillCore

/// Finds numbers and quantities: cardinals and ordinals (in digits or words, "1.2 million", "three
/// dozen"), money with its currency, percentages, and measures with units (Pipelines/extract/
/// quantity-units.tsv), each with its value, bound ("more than 300" is a lower bound) and the noun
/// it counts.
struct QuantityTagger {
    let lexicon: ExtractLexicon
    /// Runs the number pattern only over the paragraphs where its trigger holds (see `Trigger`).
    var prefilter = true

    static let wordValues: [String: Double] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12, "a dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000,
    ]
    static let ordinals: [String: Double] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    ]
    static let scales: [String: Double] = [
        "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9, "k": 1e3, "dozen": 12,
    ]
    static let currencies: [String: String] = [
        "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR",
        "pounds sterling": "GBP", "yen": "JPY", "yuan": "CNY", "rupees": "INR", "krone": "DKK", "kroner": "DKK", "kronor": "SEK", "francs": "CHF",
    ]
    static let bounds: [(String, String)] = [
        ("more than", "lower-bound"), ("over", "lower-bound"), ("at least", "lower-bound"), ("upwards of", "lower-bound"),
        ("in excess of", "lower-bound"), ("above", "lower-bound"), ("no fewer than", "lower-bound"),
        ("less than", "upper-bound"), ("fewer than", "upper-bound"), ("under", "upper-bound"), ("up to", "upper-bound"),
        ("at most", "upper-bound"), ("no more than", "upper-bound"), ("below", "upper-bound"),
        ("about", "approximate"), ("around", "approximate"), ("nearly", "approximate"), ("almost", "approximate"),
        ("roughly", "approximate"), ("approximately", "approximate"), ("some", "approximate"), ("an estimated", "approximate"),
        ("estimated", "approximate"), ("close to", "approximate"), ("just over", "approximate"), ("just under", "approximate"),
        ("almost", "approximate"), ("as many as", "upper-bound"), ("as much as", "upper-bound"),
    ]

    /// What a number needs (see `Trigger`): a digit, or a number word standing alone or with the
    /// pattern's suffixes glued on ("fourth", "tenk"); a word inside a longer one ("one" in "someone")
    /// is refused below anyway. (A word with both an ordinal and a short scale, "fourthm", is the one
    /// form the pattern takes and the trigger does not.)
    static let trigger: Trigger = {
        let words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                     "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                     "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        let suffixes = ["", "st", "nd", "rd", "th", "m", "bn", "k"]
        let glued = words.flatMap { word in suffixes.map { word + $0 } }
        let groups = ["dozen", "dozens", "hundreds", "thousands"].flatMap { word in suffixes.map { word + $0 } }
        return Trigger.words(Set(glued + groups), digit: true)
    }()
    static let triggerTest = Trigger.vocabulary.test(trigger)

    func tag(_ text: String, view: DocumentView, dates: [TemporalExpression], triggers: TriggerIndex? = nil) -> [Quantity] {
        var result: [Quantity] = []
        let pieces = (triggers ?? TriggerIndex(text, vocabulary: Trigger.vocabulary)).ranges(for: prefilter ? QuantityTagger.triggerTest : TriggerVocabulary.Test(always: true))
        // The pieces searched as one; a match running from one piece into the next is dropped.
        var joined = JoinedPieces(pieces, in: view)
        // The dates are in text order and do not overlap: the first that ends after a start is the
        // only one that can overlap a span beginning there.
        func overlapsDate(_ start: Int, _ stop: Int) -> Bool {
            var low = 0, high = dates.count
            while low < high {
                let mid = (low + high) / 2
                if dates[mid].end <= start { low = mid + 1 } else { high = mid }
            }
            return low < dates.count && dates[low].start < stop
        }
        for match in NumberPattern.matches(joined.scalars) {
            guard let offset = joined.offset(of: match.range) else { continue }
            func group(_ range: Range<Int>?) -> String? {
                range.map { String(String.UnicodeScalarView(joined.scalars[$0])) }
            }
            let numberText = group(match.number)!
            let scaleText = group(match.scale)
            // Words must stand alone ("one" inside "someone" is not a number). (A character outside
            // the Basic Multilingual Plane next to the number does not count, as when this was
            // looked up in UTF-16.)
            var start = match.range.lowerBound + offset
            var stop = match.range.upperBound + offset
            if start > 0 {
                let before = view.scalars[start - 1]
                if before.value <= 0xFFFF && before.isAlphabeticLetter { continue }
            }
            if stop < view.scalars.count {
                let after = view.scalars[stop]
                if after.value <= 0xFFFF && (after.isAlphabeticLetter || (after == "-" && scaleText == nil && Character(String(numberText.last!)).isNumber == false)) { continue }
            }
            if overlapsDate(start, stop) { continue }
            let lowerNumber = numberText.lowercased()
            var value: Double
            if let digits = Double(numberText.replacingOccurrences(of: ",", with: "")) {
                value = digits
            } else if let word = QuantityTagger.wordValues[lowerNumber] {
                value = word
            } else {
                let parts = lowerNumber.split(whereSeparator: { $0 == "-" || $0 == " " }).map(String.init)
                value = parts.reduce(0) { $0 + (QuantityTagger.wordValues[$1] ?? 0) }
                if value == 0 { continue }
            }
            // "one" alone is most often a pronoun or determiner ("one of the…"), not a quantity.
            if lowerNumber == "one" && scaleText == nil { continue }
            if let scale = (scaleText ?? group(match.shortScale))?.lowercased(), let factor = QuantityTagger.scales[scale] { value *= factor }
            var kind = "cardinal"
            var unit: String? = nil
            if match.ordinal != nil { kind = "ordinal" }
            if let money = group(match.money) { kind = "money"; unit = QuantityTagger.currencies[money] }
            if match.percent != nil { kind = "percent"; unit = "%" }
            // A unit or currency word after the number.
            let following = view.firstToken(startingAtOrAfter: stop)
            var countsFrom = following
            if let f = following, kind == "cardinal" {
                let word = view.tokens[f].lower
                if let currency = QuantityTagger.currencies[word] {
                    kind = "money"; unit = currency; stop = view.tokens[f].end; countsFrom = f + 1
                } else if let measure = lexicon.units[word], !(["day", "week", "month", "year", "h", "min", "s"].contains(measure) && value < 1900 && false) {
                    kind = "measure"; unit = measure; stop = view.tokens[f].end; countsFrom = f + 1
                }
            }
            // Bound words before the number.
            var bound = "exact"
            let before = view.text(max(0, start - 20), start).lowercased()
            for (phrase, meaning) in QuantityTagger.bounds where before.hasSuffix(phrase + " ") {
                bound = meaning
                start -= phrase.unicodeScalars.count + 1
                break
            }
            // Bare years and clock times belong to dates.
            if kind == "cardinal" && value >= 1900 && value <= 2100 && !numberText.contains(",") && scaleText == nil { continue }
            result.append(Quantity(start: start, end: stop, text: view.text(start, stop), kind: kind, value: value, unit: unit,
                                   bound: bound, counts: counted(view, from: countsFrom)))
        }
        return result
    }

    /// The noun a number counts: the next lower-case word (skipping one adjective-looking word).
    func counted(_ view: DocumentView, from index: Int?) -> String? {
        guard var k = index, k < view.tokens.count else { return nil }
        let sentence = view.tokens[k].sentence
        func isWord(_ t: WordToken) -> Bool { t.kind == "word" && !t.isCapitalised && t.sentence == sentence }
        if view.tokens[k].lower == "of", k + 1 < view.tokens.count { k += 1 }
        guard isWord(view.tokens[k]), !FunctionWords.all.contains(view.tokens[k].lower) else { return nil }
        let first = view.tokens[k].lower
        let adjectival = ["ed", "al", "ive", "ous", "ful", "ic", "ing", "ern", "ary"].contains { first.hasSuffix($0) }
        if adjectival, k + 1 < view.tokens.count, isWord(view.tokens[k + 1]), !FunctionWords.all.contains(view.tokens[k + 1].lower) {
            return view.tokens[k + 1].text
        }
        return view.tokens[k].text
    }
}

import Foundation
import NewsmillCore

/// Finds temporal expressions and gives each a TIMEX3 type and value, resolved against the anchor
/// date (the publication date, or the creation date given with evaluation data). The rules are
/// tried longest first; an expression that overlaps a longer one is dropped. A relative expression
/// with no anchor to resolve against keeps its span and type, with a null value and a note.
struct DateTagger {
    static let months = "(january|february|march|april|may|june|july|august|september|october|november|december|jan\\.?|feb\\.?|mar\\.?|apr\\.?|jun\\.?|jul\\.?|aug\\.?|sept?\\.?|oct\\.?|nov\\.?|dec\\.?)"
    static let weekdays = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    static let numberWords: [String: Int] = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
        "several": -1, "few": -1, "a few": -1, "many": -1, "couple": 2, "a couple of": 2,
    ]
    static let units: [String: String] = [
        "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE",
    ]

    struct Rule: Sendable {
        let name: String
        let regex: NSRegularExpression
        let resolve: @Sendable (DateTagger, [String?], CivilDate?, Bool) -> (type: String, value: String?, note: String?)?
        init(_ name: String, _ pattern: String, _ resolve: @escaping @Sendable (DateTagger, [String?], CivilDate?, Bool) -> (type: String, value: String?, note: String?)?) {
            self.name = name
            self.regex = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
            self.resolve = resolve
        }
    }

    static func month(_ text: String?) -> Int? {
        guard let text else { return nil }
        let key = text.lowercased().replacingOccurrences(of: ".", with: "")
        return DateText.monthNames[key]
    }

    static func weekday(_ text: String?) -> Int? {
        guard let text else { return nil }
        return ["monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7][text.lowercased()]
    }

    static let noAnchor = "no publication date to resolve against"

    /// The year that puts month/day closest to the anchor.
    static func nearestYear(month: Int, day: Int, anchor: CivilDate) -> Int {
        var best = anchor.year
        var bestDistance = Int.max
        for year in [anchor.year - 1, anchor.year, anchor.year + 1] where CivilDate.isValid(year: year, month: month, day: day) {
            let distance = abs(CivilDate(year: year, month: month, day: day).days - anchor.days)
            if distance < bestDistance { bestDistance = distance; best = year }
        }
        return best
    }

    static let rules: [Rule] = [
        // April 14, 2024 / April 14 / April 14th
        Rule("month-day-year", "\\b\(months)\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b(?!\\s*(?:%|percent|million|billion))") { _, g, anchor, _ in
            guard let m = month(g[1]), let d = Int(g[2] ?? "") else { return nil }
            if let y = Int(g[3] ?? "") {
                guard CivilDate.isValid(year: y, month: m, day: d) else { return ("DATE", nil, "not a date of the calendar") }
                return ("DATE", CivilDate(year: y, month: m, day: d).iso, nil)
            }
            guard CivilDate.isValid(year: 2000, month: m, day: d) else { return ("DATE", nil, "not a date of the calendar") }
            guard let anchor else { return ("DATE", String(format: "XXXX-%02d-%02d", m, d), noAnchor) }
            let y = nearestYear(month: m, day: d, anchor: anchor)
            return ("DATE", CivilDate(year: y, month: m, day: d).iso, nil)
        },
        // 14 April 2024 / 14th of April
        Rule("day-month-year", "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?\(months)(?:,?\\s+(\\d{4}))?\\b") { _, g, anchor, _ in
            guard let d = Int(g[1] ?? ""), let m = month(g[2]) else { return nil }
            if let y = Int(g[3] ?? "") {
                guard CivilDate.isValid(year: y, month: m, day: d) else { return ("DATE", nil, "not a date of the calendar") }
                return ("DATE", CivilDate(year: y, month: m, day: d).iso, nil)
            }
            guard CivilDate.isValid(year: 2000, month: m, day: d) else { return ("DATE", nil, "not a date of the calendar") }
            guard let anchor else { return ("DATE", String(format: "XXXX-%02d-%02d", m, d), noAnchor) }
            return ("DATE", CivilDate(year: nearestYear(month: m, day: d, anchor: anchor), month: m, day: d).iso, nil)
        },
        // 2024-04-14
        Rule("iso-date", "\\b(\\d{4})-(\\d{2})-(\\d{2})\\b") { _, g, _, _ in
            guard let y = Int(g[1] ?? ""), let m = Int(g[2] ?? ""), let d = Int(g[3] ?? ""), CivilDate.isValid(year: y, month: m, day: d) else { return nil }
            return ("DATE", CivilDate(year: y, month: m, day: d).iso, nil)
        },
        // 03/04/05: ambiguous without a locale
        Rule("numeric-date", "\\b(\\d{1,2})/(\\d{1,2})/(\\d{2,4})\\b") { _, g, _, _ in
            guard let a = Int(g[1] ?? ""), let b = Int(g[2] ?? ""), var y = Int(g[3] ?? "") else { return nil }
            if y < 100 { y += y < 50 ? 2000 : 1900 }
            let monthFirst = CivilDate.isValid(year: y, month: a, day: b), dayFirst = CivilDate.isValid(year: y, month: b, day: a)
            if monthFirst && dayFirst && a != b { return ("DATE", nil, "ambiguous: month/day or day/month (the site's locale is not known)") }
            if monthFirst { return ("DATE", CivilDate(year: y, month: a, day: b).iso, nil) }
            if dayFirst { return ("DATE", CivilDate(year: y, month: b, day: a).iso, nil) }
            return ("DATE", nil, "not a date of the calendar")
        },
        // April 2024
        Rule("month-year", "\\b\(months)\\s+(?:of\\s+)?(\\d{4})\\b") { _, g, _, _ in
            guard let m = month(g[1]), let y = Int(g[2] ?? ""), (1000...2999).contains(y) else { return nil }
            return ("DATE", String(format: "%04d-%02d", y, m), nil)
        },
        // every Friday / every day / daily
        Rule("set", "\\b(?:every|each)\\s+(\(weekdays)|day|week|month|year|morning|night)\\b") { _, g, _, _ in
            if let w = weekday(g[2]) { return ("SET", "XXXX-WXX-\(w)", nil) }
            switch (g[1] ?? "").lowercased() {
            case "day": return ("SET", "P1D", nil)
            case "week": return ("SET", "P1W", nil)
            case "month": return ("SET", "P1M", nil)
            case "year": return ("SET", "P1Y", nil)
            default: return ("SET", nil, nil)
            }
        },
        // last/next/this Tuesday; Tuesday; Tuesday morning
        Rule("weekday", "\\b(?:(last|next|this|on|past)\\s+)?\(weekdays)(?:\\s+(morning|afternoon|evening|night))?\\b") { _, g, anchor, future in
            guard let w = weekday(g[2]) else { return nil }
            let part = g[3].map { ["morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"][$0.lowercased()] ?? "" }
            let type = part == nil ? "DATE" : "TIME"
            guard let anchor else { return (type, nil, noAnchor) }
            let modifier = (g[1] ?? "").lowercased()
            var offset: Int
            if modifier == "next" || (modifier != "last" && modifier != "past" && future) {
                offset = (w - anchor.weekday + 7) % 7
                if offset == 0 { offset = 7 }
            } else {
                offset = -((anchor.weekday - w + 7) % 7)
                if offset == 0 && (modifier == "last" || modifier == "past") { offset = -7 }
            }
            let value = anchor.adding(days: offset).iso + (part.map { "T\($0)" } ?? "")
            return (type, value, nil)
        },
        // in April (the April before the anchor unless the text looks ahead)
        Rule("month", "\\b\(months)\\b") { _, g, anchor, future in
            guard let m = month(g[1]) else { return nil }
            if (g[1] ?? "").lowercased() == "may" && (g[1] ?? "") == "may" { return nil }
            guard let anchor else { return ("DATE", String(format: "XXXX-%02d", m), noAnchor) }
            var y = anchor.year
            if future { if m < anchor.month { y += 1 } } else if m > anchor.month { y -= 1 }
            return ("DATE", String(format: "%04d-%02d", y, m), nil)
        },
        // the 1990s
        Rule("decade", "\\b(1[0-9]|20)(\\d)0s\\b") { _, g, _, _ in
            guard let c = g[1], let d = g[2] else { return nil }
            return ("DATE", "\(c)\(d)X", nil)
        },
        // Q3 2024 / the third quarter of 2023
        Rule("quarter", "\\b(?:q([1-4])|(first|second|third|fourth) quarter)(?:\\s+(?:of\\s+)?(\\d{4}))?\\b") { _, g, anchor, _ in
            let q = Int(g[1] ?? "") ?? ["first": 1, "second": 2, "third": 3, "fourth": 4][(g[2] ?? "").lowercased()] ?? 1
            if let y = Int(g[3] ?? "") { return ("DATE", "\(y)-Q\(q)", nil) }
            guard let anchor else { return ("DATE", "XXXX-Q\(q)", noAnchor) }
            return ("DATE", "\(anchor.year)-Q\(q)", nil)
        },
        // today / yesterday / tomorrow / tonight / now
        Rule("deictic", "\\b(today|yesterday|tomorrow|tonight|now|currently|recently)\\b") { _, g, anchor, _ in
            let word = (g[1] ?? "").lowercased()
            switch word {
            case "now", "currently": return ("DATE", "PRESENT_REF", nil)
            case "recently": return ("DATE", "PAST_REF", nil)
            default: break
            }
            guard let anchor else { return (word == "tonight" ? "TIME" : "DATE", nil, noAnchor) }
            switch word {
            case "today": return ("DATE", anchor.iso, nil)
            case "yesterday": return ("DATE", anchor.adding(days: -1).iso, nil)
            case "tomorrow": return ("DATE", anchor.adding(days: 1).iso, nil)
            default: return ("TIME", anchor.iso + "TNI", nil)
            }
        },
        // last week / this month / next year
        Rule("relative-unit", "\\b(last|this|next|past|coming)\\s+(week|month|year|weekend|quarter|summer|winter|spring|autumn|fall)\\b") { _, g, anchor, _ in
            let modifier = (g[1] ?? "").lowercased(), unit = (g[2] ?? "").lowercased()
            guard let anchor else { return ("DATE", nil, noAnchor) }
            let step = modifier == "last" || modifier == "past" ? -1 : (modifier == "this" ? 0 : 1)
            switch unit {
            case "week", "weekend":
                let date = anchor.adding(days: 7 * step)
                let week = date.isoWeek
                return ("DATE", String(format: "%04d-W%02d", week.year, week.week) + (unit == "weekend" ? "-WE" : ""), nil)
            case "month":
                let date = anchor.adding(months: step)
                return ("DATE", String(format: "%04d-%02d", date.year, date.month), nil)
            case "year":
                return ("DATE", String(anchor.year + step), nil)
            case "quarter":
                let quarter = (anchor.month - 1) / 3 + step
                let y = anchor.year + Int(floor(Double(quarter) / 4))
                return ("DATE", "\(y)-Q\((quarter % 4 + 4) % 4 + 1)", nil)
            default:
                let season = ["summer": "SU", "winter": "WI", "spring": "SP", "autumn": "FA", "fall": "FA"][unit]!
                return ("DATE", "\(anchor.year + step)-\(season)", nil)
            }
        },
        // three days ago / two weeks earlier / one day after
        Rule("ago", "\\b(\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|few)\\s+(day|week|month|year)s?\\s+(ago|earlier|later|after|before)\\b") { _, g, anchor, _ in
            let count = Int(g[1] ?? "") ?? numberWords[(g[1] ?? "").lowercased()] ?? -1
            let unit = (g[2] ?? "").lowercased(), direction = (g[3] ?? "").lowercased()
            if direction != "ago" {
                // Relative to an event in the text, not to the anchor: give the distance.
                return ("DURATION", count > 0 ? "P\(count)\(units[unit]!)" : "PX\(units[unit]!)", "relative to an event in the text")
            }
            guard count > 0 else { return ("DATE", "PAST_REF", nil) }
            guard let anchor else { return ("DATE", nil, noAnchor) }
            switch unit {
            case "day": return ("DATE", anchor.adding(days: -count).iso, nil)
            case "week":
                let w = anchor.adding(days: -7 * count).isoWeek
                return ("DATE", String(format: "%04d-W%02d", w.year, w.week), nil)
            case "month":
                let date = anchor.adding(months: -count)
                return ("DATE", String(format: "%04d-%02d", date.year, date.month), nil)
            default: return ("DATE", String(anchor.year - count), nil)
            }
        },
        // 5 p.m. / 11:30 a.m. / midnight / noon
        Rule("clock", "\\b(\\d{1,2})(?::(\\d{2}))?\\s*(a\\.m\\.|p\\.m\\.|am\\b|pm\\b)|\\b(midnight|noon)\\b") { _, g, anchor, _ in
            var hour: Int
            var minute = 0
            if let word = g[4]?.lowercased() {
                hour = word == "noon" ? 12 : 24
            } else {
                guard let h = Int(g[1] ?? ""), h >= 1, h <= 12 else { return nil }
                minute = Int(g[2] ?? "") ?? 0
                let pm = (g[3] ?? "").lowercased().hasPrefix("p")
                hour = h % 12 + (pm ? 12 : 0)
            }
            let time = String(format: "T%02d:%02d", hour, minute)
            guard let anchor else { return ("TIME", "XXXX-XX-XX" + time, noAnchor) }
            return ("TIME", anchor.iso + time, nil)
        },
        // 72-hour, three years, 16 years (durations)
        Rule("duration", "\\b(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|several|a few)[- ](second|minute|hour|day|week|month|year|decade)s?\\b") { _, g, _, _ in
            let count = Int(g[1] ?? "") ?? numberWords[(g[1] ?? "").lowercased()] ?? -1
            let unit = (g[2] ?? "").lowercased()
            let code = units[unit]!
            let timeUnit = unit == "second" || unit == "minute" || unit == "hour"
            let prefix = timeUnit ? "PT" : "P"
            if unit == "decade" { return ("DURATION", count > 0 ? "P\(count * 10)Y" : "PXDE", nil) }
            return ("DURATION", count > 0 ? "\(prefix)\(count)\(code)" : "\(prefix)X\(code)", nil)
        },
        // in 2023 / since 1984
        Rule("year", "\\b(?:(in|since|by|until|from|of|to|between|and|early|late|mid|during|before|after|fiscal|the year|summer|spring|autumn|fall|winter)\\s+)(1[89]\\d{2}|20\\d{2}|2100)\\b(?![,.]?\\d)") { _, g, _, _ in
            guard let y = g[2] else { return nil }
            return ("DATE", y, nil)
        },
    ]

    /// The temporal expressions of `text`, resolved against `anchor` when given.
    func tag(_ text: String, anchor: CivilDate?, view: DocumentView) -> [TemporalExpression] {
        let map = OffsetMap(text)
        let nsText = text as NSString
        let whole = NSRange(location: 0, length: nsText.length)
        struct Found { var start: Int; var end: Int; var type: String; var value: String?; var note: String?; var rule: Int }
        var found: [Found] = []
        for (ruleIndex, rule) in DateTagger.rules.enumerated() {
            for match in rule.regex.matches(in: text, range: whole) {
                var groups: [String?] = []
                for g in 0..<match.numberOfRanges {
                    let r = match.range(at: g)
                    groups.append(r.location == NSNotFound ? nil : nsText.substring(with: r))
                }
                // The year rule's range starts at its preposition; the expression is the year alone.
                var range = match.range
                if rule.name == "year" { range = match.range(at: 2) }
                if rule.name == "weekday", let modifier = groups[1], modifier.lowercased() == "on" { range = NSRange(location: match.range(at: 2).location, length: NSMaxRange(match.range) - match.range(at: 2).location) }
                // "May" is a month only before a day or year, or after "in"/"of"/"since".
                if rule.name == "month", groups[1] == "May" || groups[1] == "may" {
                    let before = nsText.substring(to: match.range.location).suffix(8).lowercased()
                    if !(before.hasSuffix("in ") || before.hasSuffix("of ") || before.hasSuffix("since ") || before.hasSuffix("until ") || before.hasSuffix("early ") || before.hasSuffix("late ")) { continue }
                }
                let (start, end) = map.scalars(range)
                let future = isFuture(view, at: start)
                guard let resolved = rule.resolve(self, groups, anchor, future) else { continue }
                found.append(Found(start: start, end: end, type: resolved.type, value: resolved.value, note: resolved.note, rule: ruleIndex))
            }
        }
        // Longest first, then rule order; drop overlaps.
        found.sort { ($0.end - $0.start, -$0.rule, -$0.start) > ($1.end - $1.start, -$1.rule, -$1.start) }
        var taken: [Found] = []
        for candidate in found where !taken.contains(where: { $0.start < candidate.end && candidate.start < $0.end }) {
            taken.append(candidate)
        }
        taken.sort { $0.start < $1.start }
        let anchorText = anchor?.iso
        return taken.map { found in
            let relative = DateTagger.rules[found.rule].name != "month-day-year" || found.value?.hasPrefix("XXXX") == true
            return TemporalExpression(start: found.start, end: found.end, text: view.text(found.start, found.end), type: found.type,
                                      value: found.value, anchor: found.value != nil && relative && !["iso-date", "month-year", "decade", "year", "duration", "set"].contains(DateTagger.rules[found.rule].name) ? anchorText : nil,
                                      note: found.note)
        }
    }

    /// Whether the sentence at `offset` looks ahead ("will", "is due to", "plans to").
    private func isFuture(_ view: DocumentView, at offset: Int) -> Bool {
        guard let sentence = view.sentence(at: offset) else { return false }
        let range = view.tokenRange(ofSentence: sentence)
        return view.tokens[range].contains { ["will", "'ll", "shall", "plans", "scheduled", "due", "upcoming", "next"].contains($0.lower) }
    }
}

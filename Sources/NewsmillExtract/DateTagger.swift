import Foundation
import NewsmillCore

/// Finds temporal expressions and gives each a TIMEX3 type and value, resolved against the anchor
/// date (the publication date, or the creation date given with evaluation data). The rules are
/// tried longest first; an expression that overlaps a longer one is dropped. A relative expression
/// with no anchor to resolve against keeps its span and type, with a null value and a note.
struct DateTagger {
    /// Runs each rule only where its trigger holds (see `Trigger`); off, every rule runs over the whole
    /// text. The output is the same either way (`TriggerTests`); the prefilter is for speed.
    var prefilter = true

    static let months = "(january|february|march|april|may|june|july|august|september|october|november|december|jan\\.?|feb\\.?|mar\\.?|apr\\.?|jun\\.?|jul\\.?|aug\\.?|sept?\\.?|oct\\.?|nov\\.?|dec\\.?)"
    static let weekdays = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    static let numberWords: [String: Int] = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
        "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
        "several": -1, "few": -1, "a few": -1, "many": -1, "couple": 2, "a couple of": 2,
    ]
    static let units: [String: String] = [
        "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
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

    /// "nineteen ninety-six" (groups: the century word or "two thousand", the tens, the ones).
    static let spelledYear = "(?:(nineteen|two thousand)(?:\\s+(?:and\\s+)?(ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|one|two|three|four|five|six|seven|eight|nine)(?:[- ](one|two|three|four|five|six|seven|eight|nine))?)?)\\b"
    static let smallNumbers: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
        "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]

    /// The year of a spelled-out year: "nineteen" needs its tens ("nineteen ninety-six"), "two thousand" may stand alone
    /// only in "the year two thousand" (checked by the caller's pattern).
    static func spelledYearValue(_ century: String?, _ tens: String?, _ ones: String?) -> Int? {
        guard let century = century?.lowercased() else { return nil }
        let rest = (smallNumbers[tens?.lowercased() ?? ""] ?? 0) + (smallNumbers[ones?.lowercased() ?? ""] ?? 0)
        if century == "nineteen" {
            // "nineteen ninety-six" (tens ≥ 10), never "nineteen five" or a bare "nineteen" (a count).
            guard let tens, let value = smallNumbers[tens.lowercased()], value >= 10 else { return nil }
            return 1900 + rest
        }
        return 2000 + rest
    }

    static let noAnchor = "no publication date to resolve against"

    /// The year of a month and day without one: news reports the past, so the last such day on or
    /// before the anchor, unless the text looks ahead or that day is nearly a year back and the next
    /// is close.
    static func nearestYear(month: Int, day: Int, anchor: CivilDate, future: Bool = false) -> Int {
        let day = min(day, CivilDate.daysIn(year: anchor.year, month: month))
        let sameYear = CivilDate(year: anchor.year, month: month, day: day)
        let past = sameYear <= anchor ? anchor.year : anchor.year - 1
        let next = sameYear > anchor ? anchor.year : anchor.year + 1
        if future { return next }
        let pastDistance = anchor.days - CivilDate(year: past, month: month, day: day).days
        let nextDistance = CivilDate(year: next, month: month, day: day).days - anchor.days
        return pastDistance > 300 && nextDistance < 60 ? next : past
    }

    /// The date of weekday `w` (1 = Monday) named in a text published on `anchor`: the latest such day, or the next one
    /// (today included) when the text looks ahead or says "next".
    static func weekdayDate(_ w: Int, modifier: String, anchor: CivilDate, future: Bool) -> CivilDate {
        var offset: Int
        if modifier == "next" || (modifier != "last" && modifier != "past" && future) {
            offset = (w - anchor.weekday + 7) % 7
            if offset == 0 && modifier == "next" { offset = 7 }
        } else {
            offset = -((anchor.weekday - w + 7) % 7)
            if offset == 0 && (modifier == "last" || modifier == "past") { offset = -7 }
        }
        return anchor.adding(days: offset)
    }

    /// "5 p.m." / "11:30 a.m." / "noon" / "midnight" as "Thh:mm" (groups: hour, minute, a.m./p.m., noon/midnight).
    static func clockTime(_ hourText: String?, _ minuteText: String?, _ meridiem: String?, _ word: String?) -> String? {
        var hour: Int, minute = 0
        if let word = word?.lowercased() {
            hour = word == "noon" ? 12 : 24
        } else {
            guard let h = Int(hourText ?? ""), h >= 1, h <= 12 else { return nil }
            minute = Int(minuteText ?? "") ?? 0
            guard minute < 60 else { return nil }
            hour = h % 12 + ((meridiem ?? "").lowercased().hasPrefix("p") ? 12 : 0)
        }
        return String(format: "T%02d:%02d", hour, minute)
    }

    static let rules: [Rule] = [
        // Friday, Oct. 13 / Saturday, April 25, 1998: the date decides, the weekday is part of the extent
        Rule("weekday-date", "\\b\(weekdays),?\\s+\(months)\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b") { _, g, anchor, future in
            guard let m = month(g[2]), let d = Int(g[3] ?? "") else { return nil }
            if let y = Int(g[4] ?? "") {
                guard CivilDate.isValid(year: y, month: m, day: d) else { return ("DATE", nil, "not a date of the calendar") }
                return ("DATE", CivilDate(year: y, month: m, day: d).iso, nil)
            }
            guard CivilDate.isValid(year: 2000, month: m, day: d) else { return ("DATE", nil, "not a date of the calendar") }
            guard let anchor else { return ("DATE", String(format: "XXXX-%02d-%02d", m, d), noAnchor) }
            return ("DATE", CivilDate(year: nearestYear(month: m, day: d, anchor: anchor, future: future), month: m, day: d).iso, nil)
        },
        // 10 p.m. Wednesday / noon Thursday / midnight Friday: a time on a named day
        Rule("clock-weekday", "\\b(?:(\\d{1,2})(?::(\\d{2}))?\\s*(a\\.m\\.|p\\.m\\.|am\\b|pm\\b)|(midnight|noon))(?:\\s+(?:EST|EDT|GMT|local time))?,?\\s+(?:on\\s+)?\(weekdays)\\b") { _, g, anchor, future in
            guard let time = clockTime(g[1], g[2], g[3], g[4]), let w = weekday(g[5]) else { return nil }
            guard let anchor else { return ("TIME", "XXXX-XX-XX" + time, noAnchor) }
            return ("TIME", weekdayDate(w, modifier: "", anchor: anchor, future: future).iso + time, nil)
        },
        // the 1988 period / the 1988 third quarter: a quarter (or the reporting period) of a given year
        Rule("year-period", "\\bthe (1[89]\\d{2}|20\\d{2}) (?:(first|second|third|fourth) )?(quarter|period)\\b") { _, g, anchor, _ in
            guard let y = Int(g[1] ?? "") else { return nil }
            if let ordinal = g[2]?.lowercased() {
                return ("DATE", "\(y)-Q\(["first": 1, "second": 2, "third": 3, "fourth": 4][ordinal]!)", nil)
            }
            if (g[3] ?? "").lowercased() == "quarter", let anchor { return ("DATE", "\(y)-Q\(latestQuarter(anchor).quarter)", nil) }
            return ("DATE", String(y), nil)
        },
        // June 3–5 / June 3-5, 2024: days of one month, as an ISO 8601 interval of dates
        Rule("month-day-range", "\\b\(months)\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:[-–—]|to|through)\\s*(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b(?!\\s*(?:%|percent|million|billion)|[.,]\\d)") { _, g, anchor, future in
            guard let m = month(g[1]), let first = Int(g[2] ?? ""), let last = Int(g[3] ?? ""), first < last else { return nil }
            guard CivilDate.isValid(year: 2000, month: m, day: first), CivilDate.isValid(year: 2000, month: m, day: last) else {
                return ("DATE", nil, "not a date of the calendar")
            }
            let year: Int
            if let given = Int(g[4] ?? "") {
                guard CivilDate.isValid(year: given, month: m, day: last) else { return ("DATE", nil, "not a date of the calendar") }
                year = given
            } else if let anchor {
                year = nearestYear(month: m, day: first, anchor: anchor, future: future)
            } else {
                return ("DATE", String(format: "XXXX-%02d-%02d/XXXX-%02d-%02d", m, first, m, last), noAnchor)
            }
            return ("DATE", CivilDate(year: year, month: m, day: first).iso + "/" + CivilDate(year: year, month: m, day: last).iso, nil)
        },
        // April 14, 2024 / April 14 / April 14th
        Rule("month-day-year", "\\b\(months)\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b(?!\\s*(?:%|percent|million|billion))") { _, g, anchor, future in
            guard let m = month(g[1]), let d = Int(g[2] ?? "") else { return nil }
            if let y = Int(g[3] ?? "") {
                guard CivilDate.isValid(year: y, month: m, day: d) else { return ("DATE", nil, "not a date of the calendar") }
                return ("DATE", CivilDate(year: y, month: m, day: d).iso, nil)
            }
            guard CivilDate.isValid(year: 2000, month: m, day: d) else { return ("DATE", nil, "not a date of the calendar") }
            guard let anchor else { return ("DATE", String(format: "XXXX-%02d-%02d", m, d), noAnchor) }
            let y = nearestYear(month: m, day: d, anchor: anchor, future: future)
            return ("DATE", CivilDate(year: y, month: m, day: d).iso, nil)
        },
        // 14 April 2024 / 14th of April
        Rule("day-month-year", "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?\(months)(?:,?\\s+(\\d{4}))?\\b") { _, g, anchor, future in
            guard let d = Int(g[1] ?? ""), let m = month(g[2]) else { return nil }
            if let y = Int(g[3] ?? "") {
                guard CivilDate.isValid(year: y, month: m, day: d) else { return ("DATE", nil, "not a date of the calendar") }
                return ("DATE", CivilDate(year: y, month: m, day: d).iso, nil)
            }
            guard CivilDate.isValid(year: 2000, month: m, day: d) else { return ("DATE", nil, "not a date of the calendar") }
            guard let anchor else { return ("DATE", String(format: "XXXX-%02d-%02d", m, d), noAnchor) }
            return ("DATE", CivilDate(year: nearestYear(month: m, day: d, anchor: anchor, future: future), month: m, day: d).iso, nil)
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
        Rule("weekday", "(?:\\b(said|says|announced|reported|told|agreed|voted|ruled|released|added|warned|confirmed|denied)\\s+(?:on\\s+)?)?\\b(?:(last|next|this|on|past)\\s+)?\(weekdays)(?:\\s+(morning|afternoon|evening|night))?\\b") { _, g0, anchor, future0 in
            // After a reporting verb in the past tense ("said Tuesday") the day is past, whatever follows.
            let future = future0 && g0[1] == nil
            let g = [g0[0]] + Array(g0.dropFirst(2))
            guard let w = weekday(g[2]) else { return nil }
            let part = g[3].map { ["morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"][$0.lowercased()] ?? "" }
            let type = part == nil ? "DATE" : "TIME"
            guard let anchor else { return (type, nil, noAnchor) }
            let modifier = (g[1] ?? "").lowercased()
            let value = weekdayDate(w, modifier: modifier, anchor: anchor, future: future).iso + (part.map { "T\($0)" } ?? "")
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
        // the 1990s, the '80s, the nineties: TIMEX3 writes a decade as its first three digits ("199")
        Rule("decade", "\\b(1[0-9]|20)(\\d)0s\\b") { _, g, _, _ in
            guard let c = g[1], let d = g[2] else { return nil }
            return ("DATE", "\(c)\(d)", nil)
        },
        Rule("decade-word", "\\bthe (twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\\b") { _, g, anchor, _ in
            let digit = ["twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9][(g[1] ?? "").lowercased()]!
            return ("DATE", "19\(digit)", nil)
        },
        // the 20th century: a century is its first two digits ("19")
        Rule("century", "\\b(\\d{1,2})(?:st|nd|rd|th) century\\b") { _, g, _, _ in
            guard let n = Int(g[1] ?? ""), (1...30).contains(n) else { return nil }
            return ("DATE", String(format: "%02d", n - 1), nil)
        },
        // nineteen ninety-six, the year two thousand: years spoken in broadcast transcripts
        Rule("spelled-year", "\\b(?:(?:\(months)\\s+)|(the year\\s+))?\(spelledYear)") { _, g, _, _ in
            let m = month(g[1])
            if m == nil && g[1] != nil { return nil }
            // "two thousand" is a year only as "the year two thousand" or after a month (else a count).
            if (g[3] ?? "").lowercased().hasPrefix("two") && m == nil && g[2] == nil { return nil }
            guard let y = spelledYearValue(g[3], g[4], g[5]) else { return nil }
            if let m { return ("DATE", String(format: "%04d-%02d", y, m), nil) }
            return ("DATE", String(y), nil)
        },
        // Q3 2024 / the third quarter of 2023
        Rule("quarter", "\\b(?:q([1-4])|(first|second|third|fourth) quarter)(?:\\s+(?:of\\s+)?(\\d{4}))?\\b") { _, g, anchor, _ in
            let q = Int(g[1] ?? "") ?? ["first": 1, "second": 2, "third": 3, "fourth": 4][(g[2] ?? "").lowercased()] ?? 1
            if let y = Int(g[3] ?? "") { return ("DATE", "\(y)-Q\(q)", nil) }
            guard let anchor else { return ("DATE", "XXXX-Q\(q)", noAnchor) }
            return ("DATE", "\(anchor.year)-Q\(q)", nil)
        },
        // third-quarter (results), the latest quarter, the year-ago quarter: business reporting's quarters
        Rule("quarter-adjective", "\\b(first|second|third|fourth)-quarter\\b") { _, g, anchor, _ in
            let q = ["first": 1, "second": 2, "third": 3, "fourth": 4][(g[1] ?? "").lowercased()] ?? 1
            guard let anchor else { return ("DATE", "XXXX-Q\(q)", noAnchor) }
            let current = (anchor.month - 1) / 3 + 1
            return ("DATE", "\(q > current ? anchor.year - 1 : anchor.year)-Q\(q)", nil)
        },
        Rule("latest-quarter", "\\b(the |this |that )?(?:(latest|most recent|previous|past|current|year-ago|year-earlier|same) )?(quarter|period)\\b(?!s|-)") { _, g, anchor, _ in
            let modifier = (g[2] ?? "").lowercased()
            if modifier.isEmpty && ((g[3] ?? "").lowercased() == "period" || g[1] == nil) { return nil }
            guard let anchor else { return ("DATE", "XXXX-QX", noAnchor) }
            // The latest quarter reported is the one before the anchor's.
            var quarter = (anchor.month - 1) / 3 - 1 + (modifier == "current" ? 1 : 0)
            var year = anchor.year
            if quarter < 0 { quarter += 4; year -= 1 }
            if modifier == "year-ago" || modifier == "year-earlier" { year -= 1 }
            return ("DATE", "\(year)-Q\(quarter + 1)", nil)
        },
        // the year: "for the full year" names the anchor's year; "the year ended March 31" is a span of a year
        Rule("the-year", "\\bthe (fiscal |full |calendar )?year\\b(?![-'’\\w]|\\s+\\d)") { _, g, anchor, _ in
            guard (g[1] ?? "").lowercased().hasPrefix("full"), let anchor else { return ("DURATION", "P1Y", nil) }
            return ("DATE", String(anchor.year), nil)
        },
        // year-earlier (results), year-ago (profit): the same period a year before
        Rule("year-ago-adjective", "\\byear-(?:ago|earlier)\\b") { _, _, anchor, _ in
            guard let anchor else { return ("DATE", nil, noAnchor) }
            return ("DATE", String(anchor.year - 1), nil)
        },
        Rule("the-weekend", "\\bthe weekend\\b") { _, _, anchor, future in
            guard let anchor else { return ("DATE", nil, noAnchor) }
            // On a weekday, "over the weekend" is the one just past (its ISO week is the previous one) unless
            // the text looks ahead; on a Saturday or Sunday it is the current one.
            let week = (anchor.weekday >= 6 || future ? anchor : anchor.adding(days: -anchor.weekday)).isoWeek
            return ("DATE", String(format: "%04d-W%02d-WE", week.year, week.week), nil)
        },
        // today / yesterday / tomorrow / tonight / now
        Rule("deictic", "\\b(today|yesterday|tomorrow|tonight|right now|now|currently|current|more recently|recently|(?<!as )soon(?! after| as)|recent(?: (?:years|months|weeks|days|decades))?|the past(?! (?:few|several|couple|\\d|one|two|three|four|five|six|seven|eight|nine|ten|twelve|\\w+ (?:days|weeks|months|quarters|years)))|the near future|the future|this morning|this afternoon|this evening)\\b(?!-)") { _, g, anchor, _ in
            let word = (g[1] ?? "").lowercased()
            // "in recent years": the vague past, PAST_REF; "in recent weeks" is a stretch of unknown length.
            if word == "recent weeks" || word == "recent months" { return ("DURATION", word == "recent weeks" ? "PXW" : "PXM", nil) }
            if word.hasPrefix("recent ") { return ("DATE", "PAST_REF", nil) }
            switch word {
            case "now", "right now", "currently", "current": return ("DATE", "PRESENT_REF", nil)
            case "recently", "more recently", "recent", "previously", "the past": return ("DATE", "PAST_REF", nil)
            case "soon", "the future", "the near future": return ("DATE", "FUTURE_REF", nil)
            case "this morning", "this afternoon", "this evening":
                guard let anchor else { return ("TIME", nil, noAnchor) }
                let part = ["this morning": "MO", "this afternoon": "AF", "this evening": "EV"][word]!
                return ("TIME", anchor.iso + "T" + part, nil)
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
            if direction == "later" || direction == "after" || direction == "before" {
                // "three days later", "a month after": TimeML marks the amount ("three days") as a duration
                // and leaves the signal out of the extent (the tagger trims it).
                let code = units[unit]!
                return ("DURATION", count > 0 ? "P\(count)\(code)" : "PX\(code)", nil)
            }
            if direction != "ago" {
                // "a year earlier": a date relative to the time the text is about; years are counted
                // from the anchor's year, finer units are left unresolved.
                if unit == "year", count > 0, let anchor {
                    return ("DATE", String(anchor.year + (direction == "earlier" || direction == "before" ? -count : count)), "relative to an event in the text")
                }
                return ("DATE", nil, "relative to an event in the text")
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
            guard let time = clockTime(g[1], g[2], g[3], g[4]) else { return nil }
            guard let anchor else { return ("TIME", "XXXX-XX-XX" + time, noAnchor) }
            return ("TIME", anchor.iso + time, nil)
        },
        // for years, within weeks, for centuries: a stretch of unknown length
        Rule("vague-duration", "(?<=\\b(?:for|within|in|after|follows) )(days|weeks|months|years|decades|centuries)\\b(?! ago| old| of age)") { _, g, _, _ in
            let unit = String((g[1] ?? "").lowercased().dropLast(1)).replacingOccurrences(of: "centurie", with: "century")
            return ("DURATION", "PX" + (units[unit] ?? "Y"), nil)
        },
        // coming months, future quarters, the weeks ahead, the near term: the vague future; past years, these days
        Rule("vague-ref", "\\b(coming|future|past) (days|weeks|months|quarters|years)\\b|\\bthe (?:days|weeks|months|years) ahead\\b|\\bthe (?:near|short) term\\b|\\bthese days\\b") { _, g, _, _ in
            switch (g[1] ?? "").lowercased() {
            case "past": return ("DATE", "PAST_REF", nil)
            case "": return ("DATE", g[0]?.lowercased() == "these days" ? "PRESENT_REF" : "FUTURE_REF", nil)
            default: return ("DATE", "FUTURE_REF", nil)
            }
        },
        // year-end, year's end: the end of the anchor's year
        Rule("year-end", "\\byear(?:[- ]end|'s end|’s end)\\b") { _, _, anchor, _ in
            guard let anchor else { return ("DATE", nil, noAnchor) }
            return ("DATE", String(anchor.year), nil)
        },
        // the summer, over the winter: the anchor year's season (the one before it when it has not begun)
        Rule("season", "\\b(?:the|in|early|late|mid-?) ?(summer|winter|spring|autumn)\\b|\\bthe (fall)\\b(?! of)") { _, g, anchor, future in
            let name = (g[1] ?? g[2] ?? "").lowercased()
            let season = ["summer": "SU", "winter": "WI", "spring": "SP", "autumn": "FA", "fall": "FA"][name]!
            guard let anchor else { return ("DATE", "XXXX-" + season, noAnchor) }
            let begins = ["SP": 3, "SU": 6, "FA": 9, "WI": 12][season]!
            let year = !future && anchor.month < begins && season != "WI" ? anchor.year - 1 : anchor.year
            return ("DATE", "\(year)-\(season)", nil)
        },
        // the following year, that month, the week, at the time, some time: times named by reference to an event in the
        // text; TIMEX3 marks them, but their values need the event's date, which the tagger leaves unresolved
        Rule("anaphoric", "\\b(?:the (?:following|previous|same) (year|month|week|day)|that (year|month|week|day|time)|the (week|day|morning|afternoon|evening)|(?<=\\bat )the (time)|(some time|a while))\\b(?![-'’]\\w)(?! (?:of|to|before|after|when|that)\\b)") { _, g, _, _ in
            if g[5] != nil { return ("DURATION", "PXX", nil) }
            let unit = (g[1] ?? g[2] ?? g[3] ?? g[4] ?? "").lowercased()
            let type = ["morning", "afternoon", "evening"].contains(unit) ? "TIME" : "DATE"
            return (type, nil, "relative to an event in the text")
        },
        // last night
        Rule("last-night", "\\blast night\\b") { _, _, anchor, _ in
            guard let anchor else { return ("TIME", nil, noAnchor) }
            return ("TIME", anchor.adding(days: -1).iso + "TNI", nil)
        },
        // 72-hour, three years, 16 years (durations)
        Rule("duration", "\\b(\\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?:one|two|three|four|five|six|seven|eight|nine)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|several|a few|few|(?<=(?:for|within|over|about|nearly|almost|than|in|after) )an?)[- ](second|minute|hour|day|week|month|quarter|year|decade|century)s?\\b(?![- ]old| ago| earlier| later)(?!(?<=quarters?) of)") { _, g, _, _ in
            let words = (g[1] ?? "").lowercased().split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
            let count = Int(g[1] ?? "") ?? (words.count == 2 && numberWords[words[0]] != nil && numberWords[words[1]] != nil
                ? numberWords[words[0]]! + numberWords[words[1]]! : numberWords[(g[1] ?? "").lowercased()] ?? -1)
            let unit = (g[2] ?? "").lowercased()
            let code = units[unit]!
            let timeUnit = unit == "second" || unit == "minute" || unit == "hour"
            let prefix = timeUnit ? "PT" : "P"
            if unit == "decade" { return ("DURATION", count > 0 ? "P\(count * 10)Y" : "PXDE", nil) }
            if unit == "century" { return ("DURATION", count > 0 ? "P\(count * 100)Y" : "PXCE", nil) }
            return ("DURATION", count > 0 ? "\(prefix)\(count)\(code)" : "\(prefix)X\(code)", nil)
        },
        // in 2023 / since 1984
        Rule("year", "(?<![$€£#\\d.,])\\b(1[89]\\d{2}|20\\d{2})\\b(?![,.]?\\d|%| ?percent|-year)") { _, g, _, _ in
            guard let y = g[1] else { return nil }
            return ("DATE", y, nil)
        },
    ]

    static let monthWords: Set<String> = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                                          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                                          "sep", "sept", "oct", "nov", "dec"]
    static let weekdayWords: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static let durationUnits: Set<String> = ["second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "century",
                                             "seconds", "minutes", "hours", "days", "weeks", "months", "quarters", "years", "decades",
                                             "centurys", "centuries"]

    /// What each rule cannot match without (see `Trigger`): the words of its pattern that every match
    /// holds, or a digit. A rule runs only over the paragraphs that have them.
    static let triggers: [String: Trigger] = [
        "weekday-date": .words(weekdayWords),
        "clock-weekday": .words(weekdayWords),
        "year-period": .words(["quarter", "period"]),
        "month-day-range": .words(monthWords),
        "month-day-year": .words(monthWords),
        "day-month-year": .words(monthWords),
        "iso-date": .digit,
        "numeric-date": .digit,
        "month-year": .words(monthWords),
        "set": .words(["every", "each"]),
        "weekday": .words(weekdayWords),
        "month": .words(monthWords),
        "decade": .digit,
        "decade-word": .words(["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]),
        "century": .words(["century"]),
        "spelled-year": .words(["nineteen", "thousand"]),
        "quarter": .words(["q", "quarter"]),
        "quarter-adjective": .words(["quarter"]),
        "latest-quarter": .words(["quarter", "period"]),
        "the-year": .words(["year"]),
        "year-ago-adjective": .words(["year"]),
        "the-weekend": .words(["weekend"]),
        "deictic": .words(["today", "yesterday", "tomorrow", "tonight", "now", "currently", "current", "recently", "soon", "recent",
                           "past", "future", "morning", "afternoon", "evening"]),
        "relative-unit": .words(["last", "this", "next", "past", "coming"]),
        "ago": .words(["ago", "earlier", "later", "after", "before"]),
        // "5 p.m." is the runs "p" and "m"; "5pm" the run "pm".
        "clock": .words(["m", "am", "pm", "midnight", "noon"]),
        "vague-duration": .words(["days", "weeks", "months", "years", "decades", "centuries"]),
        "vague-ref": .words(["days", "weeks", "months", "quarters", "years", "term"]),
        "year-end": .words(["year"]),
        // "mid-?" glues "mid" to the season in "midsummer".
        "season": .words(["summer", "winter", "spring", "autumn", "fall", "midsummer", "midwinter", "midspring", "midautumn", "midfall"]),
        "anaphoric": .words(["year", "month", "week", "day", "time", "morning", "afternoon", "evening", "while"]),
        "last-night": .words(["night"]),
        "duration": .words(durationUnits),
        "year": .digit,
    ]

    /// The compiled trigger of each rule, in rule order.
    static let triggerTests: [TriggerVocabulary.Test] = rules.map { Trigger.vocabulary.test(triggers[$0.name] ?? .always) }

    /// The temporal expressions of `text`, resolved against `anchor` when given.
    /// `triggers`: the text's trigger index when the caller has one (the extractor builds it once for
    /// dates and quantities).
    func tag(_ text: String, anchor: CivilDate?, view: DocumentView, triggers: TriggerIndex? = nil) -> [TemporalExpression] {
        let map = OffsetMap(text)
        let nsText = text as NSString
        let index = triggers ?? TriggerIndex(text, vocabulary: Trigger.vocabulary)
        struct Found { var start: Int; var end: Int; var type: String; var value: String?; var note: String?; var rule: Int }
        var found: [Found] = []
        for (ruleIndex, rule) in DateTagger.rules.enumerated() {
            // Bounds are transparent: \b and look-behind see the text around a range, as over the whole text.
            let pieces = index.ranges(for: prefilter ? DateTagger.triggerTests[ruleIndex] : TriggerVocabulary.Test(always: true))
            let matches = DatePatterns.matchers[rule.name].map { rule.regex.matches(in: view, pieces: pieces, matcher: $0) }
                ?? rule.regex.matches(in: text, pieces: pieces)
            for match in matches {
                var groups: [String?] = []
                for g in 0..<match.numberOfRanges {
                    let r = match.range(at: g)
                    groups.append(r.location == NSNotFound ? nil : nsText.substring(with: r))
                }
                var range = match.range
                if rule.name == "weekday" {
                    // The expression is the day (with "last"/"next"/"this", not "on" or the verb before it).
                    let modifier = match.range(at: 2)
                    let keepModifier = modifier.location != NSNotFound && nsText.substring(with: modifier).lowercased() != "on"
                    let from = keepModifier ? modifier.location : match.range(at: 3).location
                    range = NSRange(location: from, length: NSMaxRange(match.range) - from)
                }
                let before = DateTagger.wordBefore(nsText, match.range.location)
                // "May" is a month only before a day or year, or after a preposition or modifier that only a month takes.
                if rule.name == "month", groups[1] == "May" || groups[1] == "may" {
                    if !["in", "of", "since", "until", "early", "late", "last", "next", "this", "by", "through", "mid"].contains(before) { continue }
                }
                if rule.name == "ago", let direction = groups[3]?.lowercased(), ["later", "after", "before"].contains(direction) {
                    // "three days later": the extent is the amount, without the signal.
                    let signal = match.range(at: 3)
                    var end = signal.location
                    while end > range.location, nsText.character(at: end - 1) == 32 { end -= 1 }
                    range = NSRange(location: range.location, length: end - range.location)
                }
                let (start, end) = map.scalars(range)
                var future = isFuture(view, at: start)
                // A preposition of a deadline looks ahead ("payable Jan. 2", "by February", "until March"); "since" looks back.
                if ["month", "month-day-range", "month-day-year", "day-month-year"].contains(rule.name) {
                    if DateTagger.aheadWords.contains(before) { future = true }
                    if before == "since" || before == "last" { future = false }
                }
                guard var resolved = rule.resolve(self, groups, anchor, future) else { continue }
                if let anchor {
                    resolved.value = DateTagger.inContext(rule: rule.name, value: resolved.value, groups: groups, before: before, anchor: anchor,
                                                          quarterly: DateTagger.quarterly(nsText, before: match.range.location))
                }
                found.append(Found(start: start, end: end, type: resolved.type, value: resolved.value, note: resolved.note, rule: ruleIndex))
            }
        }
        // TIMEX3 extents include their determiners and modifiers ("the third quarter", "early next
        // year", "the first nine months", "mid-November", "the end of 1990", "nearly forty years").
        for index in found.indices {
            let name = DateTagger.rules[found[index].rule].name
            let core = view.text(found[index].start, found[index].end).lowercased()
            let allowed: [String]?
            switch name {
            case "deictic":
                // "late yesterday", "earlier today", "later this afternoon"; never "the current".
                guard ["today", "yesterday", "tomorrow", "tonight"].contains(core) || core.hasPrefix("this ") else { continue }
                allowed = DateTagger.dayModifiers
            case "year": allowed = DateTagger.yearModifiers
            case "relative-unit": allowed = DateTagger.relativeModifiers
            case "iso-date", "numeric-date": continue
            default: allowed = nil
            }
            // A date or an amount used as an adjective ("the Feb. 23 accord", "the eight-year war", "the two day
            // rally", "the third-quarter loss") leaves the determiner to the noun it modifies.
            let adjectival = ["month-day-range", "month-day-year", "day-month-year", "month-year", "month", "weekday", "weekday-date", "clock-weekday", "quarter-adjective", "year-ago-adjective"].contains(name)
                || (name == "duration" && !core.hasSuffix("s"))
            let extended = extendedStart(found[index].start, in: view, allowed: allowed, determiner: !adjectival)
            // "the year-earlier third quarter": a year before the quarter named.
            let prefix = view.text(extended, found[index].start).lowercased()
            if prefix.contains("year-earlier") || prefix.contains("year-ago"), let value = found[index].value,
               let year = Int(value.prefix(4)), value.count >= 4, value.prefix(4).allSatisfy(\.isNumber) {
                found[index].value = String(year - 1) + value.dropFirst(4)
            }
            // "the end of the year" is a point of the anchor's year, not a span.
            if name == "the-year", prefix.hasSuffix("end of "), let anchor {
                found[index].type = "DATE"
                found[index].value = String(anchor.year)
            }
            found[index].start = extended
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
            let relative = !["month-day-year", "month-day-range"].contains(DateTagger.rules[found.rule].name) || found.value?.hasPrefix("XXXX") == true
            return TemporalExpression(start: found.start, end: found.end, text: view.text(found.start, found.end), type: found.type,
                                      value: found.value, anchor: found.value != nil && relative && !["iso-date", "month-year", "decade", "year", "duration", "set"].contains(DateTagger.rules[found.rule].name) ? anchorText : nil,
                                      note: found.note)
        }
    }

    static let modifiers: [String] = [
        "the end of", "the beginning of", "the start of", "the middle of", "the rest of", "end of", "beginning of",
        "the", "this", "last", "next", "past", "coming", "early", "late", "earlier", "later",
        "fiscal", "first", "second", "third", "fourth", "final", "full", "entire", "whole", "latest", "same", "previous",
        "year-earlier", "year-ago",
    ]
    /// Modifiers of a bare year: "early 1990", "fiscal 1989", "the end of 1994", "mid-1996" (never "the 1987").
    static let yearModifiers: [String] = [
        "the end of", "the beginning of", "the start of", "the middle of", "end of", "beginning of", "early", "late", "fiscal",
    ]
    /// Modifiers of "this year", "last week" (no ordinals: "Du Pont's second this year").
    static let relativeModifiers: [String] = [
        "the end of", "the beginning of", "the start of", "the middle of", "the rest of", "end of", "beginning of",
        "early", "late", "earlier", "later", "sometime",
    ]
    /// Modifiers of a day named from the anchor: "late yesterday", "earlier today", "later this afternoon".
    static let dayModifiers: [String] = ["early", "late", "earlier", "later"]
    /// Modifiers of amounts, taken only before a number ("nearly forty years", "more than 20 years").
    static let amountModifiers: [String] = ["no more than", "more than", "less than", "up to", "at least", "nearly", "almost", "about", "around", "roughly", "some", "over"]
    /// Words before a date that look ahead to it ("payable Jan. 2", "effective June 1", "by February").
    static let aheadWords: Set<String> = ["by", "until", "till", "payable", "effective", "expire", "expires"]

    /// The word just before `location` (lower-cased; "" at the start or after punctuation).
    static func wordBefore(_ text: NSString, _ location: Int) -> String {
        var end = location
        while end > 0, text.character(at: end - 1) == 32 { end -= 1 }
        var start = end
        while start > 0, let scalar = Unicode.Scalar(text.character(at: start - 1)), scalar.isAlphabeticLetter { start -= 1 }
        return text.substring(with: NSRange(location: start, length: end - start)).lowercased()
    }

    /// Whether the text just before `location` reports quarterly results (a quarter named in the last few sentences).
    static func quarterly(_ text: NSString, before location: Int) -> Bool {
        let from = max(0, location - quarterlyWindow)
        return text.range(of: "quarter", options: .caseInsensitive, range: NSRange(location: from, length: location - from)).location != NSNotFound
    }
    /// How far back (UTF-16 units, about three sentences) a mention of a quarter makes "a year ago" a quarter.
    static let quarterlyWindow = 400

    /// The quarter reported last before `anchor` (results come out after the quarter ends).
    static func latestQuarter(_ anchor: CivilDate) -> (year: Int, quarter: Int) {
        let q = (anchor.month - 1) / 3
        return q == 0 ? (anchor.year - 1, 4) : (anchor.year, q)
    }

    /// Values that depend on the words around the expression.
    static func inContext(rule: String, value: String?, groups: [String?], before: String, anchor: CivilDate, quarterly: @autoclosure () -> Bool) -> String? {
        switch rule {
        case "month":
            // "last April" is the latest April before this month, "this September" is this year's, "next May" the coming one.
            guard let m = month(groups[1]) else { return value }
            switch before {
            case _ where before != "since" && m == anchor.month % 12 + 1:
                // The month after the anchor's is the coming one ("results in mid-November" on October 30).
                return String(format: "%04d-%02d", m == 1 ? anchor.year + 1 : anchor.year, m)
            case "last": return String(format: "%04d-%02d", m < anchor.month ? anchor.year : anchor.year - 1, m)
            case "this": return String(format: "%04d-%02d", anchor.year, m)
            case "next": return String(format: "%04d-%02d", m > anchor.month ? anchor.year : anchor.year + 1, m)
            default: return value
            }
        case "ago", "year-ago-adjective":
            // In quarterly results, "a year ago" / "year-earlier" is the same quarter a year before.
            let oneYear = rule == "year-ago-adjective" || ((groups[2] ?? "").lowercased() == "year" && ["a", "one"].contains((groups[1] ?? "").lowercased())
                && ["ago", "earlier"].contains((groups[3] ?? "").lowercased()))
            guard oneYear, quarterly() else { return value }
            let latest = latestQuarter(anchor)
            return "\(latest.year - 1)-Q\(latest.quarter)"
        default: return value
        }
    }
    /// Rules whose expressions take no modifiers ("current", a bare year: "the 1987" is not one).
    static let unmodified: Set<String> = ["deictic", "year", "iso-date", "numeric-date"]

    /// The start of a temporal expression moved left over the modifiers and determiners before it.
    func extendedStart(_ start: Int, in view: DocumentView, allowed: [String]? = nil, determiner: Bool = true) -> Int {
        let core = start
        var start = start
        let scalars = view.scalars
        // "mid-November": a prefix joined by a hyphen.
        if start >= 4, String(String.UnicodeScalarView(scalars[(start - 4)..<start])).lowercased() == "mid-" { start -= 4 }
        var moved = true
        while moved {
            moved = false
            var end = start
            while end > 0, scalars[end - 1] == " " { end -= 1 }
            guard end < start else { break }
            let startsWithNumber = scalars[start].properties.numericType != nil
                || ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "thirty", "forty", "fifty", "a", "several"]
                    .contains { String(String.UnicodeScalarView(scalars[start..<min(scalars.count, start + $0.count)])).lowercased() == $0 }
            for phrase in (allowed ?? DateTagger.modifiers) + (startsWithNumber && allowed == nil ? DateTagger.amountModifiers : []) {
                if phrase == "the" && !determiner && start == core { continue }
                let length = phrase.unicodeScalars.count
                guard end - length >= 0 else { continue }
                let candidate = String(String.UnicodeScalarView(scalars[(end - length)..<end])).lowercased()
                let boundary = end - length == 0 || !scalars[end - length - 1].isAlphabeticLetter
                if candidate == phrase && boundary {
                    start = end - length
                    // The determiner is the leftmost word ("the the end of" is two expressions' worth).
                    moved = !phrase.hasPrefix("the")
                    break
                }
            }
        }
        return start
    }

    /// Whether the sentence at `offset` looks ahead ("will", "is due to", "plans to").
    private func isFuture(_ view: DocumentView, at offset: Int) -> Bool {
        guard let sentence = view.sentence(at: offset) else { return false }
        let range = view.tokenRange(ofSentence: sentence)
        let tokens = view.tokens[range].map(\.lower)
        // A cue after "had", "was", "were" or "been" ("had been scheduled to expire Friday") looks ahead from the past.
        return tokens.indices.contains { index in
            ["will", "'ll", "shall", "plans", "scheduled", "due", "upcoming", "next"].contains(tokens[index])
                && !tokens[max(tokens.startIndex, index - 3)..<index].contains { ["had", "was", "were", "been"].contains($0) }
        }
    }
}

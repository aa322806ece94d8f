import Foundation

/// Reads the date formats that pages put in metadata and bylines and writes them as ISO 8601.
/// Keeps the time and offset when the source gives them ("2024-03-03T14:20:00-05:00"), else the day.
public enum DateText {
    public static let monthNames: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
        "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
        "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]

    /// Month names of other common web languages (French, Spanish, Portuguese, Italian, German, Dutch),
    /// for dates written day-first in words ("17 mars 2020", "4 de marzo de 2020").
    public static let foreignMonthNames: [String: Int] = {
        let lists: [[String]] = [
            ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
            ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
            ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
            ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
            ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
            ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
        ]
        var table: [String: Int] = ["jänner": 1, "setiembre": 9]
        for list in lists { for (index, name) in list.enumerated() { table[name] = index + 1 } }
        return table
    }()

    /// Plausible publication years.
    public static let yearRange = 1990...2100

    private static let isoPattern = try! NSRegularExpression(
        pattern: #"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{1,2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?"#)
    private static let slashPattern = try! NSRegularExpression(pattern: #"\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b"#)
    private static let compactPattern = try! NSRegularExpression(pattern: #"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?"#)
    private static let monthFirst = try! NSRegularExpression(
        pattern: #"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"#,
        options: [.caseInsensitive])
    private static let dayFirst = try! NSRegularExpression(
        pattern: #"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b"#,
        options: [.caseInsensitive])
    private static let europeanNumeric = try! NSRegularExpression(pattern: #"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"#)
    private static let foreignDayFirst: NSRegularExpression = {
        let names = foreignMonthNames.keys.sorted { $0.count > $1.count }.joined(separator: "|")
        return try! NSRegularExpression(pattern: "\\b(\\d{1,2})(?:er|º|°)?\\.?\\s+(?:de\\s+)?(\(names))\\s+(?:de\\s+|del\\s+)?(\\d{4})\\b",
                                        options: [.caseInsensitive])
    }()
    private static let cjkDate = try! NSRegularExpression(pattern: #"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]"#)

    private static func int(_ text: String, _ match: NSTextCheckingResult, _ group: Int) -> Int? {
        let range = match.range(at: group)
        guard range.location != NSNotFound, let swiftRange = Range(range, in: text) else { return nil }
        return Int(text[swiftRange])
    }

    private static func string(_ text: String, _ match: NSTextCheckingResult, _ group: Int) -> String? {
        let range = match.range(at: group)
        guard range.location != NSNotFound, let swiftRange = Range(range, in: text) else { return nil }
        return String(text[swiftRange])
    }

    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard yearRange.contains(year), (1...12).contains(month), day >= 1 else { return false }
        let days = [31, (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    public static func day(_ year: Int, _ month: Int, _ day: Int) -> String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// The ISO 8601 form of the first date in `text`, or nil. Numeric dates are read year-first, or
    /// day.month.year with dots (the European form); "03/04/2024" with slashes is ambiguous and is not read.
    public static func iso(_ text: String) -> String? {
        // Every form below has a year of four digits: a text without four digits in a row has no date.
        guard hasFourDigits(text) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let range = NSRange(trimmed.startIndex..., in: trimmed)
        if let m = isoPattern.firstMatch(in: trimmed, range: range),
           let y = int(trimmed, m, 1), let mo = int(trimmed, m, 2), let d = int(trimmed, m, 3), isValid(year: y, month: mo, day: d) {
            var result = day(y, mo, d)
            if let h = int(trimmed, m, 4), let mi = int(trimmed, m, 5), h < 24, mi < 60 {
                let s = int(trimmed, m, 6) ?? 0
                result += String(format: "T%02d:%02d:%02d", h, mi, s)
                if var zone = string(trimmed, m, 7) {
                    if zone != "Z" && !zone.contains(":") { zone.insert(":", at: zone.index(zone.startIndex, offsetBy: 3)) }
                    result += zone
                }
            }
            return result
        }
        if let m = compactPattern.firstMatch(in: trimmed, range: range),
           let y = int(trimmed, m, 1), let mo = int(trimmed, m, 2), let d = int(trimmed, m, 3), isValid(year: y, month: mo, day: d) {
            return day(y, mo, d)
        }
        if let m = slashPattern.firstMatch(in: trimmed, range: range),
           let y = int(trimmed, m, 1), let mo = int(trimmed, m, 2), let d = int(trimmed, m, 3), isValid(year: y, month: mo, day: d) {
            return day(y, mo, d)
        }
        if let m = monthFirst.firstMatch(in: trimmed, range: range),
           let name = string(trimmed, m, 1), let mo = monthNames[name.lowercased()],
           let d = int(trimmed, m, 2), let y = int(trimmed, m, 3), isValid(year: y, month: mo, day: d) {
            return day(y, mo, d)
        }
        if let m = dayFirst.firstMatch(in: trimmed, range: range),
           let name = string(trimmed, m, 2), let mo = monthNames[name.lowercased()],
           let d = int(trimmed, m, 1), let y = int(trimmed, m, 3), isValid(year: y, month: mo, day: d) {
            return day(y, mo, d)
        }
        if let m = foreignDayFirst.firstMatch(in: trimmed, range: range),
           let name = string(trimmed, m, 2), let mo = foreignMonthNames[name.lowercased()],
           let d = int(trimmed, m, 1), let y = int(trimmed, m, 3), isValid(year: y, month: mo, day: d) {
            return day(y, mo, d)
        }
        if let m = cjkDate.firstMatch(in: trimmed, range: range),
           let y = int(trimmed, m, 1), let mo = int(trimmed, m, 2), let d = int(trimmed, m, 3), isValid(year: y, month: mo, day: d) {
            return day(y, mo, d)
        }
        if let m = europeanNumeric.firstMatch(in: trimmed, range: range),
           let d = int(trimmed, m, 1), let mo = int(trimmed, m, 2), let y = int(trimmed, m, 3), isValid(year: y, month: mo, day: d) {
            return day(y, mo, d)
        }
        return nil
    }

    /// True when `text` has four decimal digits in a row (what `\d{4}` needs: any script's digits).
    public static func hasFourDigits(_ text: String) -> Bool {
        var run = 0
        for scalar in text.unicodeScalars {
            let isDigit = scalar.value < 0x80 ? (scalar.value >= 0x30 && scalar.value <= 0x39)
                                              : scalar.properties.generalCategory == .decimalNumber
            if isDigit {
                run += 1
                if run == 4 { return true }
            } else {
                run = 0
            }
        }
        return false
    }

    private static let urlPatterns = [#"/(\d{4})/(\d{1,2})/(\d{1,2})/"#, #"[/_-](\d{4})-(\d{2})-(\d{2})[/_-]"#, #"/(\d{4})(\d{2})(\d{2})/"#]
        .map { try! NSRegularExpression(pattern: $0) }

    /// A date in a URL path: /2024/03/14/ or /2024-03-14/ or /20240314/.
    public static func fromURL(_ url: String) -> String? {
        guard hasFourDigits(url) else { return nil }
        for regex in urlPatterns {
            if let m = regex.firstMatch(in: url, range: NSRange(url.startIndex..., in: url)),
               let y = int(url, m, 1), let mo = int(url, m, 2), let d = int(url, m, 3), isValid(year: y, month: mo, day: d) {
                return day(y, mo, d)
            }
        }
        return nil
    }
}

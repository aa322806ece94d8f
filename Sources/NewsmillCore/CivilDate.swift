import Foundation

/// A day of the proleptic Gregorian calendar, with the arithmetic date resolution needs.
public struct CivilDate: Equatable, Comparable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Days since 1970-01-01 (the civil-from-days algorithm, after Howard Hinnant's date algorithms).
    public var days: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = month
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public init(days z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        let w = (days % 7 + 7 + 3) % 7  // 1970-01-01 was a Thursday (ISO 4)
        return w + 1
    }

    public func adding(days n: Int) -> CivilDate { CivilDate(days: days + n) }

    public func adding(months n: Int) -> CivilDate {
        let total = year * 12 + (month - 1) + n
        let y = total / 12, m = total % 12 + 1
        return CivilDate(year: y, month: m, day: min(day, CivilDate.daysIn(year: y, month: m)))
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        [31, (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= daysIn(year: year, month: month)
    }

    /// ISO 8601 week: (week-based year, week number).
    public var isoWeek: (year: Int, week: Int) {
        let thursday = adding(days: 4 - weekday)
        let firstDay = CivilDate(year: thursday.year, month: 1, day: 1)
        return (thursday.year, (thursday.days - firstDay.days) / 7 + 1)
    }

    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.days < b.days }

    /// Reads "YYYY-MM-DD…" (the first ten characters of an ISO date or date-time).
    public static func parse(_ text: String?) -> CivilDate? {
        guard let text, text.count >= 10 else { return nil }
        let parts = text.prefix(10).split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), isValid(year: y, month: m, day: d) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }
}

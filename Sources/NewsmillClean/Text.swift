import Foundation
import NewsmillCore

/// Small text helpers of the clean stage.
enum Text {
    /// Whitespace runs (including no-break spaces) become one space; ends trimmed.
    static func collapse(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{200B}" {
                pendingSpace = true
            } else {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Character references left in metadata values that were escaped twice ("&amp;amp;").
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return collapse(text) }
        var result = text
        for (entity, character) in [("&amp;", "&"), ("&quot;", "\""), ("&#39;", "'"), ("&#039;", "'"), ("&apos;", "'"),
                                    ("&lt;", "<"), ("&gt;", ">"), ("&nbsp;", " "), ("&#8217;", "’"), ("&#8216;", "‘"),
                                    ("&#8220;", "“"), ("&#8221;", "”"), ("&#8211;", "–"), ("&#8212;", "—"), ("&rsquo;", "’"),
                                    ("&lsquo;", "‘"), ("&ldquo;", "“"), ("&rdquo;", "”"), ("&ndash;", "–"), ("&mdash;", "—")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        return collapse(result)
    }

    static let titleSeparators = [" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · ", " • ", " / "]

    /// "Headline | Site Name" → "Headline": drops the parts that name the site (or, when the site is not
    /// known, a last part much shorter than the rest).
    static func stripSiteName(_ title: String, site: String?) -> String {
        var parts = [title]
        for separator in titleSeparators where title.contains(separator) {
            parts = title.components(separatedBy: separator)
            break
        }
        guard parts.count > 1 else { return title }
        let normalizedSite = site.map { normalize($0) }
        let kept = parts.filter { part in
            guard let normalizedSite else { return true }
            let p = normalize(part)
            return !(p == normalizedSite || normalizedSite.contains(p) || p.contains(normalizedSite) && p.count < normalizedSite.count + 8)
        }
        if kept.count < parts.count && !kept.isEmpty {
            return kept.joined(separator: parts.count == 2 ? "" : " | ").trimmingCharacters(in: .whitespaces)
        }
        // Site unknown: the longest part is the headline when the others are short.
        let longest = parts.max { $0.count < $1.count }!
        if parts.allSatisfy({ $0 == longest || $0.count * 2 < longest.count }) {
            return longest.trimmingCharacters(in: .whitespaces)
        }
        return title
    }

    /// Lower-case, letters and digits only, for comparing titles.
    static func normalize(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
    }

    /// Two titles are the same headline when one contains the other or they share most words.
    static func similar(_ a: String, _ b: String) -> Bool {
        let na = normalize(a), nb = normalize(b)
        if na.isEmpty || nb.isEmpty { return false }
        if na == nb || (na.contains(nb) && nb.count * 10 >= na.count * 6) || (nb.contains(na) && na.count * 10 >= nb.count * 6) { return true }
        let wa = Set(a.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })), wb = Set(b.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }))
        guard !wa.isEmpty, !wb.isEmpty else { return false }
        return Double(wa.intersection(wb).count) / Double(max(wa.count, wb.count)) >= 0.8
    }

    /// The words of a class or id attribute: split at non-letters and at camelCase humps, lower-cased
    /// ("storyShareBar content__body" → story, share, bar, content, body, and the whole tokens).
    static func classWords(_ classAndID: String) -> Set<String> {
        var words: Set<String> = []
        for token in classAndID.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            let lowered = token.lowercased()
            words.insert(lowered)
            var current = ""
            var previousLower = false
            for character in token {
                if !character.isLetter && !character.isNumber {
                    if !current.isEmpty { words.insert(current.lowercased()); current = "" }
                    previousLower = false
                    continue
                }
                if character.isUppercase && previousLower && !current.isEmpty {
                    words.insert(current.lowercased())
                    current = ""
                }
                current.append(character)
                previousLower = character.isLowercase
            }
            if !current.isEmpty { words.insert(current.lowercased()) }
        }
        return words
    }

    /// Words of at least one letter, lower-cased.
    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "’" })
    }

    /// Written in capitals: at least four upper-case letters and no lower-case one. Letters of scripts
    /// without case (Chinese, Japanese, Arabic…) count neither way.
    static func isAllCapitals(_ text: String) -> Bool {
        var upper = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            if scalar.properties.isLowercase { return false }
            if scalar.properties.isUppercase { upper += 1 }
        }
        return upper >= 4
    }

    static let dateWords: Set<String> = [
        "published", "updated", "posted", "modified", "last", "first", "on", "at", "by", "am", "pm", "a", "m", "p", "gmt", "utc",
        "est", "edt", "cst", "cdt", "pst", "pdt", "bst", "cet", "cest", "ist", "et", "pt", "of", "the", "and", "time", "date",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "today",
        "yesterday", "ago", "hours", "hour", "minutes", "min", "mins",
    ]

    /// A line that is only a date or time ("Published March 3, 2024 at 6:45 a.m. | Updated 9:10 a.m."):
    /// it holds a date, and fewer than ten letters of other words.
    static func isDateline(_ text: String) -> Bool {
        guard text.count < 100, DateText.iso(text) != nil else { return false }
        var other = 0
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) where !dateWords.contains(String(word)) {
            other += word.count
        }
        return other < 10
    }
}

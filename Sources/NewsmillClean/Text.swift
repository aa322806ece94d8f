import Foundation
import NewsmillCore

/// Small text helpers of the clean stage.
enum Text {
    /// Whitespace runs (including no-break spaces) become one space; ends trimmed.
    static func collapse(_ text: String) -> String {
        // Over the UTF-8 bytes: runs of text between white space are copied whole; a scalar is
        // decoded only where a byte starts one that is not ASCII.
        var text = text
        return text.withUTF8 { utf8 -> String in
            let count = utf8.count
            guard count > 0 else { return "" }
            return String(unsafeUninitializedCapacity: count) { out in
                var written = 0
                var pendingSpace = false
                var runStart = -1
                func flush(_ end: Int) {
                    guard runStart >= 0 else { return }
                    if pendingSpace && written > 0 { out[written] = 0x20; written += 1 }
                    pendingSpace = false
                    let length = end - runStart
                    (out.baseAddress! + written).initialize(from: utf8.baseAddress! + runStart, count: length)
                    written += length
                    runStart = -1
                }
                var index = 0
                while index < count {
                    let byte = utf8[index]
                    var length = 1
                    let space: Bool
                    if byte < 0x80 {
                        space = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
                    } else {
                        length = min(byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2, count - index)
                        var value = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
                        for offset in 1..<max(length, 1) { value = value << 6 | UInt32(utf8[index + offset] & 0x3F) }
                        space = value == 0x200B || Unicode.Scalar(value).map(UnicodeText.isWhitespace) == true
                    }
                    if space {
                        flush(index)
                        pendingSpace = true
                    } else if runStart < 0 {
                        runStart = index
                    }
                    index += length
                }
                flush(count)
                return written
            }
        }
    }

    /// `text` without leading and trailing spaces (U+0020 only: blocks are already collapsed).
    static func trimSpaces(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.first == 0x20 || utf8.last == 0x20 else { return text }
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, utf8[start] == 0x20 { start = utf8.index(after: start) }
        while end > start, utf8[utf8.index(before: end)] == 0x20 { end = utf8.index(before: end) }
        return String(text[start..<end])
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

    /// Whether the text is a designer's placeholder ("Lorem ipsum dolor sit amet, …"), left in a page
    /// template that was never filled.
    /// (Leading white space aside; read in the bytes, as it is asked of every text node.)
    static func isPlaceholder(_ text: String) -> Bool {
        let phrase: StaticString = "lorem ipsum"
        var bytes = text.utf8.makeIterator()
        var byte = bytes.next()
        while let b = byte, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { byte = bytes.next() }
        let expected = UnsafeBufferPointer(start: phrase.utf8Start, count: phrase.utf8CodeUnitCount)
        for wanted in expected {
            guard let b = byte, (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) == wanted else { return false }
            byte = bytes.next()
        }
        return true
    }

    /// Lower-case, letters and digits only, for comparing titles.
    static func normalize(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                // ASCII: the letters lower-cased and the digits.
                if value >= 0x41 && value <= 0x5A { result.append(Unicode.Scalar(UInt8(value | 0x20))) }
                else if (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) { result.append(scalar) }
                continue
            }
            for lower in scalar.properties.lowercaseMapping.unicodeScalars where isAlphanumeric(lower) { result.append(lower) }
        }
        return String(result)
    }

    /// True when `normalize(text) == normalized`, found without normalizing all of a text that differs
    /// early (a paragraph compared with the title).
    static func normalizes(_ text: String, to normalized: String) -> Bool {
        var expected = normalized.unicodeScalars.makeIterator()
        func take(_ scalar: Unicode.Scalar) -> Bool { expected.next() == scalar }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                if value >= 0x41 && value <= 0x5A { if !take(Unicode.Scalar(UInt8(value | 0x20))) { return false } }
                else if (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) { if !take(scalar) { return false } }
                continue
            }
            for lower in scalar.properties.lowercaseMapping.unicodeScalars where isAlphanumeric(lower) {
                if !take(lower) { return false }
            }
        }
        return expected.next() == nil
    }

    /// `text` without white space or line breaks at either end: what `trimmingCharacters(in:
    /// .whitespacesAndNewlines)` gives (Unicode's White_Space and U+200B ZERO WIDTH SPACE, as
    /// Foundation's set has it), without Foundation.
    static func trimWhiteSpace(_ text: String) -> String {
        func trimmed(_ scalar: Unicode.Scalar) -> Bool { UnicodeText.isWhitespace(scalar) || scalar.value == 0x200B }
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last, trimmed(first) || trimmed(last) else { return text }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, trimmed(scalars[start]) { start = scalars.index(after: start) }
        while end > start, trimmed(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    /// The Unicode scalars of `text` that are not white space (`UnicodeText.isWhitespace`), counted in
    /// its UTF-8 bytes.
    static func nonWhitespaceCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { nonWhitespaceCount(utf8: $0) }
    }

    /// `nonWhitespaceCount` of UTF-8 bytes.
    static func nonWhitespaceCount(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = 0
        let end = bytes.count
        while index < end {
            // Eight ASCII bytes at a time: the non-space ones are counted with the word's arithmetic.
            if index + 8 <= end, let base = bytes.baseAddress,
               let spaces = asciiSpaces(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                count += 8 - spaces
                index += 8
                continue
            }
            let byte = bytes[index]
            if byte < 0x80 {
                if !(byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)) { count += 1 }
                index += 1
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var space = false
            if length == 2, index + 1 < end, byte == 0xC2 {
                space = bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0
            } else if length == 3, index + 2 < end {
                let b1 = bytes[index + 1], b2 = bytes[index + 2]
                switch byte {
                case 0xE1: space = b1 == 0x9A && b2 == 0x80                                   // U+1680
                case 0xE2: space = (b1 == 0x80 && ((0x80...0x8A).contains(b2) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF))
                               || (b1 == 0x81 && b2 == 0x9F)                                    // U+2000–200A, 2028, 2029, 202F, 205F
                case 0xE3: space = b1 == 0x80 && b2 == 0x80                                   // U+3000
                default: break
                }
            }
            if !space { count += 1 }
            index += length
        }
        return count
    }

    /// The number of white-space bytes (space, tab to carriage return) among the eight bytes of `word`;
    /// nil when one of them is not ASCII. Each byte is tested on its own (no carry crosses a byte).
    @inline(__always) static func asciiSpaces(_ word: UInt64) -> Int? {
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        guard word & high == 0 else { return nil }
        // High bit of each byte: the byte is at least n.
        @inline(__always) func atLeast(_ n: UInt64) -> UInt64 { ((word | high) &- ones &* n) & high }
        // High bit of each byte: the byte is zero (bytes below 0x80 cannot carry).
        let spaceXor = word ^ (ones &* 0x20)
        let isSpace = ~((spaceXor &+ (ones &* 0x7F)) | spaceXor) & high
        let isControlSpace = atLeast(0x09) & ~atLeast(0x0E)
        return (isSpace | isControlSpace).nonzeroBitCount
    }

    /// True when `text` holds `word` as a run of bytes (a plain search, no locale or case rules, unlike
    /// Foundation's `contains`, which costs far more).
    static func containsBytes(_ text: String, _ word: String) -> Bool {
        var text = text, word = word
        return text.withUTF8 { haystack in
            word.withUTF8 { needle in ByteSearch.occurs(needle, in: haystack, startingAt: 0...haystack.count) }
        }
    }

    /// Ranges of scalars above U+0300 that never join a neighbour in a grapheme cluster (no combining
    /// marks, joiners, prepended or spacing marks among them): Greek and Cyrillic letters, Latin Extended
    /// Additional, general punctuation without the joiners and format characters, currency signs, CJK
    /// punctuation, kana and ideographs, Hangul syllables (a following jamo is not standalone), full-width
    /// forms. Below U+0300 every scalar stands alone.
    static let standaloneScalars: [ClosedRange<UInt32>] = [
        0x0370...0x0482, 0x048A...0x052F, 0x1E00...0x1EFF, 0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20C0,
        0x3000...0x3029, 0x3041...0x3096, 0x30A0...0x30FF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF01...0xFF9D,
    ]

    /// The number of characters of `text`, counted up to `limit` (a text that has more gives `limit`).
    static func count(of text: String, upTo limit: Int) -> Int {
        // Scalars that always stand alone as a character (none of them joins the next or the previous
        // one) are counted one by one without the walk over grapheme clusters. A CR LF pair is one
        // character. Anything else, and the text is walked by characters.
        var scalars = 0
        var previousCR = false
        var simple = true
        for scalar in text.unicodeScalars {
            if scalars == limit { break }
            let value = scalar.value
            guard value < 0x300 || Text.standaloneScalars.contains(where: { $0.contains(value) }) else { simple = false; break }
            if value == 0x0A && previousCR { simple = false; break }
            previousCR = value == 0x0D
            scalars += 1
        }
        if simple { return scalars }
        var count = 0
        var index = text.startIndex
        while count < limit, index < text.endIndex {
            index = text.index(after: index)
            count += 1
        }
        return count
    }

    /// Letters, marks and numbers (what `CharacterSet.alphanumerics` holds).
    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
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
        if classAndID.utf8.allSatisfy({ $0 == 0x20 }) { return [] }
        if classAndID.utf8.allSatisfy({ $0 < 0x80 }) { return asciiClassWords(classAndID) }
        var words: Set<String> = []
        for token in classAndID.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            // A utility class holding a selector ("[&_figcaption]:mt-xs") names no part of the page.
            if token.contains("[") || token.contains("&") { continue }
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

    /// `classWords` for ASCII class names, on bytes: whole tokens and their parts split at non-letters
    /// and camelCase humps, lower-cased.
    static func asciiClassWords(_ classAndID: String) -> Set<String> {
        var words: Set<String> = []
        var token: [UInt8] = []
        var part: [UInt8] = []
        var parts: [String] = []
        var previousLower = false
        var selector = false
        func endPart() {
            if !part.isEmpty { parts.append(String(decoding: part, as: UTF8.self)); part.removeAll(keepingCapacity: true) }
        }
        func endToken() {
            endPart()
            // A utility class holding a selector ("[&_figcaption]:mt-xs") names no part of the page.
            if !selector {
                for word in parts { words.insert(word) }
                if !token.isEmpty { words.insert(String(decoding: token, as: UTF8.self)) }
            }
            parts.removeAll(keepingCapacity: true)
            token.removeAll(keepingCapacity: true)
            previousLower = false
            selector = false
        }
        for byte in classAndID.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A { endToken(); continue }
            if byte == 0x5B || byte == 0x26 { selector = true }  // "[" or "&"
            let isUpper = byte >= 0x41 && byte <= 0x5A
            let lower = isUpper ? byte + 32 : byte
            token.append(lower)
            let isAlnum = (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            if !isAlnum { endPart(); previousLower = false; continue }
            if isUpper && previousLower { endPart() }
            part.append(lower)
            previousLower = lower >= 0x61 && lower <= 0x7A && !isUpper
        }
        endToken()
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
        for scalar in text.unicodeScalars where scalar.isAlphabeticLetter {
            if scalar.isLowercaseLetter { return false }
            if scalar.isUppercaseLetter { upper += 1 }
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
        guard count(of: text, upTo: 100) < 100, DateText.hasFourDigits(text) else { return false }
        // The words before the date patterns: most short lines with a year have too many other
        // letters, and the patterns are the costly test.
        var other = 0
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) where !dateWords.contains(String(word)) {
            other += word.count
            if other >= 10 { return false }
        }
        return DateText.iso(text) != nil
    }
}

/// Plain searches over bytes, for the byte-level tests of this module.
enum ByteSearch {
    /// True when `needle` occurs in `haystack` starting at one of `starts` (an empty needle occurs).
    static func occurs(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, startingAt starts: ClosedRange<Int>) -> Bool {
        guard let first = needle.first else { return true }
        var start = max(starts.lowerBound, 0)
        let last = min(starts.upperBound, haystack.count - needle.count)
        while start <= last {
            if haystack[start] == first {
                var offset = 1
                while offset < needle.count, haystack[start + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            start += 1
        }
        return false
    }
}

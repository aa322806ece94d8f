import Foundation

/// Turns byline text and author fields into a list of person names, leaving out everything that is
/// not a name: "By", roles after a comma ("staff writer"), "and 3 others", e-mail addresses, social
/// handles, dates and times, agency and desk names.
public enum Authors {
    static let notNames: Set<String> = [
        "staff", "staff writer", "staff writers", "staff reporter", "editor", "editors", "editorial", "editorial board",
        "reporter", "correspondent", "contributor", "contributors", "desk", "news desk", "web desk", "team", "admin",
        "administrator", "guest", "anonymous", "unknown", "associated press", "reuters", "afp", "ap", "bloomberg",
        "press association", "pa", "upi", "wire", "wires", "wire services", "news", "the", "by", "and", "with",
        "updated", "published", "posted", "opinion", "analysis", "more", "others", "author",
    ]
    static let roleWords: Set<String> = [
        "staff", "writer", "writers", "reporter", "reporters", "correspondent", "correspondents", "editor", "editors",
        "columnist", "contributor", "producer", "photographer", "analyst", "chief", "senior", "political", "business",
        "bureau", "special", "to", "for", "the", "at", "of", "in", "from", "deputy", "managing", "associate",
    ]
    static let particles: Set<String> = [
        "de", "da", "del", "della", "der", "den", "van", "von", "la", "le", "di", "du", "dos", "das", "bin", "ibn",
        "al", "el", "y", "ben", "st.", "mc", "ter", "zu", "af", "bint", "abu",
    ]

    /// Splits a byline or author field into names; returns them in order, without repeats.
    public static func names(from raw: String) -> [String] {
        var text = raw.replacingOccurrences(of: "\u{00A0}", with: " ")
        // Everything after a date or time, a pipe or "Updated"/"Published" is not names.
        for marker in ["|", "•", "·", " Updated", " Published", " Posted", " on ", " — ", " – "] {
            if let range = text.range(of: marker) { text = String(text[..<range.lowerBound]) }
        }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let range = text.range(of: #"^(written |words |text |reporting |report(ed)? )?by[:\s]+"#, options: [.regularExpression, .caseInsensitive]) {
            text.removeSubrange(range)
        }
        var pieces: [String] = []
        for part in text.components(separatedBy: CharacterSet(charactersIn: ",;&/\n")) {
            for piece in part.components(separatedBy: " and ") {
                pieces.append(contentsOf: piece.components(separatedBy: " And "))
            }
        }
        var result: [String] = []
        for piece in pieces {
            if let name = clean(piece), !result.contains(name) { result.append(name) }
        }
        return result
    }

    /// One candidate name, or nil when it is not a person's name.
    public static func clean(_ raw: String) -> String? {
        var name = raw.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters).subtracting(CharacterSet(charactersIn: ".'’-")))
        name = name.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        if let range = name.range(of: #"^by\s+"#, options: [.regularExpression, .caseInsensitive]) { name.removeSubrange(range) }
        guard !name.isEmpty, name.count <= 60 else { return nil }
        if name.contains("@") || name.contains("://") || name.hasPrefix("#") { return nil }
        if name.rangeOfCharacter(from: .decimalDigits) != nil { return nil }
        let lower = name.lowercased()
        if notNames.contains(lower) { return nil }
        if lower.range(of: #"^(and )?\d*\s*(more|others?)$"#, options: .regularExpression) != nil { return nil }
        let words = name.split(separator: " ").map(String.init)
        guard (1...5).contains(words.count) else { return nil }
        // Every word of a name is capitalised, a particle, or an initial.
        for word in words {
            let lowerWord = word.lowercased()
            if particles.contains(lowerWord) { continue }
            guard let first = word.unicodeScalars.first, CharacterSet.uppercaseLetters.contains(first) else { return nil }
        }
        // A name of role words only ("Staff Writer") is not a name.
        if words.allSatisfy({ roleWords.contains($0.lowercased()) || notNames.contains($0.lowercased()) }) { return nil }
        // All capitals: make it title case ("JANE DOE" → "Jane Doe").
        if name == name.uppercased() && name.count > 3 {
            name = words.map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined(separator: " ")
        }
        return name
    }
}

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
        "full bio", "bio", "view profile", "profile", "about the author", "our editors", "read more", "written by",
        "name", "your name", "home", "webmaster", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    ]
    static let roleWords: Set<String> = [
        "staff", "writer", "writers", "reporter", "reporters", "correspondent", "correspondents", "editor", "editors",
        "columnist", "contributor", "producer", "photographer", "analyst", "chief", "senior", "political", "business",
        "bureau", "special", "to", "for", "the", "at", "of", "in", "from", "deputy", "managing", "associate",
        "contributing", "executive", "officer", "content", "director", "president", "vice", "head", "manager",
        "founder", "co-founder", "ceo", "cto", "cfo", "technology", "digital", "sports", "opinion", "news",
    ]
    /// The small words of role phrases ("Special to the Times"), which a name may hold too.
    static let functionWords: Set<String> = ["to", "for", "the", "at", "of", "in", "from"]
    /// Degrees and credentials written after a name ("Lauren Manaker MS, RDN, LD").
    static let credentials: Set<String> = [
        "ms", "ma", "mba", "md", "phd", "ph.d", "ph.d.", "rd", "rdn", "ld", "ldn", "rn", "np", "mph", "msc", "bsc", "ba", "bs",
        "cpa", "cfa", "cfp", "dds", "dmd", "dvm", "do", "jd", "esq", "esq.", "faan", "facp", "cdces", "cscs", "lcsw", "lmft",
        "pharmd", "dr.ph", "mfa", "med", "edd", "psyd",
    ]
    /// Where pictures come from, not who wrote.
    static let notPeople: Set<String> = ["instagram", "facebook", "twitter", "youtube", "tiktok", "getty images", "shutterstock", "x"]

    // Compiled once: `String.range(of:options: .regularExpression)` compiles its pattern at every call,
    // and a page's byline elements are read one by one.
    static let leadingBy = CompiledPattern(#"^(written |words |text |reporting |report(ed)? )?by[:\s]+"#)
    static let leadingLabel = CompiledPattern(#"^(by|author|posted by|written by)\s+"#)
    static let andOthers = CompiledPattern(#"^(and )?\d*\s*(more|others?)$"#)

    /// A name or organisation as compared with another: lower case, letters and digits only, without a
    /// leading "The".
    static func comparable(_ name: String) -> String {
        Text.normalize(name.lowercased().hasPrefix("the ") ? String(name.dropFirst(4)) : name)
    }
    static let particles: Set<String> = [
        "de", "da", "del", "della", "der", "den", "van", "von", "la", "le", "di", "du", "dos", "das", "bin", "ibn",
        "al", "el", "y", "ben", "st.", "mc", "ter", "zu", "af", "bint", "abu",
    ]

    /// Splits a byline or author field into names; returns them in order, without repeats.
    public static func names(from raw: String) -> [String] {
        var text = raw.replacingOccurrences(of: "\u{00A0}", with: " ")
        // Everything after a date or time, a pipe or "Updated"/"Published" is not names.
        for marker in ["|", "•", "·", " Last updated", " Last Updated", " Last modified", " Last Modified", " Updated", " Published",
                       " Posted", " on ", " — ", " – "] {
            if let range = text.range(of: marker) { text = String(text[..<range.lowerBound]) }
        }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        text = Authors.leadingBy.removingMatch(from: text)
        var pieces: [String] = []
        for part in text.components(separatedBy: CharacterSet(charactersIn: ",;&/\n")) {
            for piece in part.components(separatedBy: " and ") {
                pieces.append(contentsOf: piece.components(separatedBy: " And "))
            }
        }
        var result: [String] = []
        for piece in pieces {
            // After a name, one short word in capitals is a credential the list does not know
            // ("Dylan Bailey, MS, RD, FAND").
            let word = piece.trimmingCharacters(in: .whitespaces)
            if !result.isEmpty, (2...6).contains(word.count), word.allSatisfy({ $0.isUppercase && $0.isLetter }) { continue }
            if let name = clean(piece), !result.contains(name) { result.append(name) }
        }
        return result
    }

    /// One candidate name, or nil when it is not a person's name.
    public static func clean(_ raw: String) -> String? {
        var name = raw.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters).subtracting(CharacterSet(charactersIn: ".'’-")))
        name = Text.collapse(name)
        name = Authors.leadingLabel.removingMatch(from: name)
        // A dash left at either end ("Summer Swann -").
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: "-–— "))
        guard !name.isEmpty, name.count <= 60 else { return nil }
        if name.contains("@") || name.contains("://") || name.hasPrefix("#") { return nil }
        if name.rangeOfCharacter(from: .decimalDigits) != nil { return nil }
        // "Image: Instagram", "Photo: FBI": a credit, not a byline.
        if name.contains(":") { return nil }
        let lower = name.lowercased()
        if credentials.contains(lower) { return nil }
        // Looked up without a leading "the " or final full stops ("The Associated Press.").
        var key = Substring(lower)
        if key.hasPrefix("the ") { key = key.dropFirst(4) }
        while key.hasSuffix(".") { key = key.dropLast() }
        if notPeople.contains(String(key)) || notNames.contains(String(key)) { return nil }
        if Authors.andOthers.matches(lower) { return nil }
        var words = name.split(separator: " ").map(String.init)
        // The same name twice (a byline that writes it under the picture and beside it).
        if words.count % 2 == 0, words.count >= 4, Array(words[..<(words.count / 2)]) == Array(words[(words.count / 2)...]) {
            words = Array(words[..<(words.count / 2)])
            name = words.joined(separator: " ")
        }
        let allWords = words
        while words.count > 2, let last = words.last, credentials.contains(last.lowercased()) { words.removeLast() }
        // A job title written before or after the name without a comma ("Aleksandar Stevanovic Senior
        // Writer", "Senior Writer Jane Doe") is not part of it; a name keeps at least two words.
        func isTitleWord(_ word: String) -> Bool { roleWords.contains(word.lowercased()) && !functionWords.contains(word.lowercased()) }
        while words.count > 2, let last = words.last, isTitleWord(last) { words.removeLast() }
        while words.count > 2, let first = words.first, isTitleWord(first) { words.removeFirst() }
        if words.count < allWords.count { name = words.joined(separator: " ") }
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

import Foundation
import NewsmillCore

/// The grammatical gender a person's name implies, so that "she said" is not given to the man
/// mentioned last: from a title in front of a mention (Mr., Mrs., Ms.) or from a given name that is
/// nearly always one gender (Pipelines/extract/first-name-genders.tsv, in `ExtractLexicon.firstNameGenders`).
enum SpeakerGender {
    /// Titles that state a gender.
    static let titles: [String: String] = [
        "mr": "male", "mr.": "male", "mrs": "female", "mrs.": "female", "ms": "female", "ms.": "female", "miss": "female",
        "sir": "male", "lady": "female", "congresswoman": "female", "congressman": "male", "chairwoman": "female",
        "chairman": "male", "spokeswoman": "female", "spokesman": "male", "businesswoman": "female", "businessman": "male",
    ]

    /// The gender of each person entity, keyed by entity id: a gendered title right before (or
    /// opening) any of its mentions wins, else the given name; entities with neither are left out.
    static func genders(of entities: [Entity], view: DocumentView, firstNames: [String: String]) -> [String: String] {
        var tokenEndingAt: [Int: Int] = [:]
        for (index, token) in view.tokens.enumerated() { tokenEndingAt[token.end] = index }
        var result: [String: String] = [:]
        for entity in entities where entity.type == "PERSON" {
            var gender: String? = nil
            for mention in entity.mentions {
                let opening = view.text(mention.start, mention.end).split(separator: " ").first.map { $0.lowercased() } ?? ""
                if let g = titles[opening] { gender = g; break }
                // The token before the mention (skipping one space).
                var k = mention.start
                while k > 0, view.scalars[k - 1].properties.isWhitespace { k -= 1 }
                if let t = tokenEndingAt[k], let g = titles[view.tokens[t].lower] { gender = g; break }
            }
            if gender == nil, let first = entity.name.split(separator: " ").first {
                gender = firstNames[first.lowercased()]
            }
            if let gender { result[entity.id] = gender }
        }
        return result
    }

    /// The gender a name alone implies (a gendered title or given name opening it), or nil.
    static func gender(ofName name: String, firstNames: [String: String]) -> String? {
        guard let first = name.split(separator: " ").first?.lowercased() else { return nil }
        return titles[first] ?? firstNames[first]
    }
}

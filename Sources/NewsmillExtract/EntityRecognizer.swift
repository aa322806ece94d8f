import Foundation
import NewsmillCore

/// A name found in the text, before mentions are grouped into entities.
struct NameMention {
    var start: Int
    var end: Int
    /// Token indices (in DocumentView.tokens) of the name.
    var firstToken: Int
    var lastToken: Int
    var text: String
    var type: String
    /// Titles stripped from the front ("Brigadier General").
    var titles: [String] = []
    var isAcronym: Bool { text.count >= 2 && text.count <= 6 && text == text.uppercased() && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0 == "." } }
}

/// Finds people, organisations, places and groups by rules over capitalised token runs, gazetteers
/// (Pipelines/extract/gazetteer/) and context (titles, speech verbs, appositions); then groups the
/// mentions of one referent into one entity ("Kamal Kharrazi" … "Kharrazi"; "IRGC" and "Islamic
/// Revolutionary Guards Corps"), with roles from appositions and titles.
struct EntityRecognizer {
    let lexicon: ExtractLexicon

    static let connectors: Set<String> = ["of", "for", "and", "the", "de", "du", "des", "al", "bin", "ibn", "von", "van", "der", "del", "la", "le", "&", "y", "da", "dos"]
    static let nameParticles: Set<String> = ["de", "du", "al", "bin", "ibn", "von", "van", "der", "del", "la", "le", "da", "dos", "ben"]

    func recognize(_ view: DocumentView) -> (entities: [Entity], names: [NameMention]) {
        let pieces = candidatePieces(view)
        var names = classify(pieces, view)
        names.sort { $0.start < $1.start }
        return (group(names, view), names)
    }

    // MARK: Candidates

    private func isCap(_ token: WordToken) -> Bool {
        token.kind == "word" && token.isCapitalised
    }

    /// Runs of capitalised tokens, split and trimmed into name pieces.
    func candidatePieces(_ view: DocumentView) -> [NameMention] {
        let tokens = view.tokens
        // Words seen capitalised in the middle of a sentence: evidence that a capitalised word is a name.
        var midSentenceCapitals: Set<String> = []
        var lowerSeen: Set<String> = []
        for (index, token) in tokens.enumerated() where token.kind == "word" {
            if token.isCapitalised && !view.isHeading(sentence: token.sentence) {
                // Capitalised mid-sentence, or part of a run of capitalised words ("Kamal Kharrazi").
                let inRun = (index + 1 < tokens.count && tokens[index + 1].sentence == token.sentence && isCap(tokens[index + 1]))
                    || (index > 0 && tokens[index - 1].sentence == token.sentence && isCap(tokens[index - 1]) && !isSentenceInitial(tokens[index - 1], view))
                if !isSentenceInitial(token, view) || (inRun && !FunctionWords.all.contains(token.lower)) { midSentenceCapitals.insert(token.text) }
            }
            if !token.isCapitalised { lowerSeen.insert(token.lower) }
        }
        var pieces: [NameMention] = []
        for sentenceIndex in view.sentences.indices {
            let range = view.tokenRange(ofSentence: sentenceIndex)
            let heading = view.isHeading(sentence: sentenceIndex)
            let sentenceText = view.text(view.sentences[sentenceIndex].start, view.sentences[sentenceIndex].end)
            // A sentence in capitals (a teaser, a shouted headline) names nothing by its capitals.
            if sentenceText == sentenceText.uppercased() && sentenceText.unicodeScalars.filter({ $0.properties.isAlphabetic }).count > 12 { continue }
            var i = range.lowerBound
            while i < range.upperBound {
                guard isCap(tokens[i]) else { i += 1; continue }
                var j = i + 1
                while j < range.upperBound {
                    if isCap(tokens[j]) { j += 1; continue }
                    if EntityRecognizer.connectors.contains(tokens[j].lower), j + 1 < range.upperBound, isCap(tokens[j + 1]),
                       tokens[j].lower != "and" || !lexicon.orgWords.isDisjoint(with: tokens[(j + 1)..<min(j + 5, range.upperBound)].map(\.lower)) {
                        j += 1
                        continue
                    }
                    // "of the", "for the": two connectors before a capitalised word.
                    if ["of", "for"].contains(tokens[j].lower), j + 2 < range.upperBound, tokens[j + 1].lower == "the", isCap(tokens[j + 2]) {
                        j += 2
                        continue
                    }
                    break
                }
                var run = Array(i..<j)
                // Leading function words ("The", "But") are not part of a name.
                while let first = run.first, FunctionWords.all.contains(tokens[first].lower) || tokens[first].lower == "the" {
                    run.removeFirst()
                }
                // A sentence-initial capital that is a common word elsewhere is not a name by itself.
                if let first = run.first, isSentenceInitial(tokens[first], view) {
                    let word = tokens[first]
                    let known = isGazetteerName(word.text) || lexicon.firstNames.contains(word.lower) || midSentenceCapitals.contains(word.text)
                    if !known && (lowerSeen.contains(word.lower) || run.count == 1) && !lexicon.personTitles.contains(word.lower) {
                        run.removeFirst()
                    }
                }
                // In a headline, only names confirmed elsewhere count.
                if heading {
                    run = run.filter { midSentenceCapitals.contains(tokens[$0].text) || isGazetteerName(tokens[$0].text) || EntityRecognizer.connectors.contains(tokens[$0].lower) }
                    if run.isEmpty { i = j; continue }
                }
                pieces.append(contentsOf: split(run, view))
                i = max(j, i + 1)
            }
        }
        return pieces
    }

    private func isSentenceInitial(_ token: WordToken, _ view: DocumentView) -> Bool {
        if token.position == 0 { return true }
        let range = view.tokenRange(ofSentence: token.sentence)
        // After an opening quotation mark or bracket at the start.
        var k = range.lowerBound
        while k < range.upperBound, view.tokens[k].kind == "punct" { k += 1 }
        return k == range.lowerBound + token.position
    }

    func isGazetteerName(_ name: String) -> Bool {
        lexicon.countries.contains(name) || lexicon.cities.contains(name) || lexicon.regions.contains(name) || lexicon.demonyms[name] != nil
    }

    /// Splits a run into names: titles come off the front, connectors split runs that are not one
    /// organisation's name, and an organisation word followed by a first name splits there.
    func split(_ run: [Int], _ view: DocumentView) -> [NameMention] {
        let tokens = view.tokens
        guard !run.isEmpty else { return [] }
        var indices = run
        // Titles ("Brigadier General", "Dr.", "Mayor").
        var titles: [String] = []
        var strippedTitle = true
        while strippedTitle && indices.count > 1 {
            strippedTitle = false
            for length in stride(from: min(3, indices.count), through: 1, by: -1) {
                let phrase = indices.prefix(length).map { tokens[$0].lower }.joined(separator: " ")
                let bare = phrase.hasSuffix(".") ? String(phrase.dropLast()) : phrase
                if lexicon.personTitles.contains(phrase) || lexicon.personTitles.contains(bare) {
                    titles.append(indices.prefix(length).map { tokens[$0].text }.joined(separator: " "))
                    indices.removeFirst(length)
                    strippedTitle = true
                    break
                }
            }
        }
        // Trailing connectors are not part of the name.
        while let last = indices.last, EntityRecognizer.connectors.contains(tokens[last].lower) { indices.removeLast() }
        while let first = indices.first, EntityRecognizer.connectors.contains(tokens[first].lower) && tokens[first].lower != "al" { indices.removeFirst() }
        // Month and weekday names are dates, not names.
        guard !indices.isEmpty else { return [] }
        if indices.count == 1 {
            let word = tokens[indices[0]].lower
            let bare = word.hasSuffix(".") ? String(word.dropLast()) : word
            if DateWords.all.contains(word) || lexicon.personTitles.contains(word) || lexicon.personTitles.contains(bare) { return [] }
        }

        let words = indices.map { tokens[$0].lower }
        // A title before an organisation's name ("Brigadier General of the … Corps") is not a person's.
        if !titles.isEmpty && words.contains(where: { lexicon.orgWords.contains($0) }) && !words.contains(where: { lexicon.firstNames.contains($0) }) {
            titles = []
        }
        // A word with a lower-case suffix ("Iranian-owned", "Boston-based") is an adjective, not a name.
        if indices.count == 1, let hyphen = tokens[indices[0]].text.firstIndex(of: "-"),
           tokens[indices[0]].text[tokens[indices[0]].text.index(after: hyphen)...].first?.isLowercase == true {
            return []
        }
        let hasConnector = words.contains { $0 == "and" || $0 == "&" }
        let isOrg = words.contains { lexicon.orgWords.contains($0) }
        var groups: [[Int]] = []
        if hasConnector && !isOrg && !isGazetteerName(indices.map { tokens[$0].text }.joined(separator: " ")) {
            // "Israel and Iran", "Lebanon of …": separate names.
            var current: [Int] = []
            for index in indices {
                if tokens[index].lower == "and" || tokens[index].lower == "&" {
                    if !current.isEmpty { groups.append(current) }
                    current = []
                } else {
                    current.append(index)
                }
            }
            if !current.isEmpty { groups.append(current) }
        } else {
            groups = [indices]
        }
        // "Aerospace Force Amir Ali Hajizadeh": an organisation word, then a first name.
        var refined: [[Int]] = []
        for group in groups {
            var cut: Int? = nil
            for k in 1..<max(1, group.count) where k < group.count && cut == nil {
                let before = tokens[group[k - 1]].lower
                guard lexicon.firstNames.contains(tokens[group[k]].lower), group.count - k >= 2,
                      !EntityRecognizer.connectors.contains(before), !lexicon.firstNames.contains(before) else { continue }
                // After an organisation's or a place's name ("… Force Amir Ali Hajizadeh",
                // "Foundation for Defense of Democracies Behnam Ben Taleblu").
                let head = group[..<k].map { tokens[$0].lower }
                if lexicon.orgWords.contains(before) || head.contains(where: { EntityRecognizer.connectors.contains($0) }) || head.count >= 3 {
                    cut = k
                }
            }
            if let cut {
                refined.append(Array(group[..<cut]))
                refined.append(Array(group[cut...]))
            } else {
                refined.append(group)
            }
        }
        return refined.compactMap { group in
            guard let first = group.first, let last = group.last else { return nil }
            let start = tokens[first].start, end = tokens[last].end
            var mention = NameMention(start: start, end: end, firstToken: first, lastToken: last, text: view.text(start, end), type: "")
            if group.first == indices.first { mention.titles = titles }
            return mention
        }
    }

    // MARK: Types

    func classify(_ pieces: [NameMention], _ view: DocumentView) -> [NameMention] {
        let tokens = view.tokens
        var result: [NameMention] = []
        // First pass: types from the name itself and its titles.
        var typed = pieces.map { piece -> NameMention in
            var mention = piece
            mention.type = intrinsicType(piece, view)
            return mention
        }
        // People known by full name lend their surname and first name to single-word mentions.
        var personParts: Set<String> = []
        for mention in typed where mention.type == "PERSON" && mention.lastToken > mention.firstToken {
            personParts.insert(tokens[mention.lastToken].text)
        }
        for index in typed.indices where typed[index].type.isEmpty {
            let mention = typed[index]
            if mention.firstToken == mention.lastToken && personParts.contains(mention.text) {
                typed[index].type = "PERSON"
                continue
            }
            typed[index].type = contextType(mention, view)
        }
        for mention in typed where !mention.type.isEmpty { result.append(mention) }
        return result
    }

    /// The type a name has by itself: from gazetteers, its words and its titles; "" when unknown.
    func intrinsicType(_ mention: NameMention, _ view: DocumentView) -> String {
        let tokens = view.tokens
        let text = mention.text
        let words = (mention.firstToken...mention.lastToken).map { tokens[$0].lower }
        if !mention.titles.isEmpty { return "PERSON" }
        if lexicon.demonyms[text] != nil { return "NORP" }
        if lexicon.countries.contains(text) || lexicon.cities.contains(text) { return "GPE" }
        if lexicon.regions.contains(text) { return "LOC" }
        if let last = words.last, lexicon.orgWords.contains(last) { return "ORG" }
        if words.count > 1, lexicon.orgWords.contains(words[0]), words.contains(where: { EntityRecognizer.connectors.contains($0) }) { return "ORG" }
        if mention.isAcronym { return "ORG" }
        if words.count >= 2, words.count <= 4, lexicon.firstNames.contains(words[0]) { return "PERSON" }
        return ""
    }

    /// The type from what surrounds the name: a speech verb after it, an apposition naming a role,
    /// a role noun before it.
    func contextType(_ mention: NameMention, _ view: DocumentView) -> String {
        let tokens = view.tokens
        let sentence = view.tokenRange(ofSentence: tokens[mention.firstToken].sentence)
        let next = mention.lastToken + 1
        if next < sentence.upperBound, lexicon.speechVerbs.contains(tokens[next].lower) {
            return mention.firstToken == mention.lastToken && !lexicon.firstNames.contains(tokens[mention.firstToken].lower)
                && mention.text.count > 1 ? "PERSON" : "PERSON"
        }
        if next + 1 < sentence.upperBound, tokens[next].text == ",", tokens[next + 1].lower == "who" { return "PERSON" }
        if next + 2 < sentence.upperBound, tokens[next].text == ",",
           (tokens[next + 1].lower == "a" || tokens[next + 1].lower == "an" || tokens[next + 1].lower == "the"),
           lexicon.roleNouns.contains(tokens[next + 2].lower) || (next + 3 < sentence.upperBound && lexicon.roleNouns.contains(tokens[next + 3].lower)) {
            return "PERSON"
        }
        let previous = mention.firstToken - 1
        if previous >= sentence.lowerBound, lexicon.roleNouns.contains(tokens[previous].lower) && mention.lastToken > mention.firstToken {
            return "PERSON"
        }
        // "in Ravensmouth", "from Easthaven": a place.
        if previous >= sentence.lowerBound, ["in", "at", "from", "near", "across", "outside", "inside", "throughout", "to"].contains(tokens[previous].lower),
           mention.lastToken - mention.firstToken <= 1, !mention.isAcronym,
           !(mention.firstToken...mention.lastToken).contains(where: { lexicon.firstNames.contains(tokens[$0].lower) }) {
            return tokens[previous].lower == "to" ? "MISC" : "GPE"
        }
        if mention.lastToken > mention.firstToken && mention.lastToken - mention.firstToken <= 3 {
            // Two to four capitalised words with no organisation word: a name, most often a person's,
            // when one of them is a known first name anywhere in it.
            if (mention.firstToken...mention.lastToken).contains(where: { lexicon.firstNames.contains(tokens[$0].lower) }) { return "PERSON" }
            return "MISC"
        }
        return "MISC"
    }

    // MARK: Entities

    /// Groups mentions into entities: same name, surname of a full name, acronym of a name.
    func group(_ names: [NameMention], _ view: DocumentView) -> [Entity] {
        let tokens = view.tokens
        struct Draft {
            var type: String
            var names: [String]
            var mentions: [Mention]
            var roles: [String]
            var firstPosition: Int
        }
        var drafts: [Draft] = []
        var byName: [String: Int] = [:]
        // Longer names first, so that "Kharrazi" finds "Kamal Kharrazi".
        let order = names.indices.sorted { (names[$0].end - names[$0].start, -names[$0].start) > (names[$1].end - names[$1].start, -names[$1].start) }
        var assignment: [Int: Int] = [:]
        for index in order {
            let name = names[index]
            var target: Int? = byName[name.type + "|" + name.text]
            if target == nil && name.firstToken == name.lastToken {
                // A single word: a part of a person's name, or an acronym of an organisation's.
                for (d, draft) in drafts.enumerated() {
                    if draft.type == "PERSON" && (name.type == "PERSON" || name.type == "MISC") {
                        if draft.names.contains(where: { $0.split(separator: " ").last.map(String.init) == name.text || $0.split(separator: " ").first.map(String.init) == name.text && $0.split(separator: " ").count > 1 }) {
                            target = d
                            break
                        }
                    }
                    if name.isAcronym && (draft.type == "ORG" || draft.type == "MISC") {
                        if draft.names.contains(where: { EntityRecognizer.initials($0) == name.text.replacingOccurrences(of: ".", with: "") }) {
                            target = d
                            break
                        }
                    }
                }
            }
            let kind = name.firstToken == name.lastToken && tokens[name.firstToken].isAllCapitals ? "acronym" : (target == nil ? "name" : "short-name")
            let mention = Mention(start: name.start, end: name.end, kind: kind)
            if let target {
                drafts[target].mentions.append(mention)
                if !drafts[target].names.contains(name.text) { drafts[target].names.append(name.text) }
                drafts[target].firstPosition = min(drafts[target].firstPosition, name.start)
                drafts[target].roles += name.titles.filter { !drafts[target].roles.contains($0) }
                assignment[index] = target
            } else {
                drafts.append(Draft(type: name.type, names: [name.text], mentions: [mention], roles: name.titles, firstPosition: name.start))
                byName[name.type + "|" + name.text] = drafts.count - 1
                assignment[index] = drafts.count - 1
            }
        }
        // Roles from appositions and descriptions around person mentions.
        for (index, name) in names.enumerated() where name.type == "PERSON" {
            guard let d = assignment[index] else { continue }
            for role in roles(around: name, view) where !drafts[d].roles.contains(role) {
                drafts[d].roles.append(role)
            }
        }
        drafts.sort { $0.firstPosition < $1.firstPosition }
        return drafts.enumerated().map { offset, draft in
            let canonical = draft.names.max { ($0.count, $1) < ($1.count, $0) } ?? draft.names[0]
            let kinds = draft.mentions.sorted { $0.start < $1.start }
            return Entity(id: "e\(offset)", type: draft.type, name: canonical,
                          variants: draft.names.filter { $0 != canonical }.sorted(), roles: draft.roles, mentions: kinds)
        }
    }

    static func initials(_ name: String) -> String {
        name.split(separator: " ").filter { word in
            guard let first = word.unicodeScalars.first else { return false }
            return first.properties.isUppercase && !["The", "Of", "For", "And"].contains(String(word))
        }.map { String($0.prefix(1)) }.joined()
    }

    /// Roles said of a person: "Name, Iranian foreign minister and …, said" and
    /// "senior fellow with The Foundation … Name said".
    func roles(around name: NameMention, _ view: DocumentView) -> [String] {
        let tokens = view.tokens
        let sentence = view.tokenRange(ofSentence: tokens[name.firstToken].sentence)
        var roles: [String] = []
        // Apposition after the name, between commas.
        var k = name.lastToken + 1
        if k < sentence.upperBound, tokens[k].text == "," {
            k += 1
            let from = k
            while k < sentence.upperBound, tokens[k].text != ",", tokens[k].text != ".", tokens[k].text != ";" { k += 1 }
            if k > from, k - from <= 20 {
                let words = tokens[from..<k].map(\.lower)
                let first = tokens[from]
                let startsLikeRole = !first.isCapitalised || lexicon.demonyms[first.text] != nil || lexicon.personTitles.contains(first.lower)
                if startsLikeRole && words.contains(where: { lexicon.roleNouns.contains($0) || lexicon.personTitles.contains($0) })
                    && !words.contains(where: { lexicon.speechVerbs.contains($0) }) && first.lower != "who" && first.lower != "which" {
                    roles.append(view.text(tokens[from].start, tokens[k - 1].end))
                }
            }
        }
        // A description before the name, from the start of its clause.
        var b = name.firstToken - 1
        var hasRole = false
        while b >= sentence.lowerBound, tokens[b].text != ",", tokens[b].text != ";", tokens[b].text != "\"", tokens[b].text != "“" {
            if lexicon.roleNouns.contains(tokens[b].lower) || lexicon.personTitles.contains(tokens[b].lower) { hasRole = true }
            if lexicon.speechVerbs.contains(tokens[b].lower) { hasRole = false; break }
            b -= 1
        }
        if hasRole, b + 1 < name.firstToken, name.firstToken - (b + 1) <= 20 {
            var from = b + 1
            while from < name.firstToken, ["the", "a", "an"].contains(tokens[from].lower) { from += 1 }
            if from < name.firstToken {
                roles.append(view.text(tokens[from].start, tokens[name.firstToken - 1].end))
            }
        }
        return roles
    }
}

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
    var isAcronym: Bool { text.count >= 2 && text.count <= 6 && text == text.uppercased() && text.unicodeScalars.allSatisfy { $0.isAlphabeticLetter || $0 == "." } }
}

/// Finds people, organisations, places and groups with the statistical name tagger (NERTagger, trained
/// on CoNLL-2003: spans and the types PER, ORG, LOC, MISC), maps its types to newsmill's with the
/// gazetteers (Pipelines/extract/gazetteer/), takes titles off the front of person names; then groups
/// the mentions of one referent into one entity ("Kamal Kharrazi" … "Kharrazi"; "IRGC" and "Islamic
/// Revolutionary Guards Corps"), with roles from appositions and titles.
struct EntityRecognizer {
    let lexicon: ExtractLexicon

    func recognize(_ view: DocumentView) -> (entities: [Entity], names: [NameMention]) {
        let names = taggedNames(view)
        let entities = requireEvidenceForPeople(group(names, view), view)
        return (entities, names)
    }

    /// Corrections of the tagger's spans, in this order, each from the word lists:
    /// 1. leading "The", "But", … come off a name;
    /// 2. an organisation word followed by a first name and more splits a span in two ("Aerospace
    ///    Force | Amir Ali Hajizadeh"), and so does a first name with two more words after an
    ///    organisation's name ("Foundation for Defense of Democracies | Behnam Ben Taleblu");
    /// 3. a capitalised phrase ending in an organisation word ("Islamic Revolutionary Guards Corps")
    ///    that the tagger read in part as a person's name becomes one ORG (titles before it stay outside).
    func corrected(_ spans: [TaggedSpan], _ words: [String], lowerCaseWords: Set<String> = []) -> [TaggedSpan] {
        let lower = words.map { $0.lowercased() }
        func capitalised(_ k: Int) -> Bool { words[k].unicodeScalars.first.map { $0.isUppercaseLetter } == true }
        var result: [TaggedSpan] = []
        for var span in pieces(of: spans, words) {
            // 1.
            while span.end - span.start > 1, FunctionWords.all.contains(lower[span.start]) { span.start += 1 }
            // A person's name begins after the last title or role inside the span when a given name
            // follows it ("PolitiFact Executive Director | Aaron Sharockman"; "Martin Luther King Jr."
            // stays whole), and ends before a word that is never part of a name ("Sanders | Vows To
            // Eliminate Tax Breaks", a headline in title case).
            if span.type == "PER" {
                if let role = (span.start..<(span.end - 1)).last(where: { lexicon.roleNouns.contains(lower[$0]) || lexicon.personTitles.contains(lower[$0]) }),
                   lexicon.firstNames.contains(lower[role + 1]) {
                    span.start = role + 1
                }
                if let stop = ((span.start + 1)..<max(span.start + 1, span.end)).first(where: { FunctionWords.all.contains(lower[$0]) && capitalised($0) }) {
                    span.end = stop
                }
                // … and before a capitalised word the document also writes in lower case that is no
                // one's name, with more words after it ("Barack Obama | Election Day"; "Stuart Law" and
                // "Aravinda de Silva" stay).
                if let stop = ((span.start + 1)..<max(span.start + 1, span.end - 1)).first(where: {
                    capitalised($0) && lowerCaseWords.contains(lower[$0]) && !lexicon.firstNames.contains(lower[$0]) && !lexicon.lastNames.contains(lower[$0])
                }) {
                    span.end = stop
                }
            }
            // 2.
            var cut: Int? = nil
            for k in (span.start + 1)..<max(span.start + 1, span.end - 1) where cut == nil {
                guard lexicon.firstNames.contains(lower[k]), !lexicon.firstNames.contains(lower[k - 1]) else { continue }
                // Right after the organisation word, or further on when three or more words follow
                // ("Foundation for Defense of Democracies | Behnam Ben Taleblu"; "Bank of America
                // Merrill Lynch" stays whole).
                if lexicon.orgWords.contains(lower[k - 1]) || (span.end - k >= 3 && capitalised(k - 1) && (span.start..<k).contains { lexicon.orgWords.contains(lower[$0]) }) { cut = k }
            }
            if let cut {
                result.append(TaggedSpan(start: span.start, end: cut, type: span.type == "PER" ? "ORG" : span.type))
                result.append(TaggedSpan(start: cut, end: span.end, type: "PER"))
            } else {
                result.append(span)
            }
        }
        // 3.
        var i = 0
        while i < words.count {
            guard capitalised(i) else { i += 1; continue }
            var j = i + 1
            while j < words.count {
                if capitalised(j) { j += 1; continue }
                if ["of", "for", "the", "and", "&"].contains(lower[j]), j + 1 < words.count, capitalised(j + 1) || lower[j + 1] == "the" { j += 1; continue }
                break
            }
            var start = i
            while start < j - 1, let length = titleLength(words: lower, at: start, limit: j - 1 - start) { start += length }
            while start < j - 1, FunctionWords.all.contains(lower[start]) || ["of", "the"].contains(lower[start]) { start += 1 }
            var end = j
            // The phrase ends at its last organisation word ("… Guards Corps (IRGC)").
            while end - start >= 2, !lexicon.orgWords.contains(lower[end - 1]) { end -= 1 }
            let inside = result.filter { $0.start < end && start < $0.end }
            if end - start >= 2, inside.contains(where: { $0.type == "PER" }),
               inside.allSatisfy({ $0.start >= start && $0.end <= end }) {
                result.removeAll { $0.start < end && start < $0.end }
                result.append(TaggedSpan(start: start, end: end, type: "ORG"))
                result.sort { $0.start < $1.start }
            }
            i = j
        }
        return result
    }

    /// Words written in lower case inside names ("Bank of Spain", "Vasco da Gama", "Organisation for
    /// Security and Cooperation in Europe").
    static let nameConnectors: Set<String> = [
        "of", "and", "the", "for", "in", "on", "&", "de", "da", "do", "dos", "das", "del", "della", "dal", "di", "du", "des",
        "la", "le", "les", "van", "von", "der", "den", "zu", "y", "e", "et", "al", "el", "bin", "ibn", "wa", "am", "'s", "’s",
    ]

    /// Spans cut where they cannot hold one name: at a bracket whose partner lies outside the span
    /// ("IRGC ) Aerospace Force" is two names), at a word in lower case that does not join names
    /// ("Republic against Israel") and at a comma before a date ("… in Havnby , March"). Brackets at
    /// either end come off; a piece that is a country, region or city of the gazetteer is a place.
    func pieces(of spans: [TaggedSpan], _ words: [String]) -> [TaggedSpan] {
        func isBracket(_ k: Int) -> Bool { ["(", ")", "[", "]"].contains(words[k]) }
        var result: [TaggedSpan] = []
        for span in spans {
            var cuts: [Int] = []   // tokens that end one piece and begin none
            var open: [Int] = []
            for k in span.start..<span.end {
                let word = words[k]
                if word == "(" || word == "[" { open.append(k) }
                else if word == ")" || word == "]" { if open.popLast() == nil { cuts.append(k) } }
                else if word == ",", k + 1 < span.end, DateWords.all.contains(words[k + 1].lowercased()) { cuts.append(k) }
                else if k > span.start, k < span.end - 1, let first = word.unicodeScalars.first, first.isLowercaseLetter,
                        !EntityRecognizer.nameConnectors.contains(word.lowercased()), !word.contains("-") { cuts.append(k) }
            }
            cuts += open
            guard !cuts.isEmpty || isBracket(span.start) || isBracket(span.end - 1) else { result.append(span); continue }
            var from = span.start
            for cut in cuts.sorted() + [span.end] {
                var piece = TaggedSpan(start: from, end: cut, type: span.type)
                from = cut + 1
                // A bracket at an end comes off unless its partner is inside ("Buducnost ( V )").
                func opens(_ k: Int) -> Bool { words[k] == "(" || words[k] == "[" }
                func closes(_ k: Int) -> Bool { words[k] == ")" || words[k] == "]" }
                func loose(_ k: Int) -> Bool {
                    if opens(k) { return !(k + 1..<piece.end).contains(where: closes) }
                    if closes(k) { return !(piece.start..<k).contains(where: opens) }
                    return EntityRecognizer.nameConnectors.contains(words[k].lowercased())
                }
                while piece.start < piece.end, loose(piece.start) { piece.start += 1 }
                while piece.start < piece.end, loose(piece.end - 1) { piece.end -= 1 }
                guard piece.start < piece.end, words[piece.start].unicodeScalars.first?.isUppercaseLetter == true else { continue }
                if piece != span {
                    let text = words[piece.start..<piece.end].joined(separator: " ")
                    if lexicon.countries.contains(text) || lexicon.countryRegions.contains(text) || lexicon.cities.contains(text) { piece.type = "LOC" }
                }
                result.append(piece)
            }
        }
        return result
    }

    /// A person is introduced by a full name, a title, a first name or a speech verb somewhere in the
    /// document; a "person" seen only as one unknown word ("Hezbollah") with none of those is more
    /// likely an organisation the tagger has not met.
    func requireEvidenceForPeople(_ entities: [Entity], _ view: DocumentView) -> [Entity] {
        let tokens = view.tokens
        var byStart: [Int: Int] = [:]
        for (index, token) in tokens.enumerated() { byStart[token.start] = index }
        return entities.map { entity in
            guard entity.type == "PERSON", entity.roles.isEmpty, !entity.name.contains(" "), entity.variants.isEmpty,
                  !lexicon.firstNames.contains(entity.name.lowercased()) else { return entity }
            let spoken = entity.mentions.contains { mention in
                guard let first = byStart[mention.start] else { return false }
                var last = first
                while last + 1 < tokens.count, tokens[last].end < mention.end { last += 1 }
                let next = last + 1, previous = first - 1
                if next < tokens.count, tokens[next].sentence == tokens[first].sentence {
                    if lexicon.speechVerbs.contains(tokens[next].lower) { return true }
                    if tokens[next].text == ",", next + 1 < tokens.count, ["who", "whose"].contains(tokens[next + 1].lower) { return true }
                    if ["'s", "’s"].contains(tokens[next].lower) { return false }
                }
                if previous >= 0, tokens[previous].sentence == tokens[first].sentence,
                   lexicon.personTitles.contains(tokens[previous].lower) || lexicon.roleNouns.contains(tokens[previous].lower) { return true }
                return false
            }
            if spoken || entity.mentions.count < 2 { return entity }
            var retyped = entity
            retyped.type = "ORG"
            return retyped
        }
    }

    // MARK: Names

    /// The tagger's names, in text order, typed and with person titles taken off.
    func taggedNames(_ view: DocumentView) -> [NameMention] {
        let tokens = view.tokens
        let sentences = view.sentences.indices.map { view.tokenRange(ofSentence: $0).map { tokens[$0].text } }
        let lowerCaseWords = NERFeatures.lowerCaseWords(sentences)
        let tags = NERTagger(model: lexicon.nerModel, lexicon: lexicon).tag(document: sentences, lowerCaseWords: lowerCaseWords)
        var names: [NameMention] = []
        var inHeadline: [Bool] = []
        for (sentence, sentenceTags) in tags.enumerated() {
            let headline = isHeadline(view.tokenRange(ofSentence: sentence), view)
            defer { inHeadline += Array(repeating: headline, count: names.count - inHeadline.count) }
            let base = view.tokenRange(ofSentence: sentence).lowerBound
            let words = view.tokenRange(ofSentence: sentence).map { tokens[$0].text }
            for var span in corrected(NERTagger.spans(sentenceTags), words, lowerCaseWords: lowerCaseWords) {
                var first = base + span.start
                let last = base + span.end - 1
                var titles: [String] = []
                // A name right after a person's title is a person's, whatever else it spells ("President
                // Obama", not the Japanese city; "Mr. Ham").
                if span.type != "PER", first > base, tokens[first].isCapitalised, !tokens[first].isAllCapitals,
                   tokens[first - 1].isCapitalised, titleLength(at: first - 1, limit: 1, view) == 1 {
                    span.type = "PER"
                }
                if span.type == "PER" {
                    // A title inside the span ("President Clinton" tagged whole) comes off the front.
                    while first < last, let length = titleLength(at: first, limit: last - first, view) {
                        titles.append(view.text(tokens[first].start, tokens[first + length - 1].end))
                        first += length
                    }
                    // A capitalised title just before the name ("Brigadier General Amir …", "Dr. Ruiz").
                    if titles.isEmpty {
                        for length in stride(from: 3, through: 1, by: -1) where first - length >= base {
                            let from = first - length
                            if tokens[from].isCapitalised, titleLength(at: from, limit: length, view) == length {
                                titles.append(view.text(tokens[from].start, tokens[first - 1].end))
                                break
                            }
                        }
                    }
                }
                let text = view.text(tokens[first].start, tokens[last].end)
                if span.type != "PER" && DateWords.all.contains(text.lowercased()) { continue }
                names.append(NameMention(start: tokens[first].start, end: tokens[last].end, firstToken: first, lastToken: last,
                                         text: text, type: newsmillType(span.type, text), titles: titles))
            }
        }
        // A name read in a headline in title case ("Retired General Reveals What Obama Did", "Clinton Hid
        // Past Health Problems") counts when the running text names it too, or when it is a country or
        // city: in such a line every word looks like a name.
        let confirmed = Set(names.indices.filter { !inHeadline[$0] }.flatMap { index in
            [names[index].text.lowercased()] + names[index].text.lowercased().split(separator: " ").map(String.init)
        })
        return names.indices.compactMap { index in
            let name = names[index]
            guard inHeadline[index] else { return name }
            let lower = name.text.lowercased()
            let known = confirmed.contains(lower) || lower.split(separator: " ").allSatisfy {
                confirmed.contains(String($0)) || EntityRecognizer.nameConnectors.contains(String($0))
            }
            let place = lexicon.countries.contains(NERFeatures.titleCased(name.text)) || lexicon.cities.contains(NERFeatures.titleCased(name.text))
            return known || place ? name : nil
        }
    }

    /// A line of at least five words, no digits or brackets, one comma at most, four in five of them
    /// capitalised and most not in capitals: a headline in title case, not a sentence or a list of names.
    func isHeadline(_ range: Range<Int>, _ view: DocumentView) -> Bool {
        guard range.count >= 5 else { return false }
        var words = 0, capitalised = 0, commas = 0
        for k in range {
            let token = view.tokens[k]
            switch token.kind {
            case "number": return false
            case "word":
                words += 1
                if token.isCapitalised { capitalised += 1 } else if (words - capitalised) * 5 > range.count { return false }
            default:
                // Brackets and commas make a list of names ("Wood , Loren Roberts , Steve Stricker"); a
                // headline has one comma at most ("Clinton Hid Past Health Problems From Public, Former
                // White House Doctor Says").
                if ["(", ")", ";", ":"].contains(token.text) { return false }
                if token.text == "," { commas += 1; if commas > 1 { return false } }
            }
        }
        guard words >= 5, capitalised * 5 >= words * 4 else { return false }
        // In capitals the tagger has learnt (news wires' headlines are in capitals); in title case not.
        let capitals = range.filter { view.tokens[$0].kind == "word" && view.tokens[$0].isAllCapitals }.count
        return capitals * 2 < words
    }

    /// The length of the person title starting at token `index` ("brigadier general", "dr."), at most
    /// `limit` tokens; nil when none starts there.
    func titleLength(at index: Int, limit: Int, _ view: DocumentView) -> Int? {
        let end = min(view.tokens.count, index + min(3, limit))
        return titleLength(words: view.tokens[index..<end].map(\.lower), at: 0, limit: limit)
    }

    func titleLength(words: [String], at index: Int, limit: Int) -> Int? {
        for length in stride(from: min(3, limit), through: 1, by: -1) where index + length <= words.count {
            let phrase = words[index..<(index + length)].joined(separator: " ")
            let bare = phrase.hasSuffix(".") ? String(phrase.dropLast()) : phrase
            if lexicon.personTitles.contains(phrase) || lexicon.personTitles.contains(bare) { return length }
        }
        return nil
    }

    /// newsmill's type for a CoNLL type: PER → PERSON; LOC → GPE for a country, city or region of a
    /// country, else LOC; ORG → ORG; MISC → NORP for a demonym or group name, else MISC.
    func newsmillType(_ conll: String, _ text: String) -> String {
        switch conll {
        case "PER": return "PERSON"
        case "ORG": return "ORG"
        case "LOC":
            return lexicon.countries.contains(text) || lexicon.cities.contains(text) || lexicon.countryRegions.contains(text) ? "GPE" : "LOC"
        default:
            return lexicon.demonyms[text] != nil ? "NORP" : "MISC"
        }
    }

    // MARK: Entities

    /// Groups mentions into entities: same name, surname of a full name, acronym of a name.
    func group(_ names: [NameMention], _ view: DocumentView) -> [Entity] {
        let tokens = view.tokens
        struct Draft {
            var type: String
            private(set) var names: [String] = []
            /// Per name: its words, and (for organisations and others) its initials.
            private(set) var words: [[Substring]] = []
            private(set) var initials: [String] = []
            var mentions: [Mention]
            var roles: [String]
            var firstPosition: Int

            init(type: String, name: String, mention: Mention, roles: [String]) {
                self.type = type
                self.mentions = [mention]
                self.roles = roles
                self.firstPosition = mention.start
                add(name)
            }

            mutating func add(_ name: String) {
                names.append(name)
                words.append(name.split(separator: " "))
                if type == "ORG" || type == "MISC" { initials.append(EntityRecognizer.initials(name)) }
            }
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
                let text = Substring(name.text)
                let isAcronym = name.isAcronym
                let acronym = isAcronym ? String(name.text.unicodeScalars.filter { $0 != "." }) : ""
                // A single word: a part of a person's name, or an acronym of an organisation's.
                for (d, draft) in drafts.enumerated() {
                    if draft.type == "PERSON" && (name.type == "PERSON" || name.type == "MISC") {
                        if draft.words.contains(where: { $0.last == text || $0.first == text && $0.count > 1 }) {
                            target = d
                            break
                        }
                    }
                    // The surname of a person named in full, which the tagger read alone as an
                    // organisation ("Behnam Ben Taleblu" … "Taleblu said").
                    if draft.type == "PERSON" && name.type == "ORG" && !isAcronym && !lexicon.orgWords.contains(name.text.lowercased()),
                       draft.names.indices.contains(where: { draft.names[$0].utf8.contains(0x20) && draft.words[$0].last == text }) {
                        target = d
                        break
                    }
                    if isAcronym && (draft.type == "ORG" || draft.type == "MISC") {
                        if draft.initials.contains(acronym) {
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
                if !drafts[target].names.contains(name.text) { drafts[target].add(name.text) }
                drafts[target].firstPosition = min(drafts[target].firstPosition, name.start)
                drafts[target].roles += name.titles.filter { !drafts[target].roles.contains($0) }
                assignment[index] = target
            } else {
                drafts.append(Draft(type: name.type, name: name.text, mention: mention, roles: name.titles))
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
            return first.isUppercaseLetter && !["The", "Of", "For", "And"].contains(String(word))
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

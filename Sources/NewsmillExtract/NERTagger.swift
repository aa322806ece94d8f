import Foundation
import NewsmillCore

/// The tags of the statistical name tagger: O, then B- and I- (IOB2) for CoNLL's four types.
/// Index 0 is O; type k has B at 1 + 2k and I at 2 + 2k.
public enum NERTags {
    public static let types = ["PER", "ORG", "LOC", "MISC"]
    public static let names: [String] = ["O"] + types.flatMap { ["B-" + $0, "I-" + $0] }
    public static let count = 1 + 2 * types.count

    /// The tag index of an IOB2 tag name ("B-PER"), nil for an unknown one.
    public static func index(of name: String) -> Int? { names.firstIndex(of: name) }

    /// Type index (0…3) of a tag, nil for O.
    static func type(of tag: Int) -> Int? { tag == 0 ? nil : (tag - 1) / 2 }
    static func isInside(_ tag: Int) -> Bool { tag != 0 && tag % 2 == 0 }

    /// IOB2: an I- tag only continues a B- or I- tag of the same type.
    static func isAllowed(_ tag: Int, after previous: Int) -> Bool {
        guard isInside(tag) else { return true }
        return previous == tag - 1 || previous == tag
    }

    /// The tags a token may take after `previous`: IOB2's rule, and an honorific or abbreviated title
    /// ("Mr", "Mrs.", "Gen.") is never part of a name. CoNLL leaves titles out, so the tagger has
    /// seen few of them; one read as a name leads the next tags astray ("Mr./B-ORG Clarke/B-PER
    /// said/I-PER", in an article that names Mr. Clarke sixty times).
    @inline(__always) static func isAllowed(_ tag: Int, after previous: Int, token: NERFeatures.Token) -> Bool {
        if token.isHonorific, tag != 0 { return false }
        return isAllowed(tag, after: previous)
    }
}

/// A name the tagger found: token indices within its sentence (end exclusive) and a CoNLL type.
public struct TaggedSpan: Equatable, Sendable {
    public var start: Int
    public var end: Int
    public var type: String
}

/// Errors of reading or writing a tagger model file.
public struct NERModelError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// The weights of the averaged perceptron: feature hashes in ascending order, and for each feature
/// one Float32 weight per tag (row-major). File format (little-endian), Pipelines/extract/ner/:
///
///     8 bytes   magic "NMNER\0\0\u{1}"
///     UInt32    feature-set version (NERFeatures.version)
///     UInt32    tag count (NERTags.count)
///     UInt32    feature count n
///     n × UInt64   feature hashes, ascending
///     n × tags × Float32   weights
public struct NERModel: Sendable {
    public let hashes: [UInt64]
    public let weights: [Float]
    /// An open-addressing table (linear probing, at most half full) from feature hash to row, built
    /// at load: a lookup costs one or two probes where a binary search costs seventeen. A slot holds
    /// the hash and its row side by side, so a probe reads one cache line, not two.
    let slots: [Slot]
    let mask: Int

    struct Slot {
        var hash: UInt64 = 0
        var row: Int32 = -1
    }
    /// One bit per slot, set when the slot holds a feature (64 kB for the shipped model), small enough
    /// to stay in the processor's cache where the table does not: a feature the model does not have
    /// whose first slot is empty is answered here without reading the table.
    let occupied: [UInt64]

    static let magic: [UInt8] = Array("NMNER".utf8) + [0, 0, 1]

    public init(hashes: [UInt64], weights: [Float]) {
        precondition(NERTags.count == 9, "addWeights sums nine tags: O, and B and I of four types")
        self.hashes = hashes
        self.weights = weights
        var size = 16
        while size < hashes.count * 2 { size <<= 1 }
        var slots = [Slot](repeating: Slot(), count: size)
        for (row, hash) in hashes.enumerated() {
            var k = Int(truncatingIfNeeded: hash >> 20) & (size - 1)
            while slots[k].row >= 0 { k = (k + 1) & (size - 1) }
            slots[k] = Slot(hash: hash, row: Int32(row))
        }
        self.slots = slots
        self.mask = size - 1
        var occupied = [UInt64](repeating: 0, count: (size + 63) / 64)
        for k in 0..<size where slots[k].row >= 0 { occupied[k >> 6] |= 1 << UInt64(k & 63) }
        self.occupied = occupied
    }

    public var featureCount: Int { hashes.count }

    /// `scores` set to the sum of these rows' weights, added in the order given (the same sums, to
    /// the bit, as one tag at a time): the first eight of the nine tags as one vector, the ninth alone.
    @inline(__always) func addWeights(of rows: [Int], into scores: inout [Float]) {
        weights.withUnsafeBufferPointer { weights in
            var first = SIMD8<Float>(repeating: 0)
            var ninth: Float = 0
            if let base = weights.baseAddress {
                for row in rows {
                    let start = base + row * 9
                    first += UnsafeRawPointer(start).loadUnaligned(as: SIMD8<Float>.self)
                    ninth += start[8]
                }
            }
            for k in 0..<8 { scores[k] = first[k] }
            scores[8] = ninth
        }
    }

    /// The weight row of a feature, nil when the model does not know it.
    @inline(__always) func row(of hash: UInt64) -> Int? {
        var k = Int(truncatingIfNeeded: hash >> 20) & mask
        if occupied[k >> 6] & (1 << UInt64(k & 63)) == 0 { return nil }
        while true {
            let slot = slots[k]
            if slot.row < 0 { return nil }
            if slot.hash == hash { return Int(slot.row) }
            k = (k + 1) & mask
        }
    }

    public func write(to url: URL) throws {
        var data = Data(NERModel.magic)
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        append(UInt32(NERFeatures.version))
        append(UInt32(NERTags.count))
        append(UInt32(hashes.count))
        for hash in hashes { append(hash) }
        for weight in weights { append(weight.bitPattern) }
        try data.write(to: url, options: .atomic)
    }

    public static func load(from url: URL) throws -> NERModel {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw NERModelError("cannot read the name tagger model \(url.path) (train it with `make train-ner`)")
        }
        let header = magic.count + 12
        guard data.count >= header, Array(data.prefix(magic.count)) == magic else {
            throw NERModelError("\(url.path) is not a newsmill name tagger model (wrong magic bytes)")
        }
        return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> NERModel in
            func u32(_ offset: Int) -> Int { Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) }
            let version = u32(magic.count), tags = u32(magic.count + 4), count = u32(magic.count + 8)
            guard version == NERFeatures.version else {
                throw NERModelError("\(url.path) was trained with feature set \(version); this newsmill computes feature set \(NERFeatures.version): retrain it with `make train-ner`")
            }
            guard tags == NERTags.count else { throw NERModelError("\(url.path) has \(tags) tags, expected \(NERTags.count)") }
            guard data.count == header + count * 8 + count * tags * 4 else {
                throw NERModelError("\(url.path) is truncated or padded: \(data.count) bytes for \(count) features")
            }
            var hashes = [UInt64](repeating: 0, count: count)
            var weights = [Float](repeating: 0, count: count * tags)
            hashes.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[header..<(header + count * 8)])) }
            weights.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[(header + count * 8)...])) }
            if UInt32(littleEndian: 1) != 1 {
                hashes = hashes.map { UInt64(littleEndian: $0) }
                weights = weights.map { Float(bitPattern: UInt32(littleEndian: $0.bitPattern)) }
            }
            for i in 1..<max(1, count) where hashes[i - 1] >= hashes[i] {
                throw NERModelError("\(url.path): feature hashes are not in ascending order at \(i)")
            }
            return NERModel(hashes: hashes, weights: weights)
        }
    }

    /// The model shipped in Pipelines/extract/ner/.
    public static func load(fromPipelines pipelines: URL) throws -> NERModel {
        try load(from: pipelines.appendingPathComponent("extract/ner/conll2003-en.model"))
    }
}

/// Computes the tagger's features: the word, its shape, affixes, capitalisation, the words and shapes
/// around it (±2), gazetteer membership (Pipelines/extract/gazetteer/), whether the word is seen in
/// lower case elsewhere in the document, the words around the same word's other occurrences in the
/// document, the tags predicted for the two previous tokens, and the types predicted for the same word
/// earlier in the document (the last and the majority). Every feature is a 64-bit hash of its template
/// number and its value.
public struct NERFeatures: Sendable {
    /// Bump when a feature changes: old models are then refused with a clear error.
    public static let version = 7

    let lexicon: ExtractLexicon

    public init(lexicon: ExtractLexicon) { self.lexicon = lexicon }

    // MARK: Hashing

    @inline(__always) static func mix(_ h: UInt64, _ value: UInt64) -> UInt64 {
        var x = (h ^ value) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        return x &* 0xBF58_476D_1CE4_E5B9
    }

    @inline(__always) static func hash(_ scalars: ArraySlice<UInt32>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for s in scalars { h = (h ^ UInt64(s)) &* 0x0000_0100_0000_01B3 }
        return mix(h, UInt64(scalars.count))
    }

    @inline(__always) static func feature(_ template: UInt64, _ value: UInt64) -> UInt64 { mix(template &* 0x1000_0000_01B3 &+ 17, value) }

    // MARK: Per-token facts

    // Character classes with an ASCII fast path (Unicode properties cost a table lookup each).
    @inline(__always) static func isUpper(_ s: Unicode.Scalar) -> Bool { s.isUppercaseLetter }
    @inline(__always) static func isLower(_ s: Unicode.Scalar) -> Bool { s.isLowercaseLetter }
    @inline(__always) static func isDigit(_ s: Unicode.Scalar) -> Bool { s.isASCII ? (s.value >= 48 && s.value <= 57) : s.properties.numericType != nil }
    @inline(__always) static func isLetter(_ s: Unicode.Scalar) -> Bool { s.isAlphabeticLetter }

    /// What the features need of one token, computed once.
    struct Token {
        var word: UInt64       // lower-cased, digits as 0
        var exact: UInt64      // as written
        var shape: UInt64      // Xx, X, x, d, X.X., x-x …
        /// Hashes of the lower-cased word's first and of its last 1, 2, 3 and 4 characters, as far as
        /// the word is long (`affixCount` of each).
        var prefixes: (UInt64, UInt64, UInt64, UInt64)
        var suffixes: (UInt64, UInt64, UInt64, UInt64)
        var affixCount: Int
        var flags: UInt64      // bit set of capitalised, all capitals, digit, hyphen, first, …
        var gazetteer: UInt64  // 0 or the gazetteer entry kind and position
        var isCapitalised: Bool
        /// "Mr", "Mrs.", "Dr.", "Gen.": a person title that is an honorific or an abbreviation (unlike
        /// "Major" or "King", which are also family names).
        var isHonorific = false
        /// 0, or the last word of the run of capitalised words the token is in, with how far from the
        /// run's end the token is.
        var chunkLast: UInt64 = 0
        /// The first word of that run.
        var chunkFirst: UInt64 = 0
    }

    static let honorifics: Set<String> = ["mr", "mrs", "ms", "mx", "dr", "messrs", "mme", "mlle", "mssrs"]

    static let flagCapitalised: UInt64 = 1, flagAllCaps: UInt64 = 2, flagDigit: UInt64 = 4, flagHyphen: UInt64 = 8,
               flagFirst: UInt64 = 16, flagFirstName: UInt64 = 32, flagOrgWord: UInt64 = 64, flagTitle: UInt64 = 128,
               flagDemonym: UInt64 = 256, flagSeenLower: UInt64 = 512, flagAllCapsSentence: UInt64 = 1024,
               flagPunct: UInt64 = 2048, flagPrevTitle: UInt64 = 4096, flagLastName: UInt64 = 8192

    static func lowerScalars(_ text: String) -> [UInt32] {
        var text = text
        // ASCII (most words) without going through `lowercased()`.
        let ascii: [UInt32]? = text.withUTF8 { bytes in
            var out: [UInt32] = []
            out.reserveCapacity(bytes.count)
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                out.append(byte >= 0x41 && byte <= 0x5A ? UInt32(byte) + 32 : byte >= 0x30 && byte <= 0x39 ? 48 : UInt32(byte))
            }
            return out
        }
        return ascii ?? text.lowercased().unicodeScalars.map { $0.isASCII && isDigit($0) ? 48 : $0.value }
    }

    @inline(__always) static func element(_ values: (UInt64, UInt64, UInt64, UInt64), _ k: Int) -> UInt64 {
        switch k {
        case 0: return values.0
        case 1: return values.1
        case 2: return values.2
        default: return values.3
        }
    }

    /// `hash` of the word's scalar values, without an array of them.
    static func hashScalars(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var count: UInt64 = 0
        for s in text.unicodeScalars {
            h = (h ^ UInt64(s.value)) &* 0x0000_0100_0000_01B3
            count += 1
        }
        return mix(h, count)
    }

    /// `hash` of `shape(text)`, without an array of it.
    static func shapeHash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var count: UInt64 = 0
        var last: UInt32 = 0, run = 0
        for s in text.unicodeScalars {
            let c: UInt32 = isUpper(s) ? 88 : isLower(s) ? 120 : isDigit(s) ? 100 : isLetter(s) ? 97 : s.value
            if c == last { run += 1 } else { run = 1; last = c }
            if run <= 2 {
                h = (h ^ UInt64(c)) &* 0x0000_0100_0000_01B3
                count += 1
            }
        }
        return mix(h, count)
    }

    /// The word's shape (what `shapeHash` hashes, spelled out for the tests).
    static func shape(_ text: String) -> [UInt32] {
        var result: [UInt32] = []
        var last: UInt32 = 0, run = 0
        for s in text.unicodeScalars {
            let c: UInt32 = isUpper(s) ? 88 : isLower(s) ? 120 : isDigit(s) ? 100 : isLetter(s) ? 97 : s.value
            if c == last { run += 1 } else { run = 1; last = c }
            if run <= 2 { result.append(c) }   // "Xxxx" → "Xxx": runs cut at two
        }
        return result
    }

    /// Lower-cased words of a document seen written in lower case: a capitalised word that is also
    /// written in lower case is often a common word capitalised by its position.
    public static func lowerCaseWords(_ sentences: [[String]]) -> Set<String> {
        var seen: Set<String> = []
        for sentence in sentences {
            for (i, word) in sentence.enumerated() where i > 0 {
                if let first = word.unicodeScalars.first, isLower(first) { seen.insert(word) }
            }
        }
        return seen
    }

    /// Gazetteer matches of a sentence: for each token, 0 or a hash of (kind, begins/inside).
    func gazetteerMarks(_ words: [String]) -> [UInt64] {
        var marks = [UInt64](repeating: 0, count: words.count)
        var i = 0
        while i < words.count {
            guard let first = words[i].unicodeScalars.first, NERFeatures.isUpper(first) else { i += 1; continue }
            var matched = 0
            var kind: UInt64 = 0
            // The longest stretch a name can take: capitalised words, with "of", "and", … inside.
            var longest = 1
            while longest < 4, i + longest < words.count, let s = words[i + longest].unicodeScalars.first,
                  NERFeatures.isUpper(s) || NERFeatures.gazetteerConnectors.contains(words[i + longest]) { longest += 1 }
            for length in stride(from: longest, through: 1, by: -1) {
                guard let s = words[i + length - 1].unicodeScalars.first, NERFeatures.isUpper(s) else { continue }
                let joined = words[i..<(i + length)].joined(separator: " ")
                let shouted = joined.unicodeScalars.allSatisfy { !NERFeatures.isLower($0) }
                for candidate in shouted ? [joined, NERFeatures.titleCased(joined)] : [joined] {
                    if lexicon.countries.contains(candidate) { kind = 1 }
                    else if lexicon.regions.contains(candidate) { kind = 2 }
                    else if lexicon.cities.contains(candidate) { kind = 3 }
                    else if lexicon.demonyms[candidate] != nil { kind = 4 }
                    if kind != 0 { break }
                }
                if kind != 0 { matched = length; break }
            }
            if matched == 0 { i += 1; continue }
            for k in i..<(i + matched) { marks[k] = kind * 2 + (k == i ? 0 : 1) + UInt64(min(matched, 3)) * 16 }
            i += matched
        }
        return marks
    }

    static let gazetteerConnectors: Set<String> = ["of", "and", "the", "de", "del", "da", "&", "-"]

    static func titleCased(_ text: String) -> String {
        text.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: " ")
    }

    /// The tag-independent facts of a sentence's tokens.
    func tokens(_ words: [String], lowerCaseWords: Set<String>) -> [Token] {
        let gazetteer = gazetteerMarks(words)
        var letters = 0, upper = 0
        for word in words { for s in word.unicodeScalars where NERFeatures.isLetter(s) { letters += 1; if NERFeatures.isUpper(s) { upper += 1 } } }
        let capsSentence = letters >= 8 && upper * 10 >= letters * 9
        var previousTitle = false
        var result: [Token] = words.enumerated().map { index, word in
            let lower = NERFeatures.lowerScalars(word)
            var flags: UInt64 = 0
            var letterCount = 0, upperCount = 0
            for s in word.unicodeScalars {
                if NERFeatures.isLetter(s) { letterCount += 1; if NERFeatures.isUpper(s) { upperCount += 1 } }
                if NERFeatures.isDigit(s) { flags |= NERFeatures.flagDigit }
                if s == "-" { flags |= NERFeatures.flagHyphen }
            }
            let capitalised = word.unicodeScalars.first.map(NERFeatures.isUpper) == true
            if capitalised { flags |= NERFeatures.flagCapitalised }
            if letterCount >= 2 && upperCount == letterCount { flags |= NERFeatures.flagAllCaps }
            if letterCount == 0 && flags & NERFeatures.flagDigit == 0 { flags |= NERFeatures.flagPunct }
            if index == 0 { flags |= NERFeatures.flagFirst }
            // Word lists matter for capitalised words only (names, and titles before names).
            var isTitle = false
            var isHonorific = false
            if capitalised {
                let lowerText = word.lowercased()
                if lexicon.firstNames.contains(lowerText) { flags |= NERFeatures.flagFirstName }
                if lexicon.lastNames.contains(lowerText) { flags |= NERFeatures.flagLastName }
                if lexicon.orgWords.contains(lowerText) { flags |= NERFeatures.flagOrgWord }
                let bare = lowerText.hasSuffix(".") ? String(lowerText.dropLast()) : lowerText
                isTitle = lexicon.personTitles.contains(lowerText) || lexicon.personTitles.contains(bare)
                if isTitle { flags |= NERFeatures.flagTitle }
                if lexicon.demonyms[word] != nil { flags |= NERFeatures.flagDemonym }
                if lowerCaseWords.contains(lowerText) { flags |= NERFeatures.flagSeenLower }
                isHonorific = isTitle && (lowerText.hasSuffix(".") || NERFeatures.honorifics.contains(lowerText))
            }
            if previousTitle { flags |= NERFeatures.flagPrevTitle }
            if capsSentence { flags |= NERFeatures.flagAllCapsSentence }
            previousTitle = isTitle
            let n = lower.count
            func prefix(_ k: Int) -> UInt64 { k <= n ? NERFeatures.hash(lower[0..<k]) : 0 }
            func suffix(_ k: Int) -> UInt64 { k <= n ? NERFeatures.hash(lower[(n - k)..<n]) : 0 }
            return Token(word: NERFeatures.hash(lower[...]), exact: NERFeatures.hashScalars(word),
                         shape: NERFeatures.shapeHash(word), prefixes: (prefix(1), prefix(2), prefix(3), prefix(4)),
                         suffixes: (suffix(1), suffix(2), suffix(3), suffix(4)), affixCount: min(n, 4),
                         flags: flags, gazetteer: gazetteer[index], isCapitalised: capitalised, isHonorific: isHonorific)
        }
        // The run of capitalised words each token is in ("Boatmen 's Bancshares Inc", "Bank of Spain"):
        // its last word and the token's place in it, from the end, in one pass.
        var last: UInt64 = 0, length = 0
        for k in result.indices.reversed() {
            let joins = !result[k].isCapitalised && k + 1 < result.count && length > 0
                && NERFeatures.chunkJoiners.contains(words[k].lowercased()) && k > 0 && result[k - 1].isCapitalised
            if result[k].isCapitalised || joins {
                if length == 0 { last = result[k].word }
                length += 1
                result[k].chunkLast = NERFeatures.mix(last, UInt64(min(length, 4)))
            } else {
                length = 0
            }
        }
        // And its first word, from the start.
        var first: UInt64 = 0
        for k in result.indices where result[k].chunkLast != 0 {
            if k == 0 || result[k - 1].chunkLast == 0 { first = result[k].word }
            result[k].chunkFirst = first
        }
        return result
    }

    static let chunkJoiners: Set<String> = ["of", "and", "&", "'s", "’s", "de", "for"]

    /// The contexts of a document's capitalised words (by `Token.word`): the words just before and
    /// after each of their occurrences, at most `contextLimit` a word. A word's other occurrences say
    /// what it is where its own sentence does not ("Mr. Kent" elsewhere makes this "Kent" a person;
    /// "Kent 245" in a results table, a team).
    static func contexts(_ sentences: [[Token]]) -> [UInt64: [UInt64]] {
        var contexts: [UInt64: [UInt64]] = [:]
        let boundary: UInt64 = 0x5EED
        for tokens in sentences {
            for (i, t) in tokens.enumerated() where t.isCapitalised {
                let before = mix(1, i > 0 ? tokens[i - 1].word : boundary)
                let after = mix(2, i + 1 < tokens.count ? tokens[i + 1].word : boundary &+ 1)
                var list = contexts[t.word] ?? []
                if list.count < contextLimit, !list.contains(before) { list.append(before) }
                if list.count < contextLimit, !list.contains(after) { list.append(after) }
                contexts[t.word] = list
            }
        }
        return contexts
    }

    static let contextLimit = 16

    /// The features of token `i` that do not depend on predicted tags.
    func staticFeatures(_ tokens: [Token], _ i: Int, contexts: [UInt64: [UInt64]], into features: inout [UInt64]) {
        features.removeAll(keepingCapacity: true)
        let t = tokens[i]
        let boundary: UInt64 = 0x5EED
        func word(_ k: Int) -> UInt64 { k < 0 ? boundary : k >= tokens.count ? boundary &+ 1 : tokens[k].word }
        func shape(_ k: Int) -> UInt64 { k < 0 ? boundary : k >= tokens.count ? boundary &+ 1 : tokens[k].shape }
        func gaz(_ k: Int) -> UInt64 { k < 0 || k >= tokens.count ? 0 : tokens[k].gazetteer }
        func flags(_ k: Int) -> UInt64 { k < 0 || k >= tokens.count ? 0 : tokens[k].flags }
        typealias F = NERFeatures
        features.append(F.feature(0, 0))                       // bias
        features.append(F.feature(1, t.word))
        features.append(F.feature(2, t.exact))
        features.append(F.feature(3, t.shape))
        for k in 0..<t.affixCount { features.append(F.feature(4 + UInt64(k), F.element(t.prefixes, k))) }
        for k in 0..<t.affixCount { features.append(F.feature(8 + UInt64(k), F.element(t.suffixes, k))) }
        // Each flag alone, and capitalisation with position and casing context.
        var bit: UInt64 = 1
        while bit <= F.flagLastName {
            if t.flags & bit != 0 { features.append(F.feature(12, bit)) }
            bit <<= 1
        }
        let caseFlags = F.flagCapitalised | F.flagAllCaps | F.flagFirst | F.flagSeenLower | F.flagAllCapsSentence
        features.append(F.feature(13, t.flags & caseFlags))
        features.append(F.feature(14, word(i - 1)))
        features.append(F.feature(15, word(i + 1)))
        features.append(F.feature(16, word(i - 2)))
        features.append(F.feature(17, word(i + 2)))
        features.append(F.feature(18, shape(i - 1)))
        features.append(F.feature(19, shape(i + 1)))
        features.append(F.feature(20, shape(i - 2)))
        features.append(F.feature(21, shape(i + 2)))
        features.append(F.feature(22, F.mix(word(i - 1), t.word)))
        features.append(F.feature(23, F.mix(t.word, word(i + 1))))
        features.append(F.feature(24, F.mix(F.mix(shape(i - 1), t.shape), shape(i + 1))))
        features.append(F.feature(25, F.mix(word(i - 1), t.shape)))
        features.append(F.feature(26, F.mix(t.shape, word(i + 1))))
        if t.gazetteer != 0 { features.append(F.feature(27, t.gazetteer)) }
        features.append(F.feature(28, F.mix(gaz(i - 1), gaz(i + 1))))
        features.append(F.feature(29, F.mix(flags(i - 1) & (F.flagFirstName | F.flagTitle | F.flagCapitalised), flags(i + 1) & (F.flagOrgWord | F.flagCapitalised | F.flagLastName))))
        if t.gazetteer != 0 { features.append(F.feature(30, F.mix(t.gazetteer, t.flags & caseFlags))) }
        if t.chunkLast != 0 {
            features.append(F.feature(32, t.chunkLast))
            features.append(F.feature(33, F.mix(t.chunkLast, t.shape)))
            features.append(F.feature(34, t.chunkFirst))
        }
        if t.isCapitalised, let around = contexts[t.word] {
            for context in around { features.append(F.feature(31, context)) }
        }
    }

    /// The features that depend on the tags predicted so far: the two previous tags, and the types
    /// this word was given earlier in the document (`history`).
    @inline(__always) func dynamicFeatures(_ tokens: [Token], _ i: Int, previous: Int, previous2: Int, history: NERHistory, into features: inout [UInt64]) {
        typealias F = NERFeatures
        let t = tokens[i]
        features.append(F.feature(40, UInt64(previous)))
        features.append(F.feature(41, UInt64(previous2 * 16 + previous)))
        features.append(F.feature(42, F.mix(UInt64(previous), t.word)))
        features.append(F.feature(43, F.mix(UInt64(previous), t.shape)))
        if t.isCapitalised {
            let seen = history.seen(t.word)
            features.append(F.feature(44, seen.last))
            features.append(F.feature(45, seen.majority))
        }
    }
}

/// What the tagger remembers of a document while it tags it: for each capitalised word, the type it
/// was last given and how often it was given each type (a name is usually tagged the same way
/// throughout an article; the majority outweighs one odd sentence).
struct NERHistory {
    /// Per word: the last type (0 for O, else 1 + type) in the low 4 bits, then one 8-bit count per
    /// outcome (O and the four types).
    private var entries: [UInt64: UInt64] = [:]

    /// The last type given to `word` and the majority type (0 when unseen; 8 + type when two outcomes
    /// tie or the majority holds less than two thirds of the word's occurrences).
    func seen(_ word: UInt64) -> (last: UInt64, majority: UInt64) {
        guard let entry = entries[word] else { return (0, 0) }
        var best = 0, bestCount: UInt64 = 0, total: UInt64 = 0
        for outcome in 0..<5 {
            let count = (entry >> (4 + 8 * UInt64(outcome))) & 0xFF
            total += count
            if count > bestCount { best = outcome; bestCount = count }
        }
        let clear = bestCount * 3 >= total * 2
        return (entry & 0xF, 16 + UInt64(best) + (clear ? 0 : 8))
    }

    mutating func record(_ word: UInt64, tag: Int) {
        let outcome = UInt64(NERTags.type(of: tag).map { $0 + 1 } ?? 0)
        var entry = entries[word] ?? 0
        let shift = 4 + 8 * outcome
        if (entry >> shift) & 0xFF < 0xFF { entry += 1 << shift }
        entries[word] = (entry & ~0xF) | outcome
    }
}

/// Tags sentences with the averaged perceptron: greedy, left to right, IOB2.
public struct NERTagger: Sendable {
    public let model: NERModel
    public let features: NERFeatures

    public init(model: NERModel, lexicon: ExtractLexicon) {
        self.model = model
        self.features = NERFeatures(lexicon: lexicon)
    }

    /// Tags each sentence (a list of token texts) of one document; returns tag indices per sentence.
    /// `lowerCaseWords`: the document's words written in lower case (`NERFeatures.lowerCaseWords`), when
    /// the caller has them already.
    public func tag(document sentences: [[String]], lowerCaseWords known: Set<String>? = nil) -> [[Int]] {
        let lowerCaseWords = known ?? NERFeatures.lowerCaseWords(sentences)
        var history = NERHistory()
        var buffer: [UInt64] = []
        buffer.reserveCapacity(64)
        var scores = [Float](repeating: 0, count: NERTags.count)
        var rows: [Int] = []
        rows.reserveCapacity(64)
        let documentTokens = sentences.map { features.tokens($0, lowerCaseWords: lowerCaseWords) }
        let contexts = NERFeatures.contexts(documentTokens)
        return documentTokens.map { tokens in
            var tags = [Int](repeating: 0, count: tokens.count)
            for i in tokens.indices {
                let previous = i > 0 ? tags[i - 1] : 0, previous2 = i > 1 ? tags[i - 2] : 0
                features.staticFeatures(tokens, i, contexts: contexts, into: &buffer)
                features.dynamicFeatures(tokens, i, previous: previous, previous2: previous2, history: history, into: &buffer)
                // First every feature's row, then the sum of their weights: each loop's iterations do
                // not wait on one another, so the processor fetches many rows from memory at once.
                rows.removeAll(keepingCapacity: true)
                for feature in buffer {
                    if let row = model.row(of: feature) { rows.append(row) }
                }
                model.addWeights(of: rows, into: &scores)
                tags[i] = NERTagger.best(scores, after: previous, token: tokens[i])
                if tokens[i].isCapitalised { history.record(tokens[i].word, tag: tags[i]) }
            }
            return tags
        }
    }

    /// The highest-scoring tag allowed after `previous`; ties go to the lower index (O first).
    static func best(_ scores: [Float], after previous: Int, token: NERFeatures.Token) -> Int {
        var best = 0
        for k in 1..<scores.count where NERTags.isAllowed(k, after: previous, token: token) && scores[k] > scores[best] { best = k }
        return best
    }

    /// The names in one sentence's IOB2 tags.
    public static func spans(_ tags: [Int]) -> [TaggedSpan] {
        var spans: [TaggedSpan] = []
        var i = 0
        while i < tags.count {
            guard let type = NERTags.type(of: tags[i]) else { i += 1; continue }
            var j = i + 1
            while j < tags.count, NERTags.isInside(tags[j]), NERTags.type(of: tags[j]) == type { j += 1 }
            spans.append(TaggedSpan(start: i, end: j, type: NERTags.types[type]))
            i = j
        }
        return spans
    }
}

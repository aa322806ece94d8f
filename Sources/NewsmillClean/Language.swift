import Foundation

/// The document's language: the page's declaration checked against the text. Stop words of each
/// language (Pipelines/clean/stopwords.tsv) are counted in the first words of the text; the text wins
/// when it gives enough evidence for another language than the one declared.
enum Language {
    static func decide(declared: String?, text: String, stopWords: StopWordTable, minEvidence: Int) -> (code: String?, source: String?) {
        let declaredCode = declared.map { primary($0) }.flatMap { $0.isEmpty ? nil : $0 }
        var languageCounts = [Int](repeating: 0, count: stopWords.languages.count)
        var seen = 0
        // Each word is hashed as it is read (lower-cased), and looked up by its hash: no string is made.
        var hash = StopWordTable.emptyHash
        var inWord = false
        func count() {
            guard inWord else { return }
            seen += 1
            if var mask = stopWords.languagesOfHash[hash] {
                while mask != 0 {
                    languageCounts[mask.trailingZeroBitCount] += 1
                    mask &= mask - 1
                }
            }
            hash = StopWordTable.emptyHash
            inWord = false
        }
        // Words of the first 3,000, lower-cased as they are read.
        for scalar in text.unicodeScalars {
            if seen >= 3000 { break }
            let v = scalar.value
            if v < 0x80 {
                if v >= 0x41 && v <= 0x5A { hash = StopWordTable.mix(hash, v + 32); inWord = true }
                else if v >= 0x61 && v <= 0x7A { hash = StopWordTable.mix(hash, v); inWord = true }
                else { count() }
            } else if scalar.properties.isAlphabetic {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { hash = StopWordTable.mix(hash, lower.value) }
                inWord = true
            } else {
                count()
            }
        }
        count()
        var counts: [String: Int] = [:]
        for (index, language) in stopWords.languages.enumerated() where languageCounts[index] > 0 {
            counts[language] = languageCounts[index]
        }
        let best = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }
        if let best, best.value >= minEvidence {
            if let declaredCode, declaredCode == best.key || (counts[declaredCode] ?? 0) * 2 >= best.value {
                return (declaredCode, "declared, checked against the text")
            }
            return (best.key, "text")
        }
        if let declaredCode { return (declaredCode, "declared") }
        return (nil, nil)
    }

    /// "en-US" → "en"; "en_GB" → "en"; "no" → "nb".
    static func primary(_ tag: String) -> String {
        let code = tag.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        return code == "no" ? "nb" : code
    }
}

/// The stop words of every language in one table: a word's entry holds a bit per language whose list
/// has it, so each word of a text is looked up once, whatever the number of languages (at most 64).
///
/// Words are keyed by a 64-bit FNV-1a hash of their (lower-case) scalars, which the text is hashed with
/// as it is read; two words of a few hundred stop words and a page's words sharing a hash is a chance
/// of about one in 10^16 per word.
struct StopWordTable: Sendable {
    let languages: [String]
    let languagesOfHash: [UInt64: UInt64]

    static let emptyHash: UInt64 = 0xcbf29ce484222325
    @inline(__always) static func mix(_ hash: UInt64, _ scalar: UInt32) -> UInt64 {
        (hash ^ UInt64(scalar)) &* 0x100000001b3
    }

    init(_ stopWords: [String: Set<String>]) {
        languages = Array(stopWords.keys.sorted().prefix(64))
        var table: [UInt64: UInt64] = [:]
        for (index, language) in languages.enumerated() {
            for word in stopWords[language] ?? [] {
                let hash = word.unicodeScalars.reduce(StopWordTable.emptyHash) { StopWordTable.mix($0, $1.value) }
                table[hash, default: 0] |= 1 << UInt64(index)
            }
        }
        languagesOfHash = table
    }
}

/// 64-bit SimHash over word trigrams: near-identical texts (syndicated copies with different chrome)
/// get hashes a few bits apart.
public enum SimHash {
    public static func value(of text: String) -> UInt64 {
        // Words: runs of letters and digits, lower-cased and hashed as they are read; each trigram's
        // hash is the three word hashes mixed.
        var bits = BitCounts()
        var window: (UInt64, UInt64) = (0, 0)
        var count = 0
        var word: UInt64 = 0xcbf29ce484222325
        var inWord = false
        func endWord() {
            guard inWord else { return }
            count += 1
            if count >= 3 {
                var h = window.0 &* 0x9E3779B97F4A7C15
                h = (h ^ window.1) &* 0xC2B2AE3D27D4EB4F
                h = (h ^ word) &* 0x165667B19E3779F9
                bits.add(h ^ (h >> 29))
            }
            window = (window.1, word)
            word = 0xcbf29ce484222325
            inWord = false
        }
        for scalar in text.unicodeScalars {
            var v = scalar.value
            let isWord: Bool
            if v < 0x80 {
                if v >= 0x41 && v <= 0x5A { v += 32 }
                isWord = (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39)
            } else if v >= 0x2000 && v <= 0x206F {
                // General Punctuation (curly quotes, dashes, spaces): never a letter or a number, and
                // the commonest scalars of news text after ASCII.
                isWord = false
            } else {
                isWord = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                if isWord, let lower = scalar.properties.lowercaseMapping.unicodeScalars.first { v = lower.value }
            }
            if isWord {
                word = (word ^ UInt64(v)) &* 0x100000001b3
                inWord = true
            } else {
                endWord()
            }
        }
        endWord()
        if count == 0 { return 0 }
        if count < 3 {
            // Too short for trigrams: the words themselves.
            bits.add(window.0 ^ window.1)
        }
        return bits.majority()
    }

    /// How often each of the 64 bits was set, over the hashes added: a bit of the SimHash is set when it
    /// was set in more than half of them. Counting goes eight bits at a time: `spread` puts a byte's
    /// eight bits in the low bit of eight bytes, so one addition counts eight bits; the byte counters
    /// are moved to `ones` before they can overflow.
    struct BitCounts {
        var ones = [Int](repeating: 0, count: 64)
        var packed = [UInt64](repeating: 0, count: 8)
        var pending = 0
        var total = 0

        static let spread: [UInt64] = (0..<256).map { (byte: Int) -> UInt64 in
            var word: UInt64 = 0
            for bit in 0..<8 where (byte >> bit) & 1 == 1 { word |= 1 << UInt64(bit * 8) }
            return word
        }

        mutating func add(_ hash: UInt64) {
            for part in 0..<8 { packed[part] &+= BitCounts.spread[Int((hash >> UInt64(part * 8)) & 0xFF)] }
            total += 1
            pending += 1
            if pending == 255 { flush() }
        }

        mutating func flush() {
            for part in 0..<8 {
                for bit in 0..<8 { ones[part * 8 + bit] += Int((packed[part] >> UInt64(bit * 8)) & 0xFF) }
                packed[part] = 0
            }
            pending = 0
        }

        mutating func majority() -> UInt64 {
            flush()
            var result: UInt64 = 0
            for bit in 0..<64 where 2 * ones[bit] > total { result |= 1 << UInt64(bit) }
            return result
        }
    }

    public static func hex(of text: String) -> String {
        String(format: "%016llx", value(of: text))
    }

    public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }
}

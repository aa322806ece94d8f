import Foundation

/// The document's language: the page's declaration checked against the text. Stop words of each
/// language (Pipelines/clean/stopwords.tsv) are counted in the first words of the text; the text wins
/// when it gives enough evidence for another language than the one declared.
enum Language {
    static func decide(declared: String?, text: String, stopWords: [String: Set<String>], minEvidence: Int) -> (code: String?, source: String?) {
        let declaredCode = declared.map { primary($0) }.flatMap { $0.isEmpty ? nil : $0 }
        var counts: [String: Int] = [:]
        var seen = 0
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) {
            seen += 1
            if seen > 3000 { break }
            let w = String(word)
            for (language, words) in stopWords where words.contains(w) { counts[language, default: 0] += 1 }
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

/// 64-bit SimHash over word trigrams: near-identical texts (syndicated copies with different chrome)
/// get hashes a few bits apart.
public enum SimHash {
    public static func value(of text: String) -> UInt64 {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        guard !words.isEmpty else { return 0 }
        var weights = [Int](repeating: 0, count: 64)
        let n = min(3, words.count)
        for index in 0...(words.count - n) {
            var hash: UInt64 = 0xcbf29ce484222325
            for word in words[index..<(index + n)] {
                for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
                hash = (hash ^ 0x20) &* 0x100000001b3
            }
            for bit in 0..<64 { weights[bit] += (hash >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where weights[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    public static func hex(of text: String) -> String {
        String(format: "%016llx", value(of: text))
    }

    public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }
}

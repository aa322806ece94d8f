import Foundation
import NewsmillCore
@testable import NewsmillFetch
import Testing

@Suite struct CharsetTests {
    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func byteOrderMarksWin() {
        #expect(Charset.decide([0xEF, 0xBB, 0xBF] + bytes("<meta charset=latin1>hi"), isHTML: true).decidedBy == "bom")
        let utf16 = [UInt8]([0xFF, 0xFE, 0x68, 0x00, 0x69, 0x00])
        let decision = Charset.decide(utf16, isHTML: false)
        #expect(decision.name == "UTF-16LE")
        #expect(Charset.decode(utf16, as: decision).text == "hi")
    }

    @Test func metaCharsetIsReadInBothForms() {
        let a = Charset.decide(bytes(#"<html><head><meta charset="windows-1251"></head>"#), isHTML: true)
        #expect(a.name == "windows-1251" && a.decidedBy == "meta")
        let b = Charset.decide(bytes(#"<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">"#), isHTML: true)
        #expect(b.name == "Shift_JIS")
        // A <meta> inside a comment does not count.
        let c = Charset.decide(bytes(#"<!-- <meta charset="koi8-r"> --><p>plain"#), isHTML: true)
        #expect(c.decidedBy == "utf8-valid")
    }

    @Test func latin1LabelMeansWindows1252() {
        let page: [UInt8] = bytes(#"<meta charset="iso-8859-1"><p>"#) + [0x93, 0x48, 0x69, 0x94, 0x20, 0x80, 0x35]
        let decision = Charset.decide(page, isHTML: true)
        #expect(decision.name == "windows-1252" && decision.declared == "iso-8859-1")
        #expect(Charset.decode(page, as: decision).text.hasSuffix("“Hi” €5"))
    }

    @Test func wrongMetaOnValidUTF8IsReadAsUTF8() {
        let page = bytes(#"<meta charset="iso-8859-1"><p>Zürich café</p>"#)
        let decision = Charset.decide(page, isHTML: true)
        #expect(decision.name == "UTF-8" && decision.decidedBy == "utf8-valid-over-meta")
        #expect(Charset.decode(page, as: decision).text.contains("Zürich café"))
    }

    @Test func declaredUTF8OnLegacyBytesFallsBack() {
        let page: [UInt8] = bytes(#"<meta charset="utf-8"><p>caf"#) + [0xE9, 0x20, 0x61]
        let decision = Charset.decide(page, isHTML: true)
        #expect(decision.name == "windows-1252")
        #expect(Charset.decode(page, as: decision).text.hasSuffix("café a"))
    }

    @Test func invalidUTF8BecomesReplacementAndIsCounted() {
        let text: [UInt8] = bytes("Zürich, Genève, Malmö: ok é") + [0xFF] + bytes(" end")
        let decision = Charset.decide(text, isHTML: false)
        #expect(decision.name == "UTF-8" && decision.decidedBy == "utf8-mostly-valid")
        let (decoded, invalid) = Charset.decode(text, as: decision)
        #expect(decoded == "Zürich, Genève, Malmö: ok é\u{FFFD} end")
        #expect(invalid == 1)
    }

    @Test func iconvDecodesOtherCharsets() {
        // "Привет" in windows-1251 and KOI8-R.
        let cp1251: [UInt8] = [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]
        #expect(Charset.decode(cp1251, as: CharsetDecision(name: "windows-1251", decidedBy: "meta")).text == "Привет")
        let koi8: [UInt8] = [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4]
        #expect(Charset.decode(koi8, as: CharsetDecision(name: "KOI8-R", decidedBy: "meta")).text == "Привет")
    }

    @Test func utf16WithoutBOMIsRecognised() {
        let text = Array("Hello, this is UTF-16 text without a byte order mark.".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let decision = Charset.decide(text, isHTML: false)
        #expect(decision.name == "UTF-16LE")
        #expect(Charset.decode(text, as: decision).text.hasPrefix("Hello, this"))
    }

    @Test func labels() {
        #expect(EncodingLabels.name(for: " ISO-8859-9 ") == "windows-1254")
        #expect(EncodingLabels.name(for: "gb2312") == "GBK")
        #expect(EncodingLabels.name(for: "no-such-charset") == nil)
    }
}

@Suite struct NormalizeTests {
    @Test func newlinesControlsAndNFC() {
        let input = "a\r\nb\rc\u{0}d\u{7}e\u{85}f\te\u{301}\u{FEFF}"
        #expect(TextNormalizer.normalize(input) == "a\nb\ncde\nf\té")
    }

    @Test(arguments: [
        "plain ASCII text", "Zürich café naïve", "e\u{301}cole", "\u{2126}hm and \u{212B}ngstr\u{F6}m", "\u{2000}quad",
        "한국어 \u{1100}\u{1161}", "日本語のテキスト、か\u{3099}", "\u{F900}", "Ελληνικά \u{0387}", "Русский й", "“quotes” — dash €5 😀",
    ])
    func nfcShortcutAgreesWithFoundation(_ text: String) {
        #expect(TextNormalizer.normalize(text) == text.precomposedStringWithCanonicalMapping)
        #expect(Array(TextNormalizer.normalize(text).unicodeScalars) == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test func binarySniffing() {
        #expect(BinarySniffer.binaryKind([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) == "a PNG image")
        #expect(BinarySniffer.binaryKind(Array("<html><body>text</body></html>".utf8)) == nil)
        #expect(BinarySniffer.binaryKind((0..<200).map { UInt8($0 % 32) }) == "binary data")
    }
}

@Suite struct GzipTests {
    // "hello\n" compressed by gzip -n.
    let hello: [UInt8] = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0xe7,
                          0x02, 0x00, 0x20, 0x30, 0x3a, 0x36, 0x06, 0x00, 0x00, 0x00]

    @Test func decompresses() throws {
        #expect(String(decoding: try Gzip.decompress(Data(hello), limit: 100, name: "t"), as: UTF8.self) == "hello\n")
    }

    @Test func truncatedIsAnError() {
        #expect(throws: DocumentError.self) { try Gzip.decompress(Data(hello.prefix(14)), limit: 100, name: "t") }
    }

    @Test func sizeLimitStopsBombs() throws {
        let zeros = Data(count: 2_000_000)
        let compressed = try gzipped(zeros)
        #expect(compressed.count < 10_000)
        #expect(throws: DocumentError.self) { try Gzip.decompress(compressed, limit: 1_000_000, name: "bomb") }
    }

    func gzipped(_ data: Data) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gz-\(UUID().uuidString)")
        try data.write(to: folder)
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(atPath: folder.path + ".gz") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-n", "-f", folder.path]
        try process.run()
        process.waitUntilExit()
        return try Data(contentsOf: URL(fileURLWithPath: folder.path + ".gz"))
    }
}

@Suite struct NormalizeAgainstReferenceTests {
    /// The normalization spelled out scalar by scalar, as the stage documents it.
    static func reference(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            defer { previousCR = v == 0x0D }
            switch v {
            case 0x0D: out.append("\n")
            case 0x0A: if !previousCR { out.append("\n") }
            case 0x09: out.append(scalar)
            case 0x00..<0x20, 0x7F, 0x80...0x84, 0x86...0x9F, 0xFEFF: continue
            case 0x85, 0x2028, 0x2029: out.append("\n")
            default: out.append(scalar)
            }
        }
        return String(out).precomposedStringWithCanonicalMapping
    }

    @Test func longMixedTextsAgreeWithTheReference() {
        let pieces = ["The quick brown fox jumps. ", "\r\n", "\r", "\n", "\t", "\u{0}", "\u{7}", "\u{7F}", "\u{85}", "\u{9F}",
                      "\u{FEFF}", "\u{2028}", "\u{2029}", "e\u{301}", "é", "“", "€", "ü", "한", "\u{1100}\u{1161}", "😀", "x"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...30, using: &generator) { text += pieces.randomElement(using: &generator)! }
            #expect(Array(TextNormalizer.normalize(text).utf8) == Array(Self.reference(text).utf8), "\(Array(text.unicodeScalars))")
        }
    }
}

@Suite struct UTF8CheckTests {
    /// The scan byte by byte, without the ASCII shortcut.
    static func reference(_ bytes: [UInt8]) -> (Int, Int) {
        var multi = 0, invalid = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            var need = 0, minimum: UInt32 = 0, value: UInt32 = 0
            switch b {
            case 0xC2...0xDF: need = 1; value = UInt32(b & 0x1F); minimum = 0x80
            case 0xE0...0xEF: need = 2; value = UInt32(b & 0x0F); minimum = 0x800
            case 0xF0...0xF4: need = 3; value = UInt32(b & 0x07); minimum = 0x10000
            default: invalid += 1; i += 1; continue
            }
            if i + need >= bytes.count { invalid += 1; i += 1; continue }
            var ok = true
            for k in 1...need {
                let c = bytes[i + k]
                if c & 0xC0 != 0x80 { ok = false; break }
                value = value << 6 | UInt32(c & 0x3F)
            }
            if ok && (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) { ok = false }
            if ok { multi += 1; i += need + 1 } else { invalid += 1; i += 1 }
        }
        return (multi, invalid)
    }

    @Test func countsWhatTheByteByByteScanCounts() {
        let pieces: [[UInt8]] = [Array("plain ascii text, ".utf8), Array("é".utf8), Array("€".utf8), Array("😀".utf8), [0xFF], [0xC3],
                                 [0xE2, 0x82], [0xED, 0xA0, 0x80], [0x80], Array("x".utf8)]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...20, using: &generator) { bytes += pieces.randomElement(using: &generator)! }
            let check = UTF8Check.scan(bytes)
            let (multi, invalid) = Self.reference(bytes)
            #expect(check.multiByteSequences == multi && check.invalidSequences == invalid && check.valid == (invalid == 0))
        }
    }
}

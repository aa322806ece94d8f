import Foundation
@testable import NewsmillCore
import NewsmillTestSupport
import Testing

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func standardVectors(input: String, digest: String) {
        #expect(SHA256.hex(input) == digest)
    }

    @Test func millionAs() {
        #expect(SHA256.hex(String(repeating: "a", count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite struct XXHashTests {
    // Reference values of XXH64 with seed 0 (from the xxHash project's published test vectors).
    @Test(arguments: [("", 0xEF46DB3751D8E999 as UInt64), ("a", 0xD24EC4F1A98C6E5B), ("abc", 0x44BC2CF5AD770999)])
    func referenceValues(input: String, expected: UInt64) {
        let bytes = Array(input.utf8)
        #expect(bytes.withUnsafeBytes { XXHash64.hash($0) } == expected)
    }

    @Test func longInputsUseEveryByte() {
        let a = String(repeating: "news ", count: 1000), b = a + "!"
        #expect(XXHash64.digest128(a) != XXHash64.digest128(b))
        #expect(XXHash64.digest128(a).count == 32)
    }
}

@Suite struct DocumentIDTests {
    @Test func stableReadableAndSafe() {
        let id = DocumentID.make(readable: "port flood defences", identity: "file:pages/port flood defences.html")
        #expect(id.hasPrefix("port-flood-defences-"))
        #expect(id == DocumentID.make(readable: "port flood defences", identity: "file:pages/port flood defences.html"))
        #expect(id != DocumentID.make(readable: "port flood defences", identity: "file:other/port flood defences.html"))
        #expect(DocumentID.isSafe(id))
    }

    @Test func accentsFoldAndOddNamesStaySafe() {
        #expect(DocumentID.slug("Zürich — Café “Naïve”") == "zurich-cafe-naive")
        let odd = DocumentID.make(readable: "../../etc/passwd", identity: "x")
        #expect(DocumentID.isSafe(odd))
        #expect(!odd.contains("/"))
        #expect(!DocumentID.isSafe("../x"))
        #expect(!DocumentID.isSafe("_manifest"))
        #expect(!DocumentID.isSafe(""))
    }
}

extension DocumentIDTests {
    @Test(arguments: [
        ("out/a.b.json", "a.b"), ("a.json", "a"), ("/x/y/doc", "doc"), ("dir/.hidden", ".hidden"),
        ("name.", "name."), ("rel/seg/", "seg"), ("plain", "plain"),
    ])
    func stemMatchesFoundation(path: String, stem: String) {
        #expect(DocumentID.stem(of: path) == stem)
        #expect(DocumentID.stem(of: path) == URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
    }
}

@Suite struct AtomicFileTests {
    @Test func writesAndLeavesNoTemporary() throws {
        let folder = TemporaryFolder()
        let target = folder.url.appendingPathComponent("a.json")
        try AtomicFile.write(Data("one".utf8), to: target)
        try AtomicFile.write(Data("two".utf8), to: target)
        #expect(String(decoding: try Data(contentsOf: target), as: UTF8.self) == "two")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(names == ["a.json"])
    }

    @Test func sweepRemovesLeftovers() throws {
        let folder = TemporaryFolder()
        folder.write(".a.json.tmp-123-1", "half")
        folder.write("b.json", "{}")
        #expect(AtomicFile.sweepTemporaries(in: folder.url) == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["b.json"])
    }
}

@Suite struct SettingsTests {
    struct Example: Codable, Equatable {
        var threshold = 0.5
        var words = 3
        var nested = Inner()
        struct Inner: Codable, Equatable { var flag = false }
    }

    @Test func overlayKeepsDefaultsForMissingKeys() throws {
        let merged = try Settings.overlay(Example(), with: Data(#"{"words": 7, "nested": {"flag": true}, "// note": "x"}"#.utf8), file: "t.json")
        #expect(merged == Example(threshold: 0.5, words: 7, nested: .init(flag: true)))
    }

    @Test func unknownSettingIsAnError() {
        #expect(throws: RunError.self) {
            try Settings.overlay(Example(), with: Data(#"{"treshold": 0.7}"#.utf8), file: "t.json")
        }
    }

    @Test func wordListReadsEntriesWithoutCommentsOrSpaces() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-wordlist-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        let text = "# a comment\nalpha\n  beta\t \r\n\u{00A0}gamma delta\u{2003}\n\nepsilon # why\n   # indented comment\nzeta#eta\r\n\u{00A0}\nlast"
        try Data(text.utf8).write(to: file)
        #expect(try PipelinesFolder.wordList(file) == ["alpha", "beta", "gamma delta", "epsilon", "zeta#eta", "last"])
        try Data([0x61, 0x0A, 0xFF, 0x0A]).write(to: file)
        #expect(throws: RunError.self) { try PipelinesFolder.wordList(file) }
    }
}

@Suite struct ManifestEncodingTests {
    /// The manifest written one entry at a time is byte for byte what the encoder writes of the whole.
    @Test(arguments: [0, 1, 3, StageManifest.encodingChunk, 2 * StageManifest.encodingChunk + 7])
    func entryByEntryEqualsTheEncoder(count: Int) throws {
        var entries: [ManifestEntry] = []
        let kinds: [ManifestEntry] = [
            ManifestEntry(input: "corpus/a b/page.html", id: "page-1a2b3c4d5e", status: .ok, digest: "0f3a"),
            ManifestEntry(input: "corpus/bad.html", id: "bad-00ff00ff00", status: .failed,
                          reason: "not UTF-8: \"quoted\", a tab\tand a line\nbreak, ünïcödé, \u{1F600}"),
            ManifestEntry(input: "corpus/copy.html", id: "page-1a2b3c4d5e", status: .duplicate, reason: "same id as corpus/a b/page.html",
                          duplicateOf: "page-1a2b3c4d5e", container: "corpus/pages.warc.gz", note: "12 documents; skipped 12 request records"),
        ]
        for k in 0..<count { entries.append(kinds[k % kinds.count]) }
        let manifest = StageManifest(stage: "clean", documents: entries)
        let expected = try JSONFiles.encode(manifest)
        let written = try manifest.encoded()
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }
}

extension ManifestEncodingTests {
    /// The digests a run reads back from the last manifest are those its decoded entries hold, whether
    /// the manifest is read by `FastRecordReader` or, when it cannot (a `\u` escape, as another writer
    /// may put there), by Foundation's decoder; an unreadable manifest gives none.
    @Test func previousDigestsAreTheDecodedEntries() throws {
        let folder = TemporaryFolder()
        let stage = try StageFolder(stage: "clean", path: folder.path("out"))
        #expect(stage.previousDigests().isEmpty)
        let entries = [
            ManifestEntry(input: "in/a.json", id: "a", status: .ok, digest: "0f3a9c1d2e4b5a6f"),
            ManifestEntry(input: "in/b.json", id: "b", status: .ok),
            ManifestEntry(input: "in/c.json", id: "c", status: .failed, reason: "broken \"quoted\"\nline"),
            ManifestEntry(input: "in/x/a.json", id: "a", status: .duplicate, reason: "same id as in/a.json", duplicateOf: "a"),
            ManifestEntry(input: "in/é.json", id: "é", status: .ok, digest: "ffff0000ffff0000", note: "ünïcödé"),
            ManifestEntry(input: "in/n.json", id: nil, status: .failed, reason: "not a safe id"),
        ]
        try stage.writeAccount(entries)
        let manifestPath = folder.path("out/_manifest.json")
        let decoded = try JSONDecoder().decode(StageManifest.self, from: Data(contentsOf: URL(fileURLWithPath: manifestPath)))
        var expected: [String: String] = [:]
        for entry in decoded.documents { if let id = entry.id, let digest = entry.digest { expected[id] = digest } }
        #expect(expected == ["a": "0f3a9c1d2e4b5a6f", "é": "ffff0000ffff0000"])
        let written = try Data(contentsOf: URL(fileURLWithPath: manifestPath))
        #expect(StageManifest.fastDigests(written) == expected)
        #expect(stage.previousDigests() == expected)

        // An escape the fast reader leaves to the decoder: the same digests by the other road.
        let escaped = String(decoding: written, as: UTF8.self).replacingOccurrences(of: "\"é\"", with: "\"\\u00e9\"")
        #expect(escaped != String(decoding: written, as: UTF8.self))
        try Data(escaped.utf8).write(to: URL(fileURLWithPath: manifestPath))
        #expect(StageManifest.fastDigests(Data(escaped.utf8)) == nil)
        #expect(stage.previousDigests() == expected)

        // An entry without its status is not a manifest the decoder accepts: no digests either way.
        let broken = String(decoding: written, as: UTF8.self).replacingOccurrences(of: "\"status\" : \"duplicate\"", with: "\"state\" : \"duplicate\"")
        #expect(broken != String(decoding: written, as: UTF8.self))
        try Data(broken.utf8).write(to: URL(fileURLWithPath: manifestPath))
        #expect(StageManifest.fastDigests(Data(broken.utf8)) == nil)
        #expect(stage.previousDigests().isEmpty)

        // Nor is one with a status the decoder does not know.
        let unknown = String(decoding: written, as: UTF8.self).replacingOccurrences(of: "\"status\" : \"duplicate\"", with: "\"status\" : \"copied\"")
        #expect(unknown != String(decoding: written, as: UTF8.self))
        try Data(unknown.utf8).write(to: URL(fileURLWithPath: manifestPath))
        #expect(StageManifest.fastDigests(Data(unknown.utf8)) == nil)
        #expect(stage.previousDigests().isEmpty)
    }
}

@Suite struct ScalarCaseTests {
    @Test func fastTestsAgreeWithUnicodeProperties() {
        for value in UInt32(0)...0x2FFFF {
            guard let s = Unicode.Scalar(value) else { continue }
            #expect(s.isUppercaseLetter == s.properties.isUppercase, "U+\(String(value, radix: 16))")
            #expect(s.isLowercaseLetter == s.properties.isLowercase, "U+\(String(value, radix: 16))")
            #expect(s.isAlphabeticLetter == s.properties.isAlphabetic, "U+\(String(value, radix: 16))")
        }
    }
}

@Suite struct DateTextTests {
    @Test(arguments: [
        ("2024-03-03T14:20:00-05:00", "2024-03-03T14:20:00-05:00"),
        ("2024-03-03", "2024-03-03"),
        ("March 3, 2024", "2024-03-03"),
        ("Published 3 March 2024, 10:00", "2024-03-03"),
        ("09.03.2024 – 18:42", "2024-03-09"),
        ("2024/03/14", "2024-03-14"),
        ("20240314", "2024-03-14"),
        ("Publié le 17 mars 2020", "2020-03-17"),
        ("4 de marzo de 2020", "2020-03-04"),
        ("2020年4月17日", "2020-04-17"),
    ])
    func readsCommonForms(text: String, iso: String) {
        #expect(DateText.iso(text) == iso)
    }

    @Test func refusesImpossibleAndAmbiguous() {
        #expect(DateText.iso("February 30, 2024") == nil)
        #expect(DateText.iso("03/04/05") == nil)
        #expect(DateText.iso("year 3024-01-01") == nil)
    }

    @Test func datesInURLs() {
        #expect(DateText.fromURL("https://example.com/2024/03/14/story/") == "2024-03-14")
        #expect(DateText.fromURL("https://example.com/news/story-123") == nil)
    }
}

@Suite struct DocumentStageTests {
    func stage(_ out: String) throws -> DocumentStage {
        var stage = DocumentStage(folder: try StageFolder(stage: "test", path: out), inputKind: .stageFiles)
        stage.log = { _ in }
        return stage
    }

    @Test func processesSkipsUnchangedAndRecordsFailures() throws {
        let folder = TemporaryFolder()
        folder.write("in/a.json", #"{"n": 1}"#)
        folder.write("in/b.json", #"{"n": 2}"#)
        folder.write("in/bad.json", #"{"n": "x"}"#)
        let transform: @Sendable (StageInput) throws -> Data = { input in
            guard let object = try JSONSerialization.jsonObject(with: input.data) as? [String: Any], let n = object["n"] as? Int else {
                throw DocumentError(.invalidInput, "\(input.id): n is not a number")
            }
            return Data(#"{"double": \#(n * 2)}"#.utf8)
        }
        let first = try stage(folder.path("out")).run([folder.path("in")], transform: transform)
        #expect(first.done == 2 && first.failed == 1 && first.unchanged == 0)
        #expect(first.exitCode == 1)
        #expect(String(decoding: try Data(contentsOf: folder.url.appendingPathComponent("out/a.json")), as: UTF8.self) == #"{"double": 2}"#)
        let errors = String(decoding: try Data(contentsOf: folder.url.appendingPathComponent("out/_errors.jsonl")), as: UTF8.self)
        #expect(errors.contains("bad: n is not a number"))

        let second = try stage(folder.path("out")).run([folder.path("in")], transform: transform)
        #expect(second.done == 0 && second.unchanged == 2 && second.failed == 1)

        var forced = try stage(folder.path("out"))
        forced.force = true
        #expect(try forced.run([folder.path("in")], transform: transform).done == 2)
    }

    @Test func pruneRemovesOutputsWhoseInputWent() throws {
        let folder = TemporaryFolder()
        folder.write("in/a.json", "{}")
        folder.write("in/b.json", "{}")
        var runner = try stage(folder.path("out"))
        runner.prune = true
        _ = try runner.run([folder.path("in")]) { _ in Data("{}".utf8) }
        try FileManager.default.removeItem(atPath: folder.path("in/b.json"))
        let summary = try runner.run([folder.path("in")]) { _ in Data("{}".utf8) }
        #expect(summary.pruned == 1)
        #expect(FileInfo.of(folder.path("out/b.json")) == nil)
    }

    @Test func parallelOutputEqualsSerial() throws {
        let folder = TemporaryFolder()
        for n in 0..<40 { folder.write("in/d\(n).json", #"{"n": \#(n)}"#) }
        let transform: @Sendable (StageInput) throws -> Data = { Data("\($0.id):\($0.data.count)".utf8) }
        var serial = try stage(folder.path("serial"))
        serial.jobs = 1
        var parallel = try stage(folder.path("parallel"))
        parallel.jobs = 4
        _ = try serial.run([folder.path("in")], transform: transform)
        _ = try parallel.run([folder.path("in")], transform: transform)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path("serial")) where !name.hasPrefix("_") {
            #expect(try Data(contentsOf: folder.url.appendingPathComponent("serial/\(name)")) == Data(contentsOf: folder.url.appendingPathComponent("parallel/\(name)")))
        }
        let serialManifest = String(decoding: try Data(contentsOf: folder.url.appendingPathComponent("serial/_manifest.json")), as: UTF8.self)
        let parallelManifest = String(decoding: try Data(contentsOf: folder.url.appendingPathComponent("parallel/_manifest.json")), as: UTF8.self)
        #expect(serialManifest.replacingOccurrences(of: "/serial", with: "") == parallelManifest.replacingOccurrences(of: "/parallel", with: ""))
    }

    @Test func missingInputIsARunError() throws {
        let folder = TemporaryFolder()
        #expect(throws: RunError.self) {
            _ = try stage(folder.path("out")).run([folder.path("nothing-here")]) { _ in Data() }
        }
    }
}

@Suite struct StreamStageTests {
    /// Runs a stream stage over `input` (the lines of a JSON Lines file) and returns its output lines.
    func stream(_ input: String, jobs: Int, kind: DocumentStage.InputKind = .stageFiles, maxLineBytes: Int = 1 << 20,
                transform: @escaping @Sendable (StageInput) throws -> Data) throws -> (RunSummary, [String]) {
        let folder = TemporaryFolder()
        let inputPath = folder.write("in.jsonl", input)
        let outputPath = folder.path("out.jsonl")
        let fd = open(outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(fd) }
        var stage = StreamStage(stage: "test", inputKind: kind)
        stage.jobs = jobs
        stage.batchPerJob = 2
        stage.maxLineBytes = maxLineBytes
        stage.log = { _ in }
        let summary = try stage.run([inputPath], output: fd) { DocumentStage.Output(data: try transform($0)) }
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: outputPath)), as: UTF8.self)
        #expect(text.isEmpty || text.hasSuffix("\n"))
        // Error records name the input file; the same name whatever the temporary folder.
        let lines = text.replacingOccurrences(of: inputPath, with: "in.jsonl").split(separator: "\n", omittingEmptySubsequences: false)
        return (summary, lines.dropLast().map(String.init))
    }

    let double: @Sendable (StageInput) throws -> Data = { input in
        guard let object = try JSONSerialization.jsonObject(with: input.data) as? [String: Any], let n = object["n"] as? Int else {
            throw DocumentError(.invalidInput, "n is not a number")
        }
        // Pretty output on purpose: the stream puts it on one line.
        return Data("{\n  \"id\" : \"\(input.id)\",\n  \"double\" : \(n * 2),\n  \"note\" : \"a\\nb\"\n}\n".utf8)
    }

    @Test func oneLineOutEachLineInInOrder() throws {
        var lines: [String] = []
        for n in 0..<25 { lines.append(#"{"id": "d\#(n)", "n": \#(n), "nested": {"id": "not-this"}}"#) }
        lines.insert(#"{"id": "bad", "n": "x"}"#, at: 3)
        lines.insert(#"{"error": "could not fetch", "id": "gone", "stage": "fetch"}"#, at: 7)
        lines.insert("", at: 9)
        lines.insert("not json", at: 11)
        lines.insert(#"{"n": 1}"#, at: 12)
        let input = lines.joined(separator: "\n") + "\n"
        let (summary, output) = try stream(input, jobs: 1, transform: double)
        #expect(summary.done == 25 && summary.failed == 4)
        #expect(output.count == 29)
        #expect(output[0] == #"{"id" : "d0","double" : 0,"note" : "a\nb"}"#)
        #expect(output[3].contains(#""error":"n is not a number","id":"bad""#))
        #expect(output[7] == #"{"error": "could not fetch", "id": "gone", "stage": "fetch"}"#)
        #expect(output[10] == #"{"error":"not a JSON object on one line","input":"in.jsonl:12","stage":"test"}"#)
        #expect(output[11].contains(#"has no \"id\" string"#))
        let parsed = try output.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(parsed.allSatisfy { $0 != nil })
        let (_, parallel) = try stream(input, jobs: 3, transform: double)
        #expect(parallel == output)
    }

    @Test func textLinesAndOverlongLines() throws {
        let long = String(repeating: "x", count: 300)
        let input = #"{"id": "t1", "text": "Hello."}"# + "\n" + #"{"id": "t2", "text": "\#(long)"}"# + "\n" + #"{"text": "No id."}"#
        let (summary, output) = try stream(input, jobs: 2, kind: .textFiles, maxLineBytes: 200) { input in
            Data(#"{"id": "\#(input.id)", "length": \#(input.data.count)}"#.utf8)
        }
        #expect(summary.done == 2 && summary.failed == 1)
        #expect(output.count == 3)
        #expect(output[0] == #"{"id": "t1", "length": 6}"#)
        #expect(output[1].contains("over the limit of 200 bytes"))
        #expect(output[2].hasSuffix(#""length": 6}"#))
    }

    @Test func filesAreReadWholeUpToTheLimit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-read-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for size in [0, 1, 4095, 4096, 4097, 100_000] {
            let path = folder.appendingPathComponent("f\(size)").path
            let bytes = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            try bytes.write(to: URL(fileURLWithPath: path))
            #expect(try FileReading.read(path, limit: 100_000) == bytes)
            if size > 0 {
                #expect(throws: DocumentError.self) { try FileReading.read(path, limit: Int64(size - 1)) }
            }
        }
        #expect(throws: DocumentError.self) { try FileReading.read(folder.path, limit: 10) }
        #expect(throws: DocumentError.self) { try FileReading.read(folder.appendingPathComponent("missing").path, limit: 10) }
    }

    @Test func topLevelScanSkipsNestedValues() {
        let line = Data(#"{"a": [1, {"id": "x"}, "}"], "b": {"error": 1}, "id": "caf\u00e9 \"q\"", "n": -1.5e3}"#.utf8)
        let found = JSONLine.topLevelStrings(line, keys: ["id", "error"])
        #expect(found?.values["id"] == "café \"q\"")
        #expect(found?.present == ["id"])
        #expect(JSONLine.topLevelStrings(Data("[1]".utf8), keys: ["id"]) == nil)
        #expect(JSONLine.topLevelStrings(Data(#"{"id": "unterminated}"#.utf8), keys: ["id"]) == nil)
        #expect(JSONLine.topLevelStrings(Data("{}".utf8), keys: ["id"])?.present.isEmpty == true)
    }
}

/// A stage file whose offsets do not fit its text is refused with a reason, not indexed (and crashed on).
@Suite struct OffsetCheckTests {
    let text = "One two.\n\nThree four."   // 21 characters
    let header = DocumentHeader(id: "d", source: "d")

    func document(_ sentences: [Sentence], paragraphs: [Paragraph]? = nil) -> SegmentDocument {
        SegmentDocument(header: header, text: text,
                        paragraphs: paragraphs ?? [Paragraph(start: 0, end: 8, type: "paragraph"), Paragraph(start: 10, end: 21, type: "paragraph")],
                        sentences: sentences)
    }

    let good = [
        Sentence(start: 0, end: 8, paragraph: 0, inQuote: false, tokens: [Token(start: 0, end: 3, kind: "word"), Token(start: 4, end: 7, kind: "word")]),
        Sentence(start: 10, end: 21, paragraph: 1, inQuote: false, tokens: nil),
    ]

    @Test func theStagesOwnOutputPasses() throws {
        try document(good).checkOffsets(file: "d.json")
    }

    @Test(arguments: [
        ("past the end", Sentence(start: 10, end: 99, paragraph: 1, inQuote: false, tokens: nil), "lies outside"),
        ("reversed", Sentence(start: 20, end: 12, paragraph: 1, inQuote: false, tokens: nil), "ends before it starts"),
        ("no such paragraph", Sentence(start: 10, end: 21, paragraph: 7, inQuote: false, tokens: nil), "does not exist"),
        ("outside its paragraph", Sentence(start: 5, end: 21, paragraph: 1, inQuote: false, tokens: nil), "outside its container"),
        ("token outside", Sentence(start: 10, end: 21, paragraph: 1, inQuote: false, tokens: [Token(start: 2, end: 4, kind: "word")]), "outside its container"),
    ])
    func brokenOffsetsAreRefused(_ name: String, _ broken: Sentence, _ reason: String) {
        do {
            try document([good[0], broken]).checkOffsets(file: "d.json")
            Issue.record("\(name): accepted")
        } catch let error as DocumentError {
            #expect(error.kind == .invalidInput)
            #expect(error.message.hasPrefix("d.json: "), "\(error.message)")
            #expect(error.message.contains(reason), "\(name): \(error.message)")
        } catch {
            Issue.record("\(name): \(error)")
        }
    }

    @Test func overlappingSentencesAreRefused() {
        let overlapping = [good[0], Sentence(start: 6, end: 8, paragraph: 0, inQuote: false, tokens: nil)]
        #expect(throws: DocumentError.self) { try document(overlapping).checkOffsets(file: "d.json") }
    }
}

@Suite struct LargeStringDecodingTests {
    struct Page: Codable, Equatable {
        var id: String
        var meta: [String: [Int]]
        var content: String
    }

    /// The page, or the error's words.
    enum Outcome: Equatable { case page(Page), error(String) }

    func both(_ json: String) -> (fast: Outcome, general: Outcome) {
        let data = Data(json.utf8)
        func run(_ body: () throws -> Page) -> Outcome {
            do { return .page(try body()) } catch { return .error("\(error)") }
        }
        return (run { try JSONFiles.decode(Page.self, from: data, file: "p.json", largeString: "content") { $0.content = $1 } },
                run { try JSONFiles.decode(Page.self, from: data, file: "p.json") })
    }

    @Test func sameDocumentAsTheGeneralDecoder() {
        let cases = [
            #"{"id": "a", "meta": {"x": [1, 2]}, "content": "<p class=\"x\">one\ntwo\ttab \\ back \/ slash</p>"}"#,
            #"{ "content" : "Zürich 東京 😀 \"q\"" , "id" : "b", "meta" : {} }"#,
            #"{"id": "c", "content": "escaped \u00e9 and \ud83d\ude00", "meta": {}}"#,         // \u: the general way
            #"{"id": "d", "meta": {"content": [1]}, "content": "nested key is not the field"}"#,
            #"{"id": "e", "content": "first", "meta": {}, "content": "second"}"#,              // twice
            #"{"id": "f", "cont\u0065nt": "escaped key", "meta": {}}"#,
            #"{"id": "g", "meta": {}}"#,                                                        // missing
            #"{"id": "h", "meta": {}, "content": "unterminated}"#,                              // not JSON
            #"{"id": "i", "meta": {}, "content": 42}"#,                                         // not a string
        ]
        for json in cases {
            let (fast, general) = both(json)
            #expect(fast == general, "\(json)")
        }
    }

    /// The UTF-8 check agrees with the standard library's on every kind of sequence, valid or not.
    @Test func utf8CheckAgreesWithTheStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [[0x41], [0x7F], [0x80], [0xC1, 0x80], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80],
                                 [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x8F, 0x80, 0x80], [0xF0, 0x90, 0x80, 0x80],
                                 [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xE2, 0x82],
                                 Array("plain ascii text!".utf8), Array("Zürich 東京 😀".utf8)]
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...6, using: &generator) { bytes += pieces.randomElement(using: &generator)! }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBufferPointer(UTF8Check.isValid) == expected, "\(bytes)")
        }
    }

    /// The fast reader scans eight bytes at a time: an escape, a quotation mark or a control character
    /// at every position of a word must be found.
    @Test func escapesAtEveryPositionOfAWord() {
        for offset in 0..<17 {
            let padding = String(repeating: "x", count: offset)
            for special in [#"\""#, #"\\"#, #"\n"#, #"\/"#, "é", "\u{1F600}", "\t", "\u{0001}"] {
                let json = #"{"id": "a", "meta": {}, "content": ""# + padding + special + "0123456789abcdef" + special + #""}"#
                let (fast, general) = both(json)
                #expect(fast == general, "\(offset) \(special)")
            }
        }
    }
}

@Suite struct SegmentTokensDecodingTests {
    enum Outcome: Equatable { case document(SegmentDocument), error(String) }

    func both(_ json: String) -> (fast: Outcome, general: Outcome) {
        let data = Data(json.utf8)
        func run(_ body: () throws -> SegmentDocument) -> Outcome {
            do { return .document(try body()) } catch { return .error("\(error)") }
        }
        return (run { try JSONFiles.decodeSegment(from: data, file: "s.json") },
                run { try JSONFiles.decode(SegmentDocument.self, from: data, file: "s.json") })
    }

    /// A segment file around `sentences` (the JSON of the sentences array's members).
    func file(_ sentences: String, extra: String = "") -> String {
        #"{"authors": [], "id": "d", "language": "en", "paragraphs": [{"end": 9, "start": 0, "type": "paragraph"}], "published": null, "schema": "newsmill/segmented/1", "sentences": ["#
            + sentences + #"], "site": null, "source": "s", "text": "Hi \"tokens\" : [x]", "title": null, "url": null"# + extra + "}"
    }

    @Test func sameDocumentAsTheGeneralDecoder() throws {
        let sentence = #"{"end": 9, "inQuote": false, "paragraph": 0, "start": 0, "tokens": [%@]}"#
        func with(_ tokens: String) -> String { sentence.replacingOccurrences(of: "%@", with: tokens) }
        let cases = [
            file(with(#"{ "end" : 2, "kind" : "word", "start" : 0 }, {"start": 3, "end": 9, "kind": "punct"}"#)),
            file(with("") + ", " + #"{"end": 9, "inQuote": true, "paragraph": 0, "start": 3}"#),       // empty, then none
            file(with(#"{"end": 2, "kind": "w\u006frd", "start": 0}"#)),                               // escape
            file(with(#"{"end": 2, "kind": "wörd", "start": 0}"#)),                                    // not ASCII
            file(with(#"{"end": 2, "kind": "word", "start": 0, "extra": 1}"#)),                        // a fourth field
            file(with(#"{"end": 2, "kind": "word"}"#)),                                                // missing start
            file(with(#"{"end": 2, "kind": "word", "start": 0,}"#)),                                   // trailing comma
            file(with(#"{"end": 2 "kind": "word", "start": 0}"#)),                                     // missing comma
            file(with(#"{"end": -2, "kind": "word", "start": 0}"#)),                                   // negative
            file(with(#"{"end": 2.0, "kind": "word", "start": 0}"#)),                                  // not an integer
            file(with(#"{"end": 2, "kind": "word", "start": 0}"#), extra: #", "tokens": []"#),          // elsewhere
            file(with(#"{"end": 2, "kind": "word", "start": 0}"#)).replacingOccurrences(of: "\"type\": \"paragraph\"", with: #""type": "paragraph", "tokens": [{"end": 1, "kind": "x", "start": 0}]"#),
            file(with(#"{"end": 2, "kind": "word", "start": 0}"#)).replacingOccurrences(of: "]}], \"site\"", with: "]}, \"site\""), // not JSON
        ]
        for json in cases {
            let (fast, general) = both(json)
            #expect(fast == general, "\(json)")
        }
        // The usual case does go the fast way and reads every token.
        guard case .document(let document) = both(cases[0]).fast else { Issue.record("not read"); return }
        #expect(document.sentences[0].tokens == [Token(start: 0, end: 2, kind: "word"), Token(start: 3, end: 9, kind: "punct")])
        let split = Data(cases[0].utf8).withUnsafeBytes { SegmentTokensReader.split($0.bindMemory(to: UInt8.self)) }
        #expect(split?.1.count == 1)
        #expect(SegmentDocument.fastDecode(Data(cases[0].utf8)) == document)
    }
}

@Suite struct PrettyJSONTests {
    /// Random text with long plain runs and every byte the writer escapes, at every alignment.
    static func randomText(_ generator: inout some RandomNumberGenerator) -> String {
        let pieces = ["plain ascii words ", "\"", "\\", "\n", "\t", "\r", "\u{1}", "\u{1F}", "/", "é", "“quoted”", "€", "😀", "\u{7F}", "a"]
        var text = ""
        for _ in 0..<Int.random(in: 0...40, using: &generator) { text += pieces.randomElement(using: &generator)! }
        return text
    }

    @Test func integersAreWrittenAsSwiftPrintsThem() {
        var values = [0, 1, 9, 10, 11, 99, 100, 12_345, Int.max, Int.min, -1, -10, 1_000_000_007]
        var power = 1
        while power <= Int.max / 10 { values += [power - 1, power, power + 1]; power *= 10 }
        for value in values {
            var json = PrettyJSON()
            json.int(value)
            #expect(json.bytes == Array(String(value).utf8), "\(value)")
        }
    }

    @Test func normalizedDocumentIsWrittenAsFoundationWritesIt() throws {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<300 {
            var provenance = Provenance(kind: round % 2 == 0 ? "file" : "warc", location: "in/\(round) \"x\".html")
            if round % 3 == 0 {
                provenance.compressed = round % 2 == 0
                provenance.bytes = round * 1000
                provenance.url = "https://example.com/a/\(round)?q=\"1\""
                provenance.warcFile = "pages.warc.gz"
                provenance.warcOffset = round * 17
                provenance.fetchedAt = "2026-11-26T10:00:00Z"
                provenance.httpStatus = 200
                provenance.httpHeaders = ["content-type": "text/html", "etag": "\"abc\"", "X-Upper": Self.randomText(&generator)]
            }
            let charset = CharsetDecision(name: "UTF-8", decidedBy: "meta", declared: round % 2 == 0 ? nil : "utf-8",
                                          invalidBytes: round)
            let document = NormalizedDocument(id: "doc-\(round)", source: "in/\(round).html", provenance: provenance,
                                              mediaType: "text/html", charset: charset, content: Self.randomText(&generator))
            #expect(document.prettyJSON() == (try JSONFiles.encode(document)))
        }
    }
}

@Suite struct NFCTests {
    /// Normalizing only the stretches around unstable characters gives what normalizing the whole
    /// text gives, whatever sits next to what (long ASCII gaps make several stretches).
    @Test func stretchwiseNormalizationEqualsWholeText() {
        let pieces = [String(repeating: "plain ascii ", count: 30), " ", "e", "\u{301}", "\u{327}\u{301}", "é", "\u{1E9B}\u{323}",
                      "\u{AC00}", "\u{11A8}", "\u{1100}", "\u{1161}", "\u{627}", "\u{653}", "العربية", "ไทย", "\u{915}\u{93C}",
                      "\u{2126}", "\u{F900}", "日本", "か\u{3099}", "😀", "“", "Ω", "\u{0344}", "\u{1F71}", "x"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...24, using: &generator) { text += pieces.randomElement(using: &generator)! }
            #expect(Array(UnicodeText.nfc(text).utf8) == Array(text.precomposedStringWithCanonicalMapping.utf8),
                    "\(Array(text.unicodeScalars))")
        }
    }

    @Test func stretchesStartAndEndAtASCII() {
        var text = String(repeating: "a", count: 1000) + " Caf\u{65}\u{301} " + String(repeating: "b", count: 1000) + " \u{627}\u{653}"
        let spans = text.withUTF8 { UnicodeText.unstableSpans($0) }
        #expect(spans.count == 2)
        #expect(spans.first.map { Array(text.utf8)[$0].starts(with: Array("e\u{301}".utf8)) } == true)
        #expect(spans.last?.upperBound == text.utf8.count)
    }
}

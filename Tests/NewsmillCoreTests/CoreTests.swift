import Foundation
import NewsmillCore
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

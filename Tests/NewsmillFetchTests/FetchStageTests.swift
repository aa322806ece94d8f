import Foundation
import NewsmillCore
import NewsmillFetch
import NewsmillTestSupport
import Testing

@Suite struct FetchStageTests {
    func run(_ corpus: TemporaryFolder, out: String, force: Bool = false) throws -> (RunSummary, StageManifest) {
        var stage = FetchStage(settings: FetchSettings(), folder: try StageFolder(stage: "fetch", path: out))
        stage.log = { _ in }
        stage.force = force
        let summary = try stage.run(corpus: corpus.path("corpus"))
        let manifest = try JSONDecoder().decode(StageManifest.self, from: Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("_manifest.json")))
        return (summary, manifest)
    }

    func entry(_ manifest: StageManifest, _ input: String) -> ManifestEntry? { manifest.documents.first { $0.input == input } }

    @Test func everyInputIsAccountedFor() throws {
        let folder = TemporaryFolder()
        folder.write("corpus/a page.html", "<html><body><p>Hello world</p></body></html>")
        folder.write("corpus/nested/copy.htm", "<html><body><p>Hello world</p></body></html>")
        folder.write("corpus/empty.html", "")
        folder.write("corpus/image.html", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]))
        folder.write("corpus/notes.md", "# not a document")
        folder.write("corpus/broken.txt.gz", Data([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00]))
        folder.write("corpus/story.txt", "Plain text story.\n")
        let (summary, manifest) = try run(folder, out: folder.path("out"))
        #expect(manifest.documents.count == 7)
        #expect(summary.done == 2 && summary.duplicates == 1 && summary.skipped == 1 && summary.failed == 3)
        let page = try #require(entry(manifest, "a page.html"))
        #expect(page.status == .ok)
        #expect(entry(manifest, "nested/copy.htm")?.status == .duplicate)
        #expect(entry(manifest, "nested/copy.htm")?.duplicateOf == page.id)
        #expect(entry(manifest, "empty.html")?.reason == "the file is empty")
        #expect(entry(manifest, "image.html")?.reason?.contains("PNG") == true)
        #expect(entry(manifest, "broken.txt.gz")?.reason?.contains("gzip") == true)
        #expect(entry(manifest, "notes.md")?.status == .skipped)
        // Only the documents have outputs.
        let outputs = try FileManager.default.contentsOfDirectory(atPath: folder.path("out")).filter { !$0.hasPrefix("_") }
        #expect(outputs.count == 2)
    }

    @Test func rerunReadsOnlyChangedFilesAndKeepsIDs() throws {
        let folder = TemporaryFolder()
        folder.write("corpus/one.html", "<p>One</p>")
        folder.write("corpus/two.txt", "Two")
        let (_, first) = try run(folder, out: folder.path("out"))
        let (again, second) = try run(folder, out: folder.path("out"))
        #expect(again.done == 0 && again.unchanged == 2)
        #expect(first.documents.map(\.id) == second.documents.map(\.id))
        Thread.sleep(forTimeInterval: 0.01)
        folder.write("corpus/two.txt", "Two, changed")
        let (third, _) = try run(folder, out: folder.path("out"))
        #expect(third.done == 1 && third.unchanged == 1)
    }

    @Test func removedFileRemovesItsOutput() throws {
        let folder = TemporaryFolder()
        folder.write("corpus/one.html", "<p>One</p>")
        folder.write("corpus/two.html", "<p>Two</p>")
        let (_, manifest) = try run(folder, out: folder.path("out"))
        let twoID = try #require(entry(manifest, "two.html")?.id)
        try FileManager.default.removeItem(atPath: folder.path("corpus/two.html"))
        let (summary, _) = try run(folder, out: folder.path("out"))
        #expect(summary.pruned == 1)
        #expect(FileInfo.of(folder.path("out/\(twoID).json")) == nil)
    }

    @Test func documentRecordsCharsetAndProvenance() throws {
        let folder = TemporaryFolder()
        var page = Data(#"<meta charset="windows-1252"><p>"#.utf8)
        page.append(contentsOf: [0x93, 0x51, 0x94])
        folder.write("corpus/legacy.html", page)
        let (_, manifest) = try run(folder, out: folder.path("out"))
        let id = try #require(entry(manifest, "legacy.html")?.id)
        let document = try JSONDecoder().decode(NormalizedDocument.self, from: Data(contentsOf: URL(fileURLWithPath: folder.path("out/\(id).json"))))
        #expect(document.charset.name == "windows-1252" && document.charset.decidedBy == "meta")
        #expect(document.content.hasSuffix("“Q”"))
        #expect(document.provenance.kind == "file" && document.provenance.location == "legacy.html")
        #expect(document.mediaType == "text/html")
    }

    @Test func oversizedDocumentIsRefusedWithTheLimit() throws {
        let folder = TemporaryFolder()
        folder.write("corpus/big.html", Data(repeating: 0x61, count: 2048))
        var settings = FetchSettings()
        settings.maxDocumentBytes = 1024
        var stage = FetchStage(settings: settings, folder: try StageFolder(stage: "fetch", path: folder.path("out")))
        stage.log = { _ in }
        let summary = try stage.run(corpus: folder.path("corpus"))
        #expect(summary.failed == 1)
        let errors = String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder.path("out/_errors.jsonl"))), as: UTF8.self)
        #expect(errors.contains("limit of 1024 bytes"))
    }
}

@Suite struct LargeInputTests {
    @Test func fiftyMegabytePageIsRefusedByTheDocumentLimit() throws {
        let folder = TemporaryFolder()
        var page = Data("<html><body><p>".utf8)
        page.append(Data(repeating: 0x61, count: 50 * 1024 * 1024))
        folder.write("corpus/huge.html", page)
        folder.write("corpus/small.html", "<p>Small page.</p>")
        var stage = FetchStage(settings: FetchSettings(), folder: try StageFolder(stage: "fetch", path: folder.path("out")))
        stage.log = { _ in }
        let summary = try stage.run(corpus: folder.path("corpus"))
        #expect(summary.done == 1 && summary.failed == 1)
        let errors = String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder.path("out/_errors.jsonl"))), as: UTF8.self)
        #expect(errors.contains("huge.html") && errors.contains("document limit of 33554432 bytes") && errors.contains("Pipelines/fetch.json"))
    }
}

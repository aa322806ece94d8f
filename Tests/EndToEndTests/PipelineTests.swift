import Foundation
import NewsmillCore
import NewsmillTestSupport
import Testing

/// Runs the built executables over Samples/ once, into a temporary output folder, for all tests here.
final class SamplesRun: @unchecked Sendable {
    static let shared = SamplesRun()
    let folder = TemporaryFolder("newsmill-e2e")
    var results: [String: CommandResult] = [:]
    var error: Error?

    var out: URL { folder.url }

    init() {
        do {
            try run(into: folder.url, jobs: 2)
        } catch {
            self.error = error
        }
    }

    func run(into out: URL, jobs: Int) throws {
        let bin = TestPaths.executables
        let stages: [(String, String, String)] = [
            ("newsmill-fetch", "1-normalized", TestPaths.samples.path),
            ("newsmill-clean", "2-cleaned", out.appendingPathComponent("1-normalized").path),
            ("newsmill-segment", "3-segmented", out.appendingPathComponent("2-cleaned").path),
            ("newsmill-extract", "4-extracted", out.appendingPathComponent("3-segmented").path),
            ("newsmill-summarize", "5-summarized", out.appendingPathComponent("4-extracted").path),
        ]
        for (tool, folder, input) in stages {
            let result = try runCommand(bin.appendingPathComponent(tool),
                                        ["--quiet", "--jobs", "\(jobs)", "--pipelines", TestPaths.pipelines.path,
                                         "--out", out.appendingPathComponent(folder).path, input])
            results[tool] = result
        }
    }

    func documents(_ stage: String) -> [URL] {
        let folder = out.appendingPathComponent(stage)
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix("_") }.sorted().map { folder.appendingPathComponent($0) }
    }

    func seed(_ stage: String) throws -> Data {
        let file = try #require(documents(stage).first { $0.lastPathComponent.hasPrefix("iran-hezbollah-syndicated-") })
        return try Data(contentsOf: file)
    }
}

@Suite(.serialized) struct PipelineTests {
    let run = SamplesRun.shared

    @Test func everyStageSucceedsOnTheSamples() throws {
        if let error = run.error { Issue.record("pipeline did not run: \(error)") }
        for tool in ["newsmill-fetch", "newsmill-clean", "newsmill-segment", "newsmill-extract", "newsmill-summarize"] {
            let result = try #require(run.results[tool])
            #expect(result.status == 0, "\(tool): \(result.stderr)")
        }
        for stage in ["1-normalized", "2-cleaned", "3-segmented", "4-extracted", "5-summarized"] {
            #expect(run.documents(stage).count == 10, "\(stage)")
        }
        let manifest = try JSONDecoder().decode(StageManifest.self, from: Data(contentsOf: run.out.appendingPathComponent("1-normalized/_manifest.json")))
        #expect(manifest.documents.contains { $0.input == "README.md" && $0.status == .skipped })
        #expect(manifest.documents.contains { $0.input == "pages/port flood defences.html" && $0.status == .ok })
    }

    @Test func everyFileFitsItsSchema() throws {
        let schemas = ["1-normalized": "normalized", "2-cleaned": "cleaned", "3-segmented": "segmented", "4-extracted": "extracted", "5-summarized": "summarized"]
        for (stage, name) in schemas {
            let check = try SchemaCheck(schemaFile: TestPaths.schemas.appendingPathComponent("\(name).schema.json"))
            for file in run.documents(stage) {
                let problems = check.problems(in: try Data(contentsOf: file))
                #expect(problems.isEmpty, "\(stage)/\(file.lastPathComponent): \(problems.prefix(5))")
            }
            let manifestCheck = try SchemaCheck(schemaFile: TestPaths.schemas.appendingPathComponent("manifest.schema.json"))
            let problems = manifestCheck.problems(in: try Data(contentsOf: run.out.appendingPathComponent("\(stage)/_manifest.json")))
            #expect(problems.isEmpty, "\(stage)/_manifest.json: \(problems.prefix(5))")
        }
    }

    @Test func seedArticleIsCleaned() throws {
        let clean = try JSONDecoder().decode(CleanDocument.self, from: run.seed("2-cleaned"))
        for boilerplate in ["Skip to main content", "Data & News supplied by", "Quotes delayed at least 20 minutes",
                            "US CITIZENS SUE STATE SPONSORS", "ISRAEL DESTROYS ISLAMIC JIHAD", "By accessing this page"] {
            #expect(!clean.text.contains(boilerplate), "\(boilerplate)")
        }
        #expect(clean.header.title == "Iran vows to back Hezbollah in fight with Israel as IRGC general renews threat of imminent missile strike")
        #expect(clean.text.hasSuffix("\"In the interim, Tehran is benefiting from the chaos.\""))
        #expect(clean.header.language == "en")
    }

    @Test func seedArticleIsSegmented() throws {
        let segmented = try JSONDecoder().decode(SegmentDocument.self, from: run.seed("3-segmented"))
        // The headline, then 20 sentences in the body.
        #expect(segmented.sentences.count == 21)
        let scalars = Array(segmented.text.unicodeScalars)
        let texts = segmented.sentences.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
        #expect(!texts.contains { $0.hasSuffix("U.S.") && !$0.hasSuffix("forces.") })
        #expect(texts.contains { $0.contains("[conducting] Operation True Promise 2") })
        #expect(texts.suffix(3).map(\.self) == [
            "\"We are in the incubation phase of greater militia coordination.",
            "As Hamas fights Israel, Hezbollah is drawing resources from the south toward the north, while proxies in Yemen and Iraq are trying to synchronize their fire against the Jewish state,\" he warned.",
            "\"In the interim, Tehran is benefiting from the chaos.\"",
        ])
    }

    @Test func seedArticleEntitiesAndQuotes() throws {
        let extracted = try JSONDecoder().decode(ExtractDocument.self, from: run.seed("4-extracted"))
        let people = extracted.entities.filter { $0.type == "PERSON" }.map(\.name)
        #expect(people.contains("Kamal Kharrazi"))
        #expect(people.contains("Amir Ali Hajizadeh"))
        #expect(extracted.entities.filter { $0.name.contains("Kharrazi") }.count == 1)
        let quote = try #require(extracted.quotes.first { $0.text.hasPrefix("In that situation, we would have no choice, but to support Hezbollah by all means,") })
        #expect(quote.speaker?.name == "Kamal Kharrazi")
        let scalars = Array(extracted.text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[quote.start..<quote.end])) == quote.text)
        #expect(extracted.quantities.contains { $0.text == "more than 300" && $0.bound == "lower-bound" && $0.counts == "drones" })
        #expect(extracted.dates.contains { $0.text == "April 14" })
    }

    @Test func seedArticleSummary() throws {
        let summary = try JSONDecoder().decode(SummaryDocument.self, from: run.seed("5-summarized"))
        #expect(!summary.summary.isEmpty)
        for boilerplate in ["Skip to main content", "supplied by", "Quotes delayed"] { #expect(!summary.summary.contains(boilerplate)) }
        #expect(summary.summary.contains("Iran") && summary.summary.contains("Hezbollah") && summary.summary.contains("Israel"))
        // Kharrazi's warning of a regional war, and the commander's (Hajizadeh's) hope for more strikes.
        #expect(summary.summary.contains("Kharrazi") && summary.summary.contains("regional war"))
        #expect((summary.summary.contains("Hajizadeh") || summary.summary.contains("commander")) && summary.summary.contains("strike"))
        #expect(summary.digest.who.contains { $0.name == "Kamal Kharrazi" })
    }

    @Test func samplePagesLoseTheirChrome() throws {
        for file in run.documents("2-cleaned") {
            let clean = try JSONDecoder().decode(CleanDocument.self, from: Data(contentsOf: file))
            #expect(!clean.text.isEmpty, "\(file.lastPathComponent)")
            for chrome in ["Skip to main content", "We use cookies", "Accept all", "Privacy Policy", "Share on Facebook", "Sign up for our"] {
                #expect(!clean.text.contains(chrome), "\(file.lastPathComponent): \(chrome)")
            }
            // Every page names its authors, except the plain-text seed and the wire copy of it.
            #expect(clean.header.title != nil && !clean.header.authors.isEmpty || clean.header.source.hasSuffix(".txt")
                    || clean.header.source.hasPrefix("syndicated/"), "\(file.lastPathComponent)")
        }
        let legacy = try JSONDecoder().decode(CleanDocument.self, from: Data(contentsOf: try #require(run.documents("2-cleaned").first { $0.lastPathComponent.hasPrefix("munsterbach") })))
        #expect(legacy.text.contains("Zürich") && legacy.text.contains("“We were worried") && legacy.text.contains("€15"))
    }

    @Test func syndicatedCopiesShareACluster() throws {
        let documents = try run.documents("2-cleaned").map { try JSONDecoder().decode(CleanDocument.self, from: Data(contentsOf: $0)) }
        let seed = try #require(documents.first { $0.header.source == "seed/iran-hezbollah-syndicated.txt" })
        let copy = try #require(documents.first { $0.header.source == "syndicated/iran-hezbollah-riverside-ledger.html" })
        #expect(seed.cluster != nil)
        #expect(seed.cluster == copy.cluster)
        #expect(documents.filter { $0.cluster != nil }.count == 2)
    }

    @Test func outputIsDeterministic() throws {
        let again = TemporaryFolder("newsmill-e2e-again")
        try run.run(into: again.url, jobs: 1)
        for stage in ["1-normalized", "2-cleaned", "3-segmented", "4-extracted", "5-summarized"] {
            for file in run.documents(stage) {
                let other = again.url.appendingPathComponent(stage).appendingPathComponent(file.lastPathComponent)
                #expect(try Data(contentsOf: file) == Data(contentsOf: other), "\(stage)/\(file.lastPathComponent)")
            }
        }
    }

    /// `--jsonl`: the clean documents as JSON Lines, piped through segment, extract and summarize (two
    /// jobs), give the same documents as the per-file run, one line each, in input order.
    @Test func streamingGivesTheSameDocuments() throws {
        let folder = TemporaryFolder("newsmill-e2e-stream")
        var lines = Data()
        for file in run.documents("2-cleaned") {
            lines.append(JSONLine.compact(try Data(contentsOf: file)))
            lines.append(0x0A)
        }
        var input = folder.write("2-cleaned.jsonl", lines)
        for (tool, stage) in [("newsmill-segment", "3-segmented"), ("newsmill-extract", "4-extracted"), ("newsmill-summarize", "5-summarized")] {
            let result = try runCommand(TestPaths.executables.appendingPathComponent(tool),
                                        ["--jsonl", "--quiet", "--jobs", "2", "--pipelines", TestPaths.pipelines.path, input])
            #expect(result.status == 0, "\(tool): \(result.stderr)")
            let outputLines = result.stdout.split(separator: "\n")
            let files = run.documents(stage)
            #expect(outputLines.count == files.count, "\(stage)")
            for (line, file) in zip(outputLines, files) {
                let streamed = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? NSDictionary
                let written = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? NSDictionary
                #expect(streamed != nil && streamed == written, "\(stage)/\(file.lastPathComponent)")
            }
            input = folder.write("\(stage).jsonl", result.stdout)
        }
    }

    /// `--only dates,quantities`: the dates and quantities of a full run, nothing else looked for, and
    /// the file says so in `components` (and still fits the schema).
    @Test func extractOnlySomeKinds() throws {
        let folder = TemporaryFolder("newsmill-e2e-only")
        let seed = try #require(run.documents("3-segmented").first { $0.lastPathComponent.hasPrefix("iran-hezbollah-syndicated-") })
        let result = try runCommand(TestPaths.executables.appendingPathComponent("newsmill-extract"),
                                    ["--quiet", "--only", "quantities", "--pipelines", TestPaths.pipelines.path, "--out", folder.path("x"), seed.path])
        #expect(result.status == 0, "\(result.stderr)")
        let data = try Data(contentsOf: folder.url.appendingPathComponent("x").appendingPathComponent(seed.lastPathComponent))
        let partial = try JSONDecoder().decode(ExtractDocument.self, from: data)
        let full = try JSONDecoder().decode(ExtractDocument.self, from: run.seed("4-extracted"))
        #expect(partial.components == ["dates", "quantities"])
        #expect(full.components == nil)
        #expect(partial.dates == full.dates && !partial.dates.isEmpty)
        #expect(partial.quantities == full.quantities)
        #expect(partial.entities.isEmpty && partial.quotes.isEmpty && partial.keyphrases.isEmpty)
        let check = try SchemaCheck(schemaFile: TestPaths.schemas.appendingPathComponent("extracted.schema.json"))
        #expect(check.problems(in: data).isEmpty)
    }

    /// The report escapes what it shows: a title with markup in it reaches the page as text.
    @Test func reportEscapesText() throws {
        let folder = TemporaryFolder("newsmill-e2e-report")
        for stage in ["2-cleaned", "4-extracted", "5-summarized"] {
            try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(stage), withIntermediateDirectories: true)
            for file in run.documents(stage) {
                var data = try Data(contentsOf: file)
                if stage == "2-cleaned", file.lastPathComponent.hasPrefix("iran-hezbollah-syndicated-") {
                    var object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
                    object["title"] = "<script>alert(\"x\")</script> & co"
                    data = try JSONSerialization.data(withJSONObject: object)
                }
                try data.write(to: folder.url.appendingPathComponent(stage).appendingPathComponent(file.lastPathComponent))
            }
        }
        let result = try runCommand(TestPaths.executables.appendingPathComponent("newsmill-inspect"),
                                    ["--out", folder.url.path, "--pipelines", TestPaths.pipelines.path, "--report", folder.path("report")])
        #expect(result.status == 0, "\(result.stderr)")
        let seed = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path("report/documents")).first { $0.hasPrefix("iran-hezbollah-syndicated-") })
        let page = String(decoding: try Data(contentsOf: folder.url.appendingPathComponent("report/documents/\(seed)")), as: UTF8.self)
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"))
        #expect(!page.contains("<script"))
        let index = String(decoding: try Data(contentsOf: folder.url.appendingPathComponent("report/index.html")), as: UTF8.self)
        #expect(index.contains("&lt;script&gt;"))
        #expect(index.components(separatedBy: "<script").count == 2)  // the report's own script only
        #expect(page.contains(#"<mark class="entity PERSON" title="PERSON: Kamal Kharrazi"#))
    }

    /// `--diff`: the same document in two output folders, what changed stage by stage.
    @Test func diffShowsWhatChanged() throws {
        let folder = TemporaryFolder("newsmill-e2e-diff")
        for stage in ["2-cleaned", "5-summarized"] {
            try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(stage), withIntermediateDirectories: true)
            let file = try #require(run.documents(stage).first { $0.lastPathComponent.hasPrefix("iran-hezbollah-syndicated-") })
            var data = try Data(contentsOf: file)
            if stage == "5-summarized" {
                var object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
                object["summary"] = "A different summary."
                data = try JSONSerialization.data(withJSONObject: object)
            }
            try data.write(to: folder.url.appendingPathComponent(stage).appendingPathComponent(file.lastPathComponent))
        }
        let seed = try #require(run.documents("2-cleaned").first { $0.lastPathComponent.hasPrefix("iran-hezbollah-syndicated-") })
        let id = seed.deletingPathExtension().lastPathComponent
        let result = try runCommand(TestPaths.executables.appendingPathComponent("newsmill-inspect"),
                                    ["--out", run.out.path, "--diff", folder.url.path, "--no-color", id])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("== clean: the same"))
        #expect(result.stdout.contains("== fetch: only in \(run.out.path)"))
        #expect(result.stdout.contains("\n+ A different summary.\n"))
        #expect(result.stdout.contains("\n- Iran has said"))
        #expect(!result.stdout.contains("\u{1B}["))
        #expect(result.stdout.hasSuffix("4 stages differ\n"))
    }

    @Test func secondRunDoesNothing() throws {
        let result = try runCommand(TestPaths.executables.appendingPathComponent("newsmill-clean"),
                                    ["--pipelines", TestPaths.pipelines.path, "--out", run.out.appendingPathComponent("2-cleaned").path,
                                     run.out.appendingPathComponent("1-normalized").path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("0 done, 10 unchanged, 0 failed"))
    }
}

@Suite struct BadInputTests {
    @Test func failuresAreRecordedAndTheRunGoesOn() throws {
        let folder = TemporaryFolder("newsmill-bad")
        folder.write("corpus/good.html", "<html><body><article><p>The council voted to raise the harbour wall after a winter of storms that flooded many homes in the town.</p></article></body></html>")
        folder.write("corpus/empty.html", "")
        folder.write("corpus/with space and ünïcode.txt", "A plain text story that has enough words to be a paragraph of its own here.")
        let result = try runCommand(TestPaths.executables.appendingPathComponent("newsmill-fetch"),
                                    ["--out", folder.path("out"), folder.path("corpus")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("empty.html: the file is empty"))
        #expect(result.stderr.contains("2 done, 0 unchanged, 1 failed"))
        let errors = String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder.path("out/_errors.jsonl"))), as: UTF8.self)
        #expect(errors.contains("\"input\":\"empty.html\""))

        let clean = try runCommand(TestPaths.executables.appendingPathComponent("newsmill-clean"),
                                   ["--pipelines", TestPaths.pipelines.path, "--out", folder.path("clean"), folder.path("out"), folder.path("corpus/good.html")])
        #expect(clean.status == 1)
        #expect(clean.stderr.contains("good: "))
        #expect(clean.stderr.contains("2 done"))
    }

    @Test func badOptionsAreUsageErrors() throws {
        let result = try runCommand(TestPaths.executables.appendingPathComponent("newsmill-segment"), ["--out", "/tmp/x", "--jobs", "0", "a.json"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--jobs must be at least 1"))
        let missing = try runCommand(TestPaths.executables.appendingPathComponent("newsmill-clean"), ["--out", "/tmp/newsmill-x", "/no/such/folder"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file or folder: /no/such/folder"))
        let both = try runCommand(TestPaths.executables.appendingPathComponent("newsmill-extract"), ["--jsonl", "--out", "/tmp/x"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--jsonl writes to standard output; leave out --out"))
        let neither = try runCommand(TestPaths.executables.appendingPathComponent("newsmill-summarize"), ["a.json"])
        #expect(neither.status == 64)
        #expect(neither.stderr.contains("give the output folder with --out (or stream with --jsonl)"))
    }

    @Test func textModeRunsEarlierStagesInProcess() throws {
        let folder = TemporaryFolder("newsmill-text")
        let input = folder.write("story.txt", "Menu\n\nCouncil approves new sea wall for the harbour town\n\nThe council voted on Tuesday. Mayor Ana Ruiz said: \"We have been lucky, and luck is not a strategy.\"\n")
        let result = try runCommand(TestPaths.executables.appendingPathComponent("newsmill-extract"),
                                    ["--pipelines", TestPaths.pipelines.path, "--text", "--published", "2024-06-26", "--out", folder.path("out"), input])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try JSONDecoder().decode(ExtractDocument.self, from: Data(contentsOf: URL(fileURLWithPath: folder.path("out/story.json"))))
        #expect(!document.text.contains("Menu"))
        #expect(document.dates.first { $0.text == "Tuesday" }?.value == "2024-06-25")
        #expect(document.quotes.first?.speaker?.name == "Ana Ruiz")
    }

    @Test func inspectShowsADocumentThroughEveryStage() throws {
        let run = SamplesRun.shared
        let result = try runCommand(TestPaths.executables.appendingPathComponent("newsmill-inspect"),
                                    ["--out", run.out.path, "seed/iran-hezbollah-syndicated.txt"])
        #expect(result.status == 0, "\(result.stderr)")
        for section in ["== normalized", "== cleaned", "== segmented", "== extracted", "== summarized", "Kamal Kharrazi"] {
            #expect(result.stdout.contains(section), "\(section)")
        }
        let index = run.folder.url.appendingPathComponent("entities.jsonl")
        let indexed = try runCommand(TestPaths.executables.appendingPathComponent("newsmill-inspect"),
                                     ["--out", run.out.path, "--entity-index", index.path])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        let lines = String(decoding: try Data(contentsOf: index), as: UTF8.self).split(separator: "\n")
        let kharrazi = try #require(lines.first { $0.contains("\"name\":\"Kamal Kharrazi\"") })
        // The seed and its syndicated copy both mention him.
        #expect(kharrazi.contains("\"type\":\"PERSON\"") && kharrazi.components(separatedBy: "\"id\":").count - 1 == 2)
        let corpus = try runCommand(TestPaths.executables.appendingPathComponent("newsmill-inspect"), ["--out", run.out.path, "--corpus"])
        #expect(corpus.stdout.contains("1-normalized   10 ok, 0 duplicate, 1 skipped, 0 failed"))
    }

    /// Each stage's settings file under Pipelines/ holds every setting the stage has, with the stage's
    /// default (after changing a default in code, `make settings` writes the files again), and
    /// --print-settings shows a --settings file over the defaults.
    @Test func theSettingsFilesHoldTheStagesDefaults() throws {
        func withoutComments(_ value: Any) -> Any {
            guard let object = value as? [String: Any] else { return value }
            return object.filter { !$0.key.hasPrefix("//") }.mapValues(withoutComments)
        }
        for stage in ["fetch", "clean", "segment", "extract", "summarize"] {
            let tool = TestPaths.executables.appendingPathComponent("newsmill-\(stage)")
            let printed = try runCommand(tool, ["--print-settings"])
            #expect(printed.status == 0, "\(stage): \(printed.stderr)")
            let defaults = try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [String: Any]
            let file = TestPaths.pipelines.appendingPathComponent("\(stage).json")
            let shipped = try withoutComments(JSONSerialization.jsonObject(with: Data(contentsOf: file))) as? [String: Any]
            #expect(defaults.map { NSDictionary(dictionary: $0) } == shipped.map { NSDictionary(dictionary: $0) },
                    "Pipelines/\(stage).json differs from newsmill-\(stage)'s defaults: run `make settings`")
        }
        let folder = TemporaryFolder("newsmill-settings")
        let override = folder.url.appendingPathComponent("five.json")
        try Data(#"{"// why": "longer summaries", "sentences": 5}"#.utf8).write(to: override)
        let printed = try runCommand(TestPaths.executables.appendingPathComponent("newsmill-summarize"),
                                     ["--print-settings", "--settings", override.path])
        #expect(printed.stdout.contains("\"sentences\" : 5") && printed.stdout.contains("\"centralityWeight\""))
    }
}

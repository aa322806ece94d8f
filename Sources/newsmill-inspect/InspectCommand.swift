import ArgumentParser
import Foundation
import NewsmillCLI
import NewsmillCore
import NewsmillInspect

@main
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsmill-inspect",
        abstract: "Show what the stages did: one stage file, a document's path through every stage, or corpus counts.",
        discussion: """
        newsmill-inspect FILE.json           pretty-prints one stage file (any stage)
        newsmill-inspect --out DIR ID         shows the document with that id (or source path, as the \
        fetch manifest lists it) through every stage found in the output folder DIR
        newsmill-inspect --out DIR --corpus   counts per stage: ok, duplicate, skipped, failed with reasons
        newsmill-inspect --out DIR --entity-index FILE   the corpus's entity index as JSON Lines
        newsmill-inspect --out DIR --diff OTHER ID   what changed for the document between two output folders
        newsmill-inspect --out DIR --report FOLDER   the corpus report: a static HTML site (FOLDER/index.html) \
        that opens from disk: documents with search and sort, each document's text with entities, \
        quotations and dates marked, the entity index, who said what, the failures

        --stage NAME limits a document's path to one stage (fetch, clean, segment, extract, summarize); \
        --json prints the stage files themselves instead.
        """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("The pipeline's output folder.", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Only this stage: fetch, clean, segment, extract or summarize.", valueName: "name"))
    var stage: String?

    @Flag(help: "Print the JSON of the stage files instead of the readable view.")
    var json = false

    @Flag(help: "Counts per stage for the whole output folder.")
    var corpus = false

    @Option(help: ArgumentHelp("Write the corpus's entity index (JSON Lines: each entity with its variants, roles, the documents that mention it and how often) from the extract stage's folder of --out to this file.", valueName: "file"))
    var entityIndex: String?

    @Option(help: ArgumentHelp("Compare the document with the same document in another output folder: what changed in each stage (for example after a code or settings change).", valueName: "other-out"))
    var diff: String?

    @Flag(help: "No colours (the default when the output is not a terminal, or NO_COLOR is set).")
    var noColor = false

    @Option(help: ArgumentHelp("Write the corpus report (static HTML) of --out into this folder.", valueName: "folder"))
    var report: String?

    @Option(help: ArgumentHelp("newsmill's Pipelines folder with the report's templates (default: found beside the executable, or $NEWSMILL_PIPELINES).", valueName: "dir"))
    var pipelines: String?

    @Argument(help: ArgumentHelp("A stage file, or with --out a document id or source path.", valueName: "document"))
    var document: String?

    func validate() throws {
        if let stage, !Layout.stages.contains(where: { $0.name == stage }) {
            throw ValidationError("--stage takes one of: \(Layout.stages.map(\.name).joined(separator: ", "))")
        }
        if diff != nil && (out == nil || document == nil) { throw ValidationError("--diff OTHER needs --out DIR and a document id") }
        if (corpus || entityIndex != nil || report != nil) && out == nil { throw ValidationError("--corpus, --entity-index and --report need --out DIR") }
        if !corpus && entityIndex == nil && report == nil && document == nil { throw ValidationError("give a stage file, or --out DIR and a document id") }
    }

    func run() throws {
        var inspector = Inspector()
        inspector.color = !noColor && Terminal.wantsColor
        do {
            if let entityIndex, let out {
                let folder = URL(fileURLWithPath: out).appendingPathComponent(Layout.stages[3].folder)
                let entities = try EntityIndex.build(extractFolder: folder)
                try AtomicFile.write(try EntityIndex.jsonLines(entities), to: URL(fileURLWithPath: entityIndex))
                FileHandle.standardError.write(Data("newsmill-inspect: \(entities.count) entities written to \(entityIndex)\n".utf8))
                return
            }
            if let report, let out {
                let templates = try PipelinesFolder.locate(explicit: pipelines).appendingPathComponent("report")
                let site = URL(fileURLWithPath: report, isDirectory: true)
                let count = try Report(output: URL(fileURLWithPath: out), templates: templates).write(into: site)
                FileHandle.standardError.write(Data("newsmill-inspect: report of \(count) documents in \(site.appendingPathComponent("index.html").path)\n".utf8))
                return
            }
            if corpus, let out {
                print(inspector.corpus(URL(fileURLWithPath: out)))
                return
            }
            guard let document else { return }
            if let diff, let out {
                let color = !noColor && Terminal.wantsColor
                let here = try inspector.locate(document, in: URL(fileURLWithPath: out))
                let there = try inspector.locate(document, in: URL(fileURLWithPath: diff))
                var changedStages = 0
                for stage in Layout.stages where stage.name == (self.stage ?? stage.name) {
                    let old = here.first { $0.stage.name == stage.name }, new = there.first { $0.stage.name == stage.name }
                    switch (old, new) {
                    case (nil, nil): continue
                    case (_?, nil): print(Terminal.paint("== \(stage.name): only in \(out)", .yellow, color)); changedStages += 1
                    case (nil, _?): print(Terminal.paint("== \(stage.name): only in \(diff)", .yellow, color)); changedStages += 1
                    case let (old?, new?):
                        let a = try inspector.render(Data(contentsOf: old.url), file: old.url.path).components(separatedBy: "\n")
                        let b = try inspector.render(Data(contentsOf: new.url), file: new.url.path).components(separatedBy: "\n")
                        let text = LineDiff.unified(LineDiff.changes(a, b), color: color)
                        if text.isEmpty {
                            print("== \(stage.name): the same")
                        } else {
                            changedStages += 1
                            print(Terminal.paint("== \(stage.name): \(old.url.path) → \(new.url.path)", .bold, color))
                            print(text, terminator: "")
                        }
                    }
                }
                print(changedStages == 0 ? "no differences" : changedStages == 1 ? "1 stage differs" : "\(changedStages) stages differ")
                return
            }
            var files: [(stage: Layout.Stage?, url: URL)]
            if let out {
                files = try inspector.locate(document, in: URL(fileURLWithPath: out)).map { ($0.stage, $0.url) }
                if let stage { files = files.filter { $0.stage?.name == stage } }
            } else {
                files = [(nil, URL(fileURLWithPath: document))]
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file.url.path) else {
                    throw RunError("cannot read \(file.url.path)")
                }
                if json {
                    FileHandle.standardOutput.write(data)
                } else {
                    print(try inspector.render(data, file: file.url.path))
                }
            }
        } catch {
            StageExit.fail("newsmill-inspect", error)
        }
    }
}

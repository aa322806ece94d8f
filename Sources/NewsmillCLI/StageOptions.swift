import ArgumentParser
import Foundation
import NewsmillCore

/// Options every document stage shares.
public struct StageOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Folder to write one <id>.json per document into (created if missing).", valueName: "dir"))
    public var out: String

    @Flag(help: "Process every input, even those whose output is newer than the input.")
    public var force = false

    @Flag(help: "Remove outputs whose input is no longer there (only when a folder is given as input).")
    public var prune = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Documents processed at once (default: one per core).", valueName: "n"))
    public var jobs: Int = defaultJobs

    @Option(help: ArgumentHelp("Settings file overriding the stage's defaults (JSON).", valueName: "file"))
    public var settings: String?

    @Option(help: ArgumentHelp("newsmill's Pipelines folder with word lists and models (default: found beside the executable, or $NEWSMILL_PIPELINES).", valueName: "dir"))
    public var pipelines: String?

    @Flag(name: .shortAndLong, help: "Print only errors, not the closing summary line.")
    public var quiet = false

    public init() {}

    public func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if out.isEmpty { throw ValidationError("--out needs a folder") }
    }
}

/// How the executables end: the summary line on standard error, exit status 0 when every document
/// went through, 1 when some failed (the others are written), 2 when the run itself could not go on.
public enum StageExit {
    public static func finish(_ tool: String, _ summary: RunSummary, quiet: Bool, seconds: Double) -> Never {
        if !quiet || summary.failed > 0 {
            let line = "\(tool): \(summary.line) (\(String(format: "%.2f", seconds)) s)\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        exit(summary.exitCode)
    }

    public static func fail(_ tool: String, _ error: Error) -> Never {
        FileHandle.standardError.write(Data("\(tool): error: \(error)\n".utf8))
        exit(2)
    }
}

/// Runs `body`, turning a run-level error into exit status 2 with one clear line.
public func runStage(_ tool: String, quiet: Bool, _ body: () throws -> RunSummary) -> Never {
    let start = Date()
    do {
        let summary = try body()
        StageExit.finish(tool, summary, quiet: quiet, seconds: Date().timeIntervalSince(start))
    } catch {
        StageExit.fail(tool, error)
    }
}

extension StageOptions {
    /// The runner of a document stage, set up from these options.
    public func runner(stage: String, text: Bool = false) throws -> DocumentStage {
        var runner = DocumentStage(folder: try StageFolder(stage: stage, path: out), inputKind: text ? .textFiles : .stageFiles)
        runner.force = force
        runner.prune = prune
        runner.jobs = jobs
        return runner
    }
}

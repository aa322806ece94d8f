import ArgumentParser
import Foundation
import NewsmillCore

/// Options every document stage shares.
public struct StageOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Folder to write one <id>.json per document into (created if missing).", valueName: "dir"))
    public var out: String?

    @Flag(help: "Run as a streaming filter: JSON Lines in (the inputs, or standard input when none or \"-\"), one document a line; one output line per input line on standard output, in input order; failures as error records ({\"error\": …, \"id\": …}), earlier stages' error records passed on. No --out.")
    public var jsonl = false

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

    @Flag(name: .shortAndLong, help: "Print only errors: no progress bar, no closing summary line.")
    public var quiet = false

    @Flag(help: "Print the settings a run would use (the stage's defaults, with --settings over them) as JSON, and exit.")
    public var printSettings = false

    public init() {}

    public func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if printSettings { return }
        if jsonl {
            if out != nil { throw ValidationError("--jsonl writes to standard output; leave out --out") }
            if force || prune { throw ValidationError("--force and --prune go with --out, not --jsonl") }
        } else {
            guard let out else { throw ValidationError("give the output folder with --out (or stream with --jsonl)") }
            if out.isEmpty { throw ValidationError("--out needs a folder") }
        }
    }
}

/// How the executables end: the summary line on standard error, exit status 0 when every document
/// went through, 1 when some failed (the others are written), 2 when the run itself could not go on.
public enum StageExit {
    public static func finish(_ tool: String, _ summary: RunSummary, quiet: Bool, seconds: Double) -> Never {
        if !quiet || summary.failed > 0 || summary.interrupted {
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

extension StageOptions {
    /// With --print-settings: writes the settings a run would use (`defaults` with the --settings file
    /// over them) to standard output as JSON, and exits; without it, does nothing.
    public func printSettingsIfAsked<T: Codable>(_ defaults: T) throws {
        guard printSettings else { return }
        FileHandle.standardOutput.write(try JSONFiles.encode(Settings.load(defaults, from: settings)))
        Foundation.exit(0)
    }
}

/// Runs `body`, turning a run-level error into exit status 2 with one clear line.
public func runStage(_ tool: String, quiet: Bool, _ body: () throws -> RunSummary) -> Never {
    StageLog.bootstrap()
    Interruption.install(tool: tool)
    let start = Date()
    do {
        let summary = try body()
        StageExit.finish(tool, summary, quiet: quiet, seconds: Date().timeIntervalSince(start))
    } catch {
        StageExit.fail(tool, error)
    }
}

extension StageOptions {
    /// The runner of a document stage, set up from these options (for the per-file mode).
    public func runner(stage: String, text: Bool = false) throws -> DocumentStage {
        var runner = DocumentStage(folder: try StageFolder(stage: stage, path: out ?? ""), inputKind: text ? .textFiles : .stageFiles)
        runner.force = force
        runner.prune = prune
        runner.jobs = jobs
        runner.showProgress = !quiet
        return runner
    }

    /// Runs a document stage in the mode these options ask for: one file per document into `--out`,
    /// or a JSON Lines stream with `--jsonl`.
    public func run(stage: String, text: Bool = false, inputs: [String],
                    producing transform: @escaping @Sendable (StageInput) throws -> DocumentStage.Output) throws -> RunSummary {
        if jsonl {
            var stream = StreamStage(stage: stage, inputKind: text ? .textFiles : .stageFiles)
            stream.jobs = jobs
            stream.showProgress = !quiet
            return try stream.run(inputs, producing: transform)
        }
        return try runner(stage: stage, text: text).run(inputs, producing: transform).summary
    }

    /// `run(stage:text:inputs:producing:)` for a transform that gives the output's bytes only.
    public func run(stage: String, text: Bool = false, inputs: [String],
                    transform: @escaping @Sendable (StageInput) throws -> Data) throws -> RunSummary {
        try run(stage: stage, text: text, inputs: inputs, producing: { DocumentStage.Output(data: try transform($0)) })
    }

    /// Checks the stage's input arguments: files or folders, required unless streaming.
    public func validate(inputs: [String]) throws {
        if inputs.isEmpty && !jsonl && !printSettings { throw ValidationError("give at least one input file or folder (or stream with --jsonl)") }
    }
}

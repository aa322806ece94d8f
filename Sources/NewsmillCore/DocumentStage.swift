import Foundation

/// One input file of a document stage, read and ready for the stage's transform.
public struct StageInput: Sendable {
    public let path: String
    public let id: String
    public let data: Data

    public init(path: String, id: String, data: Data) {
        self.path = path
        self.id = id
        self.data = data
    }
}

/// Runs a stage that turns each input file into one output document with the same id (clean,
/// segment, extract, summarize). Handles what every such stage shares: expanding folders, skipping
/// documents whose output is up to date, concurrency with output identical to a serial run,
/// atomic writes, recording failures without stopping, the manifest, and the closing summary.
public struct DocumentStage: Sendable {
    public enum InputKind: Sendable {
        /// JSON files of the previous stage; the id is the file's stem.
        case stageFiles
        /// Plain UTF-8 text files (`--text`); the id is the file's stem, made safe.
        case textFiles
    }

    public var folder: StageFolder
    public var inputKind: InputKind
    public var force = false
    public var prune = false
    public var jobs = defaultJobs
    /// Largest input file read, in bytes.
    public var maxInputBytes: Int64 = 256 * 1024 * 1024
    /// A progress bar on standard error while the run goes (only when it is a terminal).
    public var showProgress = true
    public var log: @Sendable (String) -> Void = { StageLog.error($0) }
    /// Runs over the account of the whole run, after every document and before the manifest.
    public var finish: (@Sendable ([ManifestEntry]) throws -> Void)?
    /// The digest of an up-to-date output that the last manifest does not list (the run that wrote it
    /// was interrupted before its account), read back from the output file.
    public var digestOfOutput: (@Sendable (Data) -> String?)?

    public init(folder: StageFolder, inputKind: InputKind) {
        self.folder = folder
        self.inputKind = inputKind
    }

    /// Lists the input files: files as given, folders expanded to the files in them that this kind of
    /// stage reads (sorted, the stage's own `_` files and hidden files left out).
    public func expand(_ arguments: [String]) throws -> (files: [String], fromFolders: Bool) {
        var files: [String] = []
        var fromFolders = false
        let wanted = inputKind == .stageFiles ? ".json" : ".txt"
        for argument in arguments {
            guard let info = FileInfo.of(argument) else {
                throw RunError("no such file or folder: \(argument)")
            }
            if info.isDirectory {
                fromFolders = true
                let names = try FileManager.default.contentsOfDirectory(atPath: argument)
                for name in names.sorted() where name.hasSuffix(wanted) && !name.hasPrefix("_") && !name.hasPrefix(".") {
                    files.append((argument as NSString).appendingPathComponent(name))
                }
            } else {
                files.append(argument)
            }
        }
        return (files, fromFolders)
    }

    private func id(for path: String) -> String {
        switch inputKind {
        case .stageFiles: return DocumentID.stem(of: path)
        case .textFiles: return DocumentID.forTextFile(path)
        }
    }

    private enum Outcome: Sendable {
        case done(String?), unchanged
        case failed(String)
        case notStarted
    }

    /// What a transform gives back: the output file's bytes, and a digest the stage wants kept in its
    /// manifest (the clean stage's SimHash, used to find near-duplicates across the corpus).
    public struct Output: Sendable {
        public var data: Data
        public var digest: String?
        public init(data: Data, digest: String? = nil) {
            self.data = data
            self.digest = digest
        }
    }

    /// Runs `transform` over every input that needs it and writes its result as `<id>.json`.
    public func run(_ arguments: [String], transform: @escaping @Sendable (StageInput) throws -> Data) throws -> RunSummary {
        try run(arguments, producing: { Output(data: try transform($0)) }).summary
    }

    /// Like `run(_:transform:)`, and returns the manifest entries, with each document's digest (for
    /// documents left unchanged, the digest the previous run recorded).
    public func run(_ arguments: [String], producing transform: @escaping @Sendable (StageInput) throws -> Output) throws -> (summary: RunSummary, entries: [ManifestEntry]) {
        let previousDigests = folder.previousDigests()
        let (files, fromFolders) = try expand(arguments)
        var seen: [String: String] = [:]
        var items: [(path: String, id: String)] = []
        var entries: [ManifestEntry] = []
        entries.reserveCapacity(files.count)
        var summary = RunSummary()
        for path in files {
            let id = id(for: path)
            if let first = seen[id] {
                entries.append(ManifestEntry(input: path, id: id, status: .duplicate,
                                             reason: "same id as \(first)", duplicateOf: id))
                summary.duplicates += 1
                continue
            }
            if !DocumentID.isSafe(id) {
                entries.append(ManifestEntry(input: path, id: nil, status: .failed,
                                             reason: "the file name \"\(id)\" is not a safe document id"))
                summary.failed += 1
                continue
            }
            seen[id] = path
            items.append((path, id))
        }

        let folder = self.folder
        let force = self.force
        let limit = maxInputBytes
        let progress = ProgressBar.make(folder.stage, total: items.count, enabled: showProgress)
        defer { progress?.finish() }
        let outcomes = parallelMap(items, jobs: jobs) { item -> Outcome in
            defer { progress?.tick() }
            if Interruption.requested { return .notStarted }
            do {
                guard let info = FileInfo.of(item.path) else {
                    throw DocumentError(.unreadable, "cannot read \(item.path)")
                }
                if !force && folder.isFresh(id: item.id, inputModified: info.modified) { return .unchanged }
                let data = try FileReading.read(item.path, limit: limit)
                let output = try transform(StageInput(path: item.path, id: item.id, data: data))
                try AtomicFile.write(output.data, toPath: folder.outputPath(for: item.id))
                return .done(output.digest)
            } catch let error as DocumentError {
                return .failed(error.message)
            } catch let error as RunError {
                return .failed(error.message)
            } catch {
                return .failed("\(error)")
            }
        }

        for (item, outcome) in zip(items, outcomes) {
            switch outcome {
            case .done(let digest):
                summary.done += 1
                entries.append(ManifestEntry(input: item.path, id: item.id, status: .ok, digest: digest))
            case .unchanged:
                summary.unchanged += 1
                var digest = previousDigests[item.id]
                if digest == nil, let digestOfOutput, let data = FileManager.default.contents(atPath: folder.outputPath(for: item.id)) {
                    digest = digestOfOutput(data)
                }
                entries.append(ManifestEntry(input: item.path, id: item.id, status: .ok, digest: digest))
            case .failed(let reason):
                summary.failed += 1
                // A failed document leaves no output behind that a later stage could mistake for current.
                folder.removeOutput(id: item.id)
                entries.append(ManifestEntry(input: item.path, id: item.id, status: .failed, reason: reason))
                log("\(folder.stage): \(item.id): \(reason)")
            case .notStarted:
                summary.notStarted += 1
            }
        }
        if Interruption.requested {
            // The account stays as the last complete run wrote it; the next run redoes what is missing.
            summary.interrupted = true
            return (summary, entries)
        }

        if prune && fromFolders {
            let keep = Set(items.map(\.id))
            var stale: [String] = []
            folder.forEachExistingID { id in if !keep.contains(id) { stale.append(id) } }
            for id in stale {
                folder.removeOutput(id: id)
                summary.pruned += 1
            }
        }
        entries.sort { ($0.id ?? $0.input, $0.input) < ($1.id ?? $1.input, $1.input) }
        // A corpus-wide step (near-duplicate clusters) runs before the manifest is written, so an
        // interrupted run is redone as a whole.
        try finish?(entries)
        try folder.writeAccount(entries)
        return (summary, entries)
    }
}

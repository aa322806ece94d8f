import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What happened to one input of a stage.
public struct ManifestEntry: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case ok         // an output file exists for it
        case failed     // no output; `reason` says why
        case duplicate  // same content as `duplicateOf`; not processed twice
        case skipped    // not a document this stage takes; `reason` says why
        case container  // a URL list or web archive: read, its documents are listed with it as `container`
    }
    /// The input as given (a path relative to the corpus, a URL, or a previous stage's file).
    public var input: String
    public var id: String?
    public var status: Status
    public var reason: String?
    public var duplicateOf: String?
    /// Content digest: fetch records it to find exact duplicates across runs, clean records the text's
    /// SimHash to find near-duplicates.
    public var digest: String?
    /// The corpus file a document came from, when that is a URL list or a web archive.
    public var container: String?
    /// What a container held ("12 documents; skipped 12 request records").
    public var note: String?

    public init(input: String, id: String?, status: Status, reason: String? = nil, duplicateOf: String? = nil, digest: String? = nil,
                container: String? = nil, note: String? = nil) {
        self.input = input
        self.id = id
        self.status = status
        self.reason = reason
        self.duplicateOf = duplicateOf
        self.digest = digest
        self.container = container
        self.note = note
    }
}

/// The account of a stage's inputs, written as `_manifest.json` in the stage's folder after every run.
/// It holds no times, so equal runs write equal manifests.
public struct StageManifest: Codable, Sendable {
    public var stage: String
    public var counts: [String: Int]
    public var documents: [ManifestEntry]

    public init(stage: String, documents: [ManifestEntry]) {
        self.stage = stage
        self.documents = documents
        var counts: [String: Int] = [:]
        for status in ["ok", "failed", "duplicate", "skipped", "container"] { counts[status] = 0 }
        for entry in documents { counts[entry.status.rawValue, default: 0] += 1 }
        self.counts = counts
    }

    public static let fileName = "_manifest.json"
    public static let errorsFileName = "_errors.jsonl"

    /// The manifest as `JSONFiles.encode` writes it (pretty, sorted keys), made `encodingChunk`
    /// entries at a time: the encoder, given the whole manifest, builds a tree of every entry first,
    /// which at 50,000 documents is tens of megabytes.
    public func encoded() throws -> Data {
        guard !documents.isEmpty else { return try JSONFiles.encode(self) }
        let encoder = JSONFiles.encoder(pretty: true)
        var out = Data()
        out.reserveCapacity(documents.count * 160)
        out.append(contentsOf: "{\n  \"counts\" : ".utf8)
        StageManifest.append(try encoder.encode(counts), indentedBy: 2, to: &out)
        out.append(contentsOf: ",\n  \"documents\" : [\n".utf8)
        var start = 0
        while start < documents.count {
            let end = min(start + StageManifest.encodingChunk, documents.count)
            // "[\n  {…},\n  {…}\n]": the entries two spaces in, where the manifest has them four.
            let json = try encoder.encode(Array(documents[start..<end]))
            out.append(contentsOf: "  ".utf8)
            StageManifest.append(json.dropFirst(2).dropLast(2), indentedBy: 2, to: &out)
            out.append(contentsOf: (end < documents.count ? ",\n" : "\n").utf8)
            start = end
        }
        out.append(contentsOf: "  ],\n  \"stage\" : ".utf8)
        out.append(try encoder.encode(stage))
        out.append(contentsOf: "\n}\n".utf8)
        return out
    }

    /// Entries encoded at once by `encoded()`.
    static let encodingChunk = 1000

    /// Appends `json` with every line after the first indented by `spaces` (a JSON string holds no
    /// raw line break, so each one is the encoder's).
    static func append(_ json: Data, indentedBy spaces: Int, to out: inout Data) {
        let indent = [UInt8](repeating: 0x20, count: spaces)
        json.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var from = 0
            for index in bytes.indices where bytes[index] == 0x0A {
                out.append(UnsafeBufferPointer(rebasing: bytes[from...index]))
                out.append(contentsOf: indent)
                from = index + 1
            }
            out.append(UnsafeBufferPointer(rebasing: bytes[from...]))
        }
    }
}

/// Counts for the closing line of a run.
public struct RunSummary: Sendable, Equatable {
    public var done = 0
    public var unchanged = 0
    public var failed = 0
    public var duplicates = 0
    public var skipped = 0
    public var pruned = 0
    /// Inputs left alone because the run was interrupted (SIGINT or SIGTERM) before it reached them.
    public var notStarted = 0
    public var interrupted = false
    public init() {}

    public var line: String {
        var parts = ["\(done) done", "\(unchanged) unchanged", "\(failed) failed"]
        if duplicates > 0 { parts.append("\(duplicates) duplicate") }
        if skipped > 0 { parts.append("\(skipped) skipped") }
        if pruned > 0 { parts.append("\(pruned) removed (input gone)") }
        if interrupted {
            return "interrupted: " + parts.joined(separator: ", ") + ", \(notStarted) not started; run again to finish (what is done is kept)"
        }
        return parts.joined(separator: ", ")
    }

    /// 0 when every document went through, 1 when some failed (the others are written), 130 when the
    /// run was interrupted.
    public var exitCode: Int32 { interrupted ? Interruption.exitCode : failed > 0 ? 1 : 0 }
}

/// One line of `_errors.jsonl`: a failed document, the stage, and the reason.
public struct ErrorRecord: Codable, Sendable {
    public var stage: String
    public var input: String
    public var id: String?
    public var reason: String
}

/// The output folder of one stage: where documents go, and how their freshness is judged.
public struct StageFolder: Sendable {
    public let stage: String
    public let url: URL
    /// `url.path` with a final slash, to build output paths without `URL` work per document.
    private let directoryPath: String

    public init(stage: String, path: String) throws {
        self.stage = stage
        self.url = URL(fileURLWithPath: path, isDirectory: true)
        self.directoryPath = url.path.hasSuffix("/") ? url.path : url.path + "/"
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw RunError("cannot create the output folder \(path): \(error.localizedDescription)")
        }
        AtomicFile.sweepTemporaries(in: url)
    }

    public func output(for id: String) -> URL { URL(fileURLWithPath: outputPath(for: id), isDirectory: false) }

    /// The path of `output(for:)`.
    public func outputPath(for id: String) -> String { directoryPath + id + ".json" }

    /// An output is up to date when it exists and is at least as new as its input (make's rule).
    public func isFresh(id: String, inputModified: Int64) -> Bool {
        guard let info = FileInfo.of(outputPath(for: id)) else { return false }
        return info.modified >= inputModified
    }

    /// The ids that have an output file in the folder now.
    public func existingIDs() -> [String] {
        var ids: [String] = []
        forEachExistingID { ids.append($0) }
        return ids
    }

    /// Gives `body` the id of each output file in the folder as the folder is read, in the folder's
    /// order, without a list of the whole folder (50,000 names at 50,000 documents). `body` must not
    /// add or remove files in the folder.
    public func forEachExistingID(_ body: (String) -> Void) {
        guard let directory = opendir(url.path) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { String(cString: $0) }
            }
            guard name.hasSuffix(".json"), !name.hasPrefix("_"), !name.hasPrefix(".") else { continue }
            body(String(name.dropLast(5)))
        }
    }

    public func removeOutput(id: String) {
        unlink(outputPath(for: id))
    }

    public func readManifest() -> StageManifest? {
        let path = url.appendingPathComponent(StageManifest.fileName).path
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(StageManifest.self, from: data)
    }

    /// The digest the last manifest records for each document that has one (id → digest). Only these
    /// are read from it: decoding every entry made the previous manifest the largest thing a run over
    /// 50,000 documents held.
    public func previousDigests() -> [String: String] {
        let path = url.appendingPathComponent(StageManifest.fileName).path
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        if let digests = StageManifest.fastDigests(data) { return digests }
        guard let manifest = try? JSONDecoder().decode(StageManifest.self, from: data) else { return [:] }
        var digests: [String: String] = [:]
        for entry in manifest.documents {
            if let id = entry.id, let digest = entry.digest { digests[id] = digest }
        }
        return digests
    }

    public var manifestModified: Int64? {
        FileInfo.of(url.appendingPathComponent(StageManifest.fileName).path)?.modified
    }

    /// Writes the manifest and the errors file (one JSON object per failed document and line).
    public func writeAccount(_ entries: [ManifestEntry]) throws {
        let manifest = StageManifest(stage: stage, documents: entries)
        var errors = Data()
        let encoder = JSONFiles.encoder(pretty: false)
        for entry in entries where entry.status == .failed {
            let record = ErrorRecord(stage: stage, input: entry.input, id: entry.id, reason: entry.reason ?? "unknown")
            errors.append(try encoder.encode(record))
            errors.append(0x0A)
        }
        try AtomicFile.write(errors, to: url.appendingPathComponent(StageManifest.errorsFileName))
        try AtomicFile.write(try manifest.encoded(), to: url.appendingPathComponent(StageManifest.fileName))
    }
}

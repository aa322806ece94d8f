import Foundation
import NewsmillCore

/// Settings of the fetch-normalize stage (defaults here; `Pipelines/fetch.json` may override them).
public struct FetchSettings: Codable, Sendable {
    /// Largest document accepted, in bytes after decompression (larger ones fail with this reason).
    public var maxDocumentBytes: Int = 32 * 1024 * 1024
    /// Largest file read from the corpus folder, in bytes (compressed size for .gz).
    public var maxFileBytes: Int = 64 * 1024 * 1024
    /// File endings read as HTML.
    public var htmlExtensions: [String] = ["html", "htm", "xhtml", "shtml"]
    /// File endings read as plain text.
    public var textExtensions: [String] = ["txt", "text"]

    public init() {}
}

/// A file found in the corpus folder.
public struct CorpusFile: Sendable, Equatable {
    /// Absolute or given path, for reading.
    public var path: String
    /// Path relative to the corpus folder, with "/" separators: the document's source and identity.
    public var relative: String
}

/// The fetch-normalize stage for files: walks a corpus folder, decodes each document, gives it an id,
/// writes one `<id>.json` per document and accounts for every file in `_manifest.json`.
public struct FetchStage: Sendable {
    public var settings: FetchSettings
    public var folder: StageFolder
    public var force = false
    public var jobs = defaultJobs
    public var log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }

    public init(settings: FetchSettings, folder: StageFolder) {
        self.settings = settings
        self.folder = folder
    }

    /// Every regular file below `root`, sorted by relative path; hidden files and folders are left out,
    /// symbolic links to folders are not followed (they could loop).
    public static func walk(_ root: String) throws -> [CorpusFile] {
        guard let info = FileInfo.of(root) else { throw RunError("no such corpus file or folder: \(root)") }
        if !info.isDirectory {
            return [CorpusFile(path: root, relative: (root as NSString).lastPathComponent)]
        }
        var found: [CorpusFile] = []
        func visit(_ directory: String, _ prefix: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = (directory as NSString).appendingPathComponent(name)
                let relative = prefix.isEmpty ? name : prefix + "/" + name
                var isLink = false
                if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                   attributes[.type] as? FileAttributeType == .typeSymbolicLink {
                    isLink = true
                }
                guard let entry = FileInfo.of(path) else {
                    // A dangling link or an unreadable entry: still accounted for, as a failure.
                    found.append(CorpusFile(path: path, relative: relative))
                    continue
                }
                if entry.isDirectory {
                    if !isLink { visit(path, relative) }
                } else {
                    found.append(CorpusFile(path: path, relative: relative))
                }
            }
        }
        visit(root, "")
        return found.sorted { $0.relative < $1.relative }
    }

    enum Kind { case html, text }

    /// The kind of document a file name says it holds, and whether it is gzip-compressed.
    func classify(_ relative: String) -> (kind: Kind, compressed: Bool)? {
        var name = relative.lowercased()
        var compressed = false
        if name.hasSuffix(".gz") { compressed = true; name = String(name.dropLast(3)) }
        let ext = (name as NSString).pathExtension
        if settings.htmlExtensions.contains(ext) { return (.html, compressed) }
        if settings.textExtensions.contains(ext) { return (.text, compressed) }
        return nil
    }

    /// Reads, decompresses, sniffs, decodes and normalizes one file.
    public func normalize(_ file: CorpusFile) throws -> NormalizedDocument {
        guard let (kind, compressed) = classify(file.relative) else {
            throw DocumentError(.unsupported, "not a kind of file newsmill reads")
        }
        var data = try FileReading.read(file.path, limit: Int64(settings.maxFileBytes))
        if compressed {
            guard Gzip.isGzip(data) else { throw DocumentError(.corrupt, "named .gz but is not gzip data") }
            data = try Gzip.decompress(data, limit: settings.maxDocumentBytes, name: file.relative)
        }
        if data.count > settings.maxDocumentBytes {
            throw DocumentError(.tooLarge, "\(data.count) bytes, over the document limit of \(settings.maxDocumentBytes) bytes (maxDocumentBytes in Pipelines/fetch.json)")
        }
        if data.isEmpty { throw DocumentError(.empty, "the file is empty") }
        let bytes = [UInt8](data)
        if let binary = BinarySniffer.binaryKind(bytes), Charset.utf16WithoutBOM(bytes) == nil,
           !bytes.starts(with: [0xFF, 0xFE]), !bytes.starts(with: [0xFE, 0xFF]) {
            throw DocumentError(.binary, "this is \(binary), not \(kind == .html ? "HTML" : "text")")
        }
        var decision = Charset.decide(bytes, isHTML: kind == .html)
        let (decoded, invalid) = Charset.decode(bytes, as: decision)
        decision.invalidBytes = invalid
        let content = TextNormalizer.normalize(decoded)
        if content.allSatisfy({ $0.isWhitespace }) { throw DocumentError(.empty, "the document has no text") }
        var provenance = Provenance(kind: "file", location: file.relative)
        provenance.bytes = bytes.count
        provenance.compressed = compressed ? true : nil
        let stem = ((compressed ? String(file.relative.dropLast(3)) : file.relative) as NSString)
            .deletingPathExtension.split(separator: "/").last.map(String.init) ?? file.relative
        let id = DocumentID.make(readable: stem, identity: "file:" + file.relative)
        return NormalizedDocument(id: id, source: file.relative, provenance: provenance,
                                  mediaType: kind == .html ? "text/html" : "text/plain",
                                  charset: decision, content: content)
    }

    private enum Outcome: Sendable {
        case written(id: String, digest: String)
        case reused(ManifestEntry)
        case failed(String)
        case skipped(String)
    }

    /// Runs the stage over the corpus folder (or single file) `root`.
    public func run(corpus root: String) throws -> RunSummary {
        let files = try FetchStage.walk(root)
        // The previous account lets an unchanged file be skipped without reading it again.
        let previous = force ? nil : folder.readManifest()
        let previousTime = folder.manifestModified ?? Int64.min
        var previousByInput: [String: ManifestEntry] = [:]
        for entry in previous?.documents ?? [] { previousByInput[entry.input] = entry }

        let folder = self.folder
        let previousEntries = previousByInput
        let outcomes = parallelMap(files, jobs: jobs) { file -> Outcome in
            guard classify(file.relative) != nil else {
                return .skipped("not a kind of file newsmill reads (\((file.relative as NSString).pathExtension))")
            }
            if let entry = previousEntries[file.relative], let info = FileInfo.of(file.path),
               info.modified <= previousTime, entry.digest != nil, entry.status == .ok || entry.status == .duplicate,
               let id = entry.id, entry.status == .duplicate || FileInfo.of(folder.output(for: id).path) != nil {
                return .reused(entry)
            }
            do {
                let document = try normalize(file)
                try AtomicFile.write(try JSONFiles.encode(document), to: folder.output(for: document.id))
                return .written(id: document.id, digest: document.contentDigest)
            } catch let error as DocumentError {
                return .failed(error.message)
            } catch {
                return .failed("\(error)")
            }
        }

        // Account for every file; the first file (in path order) with a given content is the document,
        // later ones are duplicates of it and have no output of their own.
        var summary = RunSummary()
        var entries: [ManifestEntry] = []
        var firstByDigest: [String: String] = [:]
        for (file, outcome) in zip(files, outcomes) {
            switch outcome {
            case .skipped(let reason):
                summary.skipped += 1
                entries.append(ManifestEntry(input: file.relative, id: nil, status: .skipped, reason: reason))
            case .failed(let reason):
                summary.failed += 1
                log("\(folder.stage): \(file.relative): \(reason)")
                entries.append(ManifestEntry(input: file.relative, id: nil, status: .failed, reason: reason))
            case .written, .reused:
                var id = "", digest = "", wasDuplicate = false, reused = false
                if case .written(let writtenID, let writtenDigest) = outcome {
                    id = writtenID
                    digest = writtenDigest
                } else if case .reused(let entry) = outcome {
                    id = entry.id ?? ""
                    digest = entry.digest ?? ""
                    wasDuplicate = entry.status == .duplicate
                    reused = true
                }
                if let first = firstByDigest[digest] {
                    summary.duplicates += 1
                    if first != id { folder.removeOutput(id: id) }
                    entries.append(ManifestEntry(input: file.relative, id: id, status: .duplicate,
                                                 reason: "same content as \(first)", duplicateOf: first, digest: digest))
                    continue
                }
                firstByDigest[digest] = id
                if reused && wasDuplicate {
                    // It was a duplicate of a file that has since gone or changed: it is the document now.
                    do {
                        let document = try normalize(file)
                        try AtomicFile.write(try JSONFiles.encode(document), to: folder.output(for: id))
                        summary.done += 1
                    } catch {
                        summary.failed += 1
                        entries.append(ManifestEntry(input: file.relative, id: nil, status: .failed, reason: "\(error)"))
                        continue
                    }
                } else if reused {
                    summary.unchanged += 1
                } else {
                    summary.done += 1
                }
                entries.append(ManifestEntry(input: file.relative, id: id, status: .ok, digest: digest))
            }
        }
        // Outputs whose file has gone from the corpus are removed, so later stages drop them too.
        let live = Set(entries.filter { $0.status == .ok }.compactMap(\.id))
        for id in folder.existingIDs() where !live.contains(id) {
            folder.removeOutput(id: id)
            summary.pruned += 1
        }
        try folder.writeAccount(entries)
        return summary
    }
}

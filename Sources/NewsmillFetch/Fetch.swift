import Foundation
import NewsmillCore

/// Settings of the fetch-normalize stage (defaults here; `Pipelines/fetch.json` may override them).
public struct FetchSettings: Codable, Sendable {
    /// Largest document accepted, in bytes after decompression (larger ones fail with this reason).
    public var maxDocumentBytes: Int = 32 * 1024 * 1024
    /// Largest file read whole from the corpus folder, in bytes (WARC files are streamed, not read whole).
    public var maxFileBytes: Int = 64 * 1024 * 1024
    /// File endings read as HTML.
    public var htmlExtensions: [String] = ["html", "htm", "xhtml", "shtml"]
    /// File endings read as plain text.
    public var textExtensions: [String] = ["txt", "text"]
    /// File endings of URL lists (one URL a line, `#` comments).
    public var urlListExtensions: [String] = ["urls"]
    /// File endings of web archives.
    public var warcExtensions: [String] = ["warc", "arc"]
    /// WARC records decoded at once on all cores: at most this many …
    public var warcBatchRecords = 64
    /// … and at most this many bytes of records.
    public var warcBatchBytes = 64 * 1024 * 1024
    /// Fetching over HTTP.
    public var http = HTTPSettings()

    public init() {}
}

/// A file found in the corpus folder.
public struct CorpusFile: Sendable, Equatable {
    /// Path for reading.
    public var path: String
    /// Path relative to the corpus folder, with "/" separators: the document's source and identity.
    public var relative: String
}

/// The fetch-normalize stage: walks a corpus folder; reads HTML and text files (also gzip-compressed),
/// fetches the URLs of URL lists, and streams the response records of WARC files; decodes each document
/// to NFC text with a stable id; writes one `<id>.json` per document; and accounts for every input in
/// `_manifest.json` (ok, duplicate of another document, skipped or failed, with the reason).
public struct FetchStage: Sendable {
    public var settings: FetchSettings
    /// The output folder; nil when the stage streams (`stream(_:output:)`): documents then come back
    /// as JSON lines with their account entries instead of being written.
    public var folder: StageFolder?
    public var force = false
    public var jobs = defaultJobs
    public var allowPrivateAddresses = false
    /// Hosts URL lists may reach even when they resolve to private addresses (`--allow-host`).
    public var allowedHosts: Set<String> = []
    /// A progress bar on standard error (corpus files read of all), when it is a terminal.
    public var showProgress = true
    /// Where HTTP responses are cached (default: `_http-cache` in the output folder).
    public var cacheFolder: URL?
    public var log: @Sendable (String) -> Void = { StageLog.error($0) }

    public init(settings: FetchSettings, folder: StageFolder?) {
        self.settings = settings
        self.folder = folder
    }

    // MARK: Walking the corpus

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
                let isLink = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType == .typeSymbolicLink
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

    public enum Kind: Sendable { case html, text, urlList, warc }

    /// The kind of input a file name says it holds, and whether it is gzip-compressed.
    public func classify(_ relative: String) -> (kind: Kind, compressed: Bool)? {
        var name = relative.lowercased()
        var compressed = false
        if name.hasSuffix(".gz") { compressed = true; name = String(name.dropLast(3)) }
        let ext = (name as NSString).pathExtension
        if settings.htmlExtensions.contains(ext) { return (.html, compressed) }
        if settings.textExtensions.contains(ext) { return (.text, compressed) }
        if settings.urlListExtensions.contains(ext) { return (.urlList, compressed) }
        if settings.warcExtensions.contains(ext) { return (.warc, compressed) }
        return nil
    }

    // MARK: Normalizing

    /// Decodes raw bytes into a normalized document: refuses binary data, decides the charset (with
    /// the HTTP Content-Type when there is one), decodes, normalizes.
    public func document(from bytes: [UInt8], isHTML: Bool, httpContentType: String? = nil, id: String, source: String,
                         provenance: Provenance) throws -> NormalizedDocument {
        if bytes.count > settings.maxDocumentBytes {
            throw DocumentError(.tooLarge, "\(bytes.count) bytes, over the document limit of \(settings.maxDocumentBytes) bytes (to raise it, write {\"maxDocumentBytes\": <bytes>} in Pipelines/fetch.json)")
        }
        if bytes.isEmpty { throw DocumentError(.empty, "the file is empty") }
        if let binary = BinarySniffer.binaryKind(bytes), Charset.utf16WithoutBOM(bytes) == nil,
           !bytes.starts(with: [0xFF, 0xFE]), !bytes.starts(with: [0xFE, 0xFF]) {
            throw DocumentError(.binary, "this is \(binary), not \(isHTML ? "HTML" : "text")")
        }
        var decision = Charset.decide(bytes, httpContentType: httpContentType, isHTML: isHTML)
        let (decoded, invalid) = Charset.decode(bytes, as: decision)
        decision.invalidBytes = invalid
        let content = TextNormalizer.normalize(decoded)
        if content.allSatisfy({ $0.isWhitespace }) { throw DocumentError(.empty, "the document has no text") }
        var provenance = provenance
        provenance.bytes = bytes.count
        return NormalizedDocument(id: id, source: source, provenance: provenance, mediaType: isHTML ? "text/html" : "text/plain",
                                  charset: decision, content: content)
    }

    /// Reads, decompresses, sniffs, decodes and normalizes one HTML or text file.
    public func normalize(_ file: CorpusFile) throws -> NormalizedDocument {
        guard let (kind, compressed) = classify(file.relative), kind == .html || kind == .text else {
            throw DocumentError(.unsupported, "not an HTML or text file")
        }
        var data = try FileReading.read(file.path, limit: Int64(settings.maxFileBytes))
        if compressed {
            guard Gzip.isGzip(data) else { throw DocumentError(.corrupt, "named .gz but is not gzip data") }
            data = try Gzip.decompress(data, limit: settings.maxDocumentBytes, name: "")
        }
        var provenance = Provenance(kind: "file", location: file.relative)
        provenance.compressed = compressed ? true : nil
        let stem = ((compressed ? String(file.relative.dropLast(3)) : file.relative) as NSString)
            .deletingPathExtension.split(separator: "/").last.map(String.init) ?? file.relative
        let id = DocumentID.make(readable: stem, identity: "file:" + file.relative)
        return try document(from: [UInt8](data), isHTML: kind == .html, id: id, source: file.relative, provenance: provenance)
    }

    /// HTML or text by a Content-Type value; nil for other media types.
    static func isHTML(contentType: String?, body: [UInt8]) -> Bool? {
        let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        if type == "text/html" || type == "application/xhtml+xml" { return true }
        if type == "text/plain" { return false }
        if type.isEmpty {
            let head = String(decoding: body.prefix(1024), as: UTF8.self).lowercased()
            return head.contains("<html") || head.contains("<!doctype html") ? true : nil
        }
        return nil
    }

    /// A readable slug source for a URL: host and path.
    static func readableName(_ url: String) -> String {
        guard let components = URLComponents(string: url) else { return url }
        let host = (components.host ?? "").replacingOccurrences(of: "www.", with: "")
        let path = components.path.split(separator: "/").suffix(2).joined(separator: " ")
        return host + " " + path
    }

    // MARK: The run

    /// What one corpus file gave: its documents (written already) and its account entries; when
    /// streaming, also each document as a JSON line, keyed by the index of its entry.
    struct Produced: Sendable {
        var entries: [ManifestEntry]
        var written: Int
        var lines: [Int: Data] = [:]
    }

    /// Puts a document where this run keeps them: its `<id>.json` in the output folder (returning nil),
    /// or, when streaming, nowhere: its JSON line comes back for the caller to emit in order.
    func store(_ document: NormalizedDocument) throws -> Data? {
        if let folder {
            try AtomicFile.write(document.prettyJSON(), toPath: folder.outputPath(for: document.id))
            return nil
        }
        return try JSONFiles.encode(document, pretty: false)
    }

    /// Runs the stage over the corpus folder (or single file) `root`.
    public func run(corpus root: String) throws -> RunSummary {
        guard let folder = self.folder else { throw RunError("the fetch stage needs an output folder (or stream with --jsonl)") }
        let files = try FetchStage.walk(root)
        // The previous account lets an unchanged input be skipped without reading it again.
        let previous = force ? nil : folder.readManifest()
        let previousTime = folder.manifestModified ?? Int64.min
        var previousByFile: [String: [ManifestEntry]] = [:]
        for entry in previous?.documents ?? [] { previousByFile[entry.container ?? entry.input, default: []].append(entry) }
        let cache = try HTTPCache(folder: cacheFolder ?? folder.url.appendingPathComponent("_http-cache"))
        let fetcher = HTTPFetcher(settings: settings.http, policy: AddressPolicy(allowPrivate: allowPrivateAddresses, allowedHosts: allowedHosts),
                                  maxBodyBytes: settings.maxDocumentBytes, cache: cache)

        let previousEntries = previousByFile
        let progress = ProgressBar.make("fetch", total: files.count, enabled: showProgress)
        defer { progress?.finish() }
        let results = parallelMap(files, jobs: jobs) { file -> (reused: Bool, produced: Produced)? in
            defer { progress?.tick() }
            if Interruption.requested { return nil }
            if let entries = previousEntries[file.relative], let info = FileInfo.of(file.path), info.modified <= previousTime,
               entries.allSatisfy({ entry in
                   entry.status != .ok || (entry.id.map { FileInfo.of(folder.output(for: $0).path) != nil } ?? false)
               }), entries.contains(where: { $0.status != .failed || $0.container != nil }) {
                return (true, Produced(entries: entries, written: 0))
            }
            return (false, process(file, fetcher: fetcher))
        }

        // Account for every input; the first document (in input order) with a given content is kept,
        // later ones are duplicates of it and have no output of their own.
        var summary = RunSummary()
        var entries: [ManifestEntry] = []
        var firstByDigest: [String: String] = [:]
        if Interruption.requested {
            // What was read is written; the account and the pruning wait for a complete run.
            summary.interrupted = true
            summary.notStarted = results.filter { $0 == nil }.count
            summary.done = results.compactMap { $0 }.reduce(0) { $0 + ($1.reused ? 0 : $1.produced.written) }
            summary.unchanged = results.compactMap { $0 }.filter(\.reused).count
            return summary
        }
        for (file, optionalResult) in zip(files, results) {
            guard let result = optionalResult else { continue }
            for var entry in result.produced.entries {
                switch entry.status {
                case .skipped:
                    summary.skipped += 1
                case .failed:
                    summary.failed += 1
                    if !result.reused { log("\(folder.stage): \(entry.input): \(entry.reason ?? "failed")") }
                case .container:
                    break
                case .ok, .duplicate:
                    guard let id = entry.id, let digest = entry.digest else { break }
                    if let first = firstByDigest[digest] {
                        if first != id { folder.removeOutput(id: id) }
                        entry.status = .duplicate
                        entry.duplicateOf = first
                        entry.reason = "same content as \(first)"
                        summary.duplicates += 1
                    } else {
                        firstByDigest[digest] = id
                        if entry.status == .duplicate {
                            // Its original has gone or changed: it is the document now.
                            if rewrite(entry, file: file, fetcher: fetcher) {
                                summary.done += 1
                            } else {
                                entry.status = .failed
                                entry.reason = "could not be read again"
                                summary.failed += 1
                                entries.append(entry)
                                continue
                            }
                        } else if result.reused {
                            summary.unchanged += 1
                        } else {
                            summary.done += 1
                        }
                        entry.status = .ok
                        entry.duplicateOf = nil
                        entry.reason = nil
                    }
                }
                entries.append(entry)
            }
        }
        // Outputs whose input has gone from the corpus are removed, so later stages drop them too.
        let live = Set(entries.filter { $0.status == .ok }.compactMap(\.id))
        for id in folder.existingIDs() where !live.contains(id) {
            folder.removeOutput(id: id)
            summary.pruned += 1
        }
        try folder.writeAccount(entries)
        return summary
    }

    /// Reads one corpus file: a document, a URL list's documents or a WARC file's documents.
    func process(_ file: CorpusFile, fetcher: HTTPFetcher, emit: ((ManifestEntry, Data?) throws -> Void)? = nil) -> Produced {
        guard let (kind, compressed) = classify(file.relative) else {
            let ext = (file.relative as NSString).pathExtension
            return Produced(entries: [ManifestEntry(input: file.relative, id: nil, status: .skipped,
                                                    reason: "not a kind of file newsmill reads (.\(ext))")], written: 0)
        }
        switch kind {
        case .html, .text:
            do {
                let document = try normalize(file)
                let line = try store(document)
                return Produced(entries: [ManifestEntry(input: file.relative, id: document.id, status: .ok, digest: document.contentDigest)],
                                written: 1, lines: line.map { [0: $0] } ?? [:])
            } catch {
                return Produced(entries: [ManifestEntry(input: file.relative, id: nil, status: .failed, reason: FetchStage.message(error))], written: 0)
            }
        case .urlList:
            return fetchList(file, compressed: compressed, fetcher: fetcher)
        case .warc:
            return readWARC(file, emit: emit)
        }
    }

    /// Writes a document again (a former duplicate whose original went away).
    func rewrite(_ entry: ManifestEntry, file: CorpusFile, fetcher: HTTPFetcher) -> Bool {
        let produced = process(file, fetcher: fetcher)
        return produced.entries.contains { $0.id == entry.id && $0.status == .ok }
    }

    static func message(_ error: Error) -> String {
        if let error = error as? DocumentError { return error.message }
        if let error = error as? RunError { return error.message }
        return "\(error)"
    }
}

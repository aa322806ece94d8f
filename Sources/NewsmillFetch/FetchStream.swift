import Foundation
import NewsmillCore
#if canImport(Glibc)
import Glibc
#endif

extension FetchStage {
    /// One input line of the streaming mode.
    struct StreamRequest: Decodable {
        /// A page given inline, already text (a JSON string): HTML …
        var html: String?
        /// … or plain text.
        var text: String?
        /// The page's address: its provenance for inline pages; fetched over HTTP when alone.
        var url: String?
        /// A file to read as the per-file mode reads corpus files: HTML, text, a web archive, a URL list.
        var path: String?
        /// The corpus folder `path` is relative to: the document then gets the id and source that
        /// `newsmill-fetch CORPUS` gives it.
        var corpus: String?
        /// The document id to use for an inline page (default: derived from the URL, else the content).
        var id: String?
        /// When an inline page was captured (ISO 8601), kept in its provenance.
        var fetchedAt: String?
    }

    private enum StreamItem: Sendable {
        case inline(html: Bool, content: String, url: String?, id: String?, fetchedAt: String?, input: String)
        case url(URL, input: String)
        case file(CorpusFile, input: String)
        case refused(input: String, reason: String)
    }

    /// Runs the stage as a streaming filter (`newsmill-fetch --jsonl`). Each input line is an object:
    /// `{"html": …}` or `{"text": …}` (a page given inline, with optional `url`, `id`, `fetchedAt`),
    /// `{"url": …}` alone (fetched over HTTP, with the per-file mode's address policy, limits and
    /// retries; robots.txt is for crawling URL lists and is not read here), or `{"path": …}` (a file read
    /// as a corpus file: an HTML or text page, a web archive, a URL list; with `"corpus": FOLDER` the path
    /// is relative to that folder, and the document gets the id `newsmill-fetch FOLDER` gives it). Each document becomes one
    /// output line (the normalized record); an input that gives none becomes an account record: an
    /// error (`{"error": …}`), or `{"skipped": …}` for a duplicate of an earlier document of the stream
    /// (same content, `duplicateOf` names it) or a file of another kind. Output is in input order,
    /// whatever the number of jobs; a web archive's documents in record order.
    public func stream(_ sources: [String], output: Int32 = STDOUT_FILENO, maxLineBytes: Int = 256 * 1024 * 1024) throws -> RunSummary {
        let fetcher = HTTPFetcher(settings: settings.http, policy: AddressPolicy(allowPrivate: allowPrivateAddresses, allowedHosts: allowedHosts),
                                  maxBodyBytes: settings.maxDocumentBytes, cache: try cacheFolder.map { try HTTPCache(folder: $0) })
        let writer = FDWriter(fd: output)
        var summary = RunSummary()
        var firstByDigest: [String: String] = [:]
        let stage = "fetch"
        let progress = ProgressBar.make(stage, total: nil, enabled: showProgress)
        defer { progress?.finish() }

        /// Emits one account entry (and its document line): a document, a duplicate or a failure.
        func account(_ entry: ManifestEntry, line: Data?) throws {
            switch entry.status {
            case .ok:
                guard let line, let id = entry.id else { return }
                if let digest = entry.digest {
                    if let first = firstByDigest[digest] {
                        summary.duplicates += 1
                        try writer.write(StreamStage.record(["duplicateOf": first, "id": id, "input": entry.input,
                                                             "skipped": "same content as \(first)", "stage": stage]))
                        try writer.write(Data([0x0A]))
                        return
                    }
                    firstByDigest[digest] = id
                }
                summary.done += 1
                try writer.write(line)
            case .failed:
                summary.failed += 1
                log("\(stage): \(entry.input): \(entry.reason ?? "failed")")
                try writer.write(StreamStage.errorRecord(stage: stage, id: entry.id, input: entry.input, reason: entry.reason ?? "failed"))
            case .skipped, .duplicate:
                summary.skipped += 1
                try writer.write(StreamStage.record(["input": entry.input, "skipped": entry.reason ?? "skipped", "stage": stage]))
            case .container:
                return
            }
            try writer.write(Data([0x0A]))
        }

        var batch: [StreamItem] = []
        func flush() throws {
            let results = parallelMap(batch, jobs: jobs) { item -> (ManifestEntry, Data?) in
                self.streamOutcome(item, fetcher: fetcher)
            }
            for (entry, line) in results { try account(entry, line: line) }
            try writer.flush()
            progress?.tick(results.count)
            batch.removeAll(keepingCapacity: true)
        }

        for source in sources.isEmpty ? ["-"] : sources {
            let (name, reader) = try LineReader.open(source, maxLineBytes: maxLineBytes)
            var lineNumber = 0
            while let next = try reader.next() {
                lineNumber += 1
                let input = "\(name):\(lineNumber)"
                let item: StreamItem
                switch next {
                case .tooLong(let bytes):
                    item = .refused(input: input, reason: "the line is \(bytes) bytes, over the limit of \(maxLineBytes) bytes")
                case .line(let line):
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                    item = FetchStage.streamItem(line, input: input)
                }
                if case .file(let file, let input) = item {
                    // A file may be a whole web archive: its documents are emitted batch by batch.
                    try flush()
                    try streamFile(file, input: input, fetcher: fetcher, account: account)
                    progress?.tick()
                    continue
                }
                batch.append(item)
                if batch.count >= max(1, jobs * 8) { try flush() }
            }
            try flush()
        }
        try writer.flush()
        return summary
    }

    private static func streamItem(_ line: Data, input: String) -> StreamItem {
        let request: StreamRequest
        do {
            request = try JSONDecoder().decode(StreamRequest.self, from: line)
        } catch {
            return .refused(input: input, reason: "not a JSON object with \"html\", \"text\", \"url\" or \"path\"")
        }
        let given = [request.html != nil, request.text != nil, request.path != nil].filter { $0 }.count
        if given > 1 { return .refused(input: input, reason: "give one of \"html\", \"text\" and \"path\"") }
        if let html = request.html { return .inline(html: true, content: html, url: request.url, id: request.id, fetchedAt: request.fetchedAt, input: input) }
        if let text = request.text { return .inline(html: false, content: text, url: request.url, id: request.id, fetchedAt: request.fetchedAt, input: input) }
        if let path = request.path {
            if let corpus = request.corpus {
                guard !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
                    return .refused(input: input, reason: "with \"corpus\", \"path\" is relative to it and stays inside it: \(path)")
                }
                return .file(CorpusFile(path: (corpus as NSString).appendingPathComponent(path), relative: path), input: input)
            }
            return .file(CorpusFile(path: path, relative: path), input: input)
        }
        if let address = request.url {
            let parsed = FetchStage.parseURLList(address)
            if let reason = parsed.invalid.first?.reason { return .refused(input: input, reason: reason) }
            guard let url = parsed.urls.first?.url else { return .refused(input: input, reason: "the \"url\" is empty") }
            return .url(url, input: input)
        }
        return .refused(input: input, reason: "the object has none of \"html\", \"text\", \"url\" and \"path\"")
    }

    /// One inline page, URL or refused line: its account entry and, for a document, its JSON line.
    private func streamOutcome(_ item: StreamItem, fetcher: HTTPFetcher) -> (ManifestEntry, Data?) {
        switch item {
        case .refused(let input, let reason):
            return (ManifestEntry(input: input, id: nil, status: .failed, reason: reason), nil)
        case .url(let url, let input):
            var (entry, line) = fetchDocument(url: url, container: nil, fetcher: fetcher)
            entry.input = "\(input) \(entry.input)"
            return (entry, line)
        case .file:
            return (ManifestEntry(input: "", id: nil, status: .failed, reason: "internal: files are read one at a time"), nil)
        case .inline(let html, let content, let url, let givenID, let fetchedAt, let input):
            do {
                if content.isEmpty { throw DocumentError(.empty, "the \(html ? "\"html\"" : "\"text\"") string is empty") }
                let id: String
                if let givenID {
                    guard DocumentID.isSafe(givenID) else { throw DocumentError(.invalidInput, "\"\(givenID)\" is not a safe document id") }
                    id = givenID
                } else if let url {
                    id = DocumentID.make(readable: FetchStage.readableName(url), identity: "url:" + url)
                } else {
                    id = DocumentID.make(readable: String(content.prefix(60)), identity: "content:" + SHA256.hex(Data(content.utf8)))
                }
                var provenance = Provenance(kind: "jsonl", location: input)
                provenance.url = url
                provenance.fetchedAt = fetchedAt
                // The page is a JSON string already: UTF-8, whatever it declares.
                let document = try self.document(from: Array(content.utf8), isHTML: html,
                                                 httpContentType: (html ? "text/html" : "text/plain") + "; charset=utf-8",
                                                 id: id, source: url ?? input, provenance: provenance)
                return (ManifestEntry(input: input, id: id, status: .ok, digest: document.contentDigest), try store(document))
            } catch {
                return (ManifestEntry(input: input, id: nil, status: .failed, reason: FetchStage.message(error)), nil)
            }
        }
    }

    /// A `{"path": …}` line: the file read as the per-file mode reads a corpus file.
    private func streamFile(_ file: CorpusFile, input: String, fetcher: HTTPFetcher,
                            account: (ManifestEntry, Data?) throws -> Void) throws {
        let path = file.path
        guard let info = FileInfo.of(path), !info.isDirectory else {
            let reason = FileInfo.of(path) == nil ? "no such file: \(path)" : "\(path) is a folder; give its files one a line"
            try account(ManifestEntry(input: input, id: nil, status: .failed, reason: reason), nil)
            return
        }
        // A web archive's records go out batch by batch as they are decoded (memory stays flat); the
        // other kinds give their few documents at the end.
        var failure: Error?
        let produced = withoutActuallyEscaping(account) { account in
            process(file, fetcher: fetcher) { entry, line in
                do { try account(entry, line) } catch { failure = error; throw error }
            }
        }
        if let failure { throw failure }
        for (index, entry) in produced.entries.enumerated() {
            var entry = entry
            if entry.status == .failed || entry.status == .skipped, entry.container == nil, entry.input == file.relative {
                entry.input = "\(input) \(file.relative)"
            }
            try account(entry, produced.lines[index])
        }
    }
}

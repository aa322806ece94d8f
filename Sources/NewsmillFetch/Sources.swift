import Foundation
import NewsmillCore

extension FetchStage {
    // MARK: URL lists

    /// The URLs of a URL list: one a line, `#` starts a comment, blank lines ignored. Lines that are not
    /// http(s) URLs come back as failures with their line number.
    static func parseURLList(_ text: String) -> (urls: [(line: Int, url: URL)], invalid: [(line: Int, reason: String)]) {
        var urls: [(Int, URL)] = []
        var invalid: [(Int, String)] = []
        for (index, raw) in text.components(separatedBy: "\n").enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if line.isEmpty { continue }
            guard let url = URL(string: line), let scheme = url.scheme?.lowercased() else {
                invalid.append((index + 1, "not a URL: \(line)"))
                continue
            }
            guard scheme == "http" || scheme == "https" else {
                invalid.append((index + 1, "only http and https URLs are fetched, not \(scheme): \(line)"))
                continue
            }
            guard url.host?.isEmpty == false else {
                invalid.append((index + 1, "the URL has no host: \(line)"))
                continue
            }
            urls.append((index + 1, url))
        }
        return (urls, invalid)
    }

    /// Fetches every URL of a list: hosts in parallel, each host's URLs one after the other with the
    /// politeness delay between them, robots.txt read once per host and honoured.
    func fetchList(_ file: CorpusFile, compressed: Bool, fetcher: HTTPFetcher) -> Produced {
        var data: Data
        do {
            data = try FileReading.read(file.path, limit: Int64(settings.maxFileBytes))
            if compressed { data = try Gzip.decompress(data, limit: settings.maxFileBytes, name: "") }
        } catch {
            return Produced(entries: [ManifestEntry(input: file.relative, id: nil, status: .failed, reason: FetchStage.message(error))], written: 0)
        }
        let (urls, invalid) = FetchStage.parseURLList(String(decoding: data, as: UTF8.self))
        var entries: [ManifestEntry] = invalid.map {
            ManifestEntry(input: "\(file.relative):\($0.line)", id: nil, status: .failed, reason: $0.reason, container: file.relative)
        }
        // Group by host, keeping the list's order within each host.
        var hosts: [String] = []
        var byHost: [String: [(line: Int, url: URL)]] = [:]
        for item in urls {
            let host = item.url.host?.lowercased() ?? ""
            if byHost[host] == nil { hosts.append(host) }
            byHost[host, default: []].append(item)
        }
        let groups = hosts.map { byHost[$0]! }
        let settings = self.settings
        let results = parallelMap(groups, jobs: settings.http.concurrentHosts) { group -> [(entry: ManifestEntry, line: Data?)] in
            var result: [(entry: ManifestEntry, line: Data?)] = []
            let robots = self.robots(for: group[0].url, fetcher: fetcher)
            var lastRequest: Date? = nil
            for item in group where !Interruption.requested {
                let url = item.url.absoluteString
                var path = item.url.path.isEmpty ? "/" : item.url.path
                if let query = item.url.query { path += "?" + query }
                guard robots.allows(path) else {
                    let reason = robots.disallowAllReason.map { "robots.txt could not be read (\($0)), so the host is not crawled" }
                        ?? "robots.txt disallows \(path) for \(settings.http.robotsAgent)"
                    result.append((ManifestEntry(input: url, id: nil, status: .skipped, reason: reason, container: file.relative), nil))
                    continue
                }
                if let lastRequest {
                    let wait = settings.http.politenessDelaySeconds - Date().timeIntervalSince(lastRequest)
                    if wait > 0 { Thread.sleep(forTimeInterval: wait) }
                }
                lastRequest = Date()
                result.append(self.fetchDocument(url: item.url, container: file.relative, fetcher: fetcher))
            }
            return result
        }
        let fetched = results.flatMap { $0 }
        let written = fetched.filter { $0.entry.status == .ok }.count
        entries.insert(ManifestEntry(input: file.relative, id: nil, status: .container,
                                     note: "\(urls.count) URLs, \(written) documents, \(invalid.count) invalid lines"), at: 0)
        var lines: [Int: Data] = [:]
        for (entry, line) in fetched {
            if let line { lines[entries.count] = line }
            entries.append(entry)
        }
        return Produced(entries: entries, written: written, lines: lines)
    }

    /// Reads robots.txt for the URL's host: 4xx means no rules; 5xx or no answer means do not crawl.
    func robots(for url: URL, fetcher: HTTPFetcher) -> RobotsRules {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return .allowAll }
        components.path = "/robots.txt"
        components.query = nil
        components.fragment = nil
        guard let robotsURL = components.url else { return .allowAll }
        do {
            let response = try fetcher.fetch(robotsURL)
            if response.status >= 500 { return RobotsRules(rules: [], disallowAllReason: "HTTP \(response.status)") }
            if response.status >= 400 { return .allowAll }
            return RobotsRules.parse(String(decoding: response.body, as: UTF8.self), agent: settings.http.robotsAgent)
        } catch {
            // Unreachable: the page fetch will say why; robots.txt is not the reason to report.
            return .allowAll
        }
    }

    /// Fetches one URL and stores its document (see `store`; the JSON line comes back when streaming).
    func fetchDocument(url: URL, container: String?, fetcher: HTTPFetcher) -> (entry: ManifestEntry, line: Data?) {
        let address = url.absoluteString
        do {
            let response = try fetcher.fetch(url)
            guard response.status == 200 else {
                return (ManifestEntry(input: address, id: nil, status: .failed,
                                      reason: "HTTP \(response.status) \(HTTPURLResponseText.reason(response.status))", container: container), nil)
            }
            let body = [UInt8](response.body)
            guard let html = FetchStage.isHTML(contentType: response.headers["content-type"], body: body) else {
                return (ManifestEntry(input: address, id: nil, status: .skipped,
                                      reason: "not HTML or text (\(response.headers["content-type"] ?? "no Content-Type"))", container: container), nil)
            }
            var provenance = Provenance(kind: "url", location: address)
            provenance.url = response.url
            provenance.fetchedAt = response.fetchedAt
            provenance.httpStatus = response.status
            provenance.httpHeaders = response.headers
            let id = DocumentID.make(readable: FetchStage.readableName(address), identity: "url:" + address)
            let document = try self.document(from: body, isHTML: html, httpContentType: response.headers["content-type"],
                                             id: id, source: address, provenance: provenance)
            let line = try store(document)
            return (ManifestEntry(input: address, id: id, status: .ok, digest: document.contentDigest, container: container), line)
        } catch {
            return (ManifestEntry(input: address, id: nil, status: .failed, reason: FetchStage.message(error), container: container), nil)
        }
    }

    // MARK: Web archives

    /// Streams a WARC file: every response record with an HTML (or text) payload becomes a document
    /// carrying its target URI and capture date; other records are counted; a corrupt record is
    /// recorded and the records after it are still read. Records are read in order and decoded in
    /// batches on all cores; the batch is bounded, so memory stays flat in the size of the file. When
    /// streaming, each record's entry (with its document's JSON line) goes to `emit` in record order as
    /// its batch is done, and only the container's entry comes back.
    func readWARC(_ file: CorpusFile, emit: ((ManifestEntry, Data?) throws -> Void)? = nil) -> Produced {
        let reader: WARCReader
        do {
            reader = try WARCReader(path: file.path, maxBlockBytes: settings.maxDocumentBytes + 64 * 1024)
        } catch {
            return Produced(entries: [ManifestEntry(input: file.relative, id: nil, status: .failed, reason: FetchStage.message(error))], written: 0)
        }
        var entries: [ManifestEntry] = []
        var skipped: [String: Int] = [:]
        var written = 0
        var records = 0
        var emitFailure: Error?
        var batch: [Result<WARCRecord, WARCRecordError>] = []
        var batchBytes = 0
        func flush() {
            let outcomes = parallelMap(batch, jobs: jobs) { self.warcOutcome($0, file: file) }
            for outcome in outcomes {
                switch outcome {
                case .entry(let entry, let line):
                    if entry.status == .ok { written += 1 }
                    if let emit {
                        // Streaming: the entry goes out now, with its document, and is not kept.
                        if emitFailure == nil {
                            do { try emit(entry, line) } catch { emitFailure = error }
                        }
                    } else {
                        entries.append(entry)
                    }
                case .skipped(let kind):
                    skipped[kind, default: 0] += 1
                }
            }
            batch.removeAll(keepingCapacity: true)
            batchBytes = 0
        }
        while !Interruption.requested, let next = reader.next() {
            records += 1
            if case .success(let record) = next { batchBytes += record.block.count }
            batch.append(next)
            if batch.count >= settings.warcBatchRecords || batchBytes >= settings.warcBatchBytes { flush() }
        }
        flush()
        if let emitFailure {
            return Produced(entries: [ManifestEntry(input: file.relative, id: nil, status: .failed,
                                                    reason: "could not write the documents: \(FetchStage.message(emitFailure))")], written: 0)
        }
        let skippedText = skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)\($0.value == 1 ? "" : "s")" }.joined(separator: ", ")
        entries.insert(ManifestEntry(input: file.relative, id: nil, status: .container,
                                     note: "\(records) records, \(written) documents" + (skippedText.isEmpty ? "" : "; skipped \(skippedText)")), at: 0)
        return Produced(entries: entries, written: written)
    }

    enum WARCOutcome: Sendable {
        case entry(ManifestEntry, line: Data?)
        case skipped(String)
    }

    /// One record: its document written, or why not.
    func warcOutcome(_ next: Result<WARCRecord, WARCRecordError>, file: CorpusFile) -> WARCOutcome {
        let record: WARCRecord
        switch next {
        case .failure(let error):
            return .entry(ManifestEntry(input: "\(file.relative)#\(error.offset)", id: nil, status: .failed,
                                        reason: "corrupt record: \(error.message)", container: file.relative), line: nil)
        case .success(let value):
            record = value
        }
        let label = "\(file.relative)#\(record.offset)"
        func failed(_ reason: String) -> WARCOutcome {
            .entry(ManifestEntry(input: label, id: nil, status: .failed, reason: reason, container: file.relative), line: nil)
        }
        guard record.type == "response" else { return .skipped("\(record.type.isEmpty ? "untyped" : record.type) record") }
        guard let target = record.targetURI else { return failed("a response record without WARC-Target-URI") }
        if record.truncated { return failed("\(target): the record is over the document limit of \(settings.maxDocumentBytes) bytes") }
        guard let http = HTTPMessage.parse(record.block) else { return failed("\(target): the HTTP response in the record does not parse") }
        var body = http.body
        if let encoding = http.headers["content-encoding"]?.lowercased(), encoding.contains("gzip") || encoding.contains("deflate") {
            do {
                body = [UInt8](try Gzip.decompress(Data(body), limit: settings.maxDocumentBytes, name: target))
            } catch {
                return failed(FetchStage.message(error))
            }
        }
        guard http.status == 200 else { return .skipped("HTTP \(http.status) response") }
        guard let html = FetchStage.isHTML(contentType: http.headers["content-type"], body: body) else { return .skipped("non-HTML response") }
        var provenance = Provenance(kind: "warc", location: label)
        provenance.url = target
        provenance.warcFile = file.relative
        provenance.warcOffset = record.offset
        provenance.fetchedAt = record.date
        provenance.httpStatus = http.status
        provenance.httpHeaders = http.headers.filter { ["content-type", "content-language", "last-modified", "date", "etag"].contains($0.key) }
        let id = DocumentID.make(readable: FetchStage.readableName(target), identity: "warc:" + target + "@" + (record.date ?? ""))
        do {
            let document = try self.document(from: body, isHTML: html, httpContentType: http.headers["content-type"],
                                             id: id, source: target, provenance: provenance)
            let line = try store(document)
            return .entry(ManifestEntry(input: label, id: id, status: .ok, digest: document.contentDigest, container: file.relative), line: line)
        } catch {
            return failed("\(target): \(FetchStage.message(error))")
        }
    }
}

/// Reason phrases for the status codes a fetch reports.
enum HTTPURLResponseText {
    static func reason(_ status: Int) -> String {
        switch status {
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 410: return "Gone"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return ""
        }
    }
}

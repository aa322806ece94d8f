import Foundation
import NewsmillCore
@testable import NewsmillFetch
import NewsmillTestSupport
import Testing

/// Builds WARC records the way crawlers write them.
enum WARCWriter {
    static func record(type: String, uri: String, date: String = "2024-06-26T10:00:00Z", block: String, extraHeaders: String = "") -> Data {
        let body = Data(block.utf8)
        var head = "WARC/1.0\r\nWARC-Type: \(type)\r\nWARC-Target-URI: \(uri)\r\nWARC-Date: \(date)\r\n"
        head += "WARC-Record-ID: <urn:uuid:\(UUID().uuidString.lowercased())>\r\n\(extraHeaders)"
        head += "Content-Type: application/http; msgtype=\(type == "request" ? "request" : "response")\r\nContent-Length: \(body.count)\r\n\r\n"
        var data = Data(head.utf8)
        data.append(body)
        data.append(Data("\r\n\r\n".utf8))
        return data
    }

    static func response(uri: String, html: String, contentType: String = "text/html; charset=utf-8", status: String = "200 OK") -> Data {
        record(type: "response", uri: uri, block: "HTTP/1.1 \(status)\r\nContent-Type: \(contentType)\r\n\r\n\(html)")
    }

    static func gzip(_ data: Data) throws -> Data {
        let folder = TemporaryFolder("gz")
        let path = folder.write("member", data)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-n", "-f", path]
        try process.run()
        process.waitUntilExit()
        return try Data(contentsOf: URL(fileURLWithPath: path + ".gz"))
    }
}

func page(_ title: String) -> String {
    "<html><head><title>\(title)</title></head><body><article><p>\(title): the council voted on Tuesday to raise the harbour wall after a winter of storms.</p></article></body></html>"
}

@Suite struct WARCTests {
    func run(_ folder: TemporaryFolder) throws -> (RunSummary, StageManifest) {
        var stage = FetchStage(settings: FetchSettings(), folder: try StageFolder(stage: "fetch", path: folder.path("out")))
        stage.log = { _ in }
        let summary = try stage.run(corpus: folder.path("corpus"))
        let manifest = try JSONDecoder().decode(StageManifest.self, from: Data(contentsOf: folder.url.appendingPathComponent("out/_manifest.json")))
        return (summary, manifest)
    }

    @Test func responsesBecomeDocumentsAndOtherRecordsAreCounted() throws {
        let folder = TemporaryFolder()
        var warc = WARCWriter.record(type: "warcinfo", uri: "", block: "software: test\r\n")
        warc.append(WARCWriter.record(type: "request", uri: "https://news.example/a", block: "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n"))
        warc.append(WARCWriter.response(uri: "https://news.example/a", html: page("Story A")))
        warc.append(WARCWriter.response(uri: "https://news.example/logo.png", html: "PNG", contentType: "image/png"))
        warc.append(WARCWriter.response(uri: "https://news.example/b", html: page("Story B")))
        folder.write("corpus/crawl.warc", warc)
        let (summary, manifest) = try run(folder)
        #expect(summary.done == 2 && summary.failed == 0)
        let container = try #require(manifest.documents.first { $0.status == .container })
        #expect(container.note?.contains("2 documents") == true)
        #expect(container.note?.contains("1 request record") == true)
        #expect(container.note?.contains("1 non-HTML response") == true)
        let entry = try #require(manifest.documents.first { $0.status == .ok })
        let document = try JSONDecoder().decode(NormalizedDocument.self, from: Data(contentsOf: folder.url.appendingPathComponent("out/\(entry.id!).json")))
        #expect(document.provenance.kind == "warc")
        #expect(document.provenance.url == "https://news.example/a")
        #expect(document.provenance.fetchedAt == "2024-06-26T10:00:00Z")
        #expect(document.provenance.warcFile == "crawl.warc")
        #expect(document.charset.decidedBy == "http")
        #expect(document.content.contains("Story A: the council"))
        // The offset points at the record.
        let offset = try #require(document.provenance.warcOffset)
        #expect(String(decoding: warc[offset..<(offset + 8)], as: UTF8.self) == "WARC/1.0")
    }

    @Test func compressedArchiveWithACorruptMemberInTheMiddle() throws {
        let folder = TemporaryFolder()
        let first = try WARCWriter.gzip(WARCWriter.response(uri: "https://news.example/1", html: page("First")))
        var second = try WARCWriter.gzip(WARCWriter.response(uri: "https://news.example/2", html: page("Second")))
        for k in 20..<min(60, second.count - 8) { second[k] ^= 0x5A }
        let third = try WARCWriter.gzip(WARCWriter.response(uri: "https://news.example/3", html: page("Third")))
        folder.write("corpus/crawl.warc.gz", first + second + third)
        let (summary, manifest) = try run(folder)
        #expect(summary.done == 2)
        #expect(summary.failed >= 1)
        let urls = manifest.documents.filter { $0.status == .ok }.map(\.input)
        #expect(urls.count == 2)
        #expect(manifest.documents.contains { $0.status == .failed && $0.reason?.contains("corrupt") == true })
        // The third record's offset is where its gzip member starts.
        let third3 = try #require(manifest.documents.filter { $0.status == .ok }.last)
        #expect(third3.input == "crawl.warc.gz#\(first.count + second.count)")
    }

    @Test func uncompressedArchiveWithABadRecordInTheMiddle() throws {
        let folder = TemporaryFolder()
        var warc = WARCWriter.response(uri: "https://news.example/1", html: page("First"))
        warc.append(Data("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: banana\r\n\r\ngarbage garbage\r\n\r\n".utf8))
        warc.append(WARCWriter.response(uri: "https://news.example/3", html: page("Third")))
        folder.write("corpus/crawl.warc", warc)
        let (summary, manifest) = try run(folder)
        #expect(summary.done == 2 && summary.failed == 1)
        #expect(manifest.documents.contains { $0.reason?.contains("Content-Length") == true })
    }

    @Test func truncatedArchiveKeepsWhatCameBefore() throws {
        let folder = TemporaryFolder()
        let first = try WARCWriter.gzip(WARCWriter.response(uri: "https://news.example/1", html: page("First")))
        let second = try WARCWriter.gzip(WARCWriter.response(uri: "https://news.example/2", html: page("Second")))
        folder.write("corpus/crawl.warc.gz", first + second.prefix(second.count / 2))
        let (summary, _) = try run(folder)
        #expect(summary.done == 1 && summary.failed == 1)
    }

    @Test func chunkedAndGzipEncodedPayloads() throws {
        let html = page("Chunked")
        let chunked = String(format: "%x", html.utf8.count) + "\r\n" + html + "\r\n0\r\n\r\n"
        let message = HTTPMessage.parse(Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n\(chunked)".utf8))
        #expect(message.map { String(decoding: $0.body, as: UTF8.self) } == html)
        #expect(message?.headers["content-type"] == "text/html")
    }
}

@Suite struct FetchStreamTests {
    /// Runs `newsmill-fetch --jsonl`'s engine over `lines` and returns the output lines, parsed.
    func stream(_ lines: [String], in folder: TemporaryFolder, jobs: Int = 2) throws -> (RunSummary, [[String: Any]]) {
        let input = folder.write("in.jsonl", lines.joined(separator: "\n") + "\n")
        let outputPath = folder.path("out-\(jobs).jsonl")
        let fd = open(outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(fd) }
        var stage = FetchStage(settings: FetchSettings(), folder: nil)
        stage.jobs = jobs
        stage.log = { _ in }
        let summary = try stage.stream([input], output: fd)
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: outputPath)), as: UTF8.self)
        let records = try text.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        return (summary, records)
    }

    func json(_ object: [String: String]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func everyLineGivesItsDocumentsOrAnAccountRecord() throws {
        let folder = TemporaryFolder()
        var warc = WARCWriter.response(uri: "https://news.example/a", html: page("Harbour wall"))
        warc.append(WARCWriter.record(type: "request", uri: "https://news.example/a", block: "GET /a HTTP/1.1\r\n\r\n"))
        warc.append(WARCWriter.response(uri: "https://news.example/b", html: page("Bridge repairs")))
        let warcPath = folder.write("crawl.warc.gz", try WARCWriter.gzip(warc))
        let pagePath = folder.write("page.html", page("Ferry timetable"))
        let lines = [
            json(["html": page("Tram extension"), "url": "https://news.example/tram", "fetchedAt": "2024-06-26T10:00:00Z"]),
            json(["text": "The council met on Tuesday.\n\nIt voted to raise the wall."]),
            json(["path": warcPath]),
            json(["html": page("Harbour wall"), "id": "again"]),
            json(["path": pagePath]),
            json(["path": folder.path("missing.html")]),
            json(["url": "http://127.0.0.1:1/page"]),
            json(["html": page("Both"), "text": "both"]),
            "not json",
        ]
        let (summary, records) = try stream(lines, in: folder)
        #expect(summary.done == 5 && summary.duplicates == 1 && summary.failed == 4)
        #expect(records.count == 10)
        #expect(records[0]["source"] as? String == "https://news.example/tram")
        #expect((records[0]["provenance"] as? [String: Any])?["fetchedAt"] as? String == "2024-06-26T10:00:00Z")
        #expect(records[1]["mediaType"] as? String == "text/plain")
        #expect(records[2]["source"] as? String == "https://news.example/a")
        #expect(records[3]["source"] as? String == "https://news.example/b")
        #expect(records[4]["duplicateOf"] as? String == records[2]["id"] as? String)
        #expect(records[4]["skipped"] as? String != nil)
        #expect(records[5]["source"] as? String == pagePath)
        #expect((records[6]["error"] as? String)?.hasPrefix("no such file") == true)
        #expect((records[7]["error"] as? String)?.contains("private or local address") == true)
        #expect((records[8]["error"] as? String)?.contains("give one of") == true)
        #expect(records[9]["error"] as? String != nil)
        // The same lines on one job give the same bytes.
        let (_, serial) = try stream(lines, in: folder, jobs: 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path("out-1.jsonl"))) == Data(contentsOf: URL(fileURLWithPath: folder.path("out-2.jsonl"))))
        #expect(serial.count == records.count)
    }

    @Test func pathsInACorpusGetTheirCorpusIDs() throws {
        let folder = TemporaryFolder()
        folder.write("corpus/pages/harbour wall.html", page("Harbour wall"))
        let lines = [json(["corpus": folder.path("corpus"), "path": "pages/harbour wall.html"]),
                     json(["corpus": folder.path("corpus"), "path": "../outside.html"])]
        let (summary, records) = try stream(lines, in: folder)
        #expect(summary.done == 1 && summary.failed == 1)
        #expect(records[0]["id"] as? String == DocumentID.make(readable: "harbour wall", identity: "file:pages/harbour wall.html"))
        #expect(records[0]["source"] as? String == "pages/harbour wall.html")
        #expect((records[1]["error"] as? String)?.contains("stays inside it") == true)
    }
}

import FlyingFox
import FlyingSocks
import Foundation
import NewsmillCore
@testable import NewsmillFetch
import NewsmillTestSupport
import Testing

/// An endless body: the server keeps sending bytes until the client hangs up.
struct EndlessBytes: AsyncBufferedSequence {
    typealias Element = UInt8
    func makeAsyncIterator() -> Iterator { Iterator() }
    struct Iterator: AsyncBufferedIteratorProtocol {
        mutating func next() async throws -> UInt8? { 0x61 }
        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            try await Task.sleep(nanoseconds: 200_000)
            return [UInt8](repeating: 0x61, count: Swift.max(1, Swift.min(count, 8192)))
        }
    }
}

/// A real HTTP server on 127.0.0.1, with the pages and the misbehaviours the fetch tests need.
final class TestServer: @unchecked Sendable {
    let server = HTTPServer(address: try! .inet(ip4: "127.0.0.1", port: 0), timeout: 30)
    var task: Task<Void, Error>?
    var port: UInt16 = 0
    let requests = RequestLog()

    final class RequestLog: @unchecked Sendable {
        private var paths: [String] = []
        private let lock = NSLock()
        func add(_ path: String) { lock.withLock { paths.append(path) } }
        func count(_ path: String) -> Int { lock.withLock { paths.filter { $0 == path }.count } }
        var all: [String] { lock.withLock { paths } }
    }

    static let article = "<html><head><title>Harbour wall</title></head><body><article><p>The council voted on Tuesday to raise the harbour wall after storms flooded the old town.</p></article></body></html>"

    func start() async throws {
        let log = requests
        await server.appendRoute("GET /robots.txt") { request in
            log.add(request.path)
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain"], body: Data("User-agent: *\nDisallow: /private/\n".utf8))
        }
        await server.appendRoute("GET /story") { request in
            log.add(request.path)
            if request.headers[HTTPHeader("If-None-Match")] == "\"v1\"" {
                log.add("/story 304")
                return HTTPResponse(statusCode: .notModified, headers: [HTTPHeader("ETag"): "\"v1\""])
            }
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html; charset=utf-8", HTTPHeader("ETag"): "\"v1\""],
                                body: Data(TestServer.article.utf8))
        }
        await server.appendRoute("GET /latin") { request in
            log.add(request.path)
            var body = Data("<html><body><p>".utf8)
            body.append(contentsOf: [0x93, 0x43, 0x61, 0x66, 0xE9, 0x94])
            body.append(Data("</p></body></html>".utf8))
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html; charset=iso-8859-1"], body: body)
        }
        await server.appendRoute("GET /private/secret") { request in
            log.add(request.path)
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html"], body: Data(TestServer.article.utf8))
        }
        await server.appendRoute("GET /missing") { request in
            log.add(request.path)
            return HTTPResponse(statusCode: .notFound)
        }
        await server.appendRoute("GET /loop") { request in
            log.add(request.path)
            return HTTPResponse(statusCode: .found, headers: [.location: "/loop"])
        }
        await server.appendRoute("GET /image") { request in
            log.add(request.path)
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "image/png"], body: Data([0x89, 0x50, 0x4E, 0x47]))
        }
        await server.appendRoute("GET /flaky") { request in
            log.add(request.path)
            if log.count("/flaky") < 2 { return HTTPResponse(statusCode: .serviceUnavailable) }
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html"], body: Data(TestServer.article.replacingOccurrences(of: "Tuesday", with: "Wednesday").utf8))
        }
        await server.appendRoute("GET /forever") { request in
            log.add(request.path)
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html"], body: HTTPBodySequence(from: EndlessBytes()))
        }
        await server.appendRoute("GET /to-localhost") { [self] request in
            log.add(request.path)
            // The same server under another name: a redirect to a host the policy does not allow.
            return HTTPResponse(statusCode: .found, headers: [.location: "http://localhost:\(self.port)/story"])
        }
        await server.appendRoute("GET /bomb") { request in
            log.add(request.path)
            // 16 MiB of spaces in about 16 KiB of gzip: decoded, it is far over the test's 256 KiB cap.
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html", HTTPHeader("Content-Encoding"): "gzip"],
                                body: TestServer.gzipBomb)
        }
        task = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 60)
        if case .ip4(_, let port) = await server.listeningAddress { self.port = port }
    }

    /// 16 MiB of spaces as one gzip member (about 16 KiB), made once by the gzip command.
    static let gzipBomb: Data = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "head -c 16777216 /dev/zero | tr '\\0' ' ' | gzip -9"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try? process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }()

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    func stop() async {
        await server.stop(timeout: 1)
        task?.cancel()
    }
}

@Suite(.serialized) struct HTTPFetchTests {
    func settings() -> FetchSettings {
        var settings = FetchSettings()
        settings.http.politenessDelaySeconds = 0
        settings.http.retryBackoffSeconds = 0.05
        // Generous time-outs: the tests run beside others on two cores.
        settings.http.requestTimeoutSeconds = 20
        settings.http.maxResponseSeconds = 30
        settings.maxDocumentBytes = 256 * 1024
        return settings
    }

    func run(_ folder: TemporaryFolder, allowPrivate: Bool = true, allowedHosts: Set<String> = [], force: Bool = false) throws -> (RunSummary, StageManifest) {
        var stage = FetchStage(settings: settings(), folder: try StageFolder(stage: "fetch", path: folder.path("out")))
        stage.log = { _ in }
        stage.allowPrivateAddresses = allowPrivate
        stage.allowedHosts = allowedHosts
        stage.force = force
        let summary = try stage.run(corpus: folder.path("corpus"))
        let manifest = try JSONDecoder().decode(StageManifest.self, from: Data(contentsOf: folder.url.appendingPathComponent("out/_manifest.json")))
        return (summary, manifest)
    }

    func entry(_ manifest: StageManifest, _ url: String) -> ManifestEntry? { manifest.documents.first { $0.input == url } }

    @Test func urlListsAreFetchedAndEveryURLAccountedFor() async throws {
        let server = TestServer()
        try await server.start()
        defer { Task { await server.stop() } }
        let folder = TemporaryFolder()
        let list = ["# news to read", server.url("/story"), server.url("/latin"), server.url("/private/secret"), server.url("/missing"),
                    server.url("/loop"), server.url("/image"), server.url("/flaky"), server.url("/forever"),
                    "http://127.0.0.1:1/closed", "ftp://example.com/file", "file:///etc/passwd", "not a url at all"].joined(separator: "\n")
        folder.write("corpus/today.urls", list)
        let (summary, manifest) = try run(folder)

        let story = try #require(entry(manifest, server.url("/story")))
        #expect(story.status == .ok, "\(story.reason ?? "")")
        let storyID = try #require(story.id)
        let document = try JSONDecoder().decode(NormalizedDocument.self, from: Data(contentsOf: folder.url.appendingPathComponent("out/\(storyID).json")))
        #expect(document.provenance.kind == "url" && document.provenance.httpStatus == 200 && document.provenance.fetchedAt != nil)
        #expect(document.provenance.httpHeaders?["etag"] == "\"v1\"")
        #expect(document.content.contains("raise the harbour wall"))

        let latin = try #require(entry(manifest, server.url("/latin")))
        let latinID = try #require(latin.id, "\(latin.reason ?? "")")
        let latinDocument = try JSONDecoder().decode(NormalizedDocument.self, from: Data(contentsOf: folder.url.appendingPathComponent("out/\(latinID).json")))
        #expect(latinDocument.charset.name == "windows-1252" && latinDocument.charset.decidedBy == "http")
        #expect(latinDocument.content.contains("“Café”"))

        #expect(entry(manifest, server.url("/private/secret"))?.status == .skipped)
        #expect(entry(manifest, server.url("/private/secret"))?.reason?.contains("robots.txt") == true)
        #expect(server.requests.count("/private/secret") == 0)
        #expect(entry(manifest, server.url("/missing"))?.reason == "HTTP 404 Not Found")
        #expect(entry(manifest, server.url("/loop"))?.reason?.contains("redirect") == true)
        #expect(entry(manifest, server.url("/image"))?.status == .skipped)
        #expect(entry(manifest, server.url("/flaky"))?.status == .ok)
        #expect(entry(manifest, server.url("/forever"))?.reason?.contains("larger than the limit") == true)
        #expect(entry(manifest, "http://127.0.0.1:1/closed")?.status == .failed)
        #expect(manifest.documents.filter { $0.input.hasPrefix("today.urls:") }.count == 3)
        #expect(server.requests.count("/robots.txt") == 1)
        #expect(summary.done == 3)
        await server.stop()
    }

    @Test func rerunRevalidatesWithTheCache() async throws {
        let server = TestServer()
        try await server.start()
        let folder = TemporaryFolder()
        folder.write("corpus/one.urls", server.url("/story") + "\n")
        _ = try run(folder)
        let (again, manifest) = try run(folder, force: true)
        #expect(again.done == 1)
        #expect(entry(manifest, server.url("/story"))?.status == .ok)
        #expect(server.requests.count("/story 304") == 1)
        // The second answer was 304 Not Modified: the document is the same.
        let id = try #require(entry(manifest, server.url("/story"))?.id)
        let document = try JSONDecoder().decode(NormalizedDocument.self, from: Data(contentsOf: folder.url.appendingPathComponent("out/\(id).json")))
        #expect(document.content.contains("raise the harbour wall"))
        // Without --force an unchanged list is not fetched again at all.
        let before = server.requests.all.count
        _ = try run(folder)
        #expect(server.requests.all.count == before)
        await server.stop()
    }

    @Test func privateAddressesAreRefusedByDefault() async throws {
        let server = TestServer()
        try await server.start()
        let folder = TemporaryFolder()
        folder.write("corpus/one.urls", server.url("/story") + "\nhttp://169.254.169.254/latest/meta-data/\n")
        let (summary, manifest) = try run(folder, allowPrivate: false)
        #expect(summary.failed == 2)
        #expect(entry(manifest, server.url("/story"))?.reason?.contains("private or local address") == true)
        #expect(server.requests.all.isEmpty)
        await server.stop()
    }

    @Test func redirectsAreCheckedAgainAndEncodedBombsAreCapped() async throws {
        let server = TestServer()
        try await server.start()
        let folder = TemporaryFolder()
        folder.write("corpus/one.urls", [server.url("/story"), server.url("/to-localhost"), server.url("/bomb")].joined(separator: "\n") + "\n")
        // Only 127.0.0.1 is let through: the redirect to localhost (the same machine) must be refused.
        let (summary, manifest) = try run(folder, allowPrivate: false, allowedHosts: ["127.0.0.1"])
        #expect(entry(manifest, server.url("/story"))?.status == .ok, "\(entry(manifest, server.url("/story"))?.reason ?? "")")
        let redirect = entry(manifest, server.url("/to-localhost"))
        #expect(redirect?.status == .failed)
        #expect(redirect?.reason?.contains("redirect to http://localhost:\(server.port)/story refused") == true, "\(redirect?.reason ?? "")")
        #expect(server.requests.count("/story") == 1)
        let bomb = entry(manifest, server.url("/bomb"))
        #expect(bomb?.status == .failed)
        #expect(bomb?.reason?.contains("larger than the limit") == true, "\(bomb?.reason ?? "")")
        #expect(summary.done == 1)
        await server.stop()
    }

    @Test func addressClassification() {
        for address in ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1"] {
            #expect(AddressPolicy.isPrivate(address), "\(address)")
        }
        for address in ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "172.32.0.1"] {
            #expect(!AddressPolicy.isPrivate(address), "\(address)")
        }
    }

    @Test func robotsRules() {
        let robots = RobotsRules.parse("User-agent: other\nDisallow: /\n\nUser-agent: *\nDisallow: /private/\nAllow: /private/open$\nDisallow: /*.pdf$\n", agent: "newsmill")
        #expect(robots.allows("/story"))
        #expect(!robots.allows("/private/x"))
        #expect(robots.allows("/private/open"))
        #expect(!robots.allows("/files/report.pdf"))
        let specific = RobotsRules.parse("User-agent: newsmill\nDisallow: /no\nUser-agent: *\nDisallow: /\n", agent: "newsmill")
        #expect(specific.allows("/yes") && !specific.allows("/no"))
    }

    @Test func urlListParsing() {
        let (urls, invalid) = FetchStage.parseURLList("https://a.example/x # comment\n\n# only a comment\nmailto:me@x.org\nhttp://\nhttps://b.example/y?q=1\n")
        #expect(urls.map(\.url.absoluteString) == ["https://a.example/x", "https://b.example/y?q=1"])
        #expect(invalid.map(\.line) == [4, 5])
    }
}

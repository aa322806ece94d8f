import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NewsmillCore

/// A fetched response: the final URL after redirects, status, the headers that matter, the body.
public struct FetchedResponse: Sendable {
    public var url: String
    public var status: Int
    public var headers: [String: String]
    public var body: Data
    public var fetchedAt: String
    /// True when the server said 304 Not Modified and the body came from the cache.
    public var fromCache: Bool
}

/// HTTP settings (part of FetchSettings).
public struct HTTPSettings: Codable, Sendable {
    /// Seconds without a byte before a request times out.
    public var requestTimeoutSeconds = 20.0
    /// Seconds a whole response may take, however steadily it trickles in.
    public var maxResponseSeconds = 60.0
    /// Tries after the first, on 5xx, 429, time-outs and connection errors…
    public var retries = 2
    /// … waiting this long before the first retry, doubling each time.
    public var retryBackoffSeconds = 1.0
    /// Redirects followed before the fetch fails as a loop.
    public var maxRedirects = 5
    /// Seconds between two requests to the same host.
    public var politenessDelaySeconds = 1.0
    /// Hosts fetched at once.
    public var concurrentHosts = 4
    /// Sent with every request.
    public var userAgent = "newsmill/0.1 (batch news pipeline; honours robots.txt)"
    /// The token matched against robots.txt user-agent lines.
    public var robotsAgent = "newsmill"
    public init() {}
}

/// Fetches URLs with URLSession (libcurl underneath): time-outs, bounded retries with backoff, a
/// redirect limit with each hop checked against the address policy, a cap on the body (decompressed
/// bytes, so a Content-Encoding bomb is cut off too), conditional re-fetch from the on-disk cache, and
/// a clear User-Agent.
public final class HTTPFetcher: @unchecked Sendable {
    public let settings: HTTPSettings
    public let policy: AddressPolicy
    public let maxBodyBytes: Int
    public let cache: HTTPCache?
    private let session: URLSession
    private let delegate: SessionDelegate

    public init(settings: HTTPSettings, policy: AddressPolicy, maxBodyBytes: Int, cache: HTTPCache?) {
        self.settings = settings
        self.policy = policy
        self.maxBodyBytes = maxBodyBytes
        self.cache = cache
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = settings.requestTimeoutSeconds
        configuration.timeoutIntervalForResource = settings.maxResponseSeconds
        configuration.httpAdditionalHeaders = ["User-Agent": settings.userAgent]
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpMaximumConnectionsPerHost = 2
        delegate = SessionDelegate(policy: policy, maxRedirects: settings.maxRedirects, maxBodyBytes: maxBodyBytes)
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    /// Fetches `url`, retrying transient failures; throws a DocumentError that says what went wrong.
    public func fetch(_ url: URL) throws -> FetchedResponse {
        if let refusal = policy.refusal(for: url) { throw DocumentError(.network, refusal) }
        let cached = cache?.lookup(url.absoluteString)
        var attempt = 0
        var wait = settings.retryBackoffSeconds
        while true {
            do {
                var request = URLRequest(url: url)
                if let cached {
                    if let etag = cached.etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
                    if let modified = cached.lastModified { request.setValue(modified, forHTTPHeaderField: "If-Modified-Since") }
                }
                var response = try perform(request)
                if response.status == 304, let cached, let body = cache?.body(for: url.absoluteString) {
                    response = FetchedResponse(url: cached.finalURL, status: cached.status, headers: cached.headers, body: body,
                                               fetchedAt: cached.fetchedAt, fromCache: true)
                    return response
                }
                if (response.status >= 500 || response.status == 429) && attempt < settings.retries {
                    attempt += 1
                    Thread.sleep(forTimeInterval: wait)
                    wait *= 2
                    continue
                }
                if response.status == 200 { cache?.store(url.absoluteString, response) }
                return response
            } catch let error as TransientFetchError {
                if attempt < settings.retries {
                    attempt += 1
                    Thread.sleep(forTimeInterval: wait)
                    wait *= 2
                    continue
                }
                throw DocumentError(.network, error.message + (attempt > 0 ? " (after \(attempt + 1) tries)" : ""))
            }
        }
    }

    struct TransientFetchError: Error { var message: String }

    private func perform(_ request: URLRequest) throws -> FetchedResponse {
        let task = session.dataTask(with: request)
        let state = delegate.register(task)
        task.resume()
        let deadline = DispatchTime.now() + settings.maxResponseSeconds + 1
        if state.done.wait(timeout: deadline) == .timedOut {
            task.cancel()
            _ = state.done.wait(timeout: .now() + 5)
            delegate.unregister(task)
            throw DocumentError(.network, "\(request.url!.absoluteString): the response took longer than \(Int(settings.maxResponseSeconds)) s")
        }
        delegate.unregister(task)
        if let failure = state.failure { throw DocumentError(.network, failure) }
        if let error = state.error {
            let nsError = error as NSError
            let transient = [NSURLErrorTimedOut, NSURLErrorCannotConnectToHost, NSURLErrorNetworkConnectionLost,
                             NSURLErrorNotConnectedToInternet, NSURLErrorDNSLookupFailed, NSURLErrorCannotFindHost].contains(nsError.code)
            let message = "\(request.url!.absoluteString): \(HTTPFetcher.describe(nsError))"
            if transient && nsError.code != NSURLErrorCannotFindHost { throw TransientFetchError(message: message) }
            throw DocumentError(.network, message)
        }
        guard let response = state.response else {
            throw DocumentError(.network, "\(request.url!.absoluteString): no response")
        }
        if (300..<400).contains(response.statusCode) && response.statusCode != 304 {
            throw DocumentError(.network, "\(request.url!.absoluteString): more than \(settings.maxRedirects) redirects (a redirect loop?)")
        }
        var headers: [String: String] = [:]
        for (key, value) in response.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        let kept = ["content-type", "content-language", "etag", "last-modified", "date", "content-location"]
        return FetchedResponse(url: response.url?.absoluteString ?? request.url!.absoluteString, status: response.statusCode,
                               headers: headers.filter { kept.contains($0.key) }, body: state.body,
                               fetchedAt: HTTPFetcher.timestamp(), fromCache: false)
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    static func describe(_ error: NSError) -> String {
        switch error.code {
        case NSURLErrorTimedOut: return "timed out"
        case NSURLErrorCannotConnectToHost: return "could not connect (connection refused?)"
        case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: return "unknown host"
        case NSURLErrorNetworkConnectionLost: return "the connection was lost"
        case NSURLErrorCancelled: return "cancelled"
        case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasBadDate:
            return "TLS failed (\(error.localizedDescription))"
        default: return error.localizedDescription
        }
    }
}

/// The state of one request, filled in by the session delegate.
final class TaskState: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    var response: HTTPURLResponse?
    var body = Data()
    var error: Error?
    /// A failure decided by newsmill (too large, refused redirect).
    var failure: String?
    var redirects = 0
}

final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let policy: AddressPolicy
    let maxRedirects: Int
    let maxBodyBytes: Int
    private var states: [Int: TaskState] = [:]
    private let lock = NSLock()

    init(policy: AddressPolicy, maxRedirects: Int, maxBodyBytes: Int) {
        self.policy = policy
        self.maxRedirects = maxRedirects
        self.maxBodyBytes = maxBodyBytes
    }

    func register(_ task: URLSessionTask) -> TaskState {
        let state = TaskState()
        lock.withLock { states[task.taskIdentifier] = state }
        return state
    }

    func unregister(_ task: URLSessionTask) { _ = lock.withLock { states.removeValue(forKey: task.taskIdentifier) } }

    private func state(_ task: URLSessionTask) -> TaskState? { lock.withLock { states[task.taskIdentifier] } }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        guard let state = state(task) else { completionHandler(nil); return }
        state.redirects += 1
        if state.redirects > maxRedirects {
            completionHandler(nil)
            return
        }
        if let url = request.url, let refusal = policy.refusal(for: url) {
            // Not followed: the task ends with the redirect response, and the failure says why. (No
            // cancel here: FoundationNetworking traps when a task is cancelled inside this callback.)
            state.failure = "redirect to \(url.absoluteString) refused: \(refusal)"
            completionHandler(nil)
            return
        }
        completionHandler(request)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        state(dataTask)?.response = response as? HTTPURLResponse
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let state = state(dataTask) else { return }
        if state.body.count + data.count > maxBodyBytes {
            state.failure = "\(dataTask.originalRequest?.url?.absoluteString ?? "the URL"): the response is larger than the limit of \(maxBodyBytes) bytes"
            dataTask.cancel()
            return
        }
        state.body.append(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let state = state(task) else { return }
        if state.failure == nil { state.error = error }
        state.done.signal()
    }
}

/// The response cache: one metadata file and one body file per URL (named by the URL's SHA-256), so a
/// rerun asks the server "has it changed?" (If-None-Match, If-Modified-Since) instead of fetching again.
public struct HTTPCache: Sendable {
    public let folder: URL

    public struct Entry: Codable, Sendable {
        public var url: String
        public var finalURL: String
        public var status: Int
        public var headers: [String: String]
        public var etag: String?
        public var lastModified: String?
        public var fetchedAt: String
    }

    public init(folder: URL) throws {
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        AtomicFile.sweepTemporaries(in: folder)
    }

    private func key(_ url: String) -> String { SHA256.hex(url) }

    public func lookup(_ url: String) -> Entry? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(key(url) + ".json").path) else { return nil }
        return try? JSONDecoder().decode(Entry.self, from: data)
    }

    public func body(for url: String) -> Data? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(key(url) + ".body").path)
    }

    public func store(_ url: String, _ response: FetchedResponse) {
        let entry = Entry(url: url, finalURL: response.url, status: response.status, headers: response.headers,
                          etag: response.headers["etag"], lastModified: response.headers["last-modified"], fetchedAt: response.fetchedAt)
        // Body first: an entry never points at a missing body.
        try? AtomicFile.write(response.body, to: folder.appendingPathComponent(key(url) + ".body"))
        if let data = try? JSONFiles.encode(entry) {
            try? AtomicFile.write(data, to: folder.appendingPathComponent(key(url) + ".json"))
        }
    }
}

import Foundation
import NewsmillCore

/// One record of a WARC file.
public struct WARCRecord: Sendable {
    /// Byte offset of the record in the file (of its gzip member, for .warc.gz).
    public var offset: Int
    /// WARC header fields, names lower-cased.
    public var headers: [String: String]
    /// The record's block (for a response record: the HTTP response as captured), up to the size limit.
    public var block: [UInt8]
    /// True when the block was longer than the limit and was cut.
    public var truncated: Bool

    public var type: String { headers["warc-type"]?.lowercased() ?? "" }
    public var targetURI: String? { headers["warc-target-uri"].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")) } }
    public var date: String? { headers["warc-date"] }
}

/// A problem with one record; the reader goes on with the next one.
public struct WARCRecordError: Error, Sendable {
    public var offset: Int
    public var message: String
}

/// Streams the records of a WARC file (.warc or .warc.gz, as Common Crawl and CC-NEWS publish them) in
/// bounded memory: one record at a time, each block kept up to `maxBlockBytes`. A corrupt record is
/// reported and skipped; reading resumes at the next record.
public final class WARCReader {
    private let stream: ByteStream
    public let maxBlockBytes: Int

    public init(path: String, maxBlockBytes: Int) throws {
        stream = try ByteStream(path: path)
        self.maxBlockBytes = maxBlockBytes
    }

    /// The next record, a record error, or nil at the end of the file.
    public func next() -> Result<WARCRecord, WARCRecordError>? {
        // Find the version line, skipping blank lines between records.
        var line: [UInt8]?
        var offset = 0
        if let pending {
            line = pending
            offset = pendingOffset
            self.pending = nil
        } else {
        repeat {
            offset = stream.compressed ? stream.memberStart : stream.position
            line = stream.readLine()
            if line == nil {
                if let corruption = stream.corruption {
                    stream.skipToNextMember()
                    return .failure(WARCRecordError(offset: offset, message: corruption))
                }
                return nil
            }
            if stream.compressed { offset = stream.memberStart }
        } while line!.isEmpty
        }
        guard line!.starts(with: Array("WARC/".utf8)) else {
            let error = WARCRecordError(offset: offset, message: "expected a WARC record header, found \(String(decoding: line!.prefix(40), as: UTF8.self).debugDescription)")
            resynchronise()
            return .failure(error)
        }
        var headers: [String: String] = [:]
        while let header = stream.readLine(), !header.isEmpty {
            guard let colon = header.firstIndex(of: 0x3A) else { continue }
            let name = String(decoding: header[..<colon], as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
            let value = String(decoding: header[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            headers[name] = value
        }
        guard let lengthText = headers["content-length"], let length = Int(lengthText), length >= 0 else {
            resynchronise()
            return .failure(WARCRecordError(offset: offset, message: "the record has no valid Content-Length"))
        }
        guard let block = stream.read(length, keep: maxBlockBytes) else {
            let message = stream.corruption ?? "the file ends inside a record"
            stream.skipToNextMember()
            return .failure(WARCRecordError(offset: offset, message: message))
        }
        return .success(WARCRecord(offset: offset, headers: headers, block: block, truncated: length > maxBlockBytes))
    }

    /// After a bad record: the next gzip member, or the next line starting "WARC/" (uncompressed).
    private func resynchronise() {
        if stream.compressed {
            stream.skipToNextMember()
            return
        }
        while true {
            let before = stream.position
            guard let line = stream.readLine() else { return }
            if line.starts(with: Array("WARC/".utf8)) {
                // The version line of the next record: the next call starts from it.
                pending = line
                pendingOffset = before
                return
            }
        }
    }

    private var pending: [UInt8]?
    private var pendingOffset = 0
}

/// An HTTP response as captured in a WARC response record.
public struct HTTPMessage: Sendable {
    public var status: Int
    /// Header fields, names lower-cased (repeated fields joined with ", ").
    public var headers: [String: String]
    public var body: [UInt8]

    /// Parses "HTTP/1.1 200 OK\r\nheaders\r\n\r\nbody", undoing chunked transfer encoding.
    public static func parse(_ bytes: [UInt8]) -> HTTPMessage? {
        // Header end: CRLF CRLF (or LF LF).
        var end: Int? = nil
        var bodyStart = 0
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 0x0A && bytes[i + 1] == 0x0A { end = i; bodyStart = i + 2; break }
            if i + 3 < bytes.count && bytes[i] == 0x0D && bytes[i + 1] == 0x0A && bytes[i + 2] == 0x0D && bytes[i + 3] == 0x0A {
                end = i; bodyStart = i + 4; break
            }
            i += 1
            if i > 256 * 1024 { return nil }
        }
        guard let headerEnd = end else { return nil }
        let head = String(decoding: bytes[..<headerEnd], as: UTF8.self)
        var lines = head.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard !lines.isEmpty else { return nil }
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/"), let status = Int(statusLine[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        var body = Array(bytes[bodyStart...])
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true, let unchunked = dechunk(body) {
            body = unchunked
        }
        return HTTPMessage(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var i = 0
        while i < data.count {
            var lineEnd = i
            while lineEnd < data.count && data[lineEnd] != 0x0A { lineEnd += 1 }
            guard lineEnd < data.count else { return nil }
            let sizeText = String(decoding: data[i..<lineEnd], as: UTF8.self).split(separator: ";").first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard let size = Int(sizeText, radix: 16) else { return nil }
            i = lineEnd + 1
            if size == 0 { return out }
            guard i + size <= data.count else { return nil }
            out.append(contentsOf: data[i..<(i + size)])
            i += size
            if i < data.count && data[i] == 0x0D { i += 1 }
            if i < data.count && data[i] == 0x0A { i += 1 }
        }
        return out
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a document stage as a streaming filter (`--jsonl`): JSON Lines in, JSON Lines out, for pipes
/// and cluster jobs (Spark's `RDD.pipe`) where one file per document does not fit.
///
/// Each input line is one document: the previous stage's record on one line (its `id` names it), or
/// with `--text` an object `{"id": …, "text": …}`. Each input line gives exactly one output line, in
/// input order whatever the number of jobs: the stage's record on one line, or an error record
/// `{"error": reason, "id": …, "input": "stdin:7", "stage": …}`. An account record from an earlier
/// stage (an error, or `"skipped"`: a duplicate or a record that held no document) is passed on
/// unchanged, so the account of every input reaches the end of a pipe. Blank lines
/// are ignored. At most `jobs × batchPerJob` documents are held in memory at once.
public struct StreamStage: Sendable {
    public var stage: String
    public var inputKind: DocumentStage.InputKind
    public var jobs = defaultJobs
    /// Documents read ahead per job; the output of a batch is written before the next is read.
    public var batchPerJob = 8
    /// Longest input line, in bytes; a longer one becomes an error record (its bytes are skipped).
    public var maxLineBytes = 256 * 1024 * 1024
    public var log: @Sendable (String) -> Void = { StageLog.error($0) }
    /// A progress line on standard error (documents done and the rate; the total is not known).
    public var showProgress = true

    public init(stage: String, inputKind: DocumentStage.InputKind) {
        self.stage = stage
        self.inputKind = inputKind
    }

    /// The error record of a document, on one line (no newline at the end).
    public static func errorRecord(stage: String, id: String?, input: String, reason: String) -> Data {
        var fields = ["error": reason, "input": input, "stage": stage]
        if let id { fields["id"] = id }
        return record(fields)
    }

    /// An account record (an error, or a document skipped or found a duplicate: `"skipped": reason`)
    /// on one line, keys sorted.
    public static func record(_ fields: [String: String]) -> Data {
        var line = "{"
        for (index, key) in fields.keys.sorted().enumerated() {
            if index > 0 { line += "," }
            line += JSONLine.quoted(key) + ":" + JSONLine.quoted(fields[key]!)
        }
        return Data((line + "}").utf8)
    }

    /// Top-level keys that make a line an account record rather than a document: passed on unchanged.
    public static let accountKeys: Set<String> = ["error", "skipped"]

    private enum Item: Sendable {
        case document(StageInput)
        case passOn(Data, skipped: Bool)
        case refused(id: String?, input: String, reason: String)
    }

    private struct TextRecord: Decodable {
        var id: String?
        var text: String
    }

    /// Reads every source (a file path, or "-" for standard input; none means standard input) line by
    /// line, runs `transform` over each document and writes the output lines to `output`.
    public func run(_ sources: [String], output: Int32 = STDOUT_FILENO,
                    producing transform: @escaping @Sendable (StageInput) throws -> DocumentStage.Output) throws -> RunSummary {
        var summary = RunSummary()
        let writer = FDWriter(fd: output)
        let progress = ProgressBar.make(stage, total: nil, enabled: showProgress)
        defer { progress?.finish() }
        for source in sources.isEmpty ? ["-"] : sources {
            let (name, reader) = try LineReader.open(source, maxLineBytes: maxLineBytes)
            var lineNumber = 0
            var batch: [Item] = []
            let batchSize = max(1, jobs * batchPerJob)
            func flush() throws {
                if Interruption.requested {
                    // Lines read but not begun are left out; the summary counts them.
                    summary.notStarted += batch.count
                    batch.removeAll()
                    return
                }
                let stage = self.stage
                let results = parallelMap(batch, jobs: jobs) { item -> (Data, Bool, String?) in
                    switch item {
                    case .passOn(let line, _):
                        return (line, false, nil)
                    case .refused(let id, let input, let reason):
                        return (StreamStage.errorRecord(stage: stage, id: id, input: input, reason: reason), false, reason)
                    case .document(let input):
                        do {
                            let output = try transform(input)
                            return (JSONLine.compact(output.data), true, nil)
                        } catch {
                            let reason = StreamStage.message(error)
                            return (StreamStage.errorRecord(stage: stage, id: input.id, input: input.path, reason: reason), false, reason)
                        }
                    }
                }
                for (item, (line, ok, reason)) in zip(batch, results) {
                    if ok {
                        summary.done += 1
                    } else if case .passOn(_, skipped: true) = item {
                        summary.skipped += 1
                    } else {
                        summary.failed += 1
                        if let reason {
                            switch item {
                            case .document(let input): log("\(stage): \(input.id) (\(input.path)): \(reason)")
                            case .refused(let id, let input, _): log("\(stage): \(id.map { "\($0) (\(input))" } ?? input): \(reason)")
                            case .passOn: break
                            }
                        }
                    }
                    try writer.write(line)
                    try writer.write(Data([0x0A]))
                }
                try writer.flush()
                progress?.tick(batch.count)
                batch.removeAll(keepingCapacity: true)
            }
            while !Interruption.requested, let next = try reader.next() {
                lineNumber += 1
                let input = "\(name):\(lineNumber)"
                let line: Data
                switch next {
                case .tooLong(let bytes):
                    batch.append(.refused(id: nil, input: input, reason: "the line is over \(bytes) bytes, over the limit of \(maxLineBytes) bytes"))
                    if batch.count >= batchSize { try flush() }
                    continue
                case .line(let data):
                    line = data
                }
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                batch.append(item(line, input: input))
                if batch.count >= batchSize { try flush() }
            }
            if !batch.isEmpty { try flush() }
            if Interruption.requested { break }
        }
        summary.interrupted = Interruption.requested
        return summary
    }

    private func item(_ line: Data, input: String) -> Item {
        let fields = JSONLine.topLevelStrings(line, keys: StreamStage.accountKeys.union(["id"]))
        guard let fields else {
            return .refused(id: nil, input: input, reason: "not a JSON object on one line")
        }
        if let key = StreamStage.accountKeys.first(where: fields.present.contains) { return .passOn(line, skipped: key == "skipped") }
        switch inputKind {
        case .stageFiles:
            guard let id = fields.values["id"] else {
                return .refused(id: nil, input: input, reason: "the record has no \"id\" string")
            }
            guard DocumentID.isSafe(id) else {
                return .refused(id: id, input: input, reason: "\"\(id)\" is not a safe document id")
            }
            return .document(StageInput(path: input, id: id, data: line))
        case .textFiles:
            guard let record = try? JSONDecoder().decode(TextRecord.self, from: line) else {
                return .refused(id: fields.values["id"], input: input, reason: "a --text line is an object with a \"text\" string (and an \"id\")")
            }
            let id = record.id ?? DocumentID.forTextFile(input.replacingOccurrences(of: ":", with: "-"))
            guard DocumentID.isSafe(id) else {
                return .refused(id: id, input: input, reason: "\"\(id)\" is not a safe document id")
            }
            return .document(StageInput(path: input, id: id, data: Data(record.text.utf8)))
        }
    }

    static func message(_ error: Error) -> String {
        if let error = error as? DocumentError { return error.message }
        if let error = error as? RunError { return error.message }
        return "\(error)"
    }
}

/// The few JSON Lines operations the streaming runner needs, on bytes, without decoding a document.
public enum JSONLine {
    /// A JSON document on one line: a newline and the indentation after it are whitespace between
    /// tokens (JSON strings cannot hold a raw newline), so dropping them keeps the same value.
    public static func compact(_ data: Data) -> Data {
        data.withUnsafeBytes { (source: UnsafeRawBufferPointer) -> Data in
            let n = source.count
            guard n > 0, let base = source.baseAddress, memchr(base, 0x0A, n) != nil else {
                return data
            }
            var out = Data(count: n)
            let written = out.withUnsafeMutableBytes { (target: UnsafeMutableRawBufferPointer) -> Int in
                let bytes = base.assumingMemoryBound(to: UInt8.self)
                let into = target.baseAddress!
                var i = 0, o = 0
                while i < n {
                    // Copy up to the next line break in one go, then drop the break and the indentation.
                    let rest = n - i
                    let stop = memchr(bytes + i, 0x0A, rest).map { UnsafeRawPointer($0) - base } ?? n
                    var end = stop
                    if end > i && bytes[end - 1] == 0x0D { end -= 1 }
                    memcpy(into + o, bytes + i, end - i)
                    o += end - i
                    i = stop + 1
                    while i < n && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
                }
                return o
            }
            out.count = written
            return out
        }
    }

    /// A string as a JSON string literal.
    public static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Scans a JSON object for top-level keys: which of `keys` are present, and the values of those
    /// that are strings. Nested objects and arrays are skipped without being decoded. Nil when the
    /// bytes are not an object.
    public static func topLevelStrings(_ data: Data, keys: Set<String>) -> (present: Set<String>, values: [String: String])? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> (Set<String>, [String: String])? in
            let bytes = raw.bindMemory(to: UInt8.self)
            let n = bytes.count
            var i = 0
            func skipSpace() { while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 } }
            /// Reads a string starting at the quote; returns its decoded value when `decode`.
            func string(decode: Bool) -> String?? {
                guard i < n, bytes[i] == 0x22 else { return nil }
                let start = i
                i += 1
                var escaped = false
                while i < n {
                    let b = bytes[i]
                    if b == 0x5C { escaped = true; i += 2; continue }
                    if b == 0x22 { break }
                    i += 1
                }
                guard i < n else { return nil }
                i += 1
                if !decode { return .some(nil) }
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<i])
                if !escaped { return .some(String(decoding: UnsafeBufferPointer(rebasing: slice.dropFirst().dropLast()), as: UTF8.self)) }
                return .some(try? JSONDecoder().decode(String.self, from: Data(slice)))
            }
            /// Skips one value of any kind.
            func skipValue() -> Bool {
                var cursor = JSONCursor(bytes)
                cursor.index = i
                defer { i = cursor.index }
                return cursor.skipValue()
            }
            skipSpace()
            guard i < n, bytes[i] == 0x7B else { return nil }
            i += 1
            var present = Set<String>()
            var values: [String: String] = [:]
            skipSpace()
            if i < n, bytes[i] == 0x7D { return (present, values) }
            while i < n {
                skipSpace()
                guard let keyResult = string(decode: true), let key = keyResult else { return nil }
                skipSpace()
                guard i < n, bytes[i] == 0x3A else { return nil }
                i += 1
                skipSpace()
                if keys.contains(key) {
                    present.insert(key)
                    if i < n, bytes[i] == 0x22 {
                        guard let value = string(decode: true) else { return nil }
                        if let value { values[key] = value }
                    } else if !skipValue() { return nil }
                } else if !skipValue() { return nil }
                skipSpace()
                guard i < n else { return nil }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x7D { return (present, values) }
                return nil
            }
            return nil
        }
    }
}

/// Reads lines from a file descriptor in large chunks; a line longer than the limit is reported by its
/// length and skipped rather than held in memory.
public final class LineReader {
    public enum Next { case line(Data), tooLong(Int) }

    private let fd: Int32
    private let maxLineBytes: Int
    private let closeAtEnd: Bool
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)
    private var pending = Data()
    private var start = 0
    private var end = 0
    private var atEnd = false

    public init(fd: Int32, maxLineBytes: Int, closeAtEnd: Bool = false) {
        self.fd = fd
        self.maxLineBytes = maxLineBytes
        self.closeAtEnd = closeAtEnd
    }

    deinit { if closeAtEnd { close(fd) } }

    /// A reader of `source`, a file path or "-" for standard input, and the name its lines are
    /// reported under ("stdin" or the path).
    public static func open(_ source: String, maxLineBytes: Int) throws -> (name: String, reader: LineReader) {
        if source == "-" { return ("stdin", LineReader(fd: STDIN_FILENO, maxLineBytes: maxLineBytes)) }
        let fd = Glibc.open(source, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw RunError("cannot read \(source): \(String(cString: strerror(errno)))") }
        return (source, LineReader(fd: fd, maxLineBytes: maxLineBytes, closeAtEnd: true))
    }

    private func fill() throws -> Bool {
        if atEnd { return false }
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw RunError("cannot read the input: \(String(cString: strerror(errno)))")
            }
            if count == 0 { atEnd = true; return false }
            start = 0
            end = count
            return true
        }
    }

    public func next() throws -> Next? {
        pending.removeAll(keepingCapacity: true)
        var skipped = 0
        while true {
            if start >= end, try !fill() {
                if skipped > 0 { return .tooLong(skipped) }
                return pending.isEmpty ? nil : .line(pending)
            }
            let newline = buffer[start..<end].firstIndex(of: 0x0A)
            let stop = newline ?? end
            if skipped > 0 || pending.count + (stop - start) > maxLineBytes {
                skipped += pending.count + (stop - start)
                pending.removeAll(keepingCapacity: false)
            } else {
                pending.append(contentsOf: buffer[start..<stop])
            }
            start = stop
            if newline != nil {
                start += 1
                if skipped > 0 { return .tooLong(skipped) }
                return .line(pending)
            }
        }
    }
}

/// Buffered writes to a file descriptor.
public final class FDWriter {
    private let fd: Int32
    private var buffer = Data()

    public init(fd: Int32) { self.fd = fd }

    public func write(_ data: Data) throws {
        if data.count >= 1 << 16 {
            // A large piece goes out as it is, not through the buffer.
            try flush()
            try writeAll(data)
            return
        }
        buffer.append(data)
        if buffer.count >= 1 << 20 { try flush() }
    }

    public func flush() throws {
        try writeAll(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ data: Data) throws {
        let failure = FileDescriptor.writeAll(fd, data)
        if failure != 0 { throw RunError("cannot write the output: \(String(cString: strerror(failure)))") }
    }
}

/// Writing to a file descriptor.
public enum FileDescriptor {
    /// Writes all of `data` to `fd`, again after an interruption; 0, or the `errno` of the failure.
    public static func writeAll(_ fd: Int32, _ data: Data) -> Int32 {
        var failure: Int32 = 0
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        return failure
    }
}

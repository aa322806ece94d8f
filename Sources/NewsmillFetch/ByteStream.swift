import CZlib
import Foundation
import NewsmillCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads a file as a stream of bytes in bounded memory, inflating gzip on the fly (concatenated gzip
/// members, as in .warc.gz files, one member per record). It knows the offset in the file where the
/// current gzip member began, so each record can be located again, and it can skip to the next member
/// after corrupt data.
final class ByteStream {
    private let fd: Int32
    let path: String
    let compressed: Bool
    private var input = [UInt8](repeating: 0, count: 1 << 20)
    private var inputStart = 0       // file offset of input[0]
    private var inputCount = 0
    private var inputPosition = 0    // next unread byte of input
    private var output: [UInt8] = []
    private var outputPosition = 0
    private var stream = z_stream()
    private var streamOpen = false
    private var atEnd = false
    /// File offset where the current gzip member started (or the current position, uncompressed).
    private(set) var memberStart = 0
    /// Decompressed bytes handed out so far.
    private(set) var position = 0
    /// Set when inflating failed; the reader should resynchronise with `skipToNextMember`.
    private(set) var corruption: String?

    init(path: String) throws {
        self.path = path
        if let info = FileInfo.of(path), !info.isRegular, !info.isDirectory {
            throw DocumentError(.unsupported, "\(path) is not a regular file (a named pipe, socket or device)")
        }
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw DocumentError(.unreadable, "cannot open \(path): \(String(cString: strerror(errno)))") }
        var magic = [UInt8](repeating: 0, count: 2)
        let got = pread(fd, &magic, 2, 0)
        compressed = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b
    }

    deinit {
        if streamOpen { inflateEnd(&stream) }
        close(fd)
    }

    /// File offset of the next unread compressed byte (or of the next unread byte, uncompressed).
    var fileOffset: Int {
        compressed ? inputStart + inputPosition : position
    }

    private func fill() -> Bool {
        if inputPosition < inputCount { return true }
        inputStart += inputCount
        inputPosition = 0
        inputCount = 0
        let n = input.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { return false }
        inputCount = n
        return true
    }

    /// Produces more decompressed bytes into `output`; false at the end of the file or on corruption.
    private func produce() -> Bool {
        output.removeFirst(outputPosition)
        outputPosition = 0
        if atEnd || corruption != nil { return false }
        if !compressed {
            guard fill() else { atEnd = true; return false }
            output.append(contentsOf: input[inputPosition..<inputCount])
            inputPosition = inputCount
            return true
        }
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            guard fill() else {
                atEnd = true
                if streamOpen { corruption = "the file ends inside a gzip member (truncated)" }
                return false
            }
            if !streamOpen {
                memberStart = inputStart + inputPosition
                stream = z_stream()
                guard newsmill_inflateInit2(&stream, 15 + 16) == Z_OK else { corruption = "zlib could not start"; return false }
                streamOpen = true
            }
            let available = inputCount - inputPosition
            var produced = 0
            var status: Int32 = Z_OK
            input.withUnsafeMutableBufferPointer { inBuffer in
                chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_in = inBuffer.baseAddress! + inputPosition
                    stream.avail_in = uInt(available)
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    produced = outBuffer.count - Int(stream.avail_out)
                }
            }
            inputPosition += available - Int(stream.avail_in)
            output.append(contentsOf: chunk[0..<produced])
            if status == Z_STREAM_END {
                inflateEnd(&stream)
                streamOpen = false
            } else if status != Z_OK && status != Z_BUF_ERROR {
                inflateEnd(&stream)
                streamOpen = false
                corruption = "corrupt gzip data at byte \(memberStart)"
                return produced > 0
            }
            if produced > 0 { return true }
        }
    }

    /// The next line (without its line ending), or nil at the end; at most `limit` bytes.
    func readLine(limit: Int = 64 * 1024) -> [UInt8]? {
        var line: [UInt8] = []
        while true {
            if outputPosition >= output.count && !produce() {
                return line.isEmpty ? nil : line
            }
            if let newline = output[outputPosition...].firstIndex(of: 0x0A) {
                line.append(contentsOf: output[outputPosition..<newline])
                position += newline + 1 - outputPosition
                outputPosition = newline + 1
                if line.last == 0x0D { line.removeLast() }
                return line
            }
            line.append(contentsOf: output[outputPosition...])
            position += output.count - outputPosition
            outputPosition = output.count
            if line.count > limit { return line }
        }
    }

    /// Reads exactly `count` bytes, keeping at most `keep` of them; returns nil if the stream ends first.
    func read(_ count: Int, keep: Int) -> [UInt8]? {
        var kept: [UInt8] = []
        kept.reserveCapacity(min(count, keep))
        var remaining = count
        while remaining > 0 {
            if outputPosition >= output.count && !produce() { return nil }
            let take = min(remaining, output.count - outputPosition)
            if kept.count < keep {
                kept.append(contentsOf: output[outputPosition..<(outputPosition + min(take, keep - kept.count))])
            }
            outputPosition += take
            position += take
            remaining -= take
        }
        return kept
    }

    /// After corrupt data: drop what is buffered and continue at the next gzip member (compressed) or
    /// the next line starting with "WARC/" (uncompressed, done by the reader).
    func skipToNextMember() {
        corruption = nil
        output.removeAll()
        outputPosition = 0
        if streamOpen { inflateEnd(&stream); streamOpen = false }
        guard compressed else { return }
        // Search the compressed bytes for the next gzip header (1f 8b 08).
        inputPosition = max(inputPosition, 0)
        var searchFrom = memberStart + 1
        while true {
            if searchFrom < inputStart || searchFrom >= inputStart + inputCount {
                // Re-read from searchFrom.
                inputStart = searchFrom
                inputPosition = 0
                let n = input.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(searchFrom)) }
                if n <= 2 { atEnd = true; inputCount = max(0, n); inputPosition = inputCount; return }
                inputCount = n
                _ = lseek(fd, off_t(searchFrom + n), SEEK_SET)
            }
            let local = searchFrom - inputStart
            var k = local
            while k + 2 < inputCount {
                if input[k] == 0x1f && input[k + 1] == 0x8b && input[k + 2] == 0x08 {
                    inputPosition = k
                    memberStart = inputStart + k
                    return
                }
                k += 1
            }
            if inputCount < input.count { atEnd = true; inputPosition = inputCount; return }
            searchFrom = inputStart + inputCount - 2
        }
    }

    var isAtEnd: Bool { atEnd && outputPosition >= output.count }
}

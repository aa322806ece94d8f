import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The few facts about a file the runner needs, from one `stat(2)`.
public struct FileInfo: Sendable, Equatable {
    public var size: Int64
    /// Modification time in nanoseconds since the epoch.
    public var modified: Int64
    public var isDirectory: Bool
    public var isRegular: Bool

    public static func of(_ path: String) -> FileInfo? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        let type = info.st_mode & S_IFMT
        return FileInfo(size: Int64(info.st_size), modified: modified,
                        isDirectory: type == S_IFDIR, isRegular: type == S_IFREG)
    }
}

public enum FileReading {
    /// Reads a whole file, refusing anything larger than `limit` bytes before reading it.
    public static func read(_ path: String, limit: Int64) throws -> Data {
        guard let info = FileInfo.of(path) else {
            throw DocumentError(.unreadable, "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        if info.isDirectory { throw DocumentError(.unreadable, "\(path) is a folder, not a file") }
        // A named pipe or a device would block or never end: only regular files are read.
        if !info.isRegular { throw DocumentError(.unsupported, "\(path) is not a regular file (a named pipe, socket or device)") }
        if info.size > limit {
            throw DocumentError(.tooLarge, "the file is \(info.size) bytes, over the limit of \(limit) bytes")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw DocumentError(.unreadable, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        // One buffer of the file's size (and a byte more, to see a file that grew after stat), read with
        // as few calls as the kernel allows; a file that grew is read on, up to limit + 1 bytes, and then
        // refused if it is over the limit.
        var data = Data(count: Int(min(info.size, limit)) + 1)
        var total = 0
        while true {
            if total == data.count {
                guard data.count <= limit else { break }
                data.count = Int(min(Int64(data.count) * 2, limit + 1))
            }
            let got = data.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + total, buffer.count - total)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw DocumentError(.unreadable, "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            total += got
        }
        if total > limit {
            throw DocumentError(.tooLarge, "the file is over the limit of \(limit) bytes")
        }
        data.count = total
        return data
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#else
private let systemRead = Darwin.read
#endif

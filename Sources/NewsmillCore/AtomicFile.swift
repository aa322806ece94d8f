import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader never sees half of one: the bytes go to a temporary name in the same
/// folder (`.NAME.tmp-PID-N`), then `rename(2)` puts them in place in one step. A run that is killed
/// leaves at most a temporary file, which `sweepTemporaries` removes and no stage ever reads.
public enum AtomicFile {
    public static let temporaryMarker = ".tmp-"
    nonisolated(unsafe) private static var counter = 0
    private static let lock = NSLock()

    public static func write(_ data: Data, to url: URL) throws {
        try write(data, toPath: url.path)
    }

    private static let processID = getpid()

    /// Like `write(_:to:)` with a path: no `URL` work (which costs a `stat` and a `getcwd` per file).
    public static func write(_ data: Data, toPath path: String) throws {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let serial: Int = lock.withLock { counter += 1; return counter }
        let temporaryPath = "\(directory).\(name)\(temporaryMarker)\(processID)-\(serial)"
        let fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw RunError("cannot write \(temporaryPath): \(String(cString: strerror(errno)))")
        }
        let failure = FileDescriptor.writeAll(fd, data)
        close(fd)
        if failure != 0 {
            unlink(temporaryPath)
            throw RunError("cannot write \(path): \(String(cString: strerror(failure)))")
        }
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw RunError("cannot move .\(name)\(temporaryMarker)\(processID)-\(serial) to \(path): \(reason)")
        }
    }

    /// Removes temporary files that an interrupted run left in `directory`; returns how many.
    @discardableResult
    public static func sweepTemporaries(in directory: URL) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix(".") && name.contains(temporaryMarker) {
            if unlink(directory.appendingPathComponent(name).path) == 0 { removed += 1 }
        }
        return removed
    }
}

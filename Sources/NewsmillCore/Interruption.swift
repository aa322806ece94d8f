import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (SIGINT) and SIGTERM stop a stage cleanly: the documents in progress are finished and
/// written (atomically, as always), no new one is started, and the run ends with a summary line that
/// says how many were not started, exit status 130. The account of the folder (`_manifest.json`) is
/// left as the last complete run wrote it, so the next run redoes what is missing. A second signal
/// stops at once; a temporary file it may leave is swept by the next run.
public enum Interruption {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var signals = 0
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// True once SIGINT or SIGTERM has arrived.
    public static var requested: Bool { lock.withLock { signals > 0 } }

    /// Exit status of an interrupted run (128 + SIGINT, as shells report it).
    public static let exitCode: Int32 = 130

    /// Starts listening for SIGINT and SIGTERM; `tool` names the program in the lines it prints.
    public static func install(tool: String) {
        lock.withLock {
            guard sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { received(tool: tool) }
                source.resume()
                sources.append(source)
            }
        }
    }

    private static func received(tool: String) {
        let count: Int = lock.withLock { signals += 1; return signals }
        if count == 1 {
            FileHandle.standardError.write(Data("\n\(tool): interrupted: finishing the documents in progress (interrupt again to stop at once)\n".utf8))
        } else {
            FileHandle.standardError.write(Data("\(tool): stopped at once; the next run redoes what is missing\n".utf8))
            _exit(exitCode)
        }
    }

    /// For tests: forget a signal.
    public static func reset() { lock.withLock { signals = 0 } }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A progress bar on standard error for a stage's run: documents done of the total, the rate and the
/// time left, redrawn at most ten times a second, and cleared at the end (the stage's summary line
/// follows). Drawn only when standard error is a terminal; otherwise, and with `--quiet`, a run
/// prints only its summary line.
public final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let total: Int?
    private let lock = NSLock()
    private var done = 0
    private var lastDraw: Double = 0
    private let start: Double
    private var drawn = false
    private let width = 28

    /// A bar for `total` documents (nil when the total is not known, as in a stream), or nil when
    /// standard error is not a terminal.
    public static func make(_ label: String, total: Int?, enabled: Bool = true) -> ProgressBar? {
        guard enabled, isatty(STDERR_FILENO) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { return nil }
        return ProgressBar(label: label, total: total)
    }

    init(label: String, total: Int?) {
        self.label = label
        self.total = total
        start = ProcessInfo.processInfo.systemUptime
    }

    /// One more document done (any thread).
    public func tick(_ count: Int = 1) {
        lock.withLock {
            done += count
            let now = ProcessInfo.processInfo.systemUptime
            if now - lastDraw >= 0.1 || done == total {
                lastDraw = now
                draw(now)
            }
        }
    }

    private func draw(_ now: Double) {
        let elapsed = max(now - start, 0.001)
        let rate = Double(done) / elapsed
        var line = "\(label): "
        if let total, total > 0 {
            let filled = min(width, done * width / total)
            line += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            line += "\(done)/\(total)"
            let left = rate > 0 ? Double(total - done) / rate : 0
            line += String(format: "  %.0f docs/s  %@ left", rate, ProgressBar.clock(left))
        } else {
            line += String(format: "%d done  %.0f docs/s  %@", done, rate, ProgressBar.clock(elapsed))
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
        drawn = true
    }

    /// Removes the bar, leaving the line for the summary.
    public func finish() {
        lock.withLock {
            if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
            drawn = false
        }
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}

import Foundation
import Logging

/// The stages' logs go through swift-log: each failed document is one error line naming the stage,
/// the document and the reason (`segment: <id> (<input>): <reason>`). The executables install
/// `StageLogHandler` (plain lines on standard error, no timestamps: the line is the record); a program
/// using the libraries can bootstrap any other handler and receive the same lines.
public enum StageLog {
    /// The logger the stages write to.
    public static let logger = Logger(label: "newsmill")

    private static let installed: Void = {
        LoggingSystem.bootstrap { label in StageLogHandler(label: label) }
    }()

    /// Installs `StageLogHandler` for the process (once; later calls do nothing).
    public static func bootstrap() { _ = installed }

    /// Logs one line as an error.
    public static func error(_ line: String) { logger.error("\(line)") }
}

/// Writes each message as it is, one line on standard error; metadata, when given, follows as
/// `key=value` pairs.
public struct StageLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = "\(event.message)"
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        if !all.isEmpty { line += " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

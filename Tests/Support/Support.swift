import Foundation
import NewsmillCore

/// Paths and helpers the test targets share.
public enum TestPaths {
    /// The package's root folder (this file is Tests/Support/Support.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let pipelines = root.appendingPathComponent("Pipelines")
    public static let samples = root.appendingPathComponent("Samples")
    public static let schemas = pipelines.appendingPathComponent("schemas")

    /// The folder holding the built executables: $NEWSMILL_BIN, else SwiftPM's debug products.
    public static var executables: URL {
        if let bin = ProcessInfo.processInfo.environment["NEWSMILL_BIN"], !bin.isEmpty { return URL(fileURLWithPath: bin) }
        return root.appendingPathComponent(".build/debug")
    }
}

/// A fresh temporary folder, removed when the value is released.
public final class TemporaryFolder: @unchecked Sendable {
    public let url: URL
    public init(_ name: String = "newsmill-test") {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    public func write(_ name: String, _ data: Data) -> String {
        let target = url.appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: target.path, contents: data)
        return target.path
    }

    @discardableResult
    public func write(_ name: String, _ text: String) -> String { write(name, Data(text.utf8)) }
}

/// Runs an executable and returns its exit status, standard output and standard error.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public func runCommand(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes while the process runs, so a chatty process cannot block on a full pipe.
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data(), errData = Data()
    group.enter()
    DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    group.enter()
    DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    process.waitUntilExit()
    group.wait()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

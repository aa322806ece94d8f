import Foundation
import NewsmillFuzz

#if FUZZING
import CLibFuzzer

// Built by `make fuzz` with `-sanitize=fuzzer,address -D FUZZING`: main hands over to libFuzzer's driver,
// which calls `testOneInput` with each input it makes; the target comes from $NEWSMILL_FUZZ_TARGET.

nonisolated(unsafe) private var target: FuzzTarget = .charset

private func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { [UInt8](UnsafeBufferPointer(start: $0, count: size)) } ?? []
    target.run(bytes)
    return 0
}

@main
struct FuzzMain {
    static func main() {
        let name = ProcessInfo.processInfo.environment["NEWSMILL_FUZZ_TARGET"] ?? ""
        guard let chosen = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("newsmill-fuzz: set NEWSMILL_FUZZ_TARGET to one of \(names)\n".utf8))
            exit(2)
        }
        target = chosen
        chosen.run([])   // loads the word lists before the first timed input
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { testOneInput($0, $1) })
    }
}

#else
import ArgumentParser

/// Without the fuzzer: replays inputs through a target, to reproduce a crash libFuzzer found with the
/// plain (or a sanitized) build.
@main
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsmill-fuzz",
        abstract: "Run newsmill's fuzz targets over saved inputs (make fuzz runs them under libFuzzer).",
        discussion: "Targets: " + FuzzTarget.allCases.map { "\($0.rawValue) (\($0.summary))" }.joined(separator: "; ") + ".")

    @Argument(help: "The fuzz target.")
    var target: String

    @Argument(help: "Input files, or folders of them.")
    var inputs: [String]

    func run() throws {
        guard let chosen = FuzzTarget(rawValue: target) else {
            throw ValidationError("no fuzz target \(target); targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var files: [String] = []
        for input in inputs {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder) else {
                throw ValidationError("\(input) does not exist")
            }
            if isFolder.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: input).filter { !$0.hasPrefix(".") }.sorted()
                files += names.map { input + "/" + $0 }
            } else {
                files.append(input)
            }
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            let start = Date()
            chosen.run([UInt8](data))
            print(String(format: "%@: %d bytes, %.3f s", file, data.count, Date().timeIntervalSince(start)))
        }
    }
}
#endif

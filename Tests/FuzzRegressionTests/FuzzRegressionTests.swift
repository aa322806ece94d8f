import Foundation
import NewsmillFuzz
import NewsmillTestSupport
import Testing

/// Every input under Tests/Fuzz/<target>/ (seeds for `make fuzz`, and each crash or hang it found,
/// kept once fixed) goes through its fuzz target again: none may crash or take long.
struct FuzzInput: CustomStringConvertible, Sendable {
    let target: FuzzTarget
    let path: String
    var description: String { "\(target.rawValue)/\((path as NSString).lastPathComponent)" }

    static let folder = TestPaths.root.appendingPathComponent("Tests/Fuzz")

    static func all() -> [FuzzInput] {
        FuzzTarget.allCases.flatMap { target in
            let directory = folder.appendingPathComponent(target.rawValue).path
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { FuzzInput(target: target, path: directory + "/" + $0) }
        }
    }
}

@Suite struct FuzzRegressionTests {
    init() { setenv("NEWSMILL_PIPELINES", TestPaths.pipelines.path, 1) }

    @Test func everyTargetHasInputs() {
        let inputs = FuzzInput.all()
        for target in FuzzTarget.allCases {
            #expect(inputs.contains { $0.target == target }, "Tests/Fuzz/\(target.rawValue)/ holds no input")
        }
    }

    @Test(arguments: FuzzInput.all())
    func replays(_ input: FuzzInput) throws {
        let data = try #require(FileManager.default.contents(atPath: input.path))
        let start = Date()
        input.target.run([UInt8](data))
        // Generous for a debug build: the fuzzer's own limit for a hang is 10 s on an optimised build.
        #expect(Date().timeIntervalSince(start) < 20, "\(input) took \(Date().timeIntervalSince(start)) s")
    }
}

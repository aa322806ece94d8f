// swift-tools-version: 6.0
// newsmill: a batch pipeline from scraped news pages to clean, structured, summarised articles.
import PackageDescription

/// Release builds of the libraries leave out the run-time check that two accesses to one variable never
/// overlap (Swift's dynamic exclusivity enforcement): it was 6% of the clean stage's time. Debug builds,
/// and with them every test run (plain, ASan, TSan), keep the check.
let releaseSpeed: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "newsmill",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "newsmill-fetch", targets: ["newsmill-fetch"]),
        .executable(name: "newsmill-clean", targets: ["newsmill-clean"]),
        .executable(name: "newsmill-segment", targets: ["newsmill-segment"]),
        .executable(name: "newsmill-extract", targets: ["newsmill-extract"]),
        .executable(name: "newsmill-summarize", targets: ["newsmill-summarize"]),
        .executable(name: "newsmill-inspect", targets: ["newsmill-inspect"]),
        .executable(name: "newsmill-train-ner", targets: ["newsmill-train-ner"]),
        .executable(name: "newsmill-fuzz", targets: ["newsmill-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Logs: each failed document is one line through swift-log, so a program using the libraries can
        // send them where it likes.
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        // The HTML report's templates (newsmill-inspect --report).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // Tests only: a real HTTP server on 127.0.0.1 for the fetch tests.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // C bindings: system libraries from Debian's packages.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Document model, stage records, JSON I/O, atomic files, the batch runner.
        .target(name: "NewsmillCore", dependencies: [.product(name: "Logging", package: "swift-log")], swiftSettings: releaseSpeed),
        // One library per stage.
        .target(name: "NewsmillFetch", dependencies: ["NewsmillCore", "CZlib"], swiftSettings: releaseSpeed),
        .target(name: "NewsmillClean", dependencies: ["NewsmillCore", "CLibXML2"], swiftSettings: releaseSpeed),
        .target(name: "NewsmillSegment", dependencies: ["NewsmillCore"], swiftSettings: releaseSpeed),
        .target(name: "NewsmillExtract", dependencies: ["NewsmillCore", "NewsmillSegment"], swiftSettings: releaseSpeed),
        .target(name: "NewsmillSummarize", dependencies: ["NewsmillCore", "NewsmillSegment", "NewsmillExtract"], swiftSettings: releaseSpeed),
        .target(name: "NewsmillInspect", dependencies: ["NewsmillCore", .product(name: "Mustache", package: "swift-mustache")]),
        // Options and the run loop every executable shares.
        .target(name: "NewsmillCLI", dependencies: [
            "NewsmillCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Thin executables: parse arguments, call one library function, report.
        .executableTarget(name: "newsmill-fetch", dependencies: ["NewsmillCLI", "NewsmillFetch"]),
        .executableTarget(name: "newsmill-clean", dependencies: ["NewsmillCLI", "NewsmillClean"]),
        .executableTarget(name: "newsmill-segment", dependencies: ["NewsmillCLI", "NewsmillSegment", "NewsmillClean"]),
        .executableTarget(name: "newsmill-extract", dependencies: ["NewsmillCLI", "NewsmillExtract", "NewsmillClean"]),
        .executableTarget(name: "newsmill-summarize", dependencies: ["NewsmillCLI", "NewsmillSummarize", "NewsmillClean"]),
        .executableTarget(name: "newsmill-inspect", dependencies: ["NewsmillCLI", "NewsmillInspect"]),
        // Trains the extract stage's name tagger (Pipelines/extract/ner/); not a pipeline stage.
        .executableTarget(name: "newsmill-train-ner", dependencies: [
            "NewsmillCore", "NewsmillExtract", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Fuzz targets over the parsers a hostile page reaches (NewsmillFuzz); newsmill-fuzz runs them
        // under libFuzzer when built with -D FUZZING (`make fuzz`), else replays saved inputs.
        .target(name: "NewsmillFuzz", dependencies: [
            "NewsmillCore", "NewsmillFetch", "NewsmillClean", "NewsmillSegment", "NewsmillExtract", "NewsmillSummarize",
        ]),
        .systemLibrary(name: "CLibFuzzer"),
        .executableTarget(name: "newsmill-fuzz", dependencies: [
            "NewsmillFuzz", "CLibFuzzer", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Tests mirror the libraries; Tests/Support holds what they share (paths, temporary folders,
        // the JSON Schema check).
        .target(name: "NewsmillTestSupport", dependencies: ["NewsmillCore"], path: "Tests/Support"),
        .testTarget(name: "NewsmillCoreTests", dependencies: ["NewsmillCore", "NewsmillTestSupport"]),
        .testTarget(name: "NewsmillFetchTests", dependencies: ["NewsmillFetch", "NewsmillTestSupport", .product(name: "FlyingFox", package: "FlyingFox")]),
        .testTarget(name: "NewsmillCleanTests", dependencies: ["NewsmillClean", "NewsmillTestSupport"]),
        .testTarget(name: "NewsmillSegmentTests", dependencies: ["NewsmillSegment", "NewsmillTestSupport"]),
        .testTarget(name: "NewsmillExtractTests", dependencies: ["NewsmillExtract", "NewsmillSegment", "NewsmillTestSupport"]),
        .testTarget(name: "NewsmillSummarizeTests", dependencies: ["NewsmillSummarize", "NewsmillExtract", "NewsmillSegment", "NewsmillTestSupport"]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["NewsmillFuzz", "NewsmillTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["NewsmillCore", "NewsmillTestSupport"]),
    ]
)

import Foundation
import NewsmillClean
import NewsmillCore
import NewsmillExtract
import NewsmillFetch
import NewsmillSegment
import NewsmillSummarize
#if canImport(Glibc)
import Glibc
#endif

/// The parsers a hostile page reaches, each as a function of raw bytes that must return (a thrown
/// `DocumentError` is a fine answer; a crash, a hang or a sanitizer report is a bug). libFuzzer drives
/// them in `newsmill-fuzz` (`make fuzz`); the regression test replays every input in `Tests/Fuzz/`.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Charset detection and decoding, NFC normalization, binary sniffing, gzip with a size cap.
    case charset
    /// A page through fetch-normalize's decoding and the HTML cleaner (libxml2, content finding, metadata).
    case html
    /// A plain-text document through the clean stage's line-based boilerplate removal.
    case text
    /// A WARC file (plain or gzip members) through the streaming reader and the HTTP response parser.
    case warc
    /// Text through the paragraph, sentence and token segmenter.
    case segment
    /// Text through segmenting, every extractor (names, quotes, dates, quantities, keyphrases) and the summarizer.
    case extract
    /// A stage file as a user might have edited it, given to the stage that reads it: the first byte picks
    /// the stage (clean, segment, extract, summarize), the rest is the JSON.
    case stageJSON = "stage-json"

    public var summary: String {
        switch self {
        case .charset: return "charset detection, decoding and normalization, gzip"
        case .html: return "HTML pages through decoding and the cleaner"
        case .text: return "plain-text documents through boilerplate removal"
        case .warc: return "WARC files through the record reader and HTTP parser"
        case .segment: return "text through the segmenter"
        case .extract: return "text through segmenting, extraction and summarizing"
        case .stageJSON: return "hand-edited stage JSON given to the next stage"
        }
    }

    /// Runs the target once on `bytes`.
    public func run(_ bytes: [UInt8]) {
        let tools = FuzzTools.shared
        switch self {
        case .charset:
            for isHTML in [true, false] {
                let decision = Charset.decide(bytes, httpContentType: nil, isHTML: isHTML)
                let (text, _) = Charset.decode(bytes, as: decision)
                _ = TextNormalizer.normalize(text)
            }
            _ = Charset.decide(bytes, httpContentType: "text/html; charset=\(String(decoding: bytes.prefix(24), as: UTF8.self))", isHTML: true)
            _ = Charset.metaPrescan(bytes)
            _ = BinarySniffer.binaryKind(bytes)
            if Gzip.isGzip(Data(bytes)) { _ = try? Gzip.decompress(Data(bytes), limit: 1 << 20, name: "fuzz") }
        case .html, .text:
            guard let document = try? tools.fetch.document(from: bytes, isHTML: self == .html, id: "fuzz", source: "fuzz",
                                                           provenance: Provenance(kind: "file", location: "fuzz")) else { return }
            guard let clean = try? tools.cleaner.clean(document) else { return }
            _ = tools.segmenter.segment(clean)
        case .warc:
            let file = MemoryFile(bytes)
            guard let reader = try? WARCReader(path: file.path, maxBlockBytes: 1 << 20) else { return }
            var records = 0
            while let next = reader.next(), records < 10_000 {
                records += 1
                guard case .success(let record) = next, let http = HTTPMessage.parse(record.block) else { continue }
                _ = try? tools.fetch.document(from: http.body, isHTML: true, httpContentType: http.headers["content-type"],
                                              id: "fuzz", source: record.targetURI ?? "fuzz", provenance: Provenance(kind: "warc", location: "fuzz"))
            }
        case .segment:
            let text = String(decoding: bytes, as: UTF8.self)
            _ = tools.segmenter.segment(text: text, paragraphs: Segmenter.paragraphs(ofText: text))
        case .extract:
            let text = String(decoding: bytes, as: UTF8.self)
            let document = CleanDocument(header: DocumentHeader(id: "fuzz", source: "fuzz", published: "2024-06-18"),
                                         text: text, blocks: [], extractor: "fuzz")
            let segmented = tools.segmenter.segment(document)
            _ = tools.summarizer.summarize(tools.extractor.extract(segmented))
        case .stageJSON:
            guard let first = bytes.first else { return }
            let input = StageInput(path: "fuzz.json", id: "fuzz", data: Data(bytes.dropFirst()))
            switch first % 4 {
            case 0: _ = try? tools.cleaner.transform(input)
            case 1: _ = try? tools.segmenter.transform(input)
            case 2: _ = try? tools.extractor.transform(input)
            default: _ = try? tools.summarizer.transform(input, sentences: nil, words: nil)
            }
        }
    }
}

/// The stages' settings and word lists, loaded once (from `$NEWSMILL_PIPELINES` or `./Pipelines`).
final class FuzzTools: Sendable {
    static let shared = FuzzTools()
    let fetch: FetchStage
    let cleaner: Cleaner
    let segmenter: Segmenter
    let extractor: Extractor
    let summarizer: Summarizer

    private init() {
        do {
            var settings = FetchSettings()
            settings.maxDocumentBytes = 1 << 20
            fetch = FetchStage(settings: settings, folder: nil)
            cleaner = try Cleaner.load(settingsFile: nil, pipelines: nil)
            segmenter = try Segmenter.load(settingsFile: nil, pipelines: nil)
            extractor = try Extractor.load(settingsFile: nil, pipelines: nil)
            summarizer = try Summarizer.load(settingsFile: nil)
        } catch {
            fatalError("newsmill-fuzz: \(error) (run from the source checkout or set NEWSMILL_PIPELINES)")
        }
    }
}

/// Bytes as a file the WARC reader can open by path: a temporary file (in /dev/shm where there is
/// one) unlinked at once and reached through /proc/self/fd; gone when the value is.
final class MemoryFile {
    let fd: Int32
    var path: String { "/proc/self/fd/\(fd)" }

    init(_ bytes: [UInt8]) {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        var template = Array((folder + "/newsmill-fuzz-XXXXXX").utf8CString)
        fd = mkstemp(&template)
        precondition(fd >= 0, "cannot create a temporary file in \(folder): \(String(cString: strerror(errno)))")
        unlink(template)
        var written = 0
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n <= 0 { break }
                written += n
            }
        }
    }

    deinit { close(fd) }
}

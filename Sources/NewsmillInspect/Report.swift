import Foundation
import Mustache
import NewsmillCore

/// The corpus report: a static HTML site in the output folder that opens from disk with no network.
/// An index of documents (client-side search and sort, a plain table without JavaScript), a page per
/// document (its text with entities, quotations and dates marked; the removed boilerplate apart), the
/// corpus's entity index, a who-said-what table and the failed inputs. Pages come from the Mustache
/// templates in `Pipelines/report/`, which escape every value; the site's CSS and script are copied
/// from there too.
public struct Report {
    public let output: URL
    public let templates: URL
    private let library: MustacheLibrary

    static let pages = ["index", "document", "entities", "quotes", "failures"]
    static let assets = ["report.css", "report.js"]

    /// `templates` is the folder holding `<page>.mustache`, `layout-*.mustache` and the assets.
    public init(output: URL, templates: URL) throws {
        self.output = output
        self.templates = templates
        var library = MustacheLibrary()
        let names = try FileManager.default.contentsOfDirectory(atPath: templates.path).filter { $0.hasSuffix(".mustache") }
        for name in names {
            let path = templates.appendingPathComponent(name).path
            guard let text = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else {
                throw RunError("cannot read the template \(path)")
            }
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                throw RunError("the template \(path) does not parse: \(error)")
            }
        }
        for page in Report.pages where library.getTemplate(named: page) == nil {
            throw RunError("no template \(page).mustache in \(templates.path)")
        }
        self.library = library
    }

    // MARK: What the templates see

    struct Row {
        let id: String
        let page: String
        let title: String
        let site: String
        let date: String
        let language: String
        let summary: String
        let entities: Int
        let quotes: Int
        let dates: Int
        let status: String
    }

    struct Mark {
        let cssClass: String
        let title: String
    }

    struct QuoteMark {
        let title: String
    }

    struct Segment {
        let text: String
        let quote: QuoteMark?
        let mark: Mark?
    }

    struct ParagraphView {
        let type: String
        let heading: Bool
        let segments: [Segment]
    }

    struct Statement {
        let speaker: String
        let quote: String
        let cue: String
        let title: String
        let page: String
    }

    struct Failure {
        let stage: String
        let input: String
        let id: String
        let reason: String
    }

    struct Count {
        let label: String
        let value: Int
    }

    // MARK: Building

    /// Writes the site into `into` (created; files replaced atomically) and returns the number of
    /// document pages.
    @discardableResult
    public func write(into folder: URL) throws -> Int {
        let documentsFolder = folder.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: documentsFolder, withIntermediateDirectories: true)
        let cleanFolder = output.appendingPathComponent(Layout.stages[1].folder)
        let extractFolder = output.appendingPathComponent(Layout.stages[3].folder)
        let summaryFolder = output.appendingPathComponent(Layout.stages[4].folder)

        let failures = collectFailures()
        let failedIDs = Dictionary(failures.compactMap { f in f.id.isEmpty ? nil : (f.id, "\(f.stage): \(f.reason)") }, uniquingKeysWith: { a, _ in a })
        var rows: [Row] = []
        var statements: [Statement] = []
        let ids = documentIDs(in: cleanFolder)
        for id in ids {
            guard let clean = read(CleanDocument.self, cleanFolder, id) else { continue }
            let extract = read(ExtractDocument.self, extractFolder, id)
            let summary = read(SummaryDocument.self, summaryFolder, id)
            let page = "documents/\(id).html"
            let header = clean.header
            let title = header.title ?? id
            rows.append(Row(id: id, page: page, title: title, site: header.site ?? "", date: String((header.published ?? "").prefix(10)),
                            language: header.language ?? "", summary: summary?.summary ?? "",
                            entities: extract?.entities.count ?? 0, quotes: extract?.quotes.count ?? 0, dates: extract?.dates.count ?? 0,
                            status: failedIDs[id] ?? (clean.emptyReason.map { "not an article: \($0)" } ?? "")))
            for quote in extract?.quotes ?? [] {
                statements.append(Statement(speaker: quote.speaker?.name ?? "(no speaker)", quote: quote.text, cue: quote.cue ?? "",
                                            title: title, page: page))
            }
            // Empty values are left out of the context, so that a template's {{#value}} section shows only
            // what is there.
            func given(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
            let optional: [String: String?] = [
                "site": given(header.site),
                "date": given(header.published),
                "authors": given(header.authors.joined(separator: ", ")),
                "url": given(header.url),
                "summary": given(summary?.summary),
                "keyphrases": given(summary?.keyphrases.joined(separator: " · ")),
                "emptyReason": given(clean.emptyReason),
                "status": given(failedIDs[id]),
            ]
            var context: [String: Any] = optional.compactMapValues { $0 }
            context.merge([
                "root": "../",
                "pageTitle": title,
                "id": id,
                "title": title,
                "source": header.source,
                "paragraphs": extract.map(Report.paragraphs) ?? Report.plainParagraphs(clean.text),
                "removed": clean.removed.map { ["text": $0.text, "reason": $0.reason] },
                "hasRemoved": !clean.removed.isEmpty,
                "counts": [Count(label: "entities", value: extract?.entities.count ?? 0), Count(label: "quotations", value: extract?.quotes.count ?? 0),
                           Count(label: "dates", value: extract?.dates.count ?? 0), Count(label: "quantities", value: extract?.quantities.count ?? 0)],
            ]) { $1 }
            try writePage("document", context, to: documentsFolder.appendingPathComponent("\(id).html"))
        }

        let entities = (try? EntityIndex.build(extractFolder: extractFolder)) ?? []
        let common: [String: Any] = ["root": "", "documents": rows.count, "failureCount": failures.count]
        try writePage("entities", common.merging(["entities": entities.map { entity in
            ["name": entity.name, "type": entity.type, "roles": entity.roles.joined(separator: "; "), "variants": entity.variants.joined(separator: "; "),
             "mentions": entity.mentions, "documents": entity.documents.map { ["id": $0.id, "page": "documents/\($0.id).html", "mentions": $0.mentions] }] as [String: Any]
        }, "pageTitle": "Entities"]) { $1 }, to: folder.appendingPathComponent("entities.html"))
        try writePage("quotes", common.merging(["statements": statements, "pageTitle": "Who said what"]) { $1 }, to: folder.appendingPathComponent("quotes.html"))
        try writePage("failures", common.merging(["failures": failures, "hasFailures": !failures.isEmpty, "pageTitle": "Failures"]) { $1 },
                      to: folder.appendingPathComponent("failures.html"))
        for asset in Report.assets {
            let source = templates.appendingPathComponent(asset)
            guard let data = FileManager.default.contents(atPath: source.path) else { throw RunError("cannot read \(source.path)") }
            try AtomicFile.write(data, to: folder.appendingPathComponent(asset))
        }
        // The index last: when it is there, the rest of the site is (make's target is the index).
        try writePage("index", common.merging(["rows": rows, "hasRows": !rows.isEmpty, "pageTitle": "Documents"]) { $1 },
                      to: folder.appendingPathComponent("index.html"))
        // Pages of documents that are gone from the output folder go too.
        let keep = Set(rows.map { "\($0.id).html" })
        for name in (try? FileManager.default.contentsOfDirectory(atPath: documentsFolder.path)) ?? [] where name.hasSuffix(".html") && !keep.contains(name) {
            try? FileManager.default.removeItem(at: documentsFolder.appendingPathComponent(name))
        }
        return rows.count
    }

    private func writePage(_ template: String, _ context: Any, to url: URL) throws {
        guard let html = library.render(context, withTemplate: template) else { throw RunError("no template \(template)") }
        try AtomicFile.write(Data(html.utf8), to: url)
    }

    private func documentIDs(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix("_") && !$0.hasPrefix(".") }
            .map { String($0.dropLast(5)) }.sorted()
    }

    private func read<T: Decodable>(_ type: T.Type, _ folder: URL, _ id: String) -> T? {
        let url = folder.appendingPathComponent("\(id).json")
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try? JSONDecoder().decode(type, from: data)
    }

    private func collectFailures() -> [Failure] {
        var failures: [Failure] = []
        for stage in Layout.stages {
            let url = output.appendingPathComponent(stage.folder).appendingPathComponent(StageManifest.fileName)
            guard let data = FileManager.default.contents(atPath: url.path),
                  let manifest = try? JSONDecoder().decode(StageManifest.self, from: data) else { continue }
            for entry in manifest.documents where entry.status == .failed {
                failures.append(Failure(stage: stage.name, input: entry.input, id: entry.id ?? "", reason: entry.reason ?? "failed"))
            }
        }
        return failures
    }

    // MARK: Marking the text

    /// The extract file's paragraphs, cut into segments wherever a mark begins or ends: an entity
    /// mention (its type and canonical name), a date (its value), a quotation span (its speaker).
    static func paragraphs(_ document: ExtractDocument) -> [ParagraphView] {
        let scalars = Array(document.text.unicodeScalars)
        struct Interval { let start: Int; let end: Int; let mark: Mark }
        var marks: [Interval] = []
        for entity in document.entities {
            let roles = entity.roles.isEmpty ? "" : " (\(entity.roles.joined(separator: "; ")))"
            for mention in entity.mentions {
                marks.append(Interval(start: mention.start, end: mention.end,
                                      mark: Mark(cssClass: "entity \(entity.type)", title: "\(entity.type): \(entity.name)\(roles)")))
            }
        }
        for date in document.dates {
            marks.append(Interval(start: date.start, end: date.end,
                                  mark: Mark(cssClass: "date \(date.type)", title: "\(date.type): \(date.value ?? "no value")\(date.note.map { " (\($0))" } ?? "")")))
        }
        // Entities before dates where they overlap; the earlier mark wins.
        marks.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        var quoteSpans: [(start: Int, end: Int, mark: QuoteMark)] = []
        for quote in document.quotes {
            let speaker = quote.speaker.map { "\($0.name)" } ?? "no speaker"
            let title = "\(speaker)\(quote.cue.map { " — \($0)" } ?? "")\(quote.via.map { ", via \($0)" } ?? "")"
            for span in quote.spans { quoteSpans.append((span.start, span.end, QuoteMark(title: title))) }
        }
        var views: [ParagraphView] = []
        for paragraph in document.paragraphs {
            let start = max(0, min(paragraph.start, scalars.count)), end = max(start, min(paragraph.end, scalars.count))
            var cuts = Set([start, end])
            for interval in marks where interval.start < end && interval.end > start {
                cuts.insert(max(start, interval.start)); cuts.insert(min(end, interval.end))
            }
            for span in quoteSpans where span.start < end && span.end > start {
                cuts.insert(max(start, span.start)); cuts.insert(min(end, span.end))
            }
            let points = cuts.sorted()
            var segments: [Segment] = []
            for (from, to) in zip(points, points.dropFirst()) where from < to {
                let text = String(String.UnicodeScalarView(scalars[from..<to]))
                let mark = marks.first { $0.start <= from && $0.end >= to }?.mark
                let quote = quoteSpans.first { $0.start <= from && $0.end >= to }?.mark
                segments.append(Segment(text: text, quote: quote, mark: mark))
            }
            views.append(ParagraphView(type: paragraph.type, heading: paragraph.type == "heading", segments: segments))
        }
        return views
    }

    /// A clean text without an extract file: its blocks, unmarked.
    static func plainParagraphs(_ text: String) -> [ParagraphView] {
        text.components(separatedBy: "\n\n").filter { !$0.isEmpty }.map {
            ParagraphView(type: "paragraph", heading: false, segments: [Segment(text: $0, quote: nil, mark: nil)])
        }
    }
}

import Foundation
import NewsmillCore

/// Renders stage files for a person: one file, a document's path through every stage, or the
/// corpus's counts per stage.
public struct Inspector {
    public var width = 100
    /// Colours (ANSI) in the readable views: entities, dates and quotations marked in the text, removed
    /// boilerplate struck out.
    public var color = false

    public init() {}

    /// What kind of stage file `data` is.
    public static func schema(of data: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object["schema"] as? String
    }

    public func render(_ data: Data, file: String) throws -> String {
        switch Inspector.schema(of: data) {
        case Schema.normalized: return renderNormalized(try JSONFiles.decode(NormalizedDocument.self, from: data, file: file))
        case Schema.cleaned: return renderClean(try JSONFiles.decode(CleanDocument.self, from: data, file: file))
        case Schema.segmented: return renderSegment(try JSONFiles.decodeSegment(from: data, file: file))
        case Schema.extracted: return renderExtract(try JSONFiles.decode(ExtractDocument.self, from: data, file: file))
        case Schema.summarized: return renderSummary(try JSONFiles.decode(SummaryDocument.self, from: data, file: file))
        case let other?: throw RunError("\(file): unknown file format \(other)")
        case nil: throw RunError("\(file) is not a newsmill stage file (no \"schema\" field)")
        }
    }

    func heading(_ title: String) -> String { "\n== \(title) " + String(repeating: "=", count: max(0, width - title.count - 4)) + "\n" }

    func header(_ h: DocumentHeader) -> String {
        var lines = ["id:        \(h.id)", "source:    \(h.source)"]
        if let title = h.title { lines.append("title:     \(title)") }
        if !h.authors.isEmpty { lines.append("authors:   \(h.authors.joined(separator: "; "))") }
        lines.append("published: \(h.published ?? "—")")
        lines.append("language:  \(h.language ?? "—")")
        if let site = h.site { lines.append("site:      \(site)") }
        if let url = h.url { lines.append("url:       \(url)") }
        return lines.joined(separator: "\n")
    }

    func renderNormalized(_ d: NormalizedDocument) -> String {
        var out = heading("normalized")
        out += "id:        \(d.id)\nsource:    \(d.source)\ntype:      \(d.mediaType)\n"
        out += "charset:   \(d.charset.name) (decided by \(d.charset.decidedBy)\(d.charset.declared.map { ", declared \($0)" } ?? ""), \(d.charset.invalidBytes) invalid bytes)\n"
        out += "digest:    \(d.contentDigest)\nlength:    \(d.content.unicodeScalars.count) characters\n"
        return out
    }

    func renderClean(_ d: CleanDocument) -> String {
        var out = heading("cleaned")
        out += header(d.header) + "\n"
        out += "extractor: \(d.extractor)\n"
        if let reason = d.emptyReason { out += "empty:     \(reason)\n" }
        if !d.metadataSources.isEmpty {
            out += "from:      " + d.metadataSources.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "\n"
        }
        let scalars = Array(d.text.unicodeScalars)
        out += "\n"
        for block in d.blocks {
            let text = String(String.UnicodeScalarView(scalars[block.start..<block.end]))
            let tag = block.type == "heading" ? "H\(block.level ?? 1)" : block.type
            out += "[\(tag)] \(text)\n\n"
        }
        if !d.removed.isEmpty {
            out += heading("removed (\(d.removed.count))")
            for piece in d.removed {
                let text = piece.text.count > 90 ? String(piece.text.prefix(90)) + "…" : piece.text
                out += "  - \(piece.reason): " + Terminal.paint(text, .strike, color) + "\n"
            }
        }
        return out
    }

    func renderSegment(_ d: SegmentDocument) -> String {
        var out = heading("segmented")
        out += header(d.header) + "\n\(d.paragraphs.count) paragraphs, \(d.sentences.count) sentences, \(d.sentences.reduce(0) { $0 + ($1.tokens?.count ?? 0) }) tokens\n\n"
        let scalars = Array(d.text.unicodeScalars)
        for (index, s) in d.sentences.enumerated() {
            let text = String(String.UnicodeScalarView(scalars[s.start..<s.end]))
            out += String(format: "%3d ¶%-3d %@ %@\n", index, s.paragraph, s.inQuote ? "“" : " ", text)
        }
        return out
    }

    func renderExtract(_ d: ExtractDocument) -> String {
        var out = heading("extracted")
        out += header(d.header) + "\n"
        if let components = d.components {
            out += "looked for: \(components.isEmpty ? "nothing" : components.joined(separator: ", "))\(d.componentsReason.map { " (\($0))" } ?? "")\n"
        }
        if color {
            // The text with its marks: entities by type, dates, quotations.
            var marks: [(start: Int, end: Int, style: Terminal.Style)] = []
            for e in d.entities {
                let style: Terminal.Style = e.type == "PERSON" ? .yellow : e.type == "ORG" ? .blue : ["GPE", "LOC"].contains(e.type) ? .green : .cyan
                for m in e.mentions { marks.append((m.start, m.end, style)) }
            }
            for t in d.dates { marks.append((t.start, t.end, .magenta)) }
            out += heading("text (\(Terminal.paint("person", .yellow, true)) \(Terminal.paint("organisation", .blue, true)) \(Terminal.paint("place", .green, true)) \(Terminal.paint("group", .cyan, true)) \(Terminal.paint("date", .magenta, true)) \(Terminal.paint("quotation", .bold, true)))")
            let scalars = Array(d.text.unicodeScalars)
            let quoted = d.quotes.flatMap(\.spans)
            marks.sort { ($0.start, $0.end) < ($1.start, $1.end) }
            var cuts = Set([0, scalars.count])
            for m in marks { cuts.insert(min(m.start, scalars.count)); cuts.insert(min(m.end, scalars.count)) }
            for q in quoted { cuts.insert(min(q.start, scalars.count)); cuts.insert(min(q.end, scalars.count)) }
            let points = cuts.sorted()
            for (from, to) in zip(points, points.dropFirst()) where from < to {
                var piece = String(String.UnicodeScalarView(scalars[from..<to]))
                if let mark = marks.first(where: { $0.start <= from && $0.end >= to }) { piece = Terminal.paint(piece, mark.style, true) }
                if quoted.contains(where: { $0.start <= from && $0.end >= to }) { piece = Terminal.paint(piece, .bold, true) }
                out += piece
            }
            out += "\n"
        }
        out += heading("entities (\(d.entities.count))")
        for e in d.entities {
            out += "  \(e.type.padding(toLength: 7, withPad: " ", startingAt: 0)) \(e.name)  ×\(e.mentions.count)"
            if !e.variants.isEmpty { out += "  aka \(e.variants.joined(separator: ", "))" }
            if !e.roles.isEmpty { out += "  — \(e.roles.joined(separator: "; "))" }
            out += "\n"
        }
        out += heading("quotes (\(d.quotes.count))")
        for q in d.quotes {
            let speaker = q.speaker.map { $0.name } ?? "(no speaker)"
            let text = q.text.count > 110 ? String(q.text.prefix(110)) + "…" : q.text
            out += "  [\(q.kind)] \(speaker)\(q.cue.map { " (\($0))" } ?? ""): \(text)\(q.via.map { "  via \($0)" } ?? "")\n"
        }
        out += heading("dates (\(d.dates.count))")
        for t in d.dates {
            out += "  \(t.text) → \(t.type) \(t.value ?? "?")\(t.note.map { "  (\($0))" } ?? "")\n"
        }
        out += heading("quantities (\(d.quantities.count))")
        for q in d.quantities {
            out += "  \(q.text) → \(q.kind) \(q.value)\(q.unit.map { " \($0)" } ?? "") [\(q.bound)]\(q.counts.map { " of \($0)" } ?? "")\n"
        }
        out += heading("keyphrases")
        out += "  " + d.keyphrases.map(\.phrase).joined(separator: "; ") + "\n"
        return out
    }

    func renderSummary(_ d: SummaryDocument) -> String {
        var out = heading("summarized")
        out += header(d.header) + "\n\n"
        out += d.summary.isEmpty ? "(no summary: \(d.emptyReason ?? "?"))\n" : d.summary + "\n"
        out += "\nsentences: \(d.sentences.map(String.init).joined(separator: ", "))\n"
        out += heading("digest")
        out += "  who:   " + d.digest.who.map { "\($0.name) (\($0.type))" }.joined(separator: ", ") + "\n"
        out += "  what:  \(d.digest.what ?? "—")\n  where: \(d.digest.whereName ?? "—")\n  when:  \(d.digest.when ?? "—")\n"
        for s in d.digest.statements { out += "  \(s.speaker): “\(s.quote)”\n" }
        if !d.digest.numbers.isEmpty { out += "  numbers: " + d.digest.numbers.joined(separator: "; ") + "\n" }
        if !d.keyphrases.isEmpty { out += "  keyphrases: " + d.keyphrases.joined(separator: "; ") + "\n" }
        return out
    }

    /// The files of one document in an output folder, found by id or by source path/URL.
    public func locate(_ key: String, in output: URL) throws -> [(stage: Layout.Stage, url: URL)] {
        var id = key
        let normalized = output.appendingPathComponent(Layout.stages[0].folder)
        if FileInfo.of(normalized.appendingPathComponent("\(key).json").path) == nil {
            // A source path or URL: look it up in the fetch manifest.
            let manifestURL = normalized.appendingPathComponent(StageManifest.fileName)
            if let data = FileManager.default.contents(atPath: manifestURL.path),
               let manifest = try? JSONDecoder().decode(StageManifest.self, from: data),
               let entry = manifest.documents.first(where: { $0.input == key || $0.input.hasSuffix("/" + key) }) {
                guard let found = entry.id else {
                    throw RunError("\(key): \(entry.status.rawValue)\(entry.reason.map { ": \($0)" } ?? "")")
                }
                id = entry.duplicateOf ?? found
            }
        }
        let files = Layout.stages.compactMap { stage -> (Layout.Stage, URL)? in
            let url = output.appendingPathComponent(stage.folder).appendingPathComponent("\(id).json")
            return FileInfo.of(url.path) != nil ? (stage, url) : nil
        }
        if files.isEmpty { throw RunError("no document \"\(key)\" in \(output.path) (give an id, or a source path as the fetch manifest lists it)") }
        return files
    }

    /// Counts per stage from the manifests, and the failures with their reasons.
    public func corpus(_ output: URL) -> String {
        var out = heading("corpus \(output.path)")
        for stage in Layout.stages {
            let url = output.appendingPathComponent(stage.folder).appendingPathComponent(StageManifest.fileName)
            guard let data = FileManager.default.contents(atPath: url.path),
                  let manifest = try? JSONDecoder().decode(StageManifest.self, from: data) else {
                out += "  \(stage.folder.padding(toLength: 14, withPad: " ", startingAt: 0)) not run\n"
                continue
            }
            let counts = ["ok", "duplicate", "skipped", "failed"].map { "\(manifest.counts[$0] ?? 0) \($0)" }.joined(separator: ", ")
            out += "  \(stage.folder.padding(toLength: 14, withPad: " ", startingAt: 0)) \(counts)\n"
            for entry in manifest.documents where entry.status == .failed {
                out += "      failed: \(entry.input): \(entry.reason ?? "?")\n"
            }
        }
        return out
    }
}

/// Line differences between two renderings of a document, for `newsmill-inspect --diff`.
public enum LineDiff {
    public enum Change: Equatable { case same(String), removed(String), added(String) }

    /// The changes that turn `old` into `new`, by longest common subsequence of lines (the readable
    /// views are a few hundred lines; past `limit` lines on both sides, equal prefixes and suffixes are
    /// matched and the middle is shown as removed, then added).
    public static func changes(_ old: [String], _ new: [String], limit: Int = 4000) -> [Change] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        let a = Array(old[prefix..<(old.count - suffix)]), b = Array(new[prefix..<(new.count - suffix)])
        var middle: [Change] = []
        if a.count > limit || b.count > limit {
            middle = a.map { .removed($0) } + b.map { .added($0) }
        } else {
            // lengths[i][j]: the longest common subsequence of a[i...] and b[j...].
            var lengths = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                for j in stride(from: b.count - 1, through: 0, by: -1) {
                    lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
                }
            }
            var i = 0, j = 0
            while i < a.count || j < b.count {
                if i < a.count, j < b.count, a[i] == b[j] {
                    middle.append(.same(a[i])); i += 1; j += 1
                } else if i < a.count, j == b.count || lengths[i + 1][j] >= lengths[i][j + 1] {
                    middle.append(.removed(a[i])); i += 1
                } else {
                    middle.append(.added(b[j])); j += 1
                }
            }
        }
        return old[..<prefix].map { .same($0) } + middle + old[(old.count - suffix)...].map { .same($0) }
    }

    /// The changes as a unified diff: changed lines with `context` unchanged lines around them, runs of
    /// unchanged lines elided; empty when nothing changed.
    public static func unified(_ changes: [Change], context: Int = 2, color: Bool) -> String {
        let changed = changes.indices.filter { if case .same = changes[$0] { return false } else { return true } }
        guard !changed.isEmpty else { return "" }
        var shown = Set<Int>()
        for index in changed { for k in max(0, index - context)...min(changes.count - 1, index + context) { shown.insert(k) } }
        var out = ""
        var previous = -1
        for index in shown.sorted() {
            if index > previous + 1 { out += Terminal.paint("@@ …\n", .faint, color) }
            switch changes[index] {
            case .same(let line): out += "  \(line)\n"
            case .removed(let line): out += Terminal.paint("- \(line)", .red, color) + "\n"
            case .added(let line): out += Terminal.paint("+ \(line)", .green, color) + "\n"
            }
            previous = index
        }
        return out
    }
}

/// ANSI colours for the terminal views, off when the output is not a terminal or with --no-color.
public enum Terminal {
    public enum Style: String { case red = "31", green = "32", yellow = "33", blue = "34", magenta = "35", cyan = "36", faint = "2", bold = "1", strike = "9;2" }

    public static func paint(_ text: String, _ style: Style, _ on: Bool) -> String {
        on ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// Whether standard output is a terminal that takes colours.
    public static var wantsColor: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }
}

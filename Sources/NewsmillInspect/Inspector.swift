import Foundation
import NewsmillCore

/// Renders stage files for a person: one file, a document's path through every stage, or the
/// corpus's counts per stage.
public struct Inspector {
    public var width = 100

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
        case Schema.segmented: return renderSegment(try JSONFiles.decode(SegmentDocument.self, from: data, file: file))
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
                out += "  - \(piece.reason): \(text)\n"
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

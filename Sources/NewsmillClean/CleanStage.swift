import Foundation
import NewsmillCore

extension Cleaner {
    /// Loads the settings and word lists and returns a cleaner ready for a run.
    public static func load(settingsFile: String?, pipelines: String?) throws -> Cleaner {
        let settings = try Settings.load(CleanSettings(), from: settingsFile)
        let folder = try PipelinesFolder.locate(explicit: pipelines)
        return Cleaner(settings: settings, lexicon: try CleanLexicon.load(from: folder))
    }

    /// The stage's transform: a normalized document's JSON in, a clean document's JSON out, with the
    /// text's SimHash for the manifest (empty when the text is too short to compare).
    public func transform(_ input: StageInput) throws -> DocumentStage.Output {
        // A page's HTML goes to the parser as the bytes read (checked to be UTF-8), without becoming a
        // `String` first; other content becomes the document's text.
        var html: [UInt8]?
        let document = try JSONFiles.decode(NormalizedDocument.self, from: input.data, file: input.path, largeUTF8: "content") {
            guard let bytes = $1 else { return }
            if $0.mediaType == "text/html" { html = bytes } else { $0.content = String(decoding: bytes, as: UTF8.self) }
        }
        guard document.schema == Schema.normalized else {
            throw DocumentError(.invalidInput, "\(input.path) is a \(document.schema) file; newsmill-clean reads \(Schema.normalized) files (the output of newsmill-fetch)")
        }
        var clean = try clean(document, html: html)
        // The cluster is the corpus's business, decided when the run ends; the document is written with
        // the best guess so far, so that most files need not be written twice.
        let digest = digest(of: clean)
        if let cluster = clusterGuess?(input.id, digest) { clean.cluster = cluster }
        return DocumentStage.Output(data: clean.prettyJSON(), digest: digest)
    }

    /// The digest the manifest keeps for a clean document: its SimHash, or "" when the text is too short to compare.
    public func digest(of clean: CleanDocument) -> String {
        clean.text.unicodeScalars.count >= settings.nearDuplicateMinCharacters ? clean.simhash : ""
    }

    /// `digest(of:)` of a clean document's JSON (nil when it does not decode).
    public func digest(ofOutput data: Data) -> String? {
        (try? JSONFiles.decode(CleanDocument.self, from: data, file: "")).map { digest(of: $0) }
    }

    /// Near-duplicate clusters for a run's account (the clean stage's `finish` step).
    public var nearDuplicates: NearDuplicates {
        NearDuplicates(maxDistance: settings.nearDuplicateMaxBits, minCharacters: settings.nearDuplicateMinCharacters)
    }

    /// A plain-text file given directly (`--text`), cleaned as a plain-text document.
    public func cleanTextFile(_ input: StageInput) throws -> CleanDocument {
        guard let content = String(data: input.data, encoding: .utf8) else {
            throw DocumentError(.invalidInput, "\(input.path) is not UTF-8 text")
        }
        let document = NormalizedDocument(id: input.id, source: input.path, provenance: Provenance(kind: "file", location: input.path),
                                          mediaType: "text/plain", charset: CharsetDecision(name: "UTF-8", decidedBy: "text"),
                                          content: UnicodeText.nfc(content.replacingOccurrences(of: "\r\n", with: "\n")))
        return cleanText(document)
    }
}

extension Cleaner {
    /// A clean document from a plain UTF-8 text file given to a later stage with `--text`: with
    /// `removeBoilerplate`, the clean stage's plain-text path runs on it (site chrome, teasers and legal
    /// lines removed, headline and byline read); without, the text is taken as it is, one paragraph per
    /// run of lines between blank lines.
    public func documentFromTextFile(_ input: StageInput, removeBoilerplate: Bool) throws -> CleanDocument {
        if removeBoilerplate { return try cleanTextFile(input) }
        guard let content = String(data: input.data, encoding: .utf8) else {
            throw DocumentError(.invalidInput, "\(input.path) is not UTF-8 text")
        }
        // (utf8.contains, not String.contains: the latter goes through Foundation's string search.)
        let text = UnicodeText.nfc(content.utf8.contains(13) ? content.replacingOccurrences(of: "\r\n", with: "\n") : content)
        var blocks: [Block] = []
        var start: Int? = nil, lastNonSpace = 0, index = 0, newlines = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                newlines += 1
                if newlines >= 2, let s = start {
                    blocks.append(Block(type: "paragraph", start: s, end: lastNonSpace))
                    start = nil
                }
            } else if !UnicodeText.isWhitespace(scalar) {
                newlines = 0
                if start == nil { start = index }
                lastNonSpace = index + 1
            }
            index += 1
        }
        if let s = start { blocks.append(Block(type: "paragraph", start: s, end: lastNonSpace)) }
        let header = DocumentHeader(id: input.id, source: input.path)
        return CleanDocument(header: header, text: text, blocks: blocks, extractor: "text-as-given")
    }
}

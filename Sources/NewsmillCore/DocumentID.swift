import Foundation

/// Document ids: stable across runs, derived from where a document came from, safe as file names.
///
/// An id is a readable slug of the source's name followed by the first 10 hex digits of the SHA-256
/// of the source's identity (`file:` + path relative to the corpus folder, `url:` + URL, or
/// `warc:` + target URI + capture date): `port-flood-defences-3f9a0c12de`. Moving the corpus folder
/// keeps every id; renaming a file gives it a new one.
public enum DocumentID {
    public static let maxSlugLength = 48

    public static func make(readable: String, identity: String) -> String {
        let slug = self.slug(readable)
        let hash = String(SHA256.hex(identity).prefix(10))
        return slug.isEmpty ? hash : "\(slug)-\(hash)"
    }

    /// Lower-case ASCII letters and digits joined by single hyphens; accents are folded first.
    public static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                out.unicodeScalars.append(scalar)
                pendingHyphen = false
                if out.count >= maxSlugLength { break }
            } else if scalar >= "A" && scalar <= "Z" {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                out.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
                pendingHyphen = false
                if out.count >= maxSlugLength { break }
            } else {
                pendingHyphen = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }

    /// The id of a plain-text file given directly to a later stage (`--text`): its file stem, made safe.
    public static func forTextFile(_ path: String) -> String {
        let stem = stem(of: path)
        if isSafe(stem) { return stem }
        return make(readable: stem, identity: "text:" + stem)
    }

    /// A file's name without its folder and its last extension ("out/a.b.json" → "a.b"; a name that
    /// starts with its only dot keeps it), worked out on the string alone, with no file-system call.
    public static func stem(of path: String) -> String {
        var name = Substring(path)
        while name.count > 1, name.hasSuffix("/") { name = name.dropLast() }
        if let slash = name.lastIndex(of: "/"), name.index(after: slash) < name.endIndex {
            name = name[name.index(after: slash)...]
        }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex, name.index(after: dot) < name.endIndex {
            name = name[..<dot]
        }
        return String(name)
    }

    /// Safe as a file name in any output folder: letters, digits, '-', '_', '.', not starting with '.'
    /// or '_' (those names are the stage's own files), at most 128 characters.
    public static func isSafe(_ id: String) -> Bool {
        guard !id.isEmpty, id.count <= 128, let first = id.unicodeScalars.first, first != ".", first != "_" else { return false }
        return id.unicodeScalars.allSatisfy { s in
            (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "-" || s == "_" || s == "."
        }
    }
}

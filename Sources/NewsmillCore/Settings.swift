import Foundation

/// Stage settings: every threshold and weight is a named field of a stage's settings type, with its
/// default in code. A JSON file under `Pipelines/` may override any subset of fields; a field that the
/// type does not have is an error (a misspelt setting must not be ignored silently).
public enum Settings {
    public static func load<T: Codable>(_ defaults: T, from path: String?) throws -> T {
        guard let path else { return defaults }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunError("cannot read the settings file \(path)")
        }
        return try overlay(defaults, with: data, file: path)
    }

    public static func overlay<T: Codable>(_ defaults: T, with data: Data, file: String) throws -> T {
        let base = try JSONSerialization.jsonObject(with: JSONEncoder().encode(defaults))
        let override: Any
        do {
            override = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw RunError("\(file) is not valid JSON: \(error.localizedDescription)")
        }
        let merged = try merge(base, override, path: "", file: file)
        do {
            return try JSONDecoder().decode(T.self, from: JSONSerialization.data(withJSONObject: merged))
        } catch let error as DecodingError {
            throw RunError("\(file): \(JSONFiles.describe(error))")
        }
    }

    private static func merge(_ base: Any, _ override: Any, path: String, file: String) throws -> Any {
        guard let baseObject = base as? [String: Any], let overrideObject = override as? [String: Any] else {
            return override
        }
        var result = baseObject
        for (key, value) in overrideObject {
            // Keys starting with "//" or "_comment" are comments.
            if key.hasPrefix("//") || key.hasPrefix("_comment") { continue }
            guard let existing = baseObject[key] else {
                let known = baseObject.keys.sorted().joined(separator: ", ")
                throw RunError("\(file): unknown setting \"\(path)\(key)\" (known here: \(known))")
            }
            result[key] = try merge(existing, value, path: "\(path)\(key).", file: file)
        }
        return result
    }
}

/// Finds the data files that ship in `Pipelines/` (word lists, gazetteers, models): the folder given
/// with `--pipelines`, else `$NEWSMILL_PIPELINES`, else a `Pipelines` folder beside the executable or
/// in one of its parent folders (the source checkout, for `.build/release/…`), else `./Pipelines`.
public enum PipelinesFolder {
    public static let marker = "newsmill-pipelines.txt"

    public static func locate(explicit: String? = nil) throws -> URL {
        if let explicit {
            let url = URL(fileURLWithPath: explicit, isDirectory: true)
            guard FileInfo.of(url.appendingPathComponent(marker).path) != nil else {
                throw RunError("\(explicit) is not a newsmill Pipelines folder (it has no \(marker))")
            }
            return url
        }
        var candidates: [URL] = []
        if let environment = ProcessInfo.processInfo.environment["NEWSMILL_PIPELINES"], !environment.isEmpty {
            candidates.append(URL(fileURLWithPath: environment, isDirectory: true))
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory.appendingPathComponent("Pipelines", isDirectory: true))
            candidates.append(directory.appendingPathComponent("share/newsmill/Pipelines", isDirectory: true))
            directory = directory.deletingLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Pipelines"))
        for candidate in candidates where FileInfo.of(candidate.appendingPathComponent(marker).path) != nil {
            return candidate
        }
        throw RunError("cannot find newsmill's Pipelines folder: pass --pipelines DIR or set NEWSMILL_PIPELINES")
    }

    /// Reads a word list: one entry per line (LF or CRLF); lines starting with `#` and anything after
    /// " # " are comments; spaces and tabs around an entry are not part of it.
    public static func wordList(_ url: URL) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RunError("cannot read the word list \(url.path)")
        }
        let bytes = [UInt8](data)
        guard bytes.withUnsafeBufferPointer(UTF8Check.isValid) else { throw RunError("the word list \(url.path) is not UTF-8") }
        var entries: [String] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            var stop = end
            // " # " starts a comment.
            var k = start
            while k + 2 < stop {
                if bytes[k] == 0x20 && bytes[k + 1] == 0x23 && bytes[k + 2] == 0x20 { stop = k; break }
                k += 1
            }
            if let entry = trimmedEntry(bytes[start..<stop]) { entries.append(entry) }
            start = end + 1
        }
        return entries
    }

    /// One line of a word list without the white space around it (`UnicodeText.isWhitespace`: tabs,
    /// spaces of any width, a carriage return); nil when nothing is left or it is a comment.
    private static func trimmedEntry(_ line: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: line, as: UTF8.self)
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !UnicodeText.isWhitespace($0) }) else { return nil }
        let last = scalars.lastIndex(where: { !UnicodeText.isWhitespace($0) })!
        let entry = String(scalars[first...last])
        return entry.hasPrefix("#") ? nil : entry
    }
}

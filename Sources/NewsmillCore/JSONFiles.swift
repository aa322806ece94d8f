import Foundation

/// JSON as newsmill writes it: sorted keys and unescaped slashes (deterministic, readable diffs),
/// pretty-printed so that a person can open any intermediate file.
public enum JSONFiles {
    public static func encoder(pretty: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
                                          : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> Data {
        var data = try encoder(pretty: pretty).encode(value)
        if pretty { data.append(0x0A) }
        return data
    }

    /// Decodes `data` as `T`; a decoding failure becomes a `DocumentError` that says where in the file
    /// the problem is, in words rather than as a Swift type dump.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw DocumentError(.invalidInput, "\(file): \(describe(error))")
        } catch {
            throw DocumentError(.invalidInput, "\(file): not valid JSON (\(error.localizedDescription))")
        }
    }

    public static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [CodingKey]) -> String {
            let parts = codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
            let joined = parts.joined()
            return joined.isEmpty ? "top level" : String(joined.drop(while: { $0 == "." }))
        }
        switch error {
        case .dataCorrupted(let context):
            if let underlying = context.underlyingError as NSError? {
                return "not valid JSON (\(underlying.localizedDescription))"
            }
            return "invalid value at \(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "missing field \"\(key.stringValue)\" at \(path(context.codingPath))"
        case .typeMismatch(_, let context):
            return "wrong type at \(path(context.codingPath)): \(context.debugDescription)"
        case .valueNotFound(_, let context):
            return "missing value at \(path(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }
}

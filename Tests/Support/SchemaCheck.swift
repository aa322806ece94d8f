import Foundation

/// Checks a JSON value against a JSON Schema, for the keywords newsmill's schemas use: type, properties,
/// required, additionalProperties (boolean), items, enum, const, minimum, and local $ref into $defs.
/// Returns the problems found, each with its JSON path (empty when the value fits).
public struct SchemaCheck {
    let root: [String: Any]

    public init(schemaFile: URL) throws {
        let data = try Data(contentsOf: schemaFile)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NSError(domain: "SchemaCheck", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(schemaFile.path) is not a JSON object"])
        }
        root = object
    }

    public func problems(in data: Data) -> [String] {
        guard let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return ["not JSON"] }
        var found: [String] = []
        check(value, against: root, path: "$", problems: &found)
        return found
    }

    static let known: Set<String> = ["$schema", "$id", "title", "description", "type", "properties", "required",
                                     "additionalProperties", "items", "enum", "const", "minimum", "$ref", "$defs"]

    private func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String, ref.hasPrefix("#/$defs/"),
              let defs = root["$defs"] as? [String: Any], let target = defs[String(ref.dropFirst(8))] as? [String: Any] else { return schema }
        return resolve(target)
    }

    private func typeName(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if let number = value as? NSNumber {
            let code = String(cString: number.objCType)
            if code == "c" || code == "B" { return "boolean" }
            return code == "d" || code == "f" ? (number.doubleValue == number.doubleValue.rounded() ? "integer" : "number") : "integer"
        }
        if value is String { return "string" }
        if value is [Any] { return "array" }
        if value is [String: Any] { return "object" }
        return "unknown"
    }

    private func check(_ value: Any, against raw: [String: Any], path: String, problems: inout [String]) {
        let schema = resolve(raw)
        for key in schema.keys where !SchemaCheck.known.contains(key) {
            problems.append("\(path): the schema uses \(key), which this check does not support")
        }
        let actual = typeName(value)
        if let type = schema["type"] {
            let allowed = (type as? [String]) ?? [(type as? String) ?? ""]
            let fits = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
            if !fits {
                problems.append("\(path): is \(actual), the schema wants \(allowed.joined(separator: " or "))")
                return
            }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { "\($0)" == "\(value)" }) {
            problems.append("\(path): \(value) is not one of \(options)")
        }
        if let constant = schema["const"], "\(constant)" != "\(value)" {
            problems.append("\(path): is \(value), the schema wants \(constant)")
        }
        if let minimum = schema["minimum"] as? Double, let number = value as? Double, number < minimum {
            problems.append("\(path): \(number) is below \(minimum)")
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                problems.append("\(path): missing \(key)")
            }
            for (key, child) in object {
                if let childSchema = properties[key] as? [String: Any] {
                    check(child, against: childSchema, path: "\(path).\(key)", problems: &problems)
                } else if (schema["additionalProperties"] as? Bool) == false {
                    problems.append("\(path): \(key) is not in the schema")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, element) in array.enumerated() {
                check(element, against: items, path: "\(path)[\(index)]", problems: &problems)
                if problems.count > 20 { return }
            }
        }
    }
}

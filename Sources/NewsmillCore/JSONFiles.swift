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

// MARK: - One top-level value, rewritten in place

extension JSONFiles {
    /// `data` (an object as `encode(_:pretty: true)` wrote it) with the value of its top-level member
    /// `key` replaced by `value`, encoded the same way; the bytes equal what encoding the changed object
    /// would give. Only a member written on its own line at the top level's indentation is touched: a
    /// string value never holds a raw line break, and nested members are indented deeper. Nil when the
    /// member is not there exactly once, or its current value is not a string or null: the caller then
    /// decodes and encodes the whole object.
    public static func replacingTopLevelValue(of key: String, in data: Data, with value: String?) throws -> Data? {
        let marker = Array("\n  \"\(key)\" : ".utf8)
        let replacement = try encode(value, pretty: false)
        return data.withUnsafeBytes { raw -> Data? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress else { return nil }
            var found: Int?
            var index = 0
            while index + marker.count <= bytes.count {
                guard let hit = memchr(base + index, 0x0A, bytes.count - index) else { break }
                index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if index + marker.count <= bytes.count,
                   marker.withUnsafeBufferPointer({ memcmp(base + index, $0.baseAddress!, marker.count) == 0 }) {
                    guard found == nil else { return nil }
                    found = index + marker.count
                }
                index += 1
            }
            guard let start = found, start < bytes.count else { return nil }
            let end: Int
            if bytes[start] == 0x22 {
                guard let stop = stringEnd(bytes, from: start) else { return nil }
                end = stop
            } else if bytes.count - start >= 4, memcmp(base + start, "null", 4) == 0 {
                end = start + 4
            } else {
                return nil
            }
            guard end < bytes.count, bytes[end] == 0x2C || bytes[end] == 0x0A else { return nil }
            var out = Data(capacity: bytes.count - (end - start) + replacement.count)
            out.append(UnsafeBufferPointer(rebasing: bytes[0..<start]))
            out.append(replacement)
            out.append(UnsafeBufferPointer(rebasing: bytes[end...]))
            return out
        }
    }
}

// MARK: - One large string field, read fast

extension JSONFiles {
    /// Decodes `T` like `decode(_:from:file:)`, but reads the top-level string field `key` (a page's
    /// whole HTML) with a plain unescaper over the bytes, several times faster than the general
    /// decoder: `T` is decoded from the file with that string left empty, and `assign` puts it in.
    /// Anything out of the ordinary (no such field, a `\u` escape, bytes that are not UTF-8, JSON that
    /// does not parse) goes the general way, so the result and the errors are the same as `decode`'s.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String, largeString key: String,
                                            assign: (inout T, String) -> Void) throws -> T {
        try decode(type, from: data, file: file, largeUTF8: key) { value, bytes in
            // Valid UTF-8 (checked): the string is made without a repair.
            if let bytes { assign(&value, String(decoding: bytes, as: UTF8.self)) }
        }
    }

    /// `decode(_:from:file:largeString:assign:)`, handing the field's UTF-8 bytes (checked to be valid
    /// UTF-8) to `assign` instead of a `String`, for a reader that wants bytes (the HTML parser); nil
    /// when the general decoder read the field into `T` itself (or there is none).
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String, largeUTF8 key: String,
                                            assign: (inout T, [UInt8]?) -> Void) throws -> T {
        guard let (range, value) = data.withUnsafeBytes({ raw in
            LargeString.find(key, in: raw.bindMemory(to: UInt8.self))
        }) else {
            var result = try decode(type, from: data, file: file)
            assign(&result, nil)
            return result
        }
        var rest = Data()
        rest.reserveCapacity(data.count - range.count + 2)
        rest.append(data[data.startIndex..<(data.startIndex + range.lowerBound)])
        rest.append(contentsOf: [0x22, 0x22])
        rest.append(data[(data.startIndex + range.upperBound)...])
        var result = try decode(type, from: rest, file: file)
        assign(&result, value)
        return result
    }
}

/// UTF-8 validity, checked eight ASCII bytes at a time (the standard library's check goes byte by byte).
public enum UTF8Check {
    /// What a scan of a whole text found: its multi-byte sequences, and its invalid ones (a byte that
    /// starts no valid sequence counts once, and the scan goes on at the next byte).
    public struct Counts: Sendable {
        public var multiByteSequences: Int
        public var invalidSequences: Int
        public var valid: Bool { invalidSequences == 0 }
    }

    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while true {
            i = nextNonASCII(in: bytes, from: i)
            guard i < bytes.count else { return true }
            let length = sequenceLength(bytes, at: i)
            if length == 0 { return false }
            i += length
        }
    }

    public static func scan(_ bytes: [UInt8]) -> Counts {
        bytes.withUnsafeBufferPointer { scan($0) }
    }

    public static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Counts {
        var multi = 0, invalid = 0
        var i = 0
        while true {
            i = nextNonASCII(in: bytes, from: i)
            guard i < bytes.count else { break }
            let length = sequenceLength(bytes, at: i)
            if length == 0 { invalid += 1; i += 1 } else { multi += 1; i += length }
        }
        return Counts(multiByteSequences: multi, invalidSequences: invalid)
    }

    /// The index of the first byte at or after `start` that is not ASCII (the count when there is
    /// none), eight bytes at a time.
    @inline(__always) static func nextNonASCII(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let n = bytes.count
        var i = start
        if let base = bytes.baseAddress {
            while i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
        }
        while i < n && bytes[i] < 0x80 { i += 1 }
        return i
    }

    /// The length of the valid multi-byte sequence that starts at `i` (a byte above 0x7F), or 0 when
    /// none does: no overlong forms, no surrogates, nothing above U+10FFFF.
    @inline(__always) static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = bytes.count
        let lead = bytes[i]
        @inline(__always) func continuation(_ offset: Int) -> Bool { i + offset < n && bytes[i + offset] & 0xC0 == 0x80 }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0...0xEF:
            guard continuation(1), continuation(2) else { return 0 }
            let second = bytes[i + 1]
            if lead == 0xE0 && second < 0xA0 { return 0 }  // overlong
            if lead == 0xED && second > 0x9F { return 0 }  // a surrogate
            return 3
        case 0xF0...0xF4:
            guard continuation(1), continuation(2), continuation(3) else { return 0 }
            let second = bytes[i + 1]
            if lead == 0xF0 && second < 0x90 { return 0 }  // overlong
            if lead == 0xF4 && second > 0x8F { return 0 }  // above U+10FFFF
            return 4
        default:
            return 0
        }
    }
}

/// The index just past the JSON string whose opening quotation mark is at `start` (escapes skipped);
/// nil when it does not close.
@inline(__always) func stringEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    var index = start + 1
    while index < bytes.count {
        let byte = bytes[index]
        if byte == 0x22 { return index + 1 }
        index += byte == 0x5C ? 2 : 1
    }
    return nil
}

/// A reading position in JSON bytes, with the moves the fast readers share (`LargeString`,
/// `JSONLine.topLevelStrings`): nothing is decoded, and a move that finds no JSON says so.
struct JSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The byte at the position; nil at the end.
    var byte: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }

    /// Past the string that starts here; false when there is none or it does not close.
    mutating func skipString() -> Bool {
        guard byte == 0x22, let end = stringEnd(bytes, from: index) else { return false }
        index = end
        return true
    }

    /// Past the value that starts here (after white space): a string, an object or array with all it
    /// holds, or a number or literal; false when the bytes end first.
    mutating func skipValue() -> Bool {
        skipSpace()
        guard let first = byte else { return false }
        switch first {
        case 0x22: return skipString()
        case 0x7B, 0x5B:  // { [
            var depth = 0
            while let current = byte {
                if current == 0x22 { if !skipString() { return false }; continue }
                if current == 0x7B || current == 0x5B { depth += 1 }
                if current == 0x7D || current == 0x5D { depth -= 1; if depth == 0 { index += 1; return true } }
                index += 1
            }
            return false
        default:
            while let current = byte, ![0x2C, 0x7D, 0x5D, 0x20, 0x0A, 0x0D, 0x09].contains(current) { index += 1 }
            return true
        }
    }
}

/// Finds a top-level string field of a JSON object and unescapes it.
enum LargeString {
    /// The byte range of the field's value (its quotation marks included) and the value; nil when
    /// the object has no such string field or it needs the general decoder.
    static func find(_ key: String, in bytes: UnsafeBufferPointer<UInt8>) -> (Range<Int>, [UInt8])? {
        let target = Array(key.utf8)
        var cursor = JSONCursor(bytes)
        cursor.skipSpace()
        guard cursor.byte == 0x7B else { return nil }
        cursor.index += 1
        var found: (Range<Int>, [UInt8])?
        while true {
            cursor.skipSpace()
            let keyStart = cursor.index + 1
            guard cursor.skipString() else { return nil }
            let keyBytes = UnsafeBufferPointer(rebasing: bytes[keyStart..<(cursor.index - 1)])
            // A key with an escape could spell the field another way: the general decoder's.
            if keyBytes.contains(0x5C) { return nil }
            cursor.skipSpace()
            guard cursor.byte == 0x3A else { return nil }
            cursor.index += 1
            cursor.skipSpace()
            if keyBytes.elementsEqual(target) {
                // Twice in one object: the general decoder decides.
                guard found == nil, cursor.byte == 0x22 else { return nil }
                let start = cursor.index
                guard let value = unescape(bytes, from: start + 1) else { return nil }
                found = (start..<value.end, value.bytes)
                cursor.index = value.end
            } else {
                guard cursor.skipValue() else { return nil }
            }
            cursor.skipSpace()
            switch cursor.byte {
            case 0x2C: cursor.index += 1
            case 0x7D: return found
            default: return nil  // not JSON
            }
        }
    }

    /// The string from `start` (after its opening quotation mark) to its closing one, and the index
    /// after that; nil for a `\u` escape, a control character or bytes that are not UTF-8.
    static func unescape(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (bytes: [UInt8], end: Int)? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var end: Int?
        // (Never at capacity 0: that writes into the shared empty-array storage, a race to ThreadSanitizer.)
        guard count > start else { return nil }
        // The unescaped bytes are never more than the escaped ones: written straight into one buffer.
        let output = [UInt8](unsafeUninitializedCapacity: count - start) { out, written in
            guard let target = out.baseAddress else { return }
            var index = start
            var run = start
            func copyRun() {
                if index > run { (target + written).update(from: base + run, count: index - run) }
                written += index - run
            }
            while index < count {
                index = nextSpecial(in: bytes, from: index)
                guard index < count else { return }
                let byte = base[index]
                if byte == 0x22 {
                    copyRun()
                    end = index + 1
                    return
                }
                if byte == 0x5C {
                    copyRun()
                    guard index + 1 < count else { return }
                    let unescaped: UInt8
                    switch base[index + 1] {
                    case 0x22: unescaped = 0x22
                    case 0x5C: unescaped = 0x5C
                    case 0x2F: unescaped = 0x2F
                    case 0x62: unescaped = 0x08
                    case 0x66: unescaped = 0x0C
                    case 0x6E: unescaped = 0x0A
                    case 0x72: unescaped = 0x0D
                    case 0x74: unescaped = 0x09
                    default: return  // \u…, or not JSON: the general decoder's
                    }
                    target[written] = unescaped
                    written += 1
                    index += 2
                    run = index
                    continue
                }
                if byte < 0x20 { return }
                index += 1
            }
        }
        guard let end, output.withUnsafeBufferPointer(UTF8Check.isValid) else { return nil }
        return (output, end)
    }

    /// The index of the first quotation mark, backslash or control character at or after `start`
    /// (the count when there is none), eight bytes at a time.
    @inline(__always) static func nextSpecial(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let count = bytes.count
        var index = start
        if let base = bytes.baseAddress {
            while index + 8 <= count {
                let special = specialBytes(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                if special != 0 { return index + special.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < count {
            let byte = bytes[index]
            if byte == 0x22 || byte == 0x5C || byte < 0x20 { return index }
            index += 1
        }
        return count
    }

    /// The high bit of each byte of `word` (loaded little-endian) that is a quotation mark, a backslash
    /// or below 0x20; zero when there is none. The lowest bit set is always such a byte; bits above it
    /// may be wrong (a borrow), so only the first is used.
    @inline(__always) static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        /// The bytes of `x` below `n` (n ≤ 128), as above.
        @inline(__always) func less(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &- ones &* n) & ~x & high }
        return less(word, 0x20) | less(word ^ (ones &* 0x22), 1) | less(word ^ (ones &* 0x5C), 1)
    }
}

import Foundation

// MARK: - A segment file's tokens, read fast

extension JSONFiles {
    /// Decodes a segment file like `decode(SegmentDocument.self, from:file:)`, but reads the tokens of
    /// its sentences (nine in ten of its bytes) with a small parser of their one shape,
    /// `{"end": 6, "kind": "word", "start": 0}`, instead of the general decoder, which spends most of
    /// the extract stage's reading time on them. The rest of the file goes through the general decoder
    /// with each token list left empty, and the lists are put back in order. Anything out of the
    /// ordinary (a `tokens` field anywhere but in a sentence of `sentences`, a token with another field,
    /// a missing one, a value that is not a plain integer or string, an escape, JSON that does not
    /// parse) goes the general way, so the document and the errors are the same as `decode`'s.
    /// Before either, `FastRecordReader` tries the whole file in one pass; it takes the files the
    /// segment stage writes.
    public static func decodeSegment(from data: Data, file: String) throws -> SegmentDocument {
        if let document = SegmentDocument.fastDecode(data) { return document }
        guard let (rest, lists) = data.withUnsafeBytes({ raw in
            SegmentTokensReader.split(raw.bindMemory(to: UInt8.self))
        }) else {
            return try decode(SegmentDocument.self, from: data, file: file)
        }
        var document = try decode(SegmentDocument.self, from: rest, file: file)
        // Every list read must belong to a sentence that the decoder saw with (empty) tokens.
        guard document.sentences.filter({ $0.tokens != nil }).count == lists.count,
              document.sentences.allSatisfy({ $0.tokens?.isEmpty ?? true }) else {
            return try decode(SegmentDocument.self, from: data, file: file)
        }
        var next = 0
        for index in document.sentences.indices where document.sentences[index].tokens != nil {
            document.sentences[index].tokens = lists[next]
            next += 1
        }
        return document
    }
}

/// Takes the token lists out of a segment file's bytes.
enum SegmentTokensReader {
    /// The file with each sentence's `tokens` list replaced by `[]`, and the lists in file order; nil
    /// when the file is not of the usual shape and needs the general decoder.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> (Data, [[Token]])? {
        let count = bytes.count
        var index = 0
        var lists: [[Token]] = []
        var rest = Data()
        rest.reserveCapacity(count / 8 + 64)
        var copiedUpTo = 0
        // The containers open at `index`: true for an object, false for an array.
        var stack: [Bool] = []
        // The key of the top-level member being read, and whether a value follows a key.
        var topKey: ArraySlice<UInt8> = []
        var afterKey = false

        @inline(__always) func skipSpace() {
            while index < count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
        }
        /// Past the string at `index`; false when it does not close.
        @inline(__always) func skipString() -> Bool {
            guard let end = stringEnd(bytes, from: index) else { return false }
            index = end
            return true
        }
        /// A plain non-negative integer at `index`.
        @inline(__always) func integer() -> Int? {
            var value = 0, digits = 0
            while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                value = value &* 10 &+ Int(bytes[index] - 0x30)
                digits += 1
                index += 1
            }
            return digits > 0 && digits <= 15 ? value : nil
        }
        /// An ASCII string without escapes at `index`.
        @inline(__always) func plainString() -> String? {
            guard index < count, bytes[index] == 0x22 else { return nil }
            let start = index + 1
            var k = start
            while k < count, bytes[k] != 0x22 {
                // Escapes, control characters and anything but ASCII: the general decoder's.
                if bytes[k] == 0x5C || bytes[k] < 0x20 || bytes[k] >= 0x80 { return nil }
                k += 1
            }
            guard k < count else { return nil }
            index = k + 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<k]), as: UTF8.self)
        }
        /// The token list whose `[` is at `index`.
        func tokenList() -> [Token]? {
            var tokens: [Token] = []
            index += 1
            skipSpace()
            if index < count, bytes[index] == 0x5D { index += 1; return tokens }
            while true {
                skipSpace()
                guard index < count, bytes[index] == 0x7B else { return nil }
                index += 1
                var start: Int?, end: Int?, kind: String?
                for field in 0..<3 {
                    skipSpace()
                    if field > 0 {
                        guard index < count, bytes[index] == 0x2C else { return nil }
                        index += 1
                        skipSpace()
                    }
                    guard let key = plainString() else { return nil }
                    skipSpace()
                    guard index < count, bytes[index] == 0x3A else { return nil }
                    index += 1
                    skipSpace()
                    switch key {
                    case "start": guard start == nil, let value = integer() else { return nil }; start = value
                    case "end": guard end == nil, let value = integer() else { return nil }; end = value
                    case "kind": guard kind == nil, let value = plainString() else { return nil }; kind = value
                    default: return nil
                    }
                }
                skipSpace()
                guard index < count, bytes[index] == 0x7D, let start, let end, let kind else { return nil }
                index += 1
                tokens.append(Token(start: start, end: end, kind: kind))
                skipSpace()
                guard index < count else { return nil }
                if bytes[index] == 0x2C { index += 1; continue }
                if bytes[index] == 0x5D { index += 1; return tokens }
                return nil
            }
        }

        while index < count {
            let byte = bytes[index]
            switch byte {
            case 0x22:
                let keyStart = index + 1
                guard skipString() else { return nil }
                let keyEnd = index - 1
                // A key when a colon follows inside an object.
                var k = index
                while k < count, bytes[k] == 0x20 || bytes[k] == 0x0A || bytes[k] == 0x0D || bytes[k] == 0x09 { k += 1 }
                guard k < count, bytes[k] == 0x3A, stack.last == true, !afterKey else { afterKey = false; continue }
                let key = UnsafeBufferPointer(rebasing: bytes[keyStart..<keyEnd])
                if key.contains(0x5C) { return nil }
                if stack.count == 1 { topKey = ArraySlice(key) }
                index = k + 1
                afterKey = true
                if key.elementsEqual("tokens".utf8) {
                    // Only a sentence's: top object › "sentences" › array › object.
                    guard stack == [true, false, true], topKey.elementsEqual("sentences".utf8) else { return nil }
                    skipSpace()
                    guard index < count, bytes[index] == 0x5B else { return nil }
                    let listStart = index
                    guard let list = tokenList() else { return nil }
                    lists.append(list)
                    rest.append(UnsafeBufferPointer(rebasing: bytes[copiedUpTo..<listStart]))
                    rest.append(contentsOf: [0x5B, 0x5D])
                    copiedUpTo = index
                    afterKey = false
                }
            case 0x7B, 0x5B:
                stack.append(byte == 0x7B)
                afterKey = false
                index += 1
            case 0x7D, 0x5D:
                guard let open = stack.popLast(), open == (byte == 0x7D) else { return nil }
                afterKey = false
                index += 1
            default:
                if byte == 0x2C { afterKey = false }
                index += 1
            }
        }
        guard stack.isEmpty, !lists.isEmpty else { return nil }
        rest.append(UnsafeBufferPointer(rebasing: bytes[copiedUpTo..<count]))
        return (rest, lists)
    }
}

import Foundation

/// What a rule's regular expression cannot match without: one of a few words, or a digit. Used to run
/// each rule only over the paragraphs that could hold a match, instead of over the whole text: a
/// regular expression costs time for every character it is tried at, and most rules find nothing in
/// most paragraphs.
///
/// A trigger must be necessary, never merely likely: every text a rule can match contains one of the
/// trigger's words as a whole run of letters (lowercased), or a decimal digit when `digit` is set.
/// `TriggerTests` checks this for each rule's examples.
struct Trigger: Sendable {
    var words: Set<String> = []
    var digit = false
    /// No prefilter: the rule runs over the whole text.
    var always = false

    static let always = Trigger(always: true)
    static let digit = Trigger(digit: true)
    static func words(_ words: Set<String>, digit: Bool = false) -> Trigger { Trigger(words: words, digit: digit) }
}

/// The trigger words of every rule, numbered, so that a paragraph's words are a bit set and a
/// trigger's test is a few AND instructions. Words are lowercase ASCII letters, at most 16.
struct TriggerVocabulary: Sendable {
    struct Key: Hashable { var low: UInt64 = 0, high: UInt64 = 0 }
    struct Mask: Sendable, Equatable {
        var bits = SIMD8<UInt64>()
        mutating func insert(_ id: Int) {
            bits[id >> 6] |= UInt64(1) << UInt64(id & 63)
        }
        func intersects(_ other: Mask) -> Bool {
            any((bits & other.bits) .!= 0)
        }
    }
    /// A compiled trigger.
    struct Test: Sendable {
        var mask = Mask()
        var digit = false
        var always = false
    }

    static let capacity = 512
    private(set) var ids: [Key: Int] = [:]

    init(_ words: some Sequence<String>) {
        for word in Set(words).sorted() {
            guard let key = TriggerVocabulary.key(word) else { preconditionFailure("trigger word \"\(word)\" is not 1 to 16 lowercase ASCII letters") }
            precondition(ids.count < TriggerVocabulary.capacity, "more than \(TriggerVocabulary.capacity) trigger words")
            ids[key] = ids.count
        }
    }

    static func key(_ word: String) -> Key? {
        let bytes = Array(word.utf8)
        guard (1...16).contains(bytes.count), bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return nil }
        var key = Key()
        for (index, byte) in bytes.enumerated() { key.append(byte, at: index) }
        return key
    }

    func test(_ trigger: Trigger) -> Test {
        var test = Test(digit: trigger.digit, always: trigger.always)
        for word in trigger.words {
            guard let key = TriggerVocabulary.key(word), let id = ids[key] else { preconditionFailure("\"\(word)\" is not in the trigger vocabulary") }
            test.mask.insert(id)
        }
        return test
    }
}

extension TriggerVocabulary.Key {
    @inline(__always) mutating func append(_ byte: UInt8, at index: Int) {
        if index < 8 { low |= UInt64(byte) << UInt64(index * 8) } else { high |= UInt64(byte) << UInt64((index - 8) * 8) }
    }
}

/// A text cut into paragraphs (at blank lines), each with its trigger words (runs of letters,
/// lowercased, that the vocabulary holds) and whether it has a digit; and the ranges (UTF-16, as
/// `NSRegularExpression` counts) where a trigger holds.
struct TriggerIndex {
    struct Paragraph {
        var range: NSRange
        /// The same span in UTF-8 bytes and in scalars.
        var utf8: Range<Int>
        var scalars: Range<Int>
        var words: TriggerVocabulary.Mask
        var hasDigit: Bool
    }

    /// A range to search: UTF-16 (as `NSRegularExpression` counts) and the same span in UTF-8 bytes
    /// and in scalars.
    struct Piece: Equatable {
        var range: NSRange
        var utf8: Range<Int>
        var scalars: Range<Int>
    }

    let length: Int
    let utf8Length: Int
    let scalarLength: Int
    private(set) var paragraphs: [Paragraph] = []

    init(_ text: String, vocabulary: TriggerVocabulary) {
        var utf16Offset = 0
        var utf8Offset = 0
        var paragraphStart = 0
        var paragraphStart8 = 0
        var scalarOffset = 0
        var paragraphStartScalar = 0
        var words = TriggerVocabulary.Mask()
        var hasDigit = false
        var key = TriggerVocabulary.Key()
        var runLength = 0
        // A run with a letter outside a-z, or longer than 16, is no trigger word.
        var runUsable = true
        var newlines = 0
        @inline(__always) func endRun() {
            if runLength > 0 {
                if runUsable, runLength <= 16, let id = vocabulary.ids[key] { words.insert(id) }
                runLength = 0
                runUsable = true
                key = TriggerVocabulary.Key()
            }
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                if (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) {
                    if runLength < 16 { key.append(UInt8(value | 0x20), at: runLength) }
                    runLength += 1
                    newlines = 0
                    utf16Offset += 1
                    utf8Offset += 1
                    scalarOffset += 1
                    continue
                }
                endRun()
                if value == 0x0A {
                    newlines += 1
                    if newlines == 2 {
                        // The paragraph ends before this blank line.
                        let end = utf16Offset - 1
                        if end > paragraphStart {
                            paragraphs.append(Paragraph(range: NSRange(location: paragraphStart, length: end - paragraphStart),
                                                        utf8: paragraphStart8..<(utf8Offset - 1),
                                                        scalars: paragraphStartScalar..<(scalarOffset - 1), words: words, hasDigit: hasDigit))
                        }
                        words = TriggerVocabulary.Mask()
                        hasDigit = false
                        paragraphStart = utf16Offset + 1
                        paragraphStart8 = utf8Offset + 1
                        paragraphStartScalar = scalarOffset + 1
                    } else if newlines > 2 {
                        paragraphStart = utf16Offset + 1
                        paragraphStart8 = utf8Offset + 1
                        paragraphStartScalar = scalarOffset + 1
                    }
                } else {
                    newlines = 0
                    if value >= 0x30 && value <= 0x39 { hasDigit = true }
                }
                utf16Offset += 1
                utf8Offset += 1
                scalarOffset += 1
                continue
            }
            newlines = 0
            let properties = scalar.properties
            if properties.generalCategory == .decimalNumber {
                endRun()
                hasDigit = true
            } else if properties.isAlphabetic {
                runUsable = false
                runLength += 1
            } else {
                endRun()
            }
            utf16Offset += value > 0xFFFF ? 2 : 1
            utf8Offset += value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
            scalarOffset += 1
        }
        endRun()
        if utf16Offset > paragraphStart {
            paragraphs.append(Paragraph(range: NSRange(location: paragraphStart, length: utf16Offset - paragraphStart),
                                        utf8: paragraphStart8..<utf8Offset, scalars: paragraphStartScalar..<scalarOffset,
                                        words: words, hasDigit: hasDigit))
        }
        utf8Length = utf8Offset
        scalarLength = scalarOffset
        length = utf16Offset
    }

    /// The ranges of the text to run a rule with `test` over: the paragraphs where it holds, runs of
    /// neighbouring ones joined (with the blank lines between them) so each range is one search.
    func ranges(for test: TriggerVocabulary.Test) -> [Piece] {
        if test.always {
            return length > 0 ? [Piece(range: NSRange(location: 0, length: length), utf8: 0..<utf8Length, scalars: 0..<scalarLength)] : []
        }
        var pieces: [Piece] = []
        var previous = -1
        for (index, paragraph) in paragraphs.enumerated()
        where (test.digit && paragraph.hasDigit) || test.mask.intersects(paragraph.words) {
            if previous == index - 1, let last = pieces.last {
                pieces[pieces.count - 1] = Piece(range: NSRange(location: last.range.location, length: NSMaxRange(paragraph.range) - last.range.location),
                                                 utf8: last.utf8.lowerBound..<paragraph.utf8.upperBound,
                                                 scalars: last.scalars.lowerBound..<paragraph.scalars.upperBound)
            } else {
                pieces.append(Piece(range: paragraph.range, utf8: paragraph.utf8, scalars: paragraph.scalars))
            }
            previous = index
        }
        return pieces
    }
}

/// Pieces of a text searched as one: their scalars joined by the blank line that separates
/// paragraphs anyway (as `NSRegularExpression.matches(in:pieces:)` joins them), so that word
/// boundaries and look-around see at their edges what they see in the whole text.
struct JoinedPieces {
    let pieces: [TriggerIndex.Piece]
    private(set) var scalars: [Unicode.Scalar] = []
    private var starts: [Int] = []
    private var current = 0

    init(_ pieces: [TriggerIndex.Piece], in view: DocumentView) {
        self.pieces = pieces
        scalars.reserveCapacity(pieces.reduce(0) { $0 + $1.scalars.count + 2 })
        for (index, piece) in pieces.enumerated() {
            if index > 0 { scalars.append("\n"); scalars.append("\n") }
            starts.append(scalars.count)
            scalars.append(contentsOf: view.scalars[piece.scalars])
        }
    }

    /// What takes a range of `scalars` to the text's scalars (added to both bounds); nil when the
    /// range runs from one piece into the next (such a match is dropped). Ranges are asked in order.
    mutating func offset(of range: Range<Int>) -> Int? {
        while current + 1 < starts.count && starts[current + 1] <= range.lowerBound { current += 1 }
        guard current < starts.count, range.upperBound <= starts[current] + pieces[current].scalars.count else { return nil }
        return pieces[current].scalars.lowerBound - starts[current]
    }
}

extension Trigger {
    /// Every trigger word of the extract stage's rules (dates and quantities).
    static let vocabulary = TriggerVocabulary(DateTagger.triggers.values.flatMap(\.words) + QuantityTagger.trigger.words)
}

extension NSRegularExpression {
    /// The matches inside `ranges` of `text` (UTF-16 ranges of `text`, whole paragraphs, in order),
    /// reported in `text`'s coordinates. The ranges are searched as one string, joined by the blank
    /// line that separates paragraphs anyway, so \b and look-around see at their edges what they see
    /// in the whole text; a match that would run from one range into the next is dropped. One search
    /// over only the ranges: each search copies its whole string to UTF-16 first, so many small
    /// searches, or searches over the whole text, cost more than the matching.
    func matches(in text: String, pieces: [TriggerIndex.Piece]) -> [NSTextCheckingResult] {
        guard !pieces.isEmpty else { return [] }
        if pieces.count == 1, pieces[0].utf8 == 0..<text.utf8.count {
            return matches(in: text, range: pieces[0].range)
        }
        // Joined as UTF-8 bytes, which the string keeps: no decoding.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pieces.reduce(0) { $0 + $1.utf8.count + 2 })
        var starts: [Int] = []
        var utf16Length = 0
        var text = text
        text.withUTF8 { utf8 in
            for (index, piece) in pieces.enumerated() {
                if index > 0 {
                    bytes.append(0x0A)
                    bytes.append(0x0A)
                    utf16Length += 2
                }
                starts.append(utf16Length)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[piece.utf8]))
                utf16Length += piece.range.length
            }
        }
        let joined = String(decoding: bytes, as: UTF8.self)
        let ranges = pieces.map(\.range)
        var results: [NSTextCheckingResult] = []
        var piece = 0
        for match in matches(in: joined, range: NSRange(location: 0, length: utf16Length)) {
            while piece + 1 < starts.count && starts[piece + 1] <= match.range.location { piece += 1 }
            guard NSMaxRange(match.range) <= starts[piece] + ranges[piece].length else { continue }
            results.append(match.adjustingRanges(offset: ranges[piece].location - starts[piece]))
        }
        return results
    }

    /// What `matches(in:pieces:)` gives, found by `matcher`, a hand-written matcher that finds what
    /// this expression finds, over scalars: for each match, the ranges of the whole match and of each
    /// group (nil for a group that took no part). The pieces are joined the same way, and the ranges
    /// given back in UTF-16, in `view`'s text.
    func matches(in view: DocumentView, pieces: [TriggerIndex.Piece],
                 matcher: ([Unicode.Scalar]) -> [[Range<Int>?]]) -> [NSTextCheckingResult] {
        guard !pieces.isEmpty else { return [] }
        var joined = JoinedPieces(pieces, in: view)
        let found = matcher(joined.scalars)
        if found.isEmpty { return [] }
        // A scalar's UTF-16 offset: its index, plus one for each scalar above U+FFFF before it.
        var wide: [Int] = []
        for (index, scalar) in view.scalars.enumerated() where scalar.value > 0xFFFF { wide.append(index) }
        func utf16(_ index: Int) -> Int {
            var low = 0, high = wide.count
            while low < high {
                let mid = (low + high) / 2
                if wide[mid] < index { low = mid + 1 } else { high = mid }
            }
            return index + low
        }
        var results: [NSTextCheckingResult] = []
        for groups in found {
            guard let whole = groups[0], let offset = joined.offset(of: whole) else { continue }
            var ranges = groups.map { range -> NSRange in
                guard let range else { return NSRange(location: NSNotFound, length: 0) }
                let start = utf16(range.lowerBound + offset)
                return NSRange(location: start, length: utf16(range.upperBound + offset) - start)
            }
            results.append(NSTextCheckingResult.regularExpressionCheckingResult(ranges: &ranges, count: ranges.count, regularExpression: self))
        }
        return results
    }
}

import Foundation

/// Script and style bodies, taken out of a page before libxml2 reads it (and attribute names it cannot
/// read, renamed; attributes the stage never reads, left out).
///
/// Half the bytes of a typical news page are inline JavaScript and CSS. libxml2 reads them character by
/// character only for the clean stage to drop them, and their characters inflated every count of the
/// text under an element (its text density, its link density). The bodies of `<script>` and `<style>`
/// elements are therefore removed before parsing; the elements stay, empty. JSON scripts keep their
/// body: the metadata reader needs JSON-LD.
///
/// The element's text counted in the page's statistics as before (`NodeStats` counts every character
/// under an element, and the cascade's thresholds were set with script text in them): the body's
/// non-space characters are noted in the start tag as `data-newsmill-characters`, and `TreeBuilder`
/// gives the element an empty text child that counts them.
///
/// Attributes are a quarter of what is left of a page without its scripts, and libxml2 reads each of
/// their characters through two function calls. A third of those bytes are in attributes that nothing
/// in the stage reads (`isUnread`: image sources, SVG paths, event handlers, scripts' `data-` state);
/// they are left out of the start tags too.
///
/// The scan follows libxml2's HTML tokenizer where it matters (comments, quoted attribute values, a raw
/// body ending at the first `</script` or `</style` in any case) and is careful where it might not: if a
/// tag or a body does not end, or a comment does not close, the rest of the page is left as it is.
enum RawText {
    /// The attribute that carries the count of a removed body's characters.
    static let charactersAttribute = "data-newsmill-characters"

    /// `input` without the bodies of its script and style elements (JSON scripts kept); nil when there
    /// is nothing to remove.
    static func removingScriptBodies(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let base = input.baseAddress else { return nil }
        let n = input.count
        var output: [UInt8] = []
        var copied = 0
        var i = 0
        while i < n {
            guard let found = memchr(base + i, 0x3C, n - i) else { break }  // "<"
            i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            // A comment: skipped whole ("<" inside it is not a tag).
            if starts(input, at: i, with: "<!--") {
                guard let end = find(input, "-->", from: i + 4) else { break }
                i = end + 3
                continue
            }
            guard i + 1 < n, isLetter(input[i + 1]) else { i += 1; continue }
            var nameEnd = i + 1
            while nameEnd < n, isNameByte(input[nameEnd]) { nameEnd += 1 }
            guard let tagEnd = endOfTag(input, from: nameEnd) else { break }
            let nameRange = (i + 1)..<nameEnd
            let name: String
            if equalsIgnoringCase(input, nameRange, script) {
                name = "script"
            } else if equalsIgnoringCase(input, nameRange, style) {
                name = "style"
            } else {
                // "@click", "#slot": attribute names libxml2 cannot read, which make it read the rest of
                // the tag as text ("… => $refs.button.focus() )" in the article). They become "data-at-…".
                // And attributes the stage never reads are left out (`isUnread`).
                if tagEnd > nameEnd, let attributes = leanAttributes(input, nameEnd..<tagEnd) {
                    if output.isEmpty { output.reserveCapacity(n) }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<nameEnd]))
                    output.append(contentsOf: attributes)
                    copied = tagEnd
                }
                i = tagEnd + 1
                continue
            }
            // The body runs to the first "</script" (or "</style"), in any case.
            guard let close = findClosing(input, name: name, from: tagEnd + 1) else { break }
            // Any JSON script keeps its body: its type may be written with an entity ("ld&#x2B;json").
            let keep = name == "script" && containsIgnoringCase(input, nameEnd..<tagEnd, json)
            if !keep && close > tagEnd + 1 {
                if output.isEmpty { output.reserveCapacity(n) }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<tagEnd]))
                let characters = Text.nonWhitespaceCount(utf8: UnsafeBufferPointer(rebasing: input[(tagEnd + 1)..<close]))
                output.append(contentsOf: " \(charactersAttribute)=\"\(characters)\">".utf8)
                copied = close
            }
            i = close
        }
        if copied == 0 { return nil }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied...]))
        return output
    }

    /// The index of the ">" that ends the start tag whose attributes begin at `start`, as libxml2 reads
    /// them: a value after "=" may be quoted (and hold ">"); a quotation mark anywhere else is an
    /// ordinary character. Nil when the tag does not end.
    static func endOfTag(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let n = input.count
        guard let base = input.baseAddress, start < n else { return nil }
        // Most tags have no quotation mark before their ">": that ">" ends them.
        guard let found = memchr(base + start, 0x3E, n - start) else { return nil }
        let close = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        if memchr(base + start, 0x22, close - start) == nil && memchr(base + start, 0x27, close - start) == nil {
            return close
        }
        var i = start
        var afterEquals = false
        while i < n {
            let byte = input[i]
            if byte == 0x3E { return i }  // ">"
            if byte == 0x3D { afterEquals = true; i += 1; continue }  // "="
            if isBlank(byte) { i += 1; continue }
            if afterEquals && (byte == 0x22 || byte == 0x27) {
                guard let close = memchr(input.baseAddress! + i + 1, Int32(byte), n - i - 1) else { return nil }
                i = input.baseAddress!.distance(to: close.assumingMemoryBound(to: UInt8.self)) + 1
                afterEquals = false
                continue
            }
            afterEquals = false
            i += 1
        }
        return nil
    }

    /// The attributes of a start tag (the bytes after its name, up to its ">") without the attributes
    /// nothing in the stage reads (`isUnread`), and, in a tag holding "@" or "#", with each attribute
    /// name that starts with a byte libxml2 cannot begin a name with ("@click.prevent", "#default")
    /// prefixed with "data-at-" and that byte dropped; nil when the tag stays as it is.
    static func leanAttributes(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8]? {
        var output: [UInt8] = []
        var copied = range.lowerBound
        var i = range.lowerBound
        var changed = false
        // Whether the tag holds "@" or "#" (looked at once, and only when a name libxml2 cannot read is met).
        var marks: Bool?
        func holdsMarks() -> Bool {
            if let marks { return marks }
            let base = input.baseAddress! + range.lowerBound
            let found = memchr(base, 0x40, range.count) != nil || memchr(base, 0x23, range.count) != nil
            marks = found
            return found
        }
        /// Past the blanks and the value (quoted or not) after a "=".
        func skipValue() {
            while i < range.upperBound, isBlank(input[i]) { i += 1 }
            guard i < range.upperBound else { return }
            if input[i] == 0x22 || input[i] == 0x27 {
                let quote = input[i]
                i += 1
                if i < range.upperBound, let base = input.baseAddress,
                   let found = memchr(base + i, Int32(quote), range.upperBound - i) {
                    i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                } else {
                    i = range.upperBound
                }
                i = min(i + 1, range.upperBound)
            } else {
                while i < range.upperBound, !isBlank(input[i]) { i += 1 }
            }
        }
        while i < range.upperBound {
            let spanStart = i
            while i < range.upperBound, isBlank(input[i]) || input[i] == 0x2F { i += 1 }  // blanks and "/"
            guard i < range.upperBound else { break }
            // An attribute name.
            let nameStart = i
            while i < range.upperBound, !isBlank(input[i]), input[i] != 0x3D, input[i] != 0x2F || i == nameStart { i += 1 }
            if i == nameStart {
                // A "=" with no name before it: it and its value are passed over, as junk in the tag.
                i += 1
                skipValue()
                continue
            }
            let first = input[nameStart]
            if isUnread(input, nameStart..<i) {
                // Left out with the blanks before it, value and all; a space keeps the next attribute
                // apart from the one before when nothing else does.
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<spanStart]))
                while i < range.upperBound, isBlank(input[i]) { i += 1 }
                if i < range.upperBound, input[i] == 0x3D {
                    i += 1
                    skipValue()
                }
                if i < range.upperBound, !isBlank(input[i]), input[i] != 0x2F { output.append(0x20) }
                copied = i
                changed = true
                continue
            }
            if !(isLetter(first) || first == 0x5F || first == 0x3A) && holdsMarks() {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<nameStart]))
                output.append(contentsOf: "data-at-".utf8)
                // The rest of the name, with any byte a name cannot hold as "-".
                for byte in input[(nameStart + 1)..<i] { output.append(isNameByte(byte) ? byte : 0x2D) }
                copied = i
                changed = true
            }
            while i < range.upperBound, isBlank(input[i]) { i += 1 }
            // Its value, quoted or not.
            guard i < range.upperBound, input[i] == 0x3D else { continue }
            i += 1
            skipValue()
        }
        guard changed else { return nil }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<range.upperBound]))
        return output
    }

    /// The index of the first "</name" (any case) at or after `start`.
    static func findClosing(_ input: UnsafeBufferPointer<UInt8>, name: String, from start: Int) -> Int? {
        let name = Array(name.utf8)
        var i = start
        let n = input.count
        while i + 1 + name.count < n {
            guard let found = memchr(input.baseAddress! + i, 0x3C, n - i) else { return nil }
            i = input.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if i + 1 + name.count < n, input[i + 1] == 0x2F,
               (0..<name.count).allSatisfy({ input[i + 2 + $0] | 0x20 == name[$0] }) {
                return i
            }
            i += 1
        }
        return nil
    }

    static func find(_ input: UnsafeBufferPointer<UInt8>, _ needle: String, from start: Int) -> Int? {
        let needle = Array(needle.utf8)
        var i = start
        while i + needle.count <= input.count {
            guard let found = memchr(input.baseAddress! + i, Int32(needle[0]), input.count - i) else { return nil }
            i = input.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if starts(input, at: i, with: needle) { return i }
            i += 1
        }
        return nil
    }

    static func starts(_ input: UnsafeBufferPointer<UInt8>, at index: Int, with prefix: String) -> Bool {
        starts(input, at: index, with: Array(prefix.utf8))
    }

    static func starts(_ input: UnsafeBufferPointer<UInt8>, at index: Int, with prefix: [UInt8]) -> Bool {
        guard index + prefix.count <= input.count else { return false }
        for offset in 0..<prefix.count where input[index + offset] != prefix[offset] { return false }
        return true
    }

    static let script = Array("script".utf8)
    static let style = Array("style".utf8)
    static let json = Array("json".utf8)

    /// Attributes that no part of the clean stage reads, and that take a large share of a page's tag
    /// bytes (image sources and their sets, SVG path data, event handlers, scripts' `data-` state),
    /// which libxml2 reads character by character: `alt`, `d`, `sizes`, `src`, `srcset`, `target`,
    /// `xlink:href`, `on…`, and `data-…` other than the streamed-segment markers that
    /// `StreamedSegments` reads (`data-sid`, `-rsi`, `-rci`, `-pid`, `-bid`) and the stage's own.
    /// Reading a new attribute in the stage means taking it off this list.
    static func isUnread(_ input: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> Bool {
        let count = name.count
        guard count > 0 else { return false }
        let first = input[name.lowerBound] | 0x20
        func spells(_ word: [UInt8]) -> Bool { count == word.count && equalsIgnoringCase(input, name, word) }
        switch first {
        case 0x64:  // d
            if count == 1 { return true }
            guard count > 5, equalsIgnoringCase(input, name.lowerBound..<(name.lowerBound + 5), dataPrefix) else { return false }
            for kept in keptDataAttributes where spells(kept) { return false }
            return true
        case 0x6F:  // o
            return count > 2 && input[name.lowerBound + 1] | 0x20 == 0x6E && isLetter(input[name.lowerBound + 2])
        case 0x61, 0x73, 0x74, 0x78:  // a, s, t, x
            for word in unreadAttributes where spells(word) { return true }
            return false
        default:
            return false
        }
    }

    static let dataPrefix = Array("data-".utf8)
    static let keptDataAttributes = ["data-sid", "data-rsi", "data-rci", "data-pid", "data-bid", charactersAttribute].map { Array($0.utf8) }
    static let unreadAttributes = ["alt", "sizes", "src", "srcset", "target", "xlink:href"].map { Array($0.utf8) }

    /// True when the bytes in `range` spell `word` (lower-case ASCII) in any case.
    static func equalsIgnoringCase(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: [UInt8]) -> Bool {
        guard range.count == word.count else { return false }
        for offset in 0..<word.count where input[range.lowerBound + offset] | 0x20 != word[offset] { return false }
        return true
    }

    /// Whether the bytes in `range` hold `word` (lower-case ASCII letters), in any case.
    static func containsIgnoringCase(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: [UInt8]) -> Bool {
        guard range.count >= word.count else { return false }
        for start in range.lowerBound...(range.upperBound - word.count)
        where equalsIgnoringCase(input, start..<(start + word.count), word) {
            return true
        }
        return false
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    /// What libxml2 reads as part of a tag name.
    @inline(__always) static func isNameByte(_ b: UInt8) -> Bool {
        isLetter(b) || (b >= 0x30 && b <= 0x39) || b == 0x3A || b == 0x2D || b == 0x5F || b == 0x2E
    }
    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}

import Foundation

/// Pieces of a text by Unicode scalar offsets (as every newsmill record counts them), cut from its
/// UTF-8 bytes: a span becomes a `String` by copying its bytes, without walking the text.
public struct ScalarSlicer: Sendable {
    public let utf8: [UInt8]
    /// The byte offset of each scalar, and the byte count at the end.
    public let offsets: [Int]

    public init(_ text: String) {
        utf8 = Array(text.utf8)
        var offsets: [Int] = []
        offsets.reserveCapacity(utf8.count + 1)
        for (index, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 { offsets.append(index) }
        offsets.append(utf8.count)
        self.offsets = offsets
    }

    /// The text from scalar `start` to scalar `end`, clamped to the text ("" for an empty span).
    public func text(_ start: Int, _ end: Int) -> String {
        let from = max(0, start), to = min(end, offsets.count - 1)
        guard from < to else { return "" }
        return utf8.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[offsets[from]..<offsets[to]]), as: UTF8.self) }
    }
}

import Foundation

/// Converts between the UTF-16 offsets NSRegularExpression reports and Unicode scalar offsets.
struct OffsetMap {
    /// Scalar offset of each UTF-16 offset (both ends included).
    private let scalarAt: [Int]

    init(_ text: String) {
        var map: [Int] = []
        map.reserveCapacity(text.utf16.count + 1)
        var scalarIndex = 0
        for scalar in text.unicodeScalars {
            map.append(scalarIndex)
            if scalar.value > 0xFFFF { map.append(scalarIndex) }
            scalarIndex += 1
        }
        map.append(scalarIndex)
        scalarAt = map
    }

    func scalars(_ range: NSRange) -> (start: Int, end: Int) {
        (scalarAt[range.location], scalarAt[range.location + range.length])
    }
}

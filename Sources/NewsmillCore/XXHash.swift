/// XXH64 (Yann Collet's xxHash, 64-bit variant), written from its published specification: a fast
/// non-cryptographic hash for content digests, where SHA-256 would cost more than reading the file.
/// Two seeds give the 128-bit content digest that finds exact duplicates.
public enum XXHash64 {
    static let p1: UInt64 = 0x9E3779B185EBCA87
    static let p2: UInt64 = 0xC2B2AE3D27D4EB4F
    static let p3: UInt64 = 0x165667B19E3779F9
    static let p4: UInt64 = 0x85EBCA77C2B2AE63
    static let p5: UInt64 = 0x27D4EB2F165667C5

    @inline(__always) static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        var a = acc &+ input &* p2
        a = (a << 31) | (a >> 33)
        return a &* p1
    }

    @inline(__always) static func merge(_ acc: UInt64, _ value: UInt64) -> UInt64 {
        let a = acc ^ round(0, value)
        return a &* p1 &+ p4
    }

    @inline(__always) static func read64(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always) static func read32(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let n = bytes.count
        guard let p = bytes.baseAddress else { return avalanche(seed &+ p5) }
        var offset = 0
        var h: UInt64
        if n >= 32 {
            var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
            while offset + 32 <= n {
                v1 = round(v1, read64(p, offset))
                v2 = round(v2, read64(p, offset + 8))
                v3 = round(v3, read64(p, offset + 16))
                v4 = round(v4, read64(p, offset + 24))
                offset += 32
            }
            h = ((v1 << 1) | (v1 >> 63)) &+ ((v2 << 7) | (v2 >> 57)) &+ ((v3 << 12) | (v3 >> 52)) &+ ((v4 << 18) | (v4 >> 46))
            h = merge(h, v1); h = merge(h, v2); h = merge(h, v3); h = merge(h, v4)
        } else {
            h = seed &+ p5
        }
        h = h &+ UInt64(n)
        while offset + 8 <= n {
            h ^= round(0, read64(p, offset))
            h = ((h << 27) | (h >> 37)) &* p1 &+ p4
            offset += 8
        }
        if offset + 4 <= n {
            h ^= read32(p, offset) &* p1
            h = ((h << 23) | (h >> 41)) &* p2 &+ p3
            offset += 4
        }
        while offset < n {
            h ^= UInt64(p.load(fromByteOffset: offset, as: UInt8.self)) &* p5
            h = ((h << 11) | (h >> 53)) &* p1
            offset += 1
        }
        return avalanche(h)
    }

    @inline(__always) static func avalanche(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h = h &* p2
        h ^= h >> 29
        h = h &* p3
        h ^= h >> 32
        return h
    }

    /// The 128-bit digest of a string's UTF-8 bytes, as 32 hex digits.
    public static func digest128(_ string: String) -> String {
        var copy = string
        return copy.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            return hex(hash(raw, seed: 0)) + hex(hash(raw, seed: 0x9E3779B97F4A7C15))
        }
    }

    static func hex(_ value: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 16)
        for i in 0..<16 { out[15 - i] = digits[Int((value >> UInt64(4 * i)) & 0xF)] }
        return String(decoding: out, as: UTF8.self)
    }
}

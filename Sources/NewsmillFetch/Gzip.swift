import CZlib
import Foundation
import NewsmillCore

/// gzip decompression through zlib, with a cap on the decompressed size (a small file that inflates
/// to gigabytes is refused, not followed).
public enum Gzip {
    public static func isGzip(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1f && data[data.startIndex + 1] == 0x8b
    }

    public static func decompress(_ data: Data, limit: Int, name: String) throws -> Data {
        // Messages name what was inflated, unless the caller names the document itself (name "").
        let prefix = name.isEmpty ? "" : name + ": "
        var stream = z_stream()
        // 15 + 32: a zlib or gzip header, detected automatically.
        guard newsmill_inflateInit2(&stream, 15 + 32) == Z_OK else {
            throw DocumentError(.internalError, "\(prefix)zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        let chunk = 64 * 1024
        var buffer = [UInt8](repeating: 0, count: chunk)
        var status: Int32 = Z_OK
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            guard let base = input.baseAddress else { return }
            stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(input.count)
            repeat {
                let produced: Int = buffer.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(chunk)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return chunk - Int(stream.avail_out)
                }
                if (status == Z_BUF_ERROR || status == Z_OK) && produced == 0 && stream.avail_in == 0 {
                    throw DocumentError(.corrupt, "\(prefix)the gzip data is truncated")
                }
                if status != Z_OK && status != Z_STREAM_END && !(status == Z_BUF_ERROR && produced > 0) {
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw DocumentError(.corrupt, "\(prefix)the gzip data is corrupt (\(message))")
                }
                output.append(contentsOf: buffer[0..<produced])
                if output.count > limit {
                    throw DocumentError(.tooLarge, "\(prefix)decompresses to more than the limit of \(limit) bytes")
                }
                if status == Z_STREAM_END {
                    // Concatenated gzip members: continue with the next one, if any.
                    if stream.avail_in > 0 {
                        inflateReset(&stream)
                        status = Z_OK
                        continue
                    }
                    break
                }
            } while true
        }
        return output
    }
}

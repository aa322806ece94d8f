import Foundation
import NewsmillCore

/// Near-duplicates across a corpus: syndicated copies of one article on different sites have clean
/// texts whose 64-bit SimHashes differ in a few bits. Documents within `maxDistance` bits of each other
/// (directly or through a chain) form a cluster, named by the smallest id in it; a document alone has
/// no cluster. Candidate pairs come from bands: split into `maxDistance + 1` bands, two hashes that
/// close agree on at least one whole band, so comparing within band buckets finds them all.
public struct NearDuplicates: Sendable {
    public var maxDistance: Int
    /// Texts shorter than this are not compared (empty pages and stubs would all look alike).
    public var minCharacters: Int

    public init(maxDistance: Int, minCharacters: Int) {
        self.maxDistance = maxDistance
        self.minCharacters = minCharacters
    }

    /// Cluster of each document that has near-duplicates: id → cluster id.
    public func clusters(_ hashes: [(id: String, simhash: UInt64)]) -> [String: String] {
        let items = hashes.sorted { $0.id < $1.id }
        var parent = Array(items.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        let bands = maxDistance + 1
        let width = 64 / bands
        for band in 0..<bands {
            let shift = UInt64(band * width)
            let mask: UInt64 = band == bands - 1 ? ~0 >> shift : ((1 << UInt64(width)) - 1)
            var buckets: [UInt64: [Int]] = [:]
            for (index, item) in items.enumerated() { buckets[(item.simhash >> shift) & mask, default: []].append(index) }
            for members in buckets.values where members.count > 1 {
                for a in 0..<members.count {
                    for b in (a + 1)..<members.count where SimHash.distance(items[members[a]].simhash, items[members[b]].simhash) <= maxDistance {
                        let ra = root(members[a]), rb = root(members[b])
                        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
                    }
                }
            }
        }
        var size: [Int: Int] = [:]
        for index in items.indices { size[root(index), default: 0] += 1 }
        var result: [String: String] = [:]
        for index in items.indices where size[root(index)]! > 1 {
            result[items[index].id] = items[root(index)].id
        }
        return result
    }

    public static let fileName = "_clusters.json"

    /// Assigns clusters to the clean folder's documents from the digests in `entries` (SimHash hex,
    /// empty for texts too short to compare); rewrites the documents whose cluster changed and records
    /// the assignment in `_clusters.json`.
    public func assign(folder: StageFolder, entries: [ManifestEntry]) throws {
        let hashes: [(id: String, simhash: UInt64)] = entries.compactMap { entry in
            guard entry.status == .ok, let id = entry.id, let digest = entry.digest, !digest.isEmpty,
                  let value = UInt64(digest, radix: 16) else { return nil }
            return (id, value)
        }
        let clusters = self.clusters(hashes)
        let url = folder.url.appendingPathComponent(NearDuplicates.fileName)
        let previous = (FileManager.default.contents(atPath: url.path)).flatMap { try? JSONDecoder().decode([String: String].self, from: $0) } ?? [:]
        let live = Set(hashes.map(\.id))
        for id in live where clusters[id] != previous[id] {
            let file = folder.output(for: id)
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            // The cluster is one top-level line of the file: it is replaced where it stands, which
            // gives the bytes a re-encoding would (in a corpus of syndicated copies, most files change).
            if let patched = try JSONFiles.replacingTopLevelValue(of: "cluster", in: data, with: clusters[id]) {
                if patched != data { try AtomicFile.write(patched, to: file) }
                continue
            }
            var document = try JSONFiles.decode(CleanDocument.self, from: data, file: file.path)
            if document.cluster == clusters[id] { continue }
            document.cluster = clusters[id]
            try AtomicFile.write(try JSONFiles.encode(document), to: file)
        }
        try AtomicFile.write(try JSONFiles.encode(clusters), to: url)
    }
}

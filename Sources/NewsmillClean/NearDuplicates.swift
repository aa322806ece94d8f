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
    ///
    /// Each band's candidates are found by sorting (band value, document) pairs, so that a corpus costs
    /// one flat array per band rather than a bucket array per document and band.
    public func clusters(_ hashes: [(id: String, simhash: UInt64)]) -> [String: String] {
        let items = hashes.sorted { $0.id < $1.id }
        var parent = Array(items.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        // Unions always keep the smaller root, so each cluster's root is its smallest index (the
        // smallest id), whatever order the pairs are found in.
        var pairs: [(key: UInt64, index: Int)] = []
        pairs.reserveCapacity(items.count)
        for band in 0..<(maxDistance + 1) {
            pairs.removeAll(keepingCapacity: true)
            for index in items.indices { pairs.append((bandKey(items[index].simhash, band: band), index)) }
            pairs.sort { ($0.key, $0.index) < ($1.key, $1.index) }
            var start = 0
            while start < pairs.count {
                var end = start + 1
                while end < pairs.count && pairs[end].key == pairs[start].key { end += 1 }
                if end - start > 1 {
                    for a in start..<end {
                        for b in (a + 1)..<end where SimHash.distance(items[pairs[a].index].simhash, items[pairs[b].index].simhash) <= maxDistance {
                            let ra = root(pairs[a].index), rb = root(pairs[b].index)
                            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
                        }
                    }
                }
                start = end
            }
        }
        var size = [Int](repeating: 0, count: items.count)
        for index in items.indices { size[root(index)] += 1 }
        var result: [String: String] = [:]
        for index in items.indices where size[root(index)] > 1 {
            result[items[index].id] = items[root(index)].id
        }
        return result
    }

    /// The value of band `band` of a hash, of the `maxDistance + 1` bands: two hashes within
    /// `maxDistance` bits agree on at least one band.
    @inline(__always) func bandKey(_ hash: UInt64, band: Int) -> UInt64 {
        let bands = maxDistance + 1
        let width = 64 / bands
        let shift = UInt64(band * width)
        let mask: UInt64 = band == bands - 1 ? ~0 >> shift : ((1 << UInt64(width)) - 1)
        return (hash >> shift) & mask
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

/// Clusters guessed while a run goes on. A document close to one cleaned earlier in the run is given
/// the smaller of its id and that document's cluster; one close to none keeps the cluster the last run
/// gave it. Syndicated copies are then written with their cluster at once, and the `assign` step at the
/// end of the run, which decides, rewrites only the files whose guess was wrong (the first copy of each
/// story, or copies cleaned out of order on several threads).
public final class RunningClusters: @unchecked Sendable {
    private let finder: NearDuplicates
    private let previous: [String: String]
    private let lock = NSLock()
    /// The documents seen so far (id and hash, by number), and for each band the last document seen
    /// with each band value; `nextInBand[band][n]` is the document seen before `n` with the same value
    /// (-1 for none): flat arrays, where a bucket array per band value was one allocation per document and band.
    private var ids: [String] = []
    private var hashes: [UInt64] = []
    private var lastInBand: [[UInt64: Int32]]
    private var nextInBand: [[Int32]]
    private var guesses: [String: String] = [:]

    public init(finder: NearDuplicates, previous: [String: String]) {
        self.finder = finder
        self.previous = previous
        lastInBand = Array(repeating: [:], count: finder.maxDistance + 1)
        nextInBand = Array(repeating: [], count: finder.maxDistance + 1)
    }

    /// The cluster to write document `id` with, from its digest (a SimHash in hex; empty when the text
    /// is too short to compare).
    public func guess(id: String, digest: String) -> String? {
        guard !digest.isEmpty, let hash = UInt64(digest, radix: 16) else { return previous[id] }
        lock.lock()
        defer { lock.unlock() }
        let number = Int32(ids.count)
        ids.append(id)
        hashes.append(hash)
        var cluster: String?
        for band in 0...finder.maxDistance {
            let key = finder.bandKey(hash, band: band)
            var other = lastInBand[band][key] ?? -1
            while other >= 0 {
                let n = Int(other)
                if ids[n] != id && SimHash.distance(hashes[n], hash) <= finder.maxDistance {
                    let theirs = guesses[ids[n]] ?? ids[n]
                    cluster = min(cluster ?? theirs, theirs)
                }
                other = nextInBand[band][n]
            }
            nextInBand[band].append(lastInBand[band][key] ?? -1)
            lastInBand[band][key] = number
        }
        guard let near = cluster else { return previous[id] }
        let mine = min(near, id)
        guesses[id] = mine
        return mine
    }
}

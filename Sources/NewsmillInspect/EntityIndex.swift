import Foundation
import NewsmillCore

/// One entity of the corpus: the same canonical name and type across documents.
public struct IndexedEntity: Codable, Sendable, Equatable {
    public var name: String
    public var type: String
    public var variants: [String]
    public var roles: [String]
    /// Mentions across the corpus.
    public var mentions: Int
    /// Documents that mention it, with how often each does.
    public var documents: [DocumentCount]

    public struct DocumentCount: Codable, Sendable, Equatable {
        public var id: String
        public var mentions: Int
    }
}

/// The corpus's entity index: every entity of the extract stage's files, merged by type and canonical
/// name (case-insensitive), most mentioned first; written as JSON Lines, one entity a line.
public enum EntityIndex {
    public static func build(extractFolder: URL) throws -> [IndexedEntity] {
        let names = try FileManager.default.contentsOfDirectory(atPath: extractFolder.path)
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix("_") && !$0.hasPrefix(".") }.sorted()
        var index: [String: IndexedEntity] = [:]
        for name in names {
            let url = extractFolder.appendingPathComponent(name)
            let data = try Data(contentsOf: url)
            let document = try ExtractDocument.fastDecode(data) ?? JSONFiles.decode(ExtractDocument.self, from: data, file: url.path)
            for entity in document.entities {
                let key = entity.type + "\t" + entity.name.lowercased()
                var entry = index[key] ?? IndexedEntity(name: entity.name, type: entity.type, variants: [], roles: [], mentions: 0, documents: [])
                entry.mentions += entity.mentions.count
                entry.documents.append(.init(id: document.header.id, mentions: entity.mentions.count))
                for variant in entity.variants where !entry.variants.contains(variant) && variant != entry.name { entry.variants.append(variant) }
                for role in entity.roles where !entry.roles.contains(role) { entry.roles.append(role) }
                index[key] = entry
            }
        }
        return index.values.map { entry in
            var sorted = entry
            sorted.variants.sort()
            sorted.roles.sort()
            return sorted
        }.sorted { ($0.mentions, $1.name, $1.type) > ($1.mentions, $0.name, $0.type) }
    }

    /// The index as JSON Lines.
    public static func jsonLines(_ entities: [IndexedEntity]) throws -> Data {
        var data = Data()
        let encoder = JSONFiles.encoder(pretty: false)
        for entity in entities {
            data.append(try encoder.encode(entity))
            data.append(0x0A)
        }
        return data
    }
}

import Foundation

/// The output folder's layout: one folder per stage, numbered in pipeline order.
public enum Layout {
    public struct Stage: Sendable {
        public let name: String
        public let folder: String
        public let schema: String
    }

    public static let stages: [Stage] = [
        Stage(name: "fetch", folder: "1-normalized", schema: Schema.normalized),
        Stage(name: "clean", folder: "2-cleaned", schema: Schema.cleaned),
        Stage(name: "segment", folder: "3-segmented", schema: Schema.segmented),
        Stage(name: "extract", folder: "4-extracted", schema: Schema.extracted),
        Stage(name: "summarize", folder: "5-summarized", schema: Schema.summarized),
    ]
}

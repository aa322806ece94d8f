import Foundation

/// What went wrong with one document. Library code throws these instead of stopping the process;
/// the stage runner records the document as failed, with this message, and goes on with the others.
public struct DocumentError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case unreadable       // the file could not be read
        case empty            // nothing in it
        case tooLarge         // over a documented size limit
        case binary           // not text (an image, an archive…)
        case corrupt          // a compressed or structured file that does not decode
        case invalidInput     // JSON from an earlier stage that does not fit its schema
        case unsupported      // a kind of input this stage does not take
        case network          // fetching failed
        case internalError    // a bug: please report it
    }
    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// A problem with the run itself (bad options, unwritable output folder): the whole run stops.
public struct RunError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

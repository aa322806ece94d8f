import ArgumentParser

/// Options of the stages that also take plain text files directly.
public struct TextOptions: ParsableArguments {
    @Flag(help: "Inputs are plain UTF-8 text files (the file stem is the document id), not the previous stage's JSON; the earlier stages run in-process.")
    public var text = false

    @Flag(help: "With --text: take the text as it is (paragraphs between blank lines), without the clean stage's boilerplate removal.")
    public var asIs = false

    public init() {}

    public func validate() throws {
        if asIs && !text { throw ValidationError("--as-is goes with --text") }
    }
}

import ArgumentParser
import Foundation
import NewsmillCLI
import NewsmillClean
import NewsmillCore
import NewsmillSegment

@main
struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsmill-segment",
        abstract: "Stage 3, segment: paragraphs, sentences and tokens, with offsets into the clean text.",
        discussion: """
        Reads clean documents (the <id>.json files newsmill-clean writes; a folder stands for all of them), \
        or plain UTF-8 text files with --text. Paragraphs are the clean stage's blocks; sentences are found \
        within paragraphs by ordered rules (abbreviations and initials from Pipelines/segment/, quotation \
        marks, capitals after a full stop); tokens are words, numbers, punctuation, URLs, e-mail addresses, \
        handles and hashtags, with English contractions split.

        Writes one OUT/<id>.json per document (format: Pipelines/schemas/segmented.schema.json): the text, \
        `paragraphs`, and `sentences` with `start`/`end` (Unicode scalars into `text`, end exclusive), the \
        paragraph index, whether the sentence lies inside a quotation, and its tokens.

        Exit status: 0 all documents done; 1 some documents failed (the others are written); 2 the run \
        could not start.
        """
    )

    @OptionGroup var stage: StageOptions
    @OptionGroup var textOptions: TextOptions

    @Argument(help: ArgumentHelp("Clean document files or folders of them (or text files with --text; with --jsonl, JSON Lines files, standard input when none).", valueName: "input"))
    var inputs: [String] = []

    func validate() throws {
        try stage.validate(inputs: inputs)
    }

    func run() throws {
        runStage("newsmill-segment", quiet: stage.quiet) {
            try stage.printSettingsIfAsked(SegmentSettings())
            let segmenter = try Segmenter.load(settingsFile: stage.settings, pipelines: stage.pipelines)
            if textOptions.text {
                let cleaner = try Cleaner.load(settingsFile: nil, pipelines: stage.pipelines)
                let asIs = textOptions.asIs
                return try stage.run(stage: "segment", text: true, inputs: inputs) { input in
                    let clean = try cleaner.documentFromTextFile(input, removeBoilerplate: !asIs)
                    return SegmentJSON.encode(segmenter.segment(clean))
                }
            }
            return try stage.run(stage: "segment", inputs: inputs, transform: segmenter.transform)
        }
    }
}

import ArgumentParser
import Foundation
import NewsmillCLI
import NewsmillClean
import NewsmillCore
import NewsmillExtract
import NewsmillSegment

@main
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsmill-extract",
        abstract: "Stage 4, extract: entities, quotations with speakers, dates, quantities and keyphrases.",
        discussion: """
        Reads segment documents (the <id>.json files newsmill-segment writes; a folder stands for all of \
        them), or plain UTF-8 text files with --text (cleaned and segmented in-process).

        Writes one OUT/<id>.json per document (format: Pipelines/schemas/extracted.schema.json): \
        `entities` (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, MISC; one per referent, with its canonical \
        name, variants, roles and mentions), `quotes` (direct, indirect or phrase, each with its spans, \
        cue and speaker), `dates` (TIMEX3 type and value, resolved against the publication date or \
        --published), `quantities` (value, unit, bound and the noun counted) and `keyphrases`. All \
        offsets count Unicode scalars into `text`, end exclusive.

        Exit status: 0 all documents done; 1 some documents failed (the others are written); 2 the run \
        could not start.
        """
    )

    @OptionGroup var stage: StageOptions
    @OptionGroup var textOptions: TextOptions

    @Option(help: ArgumentHelp("Date (YYYY-MM-DD) to resolve relative dates against, instead of each document's publication date.", valueName: "date"))
    var published: String?

    @Option(help: ArgumentHelp("Find only these kinds of annotation, comma-separated: entities, quotes, dates, quantities, keyphrases (quotes bring entities, quantities bring dates); the others stay empty and the file lists what was looked for in `components`.", valueName: "kinds"))
    var only: String?

    @Argument(help: ArgumentHelp("Segment document files or folders of them (or text files with --text; with --jsonl, JSON Lines files, standard input when none).", valueName: "input"))
    var inputs: [String] = []

    func validate() throws {
        try stage.validate(inputs: inputs)
        if let only {
            do { _ = try Extractor.Component.parse(only) } catch let error as RunError { throw ValidationError(error.message) }
        }
        if let published, DateText.iso(published).map({ $0.count == 10 && published.hasPrefix($0) }) != true {
            throw ValidationError("--published takes a date as YYYY-MM-DD, not \"\(published)\"")
        }
    }

    func run() throws {
        runStage("newsmill-extract", quiet: stage.quiet) {
            try stage.printSettingsIfAsked(ExtractSettings())
            let extractor = try Extractor.load(settingsFile: stage.settings, pipelines: stage.pipelines)
            let anchor = published
            let kinds = try only.map { try Extractor.Component.parse($0) }
            if textOptions.text {
                let cleaner = try Cleaner.load(settingsFile: nil, pipelines: stage.pipelines)
                let segmenter = try Segmenter.load(settingsFile: nil, pipelines: stage.pipelines)
                let asIs = textOptions.asIs
                return try stage.run(stage: "extract", text: true, inputs: inputs) { input in
                    let clean = try cleaner.documentFromTextFile(input, removeBoilerplate: !asIs)
                    return extractor.extract(segmenter.segment(clean), anchor: anchor, only: kinds).prettyJSON()
                }
            }
            return try stage.run(stage: "extract", inputs: inputs) { try extractor.transform($0, anchor: anchor, only: kinds) }
        }
    }
}

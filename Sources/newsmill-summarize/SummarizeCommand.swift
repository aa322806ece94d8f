import ArgumentParser
import Foundation
import NewsmillCLI
import NewsmillClean
import NewsmillCore
import NewsmillExtract
import NewsmillSegment
import NewsmillSummarize

@main
struct SummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsmill-summarize",
        abstract: "Stage 5, summarize: a short extractive summary and a digest of each article.",
        discussion: """
        Reads extract documents (the <id>.json files newsmill-extract writes; a folder stands for all of \
        them), or plain UTF-8 text files with --text (cleaned, segmented and extracted in-process).

        The summary takes whole sentences of the article, in article order, chosen by a score of lead \
        position, centrality, the headline's words, the main entities and attributed quotations, less \
        for a question or a picture's caption run into the text (weights in Pipelines/summarize.json); a \
        sentence that opens with a pronoun or "But", or a quotation whose speaker is only "he", is taken \
        only with the sentence before it, and one that carries a page's "Scroll down for video" is not \
        taken.

        Writes one OUT/<id>.json per document (format: Pipelines/schemas/summarized.schema.json): \
        `summary`, `sentences` (indices into the extract file's sentences), `digest` (who, what, where, \
        when, statements, numbers) and `keyphrases`.

        Exit status: 0 all documents done; 1 some documents failed (the others are written); 2 the run \
        could not start.
        """
    )

    @OptionGroup var stage: StageOptions
    @OptionGroup var textOptions: TextOptions

    @Option(help: ArgumentHelp("Sentences in each summary (default 3).", valueName: "n"))
    var sentences: Int?

    @Option(help: ArgumentHelp("Word budget of each summary, instead of a sentence count.", valueName: "n"))
    var words: Int?

    @Flag(name: .shortAndLong, help: "Print each decision on standard error: every candidate sentence's score and its parts, why a sentence was passed over, what was chosen; meant for one document at a time.")
    var verbose = false

    @Argument(help: ArgumentHelp("Extract document files or folders of them (or text files with --text; with --jsonl, JSON Lines files, standard input when none).", valueName: "input"))
    var inputs: [String] = []

    func validate() throws {
        try stage.validate(inputs: inputs)
        if let sentences, sentences < 1 { throw ValidationError("--sentences must be at least 1") }
        if let words, words < 1 { throw ValidationError("--words must be at least 1") }
        if sentences != nil && words != nil { throw ValidationError("give --sentences or --words, not both") }
    }

    func run() throws {
        runStage("newsmill-summarize", quiet: stage.quiet) {
            try stage.printSettingsIfAsked(SummarizeSettings())
            var loaded = try Summarizer.load(settingsFile: stage.settings)
            if verbose {
                loaded.trace = { FileHandle.standardError.write(Data("newsmill-summarize: \($0)\n".utf8)) }
            }
            let summarizer = loaded
            let (sentences, words) = (self.sentences, self.words)
            if textOptions.text {
                let cleaner = try Cleaner.load(settingsFile: nil, pipelines: stage.pipelines)
                let segmenter = try Segmenter.load(settingsFile: nil, pipelines: stage.pipelines)
                let extractor = try Extractor.load(settingsFile: nil, pipelines: stage.pipelines)
                let asIs = textOptions.asIs
                return try stage.run(stage: "summarize", text: true, inputs: inputs) { input in
                    let clean = try cleaner.documentFromTextFile(input, removeBoilerplate: !asIs)
                    let extracted = extractor.extract(segmenter.segment(clean))
                    return summarizer.summarize(extracted, sentences: sentences, words: words).prettyJSON()
                }
            }
            return try stage.run(stage: "summarize", inputs: inputs) { try summarizer.transform($0, sentences: sentences, words: words) }
        }
    }
}

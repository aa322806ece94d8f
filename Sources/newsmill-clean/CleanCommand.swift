import ArgumentParser
import Foundation
import NewsmillCLI
import NewsmillClean
import NewsmillCore

@main
struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsmill-clean",
        abstract: "Stage 2, clean: keep the article and its metadata, drop the rest of the page.",
        discussion: """
        Reads normalized documents (the <id>.json files newsmill-fetch writes; a folder stands for all of \
        them). HTML is parsed with libxml2; the article is found by a cascade (itemprop=articleBody, known \
        content containers, <article>, paragraph scoring, the whole page) and everything else is dropped: \
        navigation, ads, share bars, teasers, cookie and legal notices. Plain text gets the same removal, \
        line by line.

        Writes one OUT/<id>.json per document (format: Pipelines/schemas/cleaned.schema.json) with the \
        title, authors, publication date, language, site, URL and `text`: the article, its blocks \
        (headings, paragraphs, list items, quotes, captions, tables) separated by one blank line, each \
        with its offsets. `removed` lists what was dropped and why. OUT/_manifest.json and \
        OUT/_errors.jsonl account for every input.

        Exit status: 0 all documents done; 1 some documents failed (the others are written); 2 the run \
        could not start.
        """
    )

    @OptionGroup var stage: StageOptions

    @Flag(name: .shortAndLong, help: "Print each decision of the extraction cascade (what was pruned and why, which container won) on standard error; meant for one document at a time.")
    var verbose = false

    @Argument(help: ArgumentHelp("Normalized document files, or folders of them (with --jsonl, JSON Lines files, standard input when none).", valueName: "input"))
    var inputs: [String] = []

    func validate() throws {
        try stage.validate(inputs: inputs)
    }

    func run() throws {
        runStage("newsmill-clean", quiet: stage.quiet) {
            try stage.printSettingsIfAsked(CleanSettings())
            var cleaner = try Cleaner.load(settingsFile: stage.settings, pipelines: stage.pipelines)
            if verbose {
                cleaner.trace = { FileHandle.standardError.write(Data("newsmill-clean: \($0)\n".utf8)) }
            }
            if stage.jsonl {
                // A stream has no output folder to compare against: near-duplicate clusters, which need
                // the whole corpus, are left to the per-file mode.
                return try stage.run(stage: "clean", inputs: inputs, producing: cleaner.transform)
            }
            var runner = try stage.runner(stage: "clean")
            // Near-duplicates are found across everything in the output folder after each run.
            let clusters = (try? Data(contentsOf: runner.folder.url.appendingPathComponent(NearDuplicates.fileName)))
                .flatMap { try? JSONDecoder().decode([String: String].self, from: $0) } ?? [:]
            let running = RunningClusters(finder: cleaner.nearDuplicates, previous: clusters)
            cleaner.clusterGuess = { running.guess(id: $0, digest: $1) }
            let (nearDuplicates, folder) = (cleaner.nearDuplicates, runner.folder)
            runner.finish = { try nearDuplicates.assign(folder: folder, entries: $0) }
            let reader = cleaner
            runner.digestOfOutput = { reader.digest(ofOutput: $0) }
            return try runner.run(inputs, producing: cleaner.transform).summary
        }
    }
}

import ArgumentParser
import Foundation
import NewsmillCLI
import NewsmillCore
import NewsmillFetch

@main
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsmill-fetch",
        abstract: "Stage 1, fetch-normalize: turn a corpus folder into normalized documents.",
        discussion: """
        Reads every file below each CORPUS folder (or each CORPUS file): HTML (.html, .htm, .xhtml) and \
        plain text (.txt), each also gzip-compressed (.gz). Each document's character set is decided as \
        browsers decide it (byte-order mark, <meta charset>, valid UTF-8, else windows-1252) and recorded; \
        the text is decoded, put in Unicode NFC with "\\n" newlines and no control characters.

        Writes one OUT/<id>.json per document (format: Pipelines/schemas/normalized.schema.json). The id is \
        a slug of the file name and a hash of its path relative to the corpus folder, so it is stable across \
        runs. Files with the same content as an earlier one are recorded as duplicates and not written again. \
        OUT/_manifest.json accounts for every file (ok, duplicate, skipped, failed with reason) and \
        OUT/_errors.jsonl lists the failures. A file older than the last run's manifest is not read again.

        Exit status: 0 all documents done; 1 some documents failed (the others are written); 2 the run \
        could not start (bad options, unwritable folder).
        """
    )

    @OptionGroup var stage: StageOptions

    @Argument(help: ArgumentHelp("Corpus folders or files.", valueName: "corpus"))
    var corpus: [String]

    func validate() throws {
        if corpus.isEmpty { throw ValidationError("give at least one corpus folder or file") }
        if corpus.count > 1 { throw ValidationError("give one corpus folder (ids are relative to it)") }
    }

    func run() throws {
        runStage("newsmill-fetch", quiet: stage.quiet) {
            let settings = try Settings.load(FetchSettings(), from: stage.settings)
            var fetch = FetchStage(settings: settings, folder: try StageFolder(stage: "fetch", path: stage.out))
            fetch.force = stage.force
            fetch.jobs = stage.jobs
            return try fetch.run(corpus: corpus[0])
        }
    }
}

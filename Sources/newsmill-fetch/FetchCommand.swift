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
        Reads every file below the CORPUS folder (or the CORPUS file):
          - HTML (.html, .htm, .xhtml) and plain text (.txt), each also gzip-compressed (.gz);
          - URL lists (.urls: one http or https URL a line, # starts a comment), fetched over HTTP with \
        time-outs, bounded retries with backoff, a redirect limit, a size cap, a pause between requests \
        to the same host, robots.txt honoured, and a response cache (OUT/_http-cache) so that a rerun asks \
        only whether each page changed (If-None-Match / If-Modified-Since); loopback and private addresses \
        are refused (also as redirect targets) unless --allow-private-addresses, or --allow-host for one host;
          - web archives (.warc, .warc.gz), streamed record by record: every response record with an HTML \
        payload becomes a document with its target URI and capture date; other records are counted; a \
        corrupt record is recorded and the records after it are still read.

        Each document's character set is decided as browsers decide it (byte-order mark, HTTP \
        Content-Type, <meta charset>, valid UTF-8, else windows-1252) and recorded; the text is decoded \
        and put in Unicode NFC with "\\n" newlines and no control characters.

        Writes one OUT/<id>.json per document (format: Pipelines/schemas/normalized.schema.json). Ids are \
        stable: a slug of the name and a hash of the path relative to the corpus folder, of the URL, or \
        of the target URI and capture date. Documents with the same content as an earlier one are \
        recorded as duplicates and not written again. OUT/_manifest.json accounts for every input (ok, \
        duplicate, skipped, failed with reason; URL lists and archives as containers) and \
        OUT/_errors.jsonl lists the failures. A file older than the last run's manifest is not read \
        again (use --force to re-read, and re-validate URLs).

        With --jsonl it is a streaming filter: each input line is an object, {"html": …} or {"text": …} (a \
        page given inline, with optional "url", "id" and "fetchedAt"), {"url": …} alone (fetched over \
        HTTP), or {"path": …} (a file read as above, a web archive included; with "corpus": FOLDER the path is \
        relative to it and the document gets the id it has in a run over FOLDER); each document is one output \
        line on standard output, and an input that gives none is an account record ({"error": …} or \
        {"skipped": …}, duplicates of an earlier document included). The other stages take these lines \
        with their own --jsonl.

        Exit status: 0 all documents done; 1 some documents failed (the others are written); 2 the run \
        could not start (bad options, unwritable folder).
        """
    )

    @OptionGroup var stage: StageOptions

    @Flag(help: "Let URL lists reach loopback, private and link-local addresses (refused by default).")
    var allowPrivateAddresses = false

    @Option(name: .customLong("allow-host"), help: ArgumentHelp("Let URL lists reach this host even if it resolves to a private address (repeatable).", valueName: "host"))
    var allowedHosts: [String] = []

    @Option(help: ArgumentHelp("Folder for the HTTP response cache (default: OUT/_http-cache).", valueName: "dir"))
    var cache: String?

    @Argument(help: ArgumentHelp("The corpus folder or file (with --jsonl: JSON Lines files, standard input when none).", valueName: "corpus"))
    var corpus: [String] = []

    func validate() throws {
        if stage.jsonl || stage.printSettings { return }
        if corpus.isEmpty { throw ValidationError("give the corpus folder or file (or stream with --jsonl)") }
        if corpus.count > 1 { throw ValidationError("give one corpus folder (ids are relative to it)") }
    }

    func run() throws {
        runStage("newsmill-fetch", quiet: stage.quiet) {
            try stage.printSettingsIfAsked(FetchSettings())
            let settings = try Settings.load(FetchSettings(), from: stage.settings)
            if stage.jsonl {
                var fetch = FetchStage(settings: settings, folder: nil)
                fetch.jobs = stage.jobs
                fetch.showProgress = !stage.quiet
                fetch.allowPrivateAddresses = allowPrivateAddresses
                fetch.allowedHosts = Set(allowedHosts)
                fetch.cacheFolder = cache.map { URL(fileURLWithPath: $0, isDirectory: true) }
                return try fetch.stream(corpus)
            }
            var fetch = FetchStage(settings: settings, folder: try StageFolder(stage: "fetch", path: stage.out ?? ""))
            fetch.showProgress = !stage.quiet
            fetch.force = stage.force
            fetch.jobs = stage.jobs
            fetch.allowPrivateAddresses = allowPrivateAddresses
            fetch.allowedHosts = Set(allowedHosts)
            fetch.cacheFolder = cache.map { URL(fileURLWithPath: $0, isDirectory: true) }
            return try fetch.run(corpus: corpus[0])
        }
    }
}

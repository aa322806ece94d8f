import ArgumentParser
import Foundation
import NewsmillCore
import NewsmillExtract

@main
struct TrainNERCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsmill-train-ner",
        abstract: "Trains the extract stage's name tagger (an averaged perceptron) on CoNLL-2003 data.",
        discussion: """
        Reads a CoNLL-2003 file: one token a line as `TOKEN POS CHUNK NER` (only the first and last \
        columns are used), NER tags O or B-/I- with PER, ORG, LOC, MISC (IOB1 or IOB2), a blank line \
        between sentences, `-DOCSTART-` lines between documents. Use the training half, eng.train; \
        never the development or test half.

        Writes the model file the extract stage loads (default: Pipelines/extract/ner/conll2003-en.model, \
        a binary file of sorted feature hashes and Float32 weights, format in NERTagger.swift). The \
        features use the gazetteers of Pipelines/extract/gazetteer/, so retrain after changing them. \
        Training is deterministic: the same data, gazetteers, seed and passes give the same bytes.

        Exit status: 0 the model was written; 2 it could not be (unreadable data, a bad tag, an \
        unwritable output).
        """
    )

    @Option(help: ArgumentHelp("The CoNLL-2003 training file (eng.train).", valueName: "file"))
    var data: String

    @Option(help: ArgumentHelp("A development file in the same format (eng.testa): the trained model's scores on it are printed.", valueName: "file"))
    var dev: String?

    @Option(help: ArgumentHelp("Write the development file's tokens with gold and predicted tags here (TOKEN GOLD PRED).", valueName: "file"))
    var devPredictions: String?

    @Option(help: ArgumentHelp("Where to write the model (default: Pipelines/extract/ner/conll2003-en.model of the Pipelines folder).", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("The Pipelines folder (gazetteers); default: found as the stages find it.", valueName: "dir"))
    var pipelines: String?

    @Option(help: "Passes over the training data.")
    var epochs = NERTrainingSettings().epochs

    @Option(help: "Seed of the shuffle before each pass.")
    var seed = NERTrainingSettings().seed

    @Option(help: "Runs with different shuffles (seed, seed+1, …) whose weights are averaged into the model.")
    var runs = NERTrainingSettings().runs

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if epochs < 1 || epochs > 100 { throw ValidationError("--epochs takes 1 to 100, not \(epochs)") }
        if runs < 1 || runs > 100 { throw ValidationError("--runs takes 1 to 100, not \(runs)") }
    }

    func run() throws {
        do {
            let folder = try PipelinesFolder.locate(explicit: pipelines)
            let output = out.map { URL(fileURLWithPath: $0) } ?? folder.appendingPathComponent("extract/ner/conll2003-en.model")
            var settings = NERTrainingSettings()
            settings.epochs = epochs
            settings.seed = seed
            settings.runs = runs
            let quiet = self.quiet
            let report = try NERTrainer.run(conll: URL(fileURLWithPath: data), development: dev.map { URL(fileURLWithPath: $0) },
                                            developmentPredictions: devPredictions.map { URL(fileURLWithPath: $0) }, pipelines: folder, output: output, settings: settings) { line in
                if !quiet { print("newsmill-train-ner: \(line)") }
            }
            if !quiet { print("newsmill-train-ner: \(report)") }
        } catch {
            FileHandle.standardError.write(Data("newsmill-train-ner: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

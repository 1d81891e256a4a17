import ArgumentParser
import Foundation
import Ingest
import Pipeline
import Snapshot

/// `precis eval snapshots DIR --questions FILE`: what each snapshot codec
/// costs in answers, so the default codec is chosen by measurement.
struct EvalSnapshotsCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshots",
        abstract: "Measure each snapshot codec's size and the answers it changes.",
        discussion: """
        Reads each document of the questions file from DIR, prefills the passage that best \
        matches each question (the one `precis ask` would answer from) and answers the question \
        greedily after the in-memory cache. Then, for each codec, writes the cache as a snapshot, \
        reads it back and answers again.

        bytes/token: snapshot bytes over the passages' tokens. identical: answers equal token for \
        token to the in-memory cache's. agreement: mean share of the in-memory answer reproduced \
        before the first difference. correct: answers matching the question's answer pattern \
        (in-memory: the first line). answer NLL: mean negative log-likelihood of the in-memory \
        answers after the restored cache, and its difference from the in-memory cache's.
        """
    )

    @Argument(help: ArgumentHelp("Directory of the evaluation documents.", valueName: "dir"), completion: .directory)
    var directory: String
    @Option(help: ArgumentHelp("Questions file (YAML): questions and answer patterns per document.", valueName: "file"),
            completion: .file())
    var questions: String
    @Option(help: ArgumentHelp("Codecs to measure, comma-separated, each optionally with the sparsity of the snapshot "
                               + "(int4@0.75: the heads the pattern gates lowest up to that fraction keep only their "
                               + "window in the snapshot); default: every codec.", valueName: "list"))
    var codecs: String?
    @Option(name: [.customShort("n"), .long], help: "Tokens each answer may take.") var tokens = 48
    @OptionGroup var options: DocumentOptions
    @Flag(help: "Print the report as JSON on stdout.") var json = false
    @OptionGroup var log: LogOptions

    func validate() throws {
        guard tokens >= 1 else { throw ValidationError("-n must be at least 1") }
        _ = try chosenCodecs()
    }

    func run() throws {
        let file = try QuestionFile.load(URL(fileURLWithPath: questions))
        let reading = try options.reading()
        var probes: [SnapshotCodecEvaluation.Probe] = []
        for (name, asked) in file.documents {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
            let passages = try Passage.of(try Ingester().ingest(url), name: name, reading: reading)
            for question in asked {
                let passage = QuestionAnswerer.relevant(passages, to: question.question, count: 1).first ?? passages[0]
                probes.append(.init(document: name, passage: passage, question: question))
            }
        }
        var evaluation = SnapshotCodecEvaluation(reading: reading, codecs: try chosenCodecs())
        evaluation.answerTokens = tokens
        let report = try evaluation.run(probes) { if !json { Console.progress($0) } }
        if json { return try Console.printJSON(report) }
        print(Self.markdown(report))
    }

    private func chosenCodecs() throws -> [SnapshotCodecEvaluation.Variant] {
        guard let codecs else { return SnapshotCodec.allCases.map { .init(codec: $0) } }
        return try codecs.split(separator: ",").map {
            guard let variant = SnapshotCodecEvaluation.Variant(name: $0.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("unknown codec '\($0)' in --codecs; choose from "
                    + "\(SnapshotCodec.allValueStrings.joined(separator: ", ")), each optionally with @SPARSITY (int4@0.75)")
            }
            return variant
        }
    }

    static func markdown(_ r: SnapshotCodecEvaluation.Report) -> String {
        var lines = [
            "\(r.probes) questions over \(r.passages) passages (\(r.documentTokens) tokens), answers of up to "
                + "\(r.answerTokens) tokens; \(String(format: "%.0f s", r.seconds))",
            "",
            "| codec | bytes | bytes/token | identical | agreement | correct | answer NLL | Δ NLL |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
            "| in memory | | | \(r.probes)/\(r.probes) | 1.000 | \(r.baselineCorrect)/\(r.probes) | "
                + String(format: "%.4f | |", r.baselineNLL),
        ]
        for row in r.rows {
            lines.append("| \(row.codec) | \(row.bytes) | " + String(format: "%.0f", row.bytesPerToken)
                + " | \(row.identical)/\(r.probes) | " + String(format: "%.3f", row.agreement)
                + " | \(row.correct)/\(r.probes) | " + String(format: "%.4f | %+.4f |", row.answerNLL, row.answerNLL - r.baselineNLL))
        }
        return lines.joined(separator: "\n")
    }
}

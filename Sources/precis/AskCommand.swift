import ArgumentParser
import Foundation
import Pipeline

/// `precis ask FILE QUESTION...`: answer questions about a document from its snapshot.
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Answer questions about a document, from its snapshot when one is saved.",
        discussion: """
        Loads FILE's snapshot (prefilling and saving it first when it is missing or stale: \
        made with another model, pattern or settings, or damaged), appends only the question \
        and generates the answer. Several questions are each answered from the same \
        document state: no question sees another. --no-snapshot prefills from scratch and \
        neither reads nor writes snapshots.

        --json prints {"question", "answer", "tokens", "from_snapshot", "prefill_seconds", \
        "answer_seconds"} (an array for several questions), where prefill_seconds is the \
        time to get the document ready (loading or prefilling) and tokens the answer's length.
        """
    )

    @Argument(help: "The document.", completion: .file()) var file: String
    @Argument(help: "One or more questions.") var questions: [String]
    @OptionGroup var options: DocumentOptions
    @OptionGroup var sampling: SamplingFlags
    @Flag(help: "Prefill from scratch; do not read or write snapshots.") var noSnapshot = false
    @Flag(help: "Print JSON instead of streaming the answer.") var json = false

    func validate() throws {
        guard !questions.isEmpty else { throw ValidationError("give at least one question") }
    }

    func run() throws {
        let text = try DocumentOptions.documentText(file)
        let reading = try options.reading()
        let reader = DocumentReader(reading: reading, store: noSnapshot ? nil : try DocumentOptions.store(),
                                    codec: options.codec, reserve: max(768, sampling.maxTokens + 256))
        let progress = ProgressLine()
        let document = try reader.read(text, source: file, progress: progress.prefill(label: file))
        progress.finish()
        if let reason = document.staleReason { Console.progress("note: prefilled again: \(reason)") }
        if !json {
            Console.progress(document.fromSnapshot
                ? String(format: "%@: loaded from its snapshot in %.2f s (%d tokens)", file, document.seconds, document.tokens.count)
                : String(format: "%@: prefilled %d tokens in %.1f s", file, document.tokens.count, document.seconds))
        }
        let settings = AnswerSettings(sampling: sampling.options, maxTokens: sampling.maxTokens)
        var reports: [AskReport] = []
        for question in questions {
            if !json && questions.count > 1 { write("Q: \(question)\nA: ") }
            let answer = try document.answer(question, with: reading, settings: settings) { piece in
                if !json { write(piece) }
            }
            if !json { write(questions.count > 1 ? "\n\n" : "\n") }
            reports.append(AskReport(question: question, answer: answer, document: document))
        }
        if json {
            if reports.count == 1 { try Console.printJSON(reports[0]) } else { try Console.printJSON(reports) }
        }
    }
}

/// Writes to stdout unbuffered, in order with the streamed answer.
private func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// One answer as `precis ask --json` prints it.
struct AskReport: Encodable {
    var question: String
    var answer: String
    var tokens: Int
    var fromSnapshot: Bool
    var prefillSeconds: Double
    var answerSeconds: Double
    var documentTokens: Int

    init(question: String, answer: Answer, document: PrefilledDocument) {
        self.question = question
        self.answer = answer.text
        tokens = answer.tokens.count
        fromSnapshot = document.fromSnapshot
        prefillSeconds = document.seconds
        answerSeconds = answer.seconds
        documentTokens = document.tokens.count
    }

    enum CodingKeys: String, CodingKey {
        case question, answer, tokens, fromSnapshot = "from_snapshot", prefillSeconds = "prefill_seconds",
             answerSeconds = "answer_seconds", documentTokens = "document_tokens"
    }
}

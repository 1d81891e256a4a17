import ArgumentParser
import Foundation
import Pipeline

/// `precis chat FILE`: a conversation about one document.
struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Hold a conversation about a document, starting from its snapshot.",
        discussion: """
        Loads (or prefills and saves) FILE's snapshot, then reads questions from stdin, \
        one per line, and streams each answer. Every answer sees the document and the \
        conversation so far. Commands: /reset starts over from the document alone, \
        /quit (or end of input) leaves.
        """
    )

    @Argument(help: "The document.", completion: .file()) var file: String
    @OptionGroup var options: DocumentOptions
    @OptionGroup var sampling: SamplingFlags
    @Flag(help: "Prefill from scratch; do not read or write snapshots.") var noSnapshot = false

    func run() throws {
        let text = try DocumentOptions.documentText(file)
        let reading = try options.reading()
        let reader = DocumentReader(reading: reading, store: noSnapshot ? nil : try DocumentOptions.store(),
                                    codec: options.codec, reserve: max(768, sampling.maxTokens + 256))
        let progress = ProgressLine()
        let document = try reader.read(text, source: file, progress: progress.prefill(label: file))
        progress.finish()
        let interactive = isatty(STDIN_FILENO) != 0
        Console.progress("\(file): \(document.tokens.count) tokens "
            + (document.fromSnapshot ? "loaded from its snapshot" : "prefilled")
            + (interactive ? ". Ask away; /reset starts over, /quit leaves." : ""))
        let settings = AnswerSettings(sampling: sampling.options, maxTokens: sampling.maxTokens)
        var conversation = Conversation(document: document, reading: reading)
        while true {
            if interactive { FileHandle.standardError.write(Data("> ".utf8)) }
            guard let line = readLine() else { break }
            let question = line.trimmingCharacters(in: .whitespaces)
            if question.isEmpty { continue }
            if question == "/quit" || question == "/exit" { break }
            if question == "/reset" {
                conversation = Conversation(document: document, reading: reading)
                Console.progress("(conversation reset)")
                continue
            }
            do {
                _ = try conversation.ask(question, settings: settings) { piece in
                    FileHandle.standardOutput.write(Data(piece.utf8))
                }
                print("")
            } catch let error as ReadingError {
                Console.progress("error: \(error); /reset to start over")
            }
        }
    }
}

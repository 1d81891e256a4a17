import ArgumentParser
import Foundation
import Ingest
import Pipeline

/// `precis chat FILE`: a conversation about one document.
struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Hold a conversation about a document, starting from its snapshot.",
        discussion: """
        Loads (or prefills and saves) FILE's snapshot, then reads questions from stdin, \
        one per line, and streams each answer. Every answer sees the document and the \
        conversation so far. A document longer than the context is read in segments: each \
        question goes to the conversation of the segment that matches it best. Commands: \
        /reset starts over from the document alone, /quit (or end of input) leaves.
        """
    )

    @Argument(help: "The document.", completion: .file()) var file: String
    @OptionGroup var options: DocumentOptions
    @OptionGroup var sampling: SamplingFlags
    @Flag(help: "Prefill from scratch; do not read or write snapshots.") var noSnapshot = false

    func run() throws {
        let reading = try options.reading()
        let reader = DocumentReader(reading: reading, store: noSnapshot ? nil : try DocumentOptions.store(), codec: options.codec)
        let passages = try Passage.of(try Ingester().ingest(URL(fileURLWithPath: file)), name: file, reading: reading)
        let interactive = isatty(STDIN_FILENO) != 0
        Console.progress("\(file): \(passages.count) segment\(passages.count == 1 ? "" : "s")"
            + (interactive ? ". Ask away; /reset starts over, /quit leaves." : ""))
        let settings = AnswerSettings(sampling: sampling.options, maxTokens: min(sampling.maxTokens, reading.requestRoom - 256))
        var conversations: [Int: Conversation] = [:]
        let progress = ProgressLine()
        while true {
            if interactive { FileHandle.standardError.write(Data("> ".utf8)) }
            guard let line = readLine() else { break }
            let question = line.trimmingCharacters(in: .whitespaces)
            if question.isEmpty { continue }
            if question == "/quit" || question == "/exit" { break }
            if question == "/reset" {
                conversations = [:]
                Console.progress("(conversation reset)")
                continue
            }
            guard let passage = QuestionAnswerer.relevant(passages, to: question, count: 1).first else { continue }
            do {
                if conversations[passage.position] == nil {
                    let document = try reader.read(passage.text, source: passage.source, progress: progress.prefill(label: file))
                    progress.finish()
                    conversations[passage.position] = Conversation(document: document, reading: reading)
                }
                if passages.count > 1 { Console.progress("[\(passage.citation)]") }
                _ = try conversations[passage.position]!.ask(question, settings: settings) { piece in
                    FileHandle.standardOutput.write(Data(piece.utf8))
                }
                print("")
            } catch let error as ReadingError {
                Console.progress("error: \(error); /reset to start over")
            }
        }
    }
}

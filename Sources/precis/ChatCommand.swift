import ArgumentParser
import Foundation
import Ingest
import Pipeline

/// `precis chat FILE`: a conversation about one document.
struct ChatCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Hold a conversation about a document, starting from its snapshot.",
        discussion: """
        Loads (or prefills and saves) FILE's snapshot, then reads questions from stdin, \
        one per line, and streams each answer. Every answer sees the document and the \
        conversation so far. A document longer than the context is read in segments: each \
        question goes to the conversation of the segment that matches it best. Commands: \
        /help lists them, /reset starts over from the document alone, /quit (or end of input) \
        leaves. On a terminal the line can be edited and Up/Down browse earlier questions (kept in \
        the state directory's chat-history); Ctrl-C stops an answer and keeps the chat.
        """
    )

    @Argument(help: "The document.", completion: .file()) var file: String
    @OptionGroup var options: DocumentOptions
    @OptionGroup var sampling: SamplingFlags
    @Flag(help: "Prefill from scratch; do not read or write snapshots.") var noSnapshot = false

    static let help = """
        Type a question and press Enter; the answer streams below it.
          /help    this list
          /reset   start over from the document alone
          /quit    leave (also /exit, Ctrl-D)
        Ctrl-C stops an answer and keeps the chat; Up and Down browse earlier questions.
        """
    @OptionGroup var log: LogOptions

    func run() throws {
        let reading = try options.reading()
        let reader = options.reader(reading, store: noSnapshot ? nil : try DocumentOptions.store())
        let document = try Ingester().ingest(URL(fileURLWithPath: file))
        Console.warnings(of: document, name: file)
        let passages = try Passage.of(document, name: file, reading: reading)
        let interactive = isatty(STDIN_FILENO) != 0
        Console.progress("\(file): \(passages.count) segment\(passages.count == 1 ? "" : "s")"
            + (interactive ? ". Ask away; /help lists the commands." : ""))
        let maxTokens = min(sampling.maxTokens, reading.requestRoom - 256)
        var settings = AnswerSettings(sampling: sampling.options, maxTokens: maxTokens)
        let stop = AnswerInterrupt()
        stop.install()
        settings.interrupt = { stop.isRequested }
        let editor = interactive ? LineEditor(historyFile: PrecisPaths.fromEnvironment().state.appendingPathComponent("chat-history")) : nil
        var conversations: [Int: Conversation] = [:]
        let progress = ProgressLine()
        while let line = editor.map({ $0.readLine(prompt: "> ") }) ?? readLine() {
            let question = line.trimmingCharacters(in: .whitespaces)
            if question.isEmpty { continue }
            switch ChatCommandWord(question) {
            case .quit: return
            case .help:
                Console.progress(Self.help)
                continue
            case .reset:
                conversations = [:]
                Console.progress("(conversation reset)")
                continue
            case let .unknown(word):
                Console.progress("unknown command \(word); /help lists them")
                continue
            case nil: break
            }
            guard let passage = QuestionAnswerer.relevant(passages, to: question, count: 1).first else { continue }
            do {
                if conversations[passage.position] == nil {
                    let document = try reader.read(passage.text, source: passage.source, progress: progress.prefill(label: file))
                    progress.finish()
                    conversations[passage.position] = Conversation(document: document, reading: reading)
                }
                if passages.count > 1 { Console.progress("[\(passage.citation)]") }
                let answer = try stop.during {
                    try conversations[passage.position]!.ask(question, settings: settings) { piece in
                        FileHandle.standardOutput.write(Data(piece.utf8))
                    }
                }
                FileHandle.standardOutput.write(Data("\n".utf8))
                if answer.stopReason == .interrupted { Console.progress("(answer stopped)") }
                if answer.stopReason == .maxTokens {
                    Console.progress("(answer cut at \(maxTokens) tokens; -n sets the limit)")
                }
            } catch let error as ReadingError {
                Console.progress("error: \(error); /reset to start over")
            }
        }
    }
}

/// A chat line that is a command rather than a question.
enum ChatCommandWord: Equatable {
    case quit, help, reset
    case unknown(String)

    init?(_ line: String) {
        guard line.hasPrefix("/") else { return nil }
        let word = line.split(separator: " ").first.map(String.init) ?? line
        switch word.lowercased() {
        case "/quit", "/exit", "/q": self = .quit
        case "/help", "/?": self = .help
        case "/reset": self = .reset
        default: self = .unknown(word)
        }
    }
}

/// Ctrl-C while an answer is generated stops that answer; at any other
/// time (a prefill, waiting on piped input) it ends the program as usual.
final class AnswerInterrupt: @unchecked Sendable {
    private let lock = NSLock()
    private var answering = false
    private var requested = false
    private var source: DispatchSourceSignal?

    var isRequested: Bool { lock.withLock { requested } }

    func install() {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [self] in
            let stops = lock.withLock { () -> Bool in
                if answering { requested = true }
                return answering
            }
            if !stops { exit(130) }
        }
        source.resume()
        self.source = source
    }

    /// Runs `body` (an answer) with Ctrl-C stopping it.
    func during<T>(_ body: () throws -> T) rethrows -> T {
        lock.withLock { answering = true; requested = false }
        defer { lock.withLock { answering = false; requested = false } }
        return try body()
    }
}

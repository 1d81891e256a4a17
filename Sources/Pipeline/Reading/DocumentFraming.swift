import Inference

/// A piece of a prompt: the chat template's own text (its special tokens
/// are parsed), or content from a document or a person (never parsed for
/// special tokens).
enum FramedText: Sendable, Equatable {
    case beginningOfSequence
    case template(String)
    case content(String)
}

/// How a document and the questions about it are laid out in the model's
/// chat template: the document goes first in the user's turn, so its
/// prefill (and snapshot) is shared by every request appended after it.
///
///     [system] [user: introduction, <document> TEXT </document>,] QUESTION [end of turn, assistant header]
///     └──────────── prefilled once, kept as the snapshot ────────┘└──── appended per question ────┘
///
/// Changing any text here changes what a snapshot holds: bump `version`.
public struct DocumentFraming: Sendable {
    /// Version of this framing; part of every snapshot key.
    public static let version = 2
    /// The system message the document is read under.
    public static let systemMessage = "You are a careful assistant. You read the document the user gives you and "
        + "answer only from what it says."
    static let introduction = "Read the document below, then do what I ask after it.\n\n<document>\n"
    static let closing = "\n</document>\n\n"

    public let template: ChatTemplate
    /// Template text before the document, between the document and the
    /// first question, after a question, and between an answer and a
    /// follow-up question.
    let head: String, middle: String, tail: String, turnSeparator: String

    public init(template: ChatTemplate) {
        self.template = template
        let doc = "\u{1}precis-document\u{1}", q = "\u{1}precis-question\u{1}", a = "\u{1}precis-answer\u{1}"
        let q2 = "\u{1}precis-follow-up\u{1}"
        let user = Self.introduction + doc + Self.closing + q
        let first = template.render([.system(Self.systemMessage), .user(user)], addGenerationPrompt: true)
        let second = template.render([.system(Self.systemMessage), .user(user), .assistant(a), .user(q2)],
                                     addGenerationPrompt: true)
        let firstParts = first.components(separatedBy: doc), rest = firstParts.last?.components(separatedBy: q) ?? []
        let afterAnswer = second.components(separatedBy: a).last?.components(separatedBy: q2) ?? []
        if firstParts.count == 2, rest.count == 2, afterAnswer.count == 2 {
            (head, middle, tail, turnSeparator) = (firstParts[0], rest[0], rest[1], afterAnswer[0])
        } else {  // a template that rewrites its content: plain text framing
            (head, middle, tail, turnSeparator) = (Self.systemMessage + "\n\n" + Self.introduction,
                                                   Self.closing, "\n\nAnswer: ", "\n\nQuestion: ")
        }
    }

    /// The prefix holding the document: what is prefilled and snapshotted.
    func document(_ text: String) -> [FramedText] {
        [.beginningOfSequence, .template(head), .content(text), .template(middle)]
    }

    /// The first request after the document, up to where the answer starts.
    func question(_ text: String) -> [FramedText] {
        [.content(text), .template(tail)]
    }

    /// A later request in the same conversation, after the previous answer.
    func followUp(_ text: String) -> [FramedText] {
        [.template(turnSeparator), .content(text), .template(tail)]
    }

    /// The exact text `document(text)` renders to: what the snapshot key hashes.
    func documentText(_ text: String) -> String {
        head + text + middle
    }
}

import Inference

extension ReadingModel {
    /// Token ids of a chat (`messages`, then the assistant's header), with
    /// the template's text parsed for special tokens and the messages'
    /// content never: a client's text cannot act as a control token.
    public func chatTokens(_ messages: [ChatMessage]) -> [Int32] {
        encode(ChatPrompt.framed(messages, template: framing.template))
    }
}

/// Splits a rendered chat into template text and message content.
enum ChatPrompt {
    static func framed(_ messages: [ChatMessage], template: ChatTemplate) -> [FramedText] {
        let markers = messages.indices.map { "\u{1}precis-message-\($0)\u{1}" }
        let placeholders = zip(messages, markers).map { ChatMessage(role: $0.role, content: $1) }
        var rest = Substring(template.render(placeholders, addGenerationPrompt: true))
        var framed: [FramedText] = [.beginningOfSequence]
        for (message, marker) in zip(messages, markers) {
            guard let range = rest.range(of: marker) else { return plain(messages) }
            framed += [.template(String(rest[..<range.lowerBound])), .content(message.content)]
            rest = rest[range.upperBound...]
        }
        return framed + [.template(String(rest))]
    }

    /// A template that rewrites its content: the chat as plain labelled text.
    static func plain(_ messages: [ChatMessage]) -> [FramedText] {
        [.beginningOfSequence] + messages.flatMap { [.template("\($0.role.rawValue): "), .content($0.content), .template("\n")] }
            + [.template("assistant: ")]
    }
}

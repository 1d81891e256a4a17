/// Why a document could not be read into the model or questioned.
public enum ReadingError: Error, CustomStringConvertible, Equatable {
    /// The framed document leaves less than `reserve` tokens of the context
    /// for the question and answer.
    case documentTooLong(source: String, tokens: Int, context: Int, reserve: Int)
    /// The document has no text to read.
    case emptyDocument(source: String)
    /// A question does not fit what is left of the context.
    case questionTooLong(tokens: Int, room: Int)

    public var description: String {
        switch self {
        case let .documentTooLong(source, tokens, context, reserve):
            return "\(source): the document is \(tokens) tokens; the model's context is \(context) and \(reserve) "
                + "are kept for the question and answer — `precis summarize` splits long documents into segments"
        case let .emptyDocument(source):
            return "\(source): the document has no text to read"
        case let .questionTooLong(tokens, room):
            return "the question is \(tokens) tokens; only \(room) are left in the context after the document"
        }
    }
}

import Foundation

/// What went wrong with a pipeline file, a schedule or a pipeline's inputs,
/// with where it happened and, where useful, what to do about it.
///
/// The CLI prints `description` on one line to stderr.
public enum PipelineError: Error, CustomStringConvertible, Equatable {
    /// A pipeline file is not valid YAML or breaks the schema; `line` is 1-based.
    case config(file: String, line: Int?, problem: String)
    /// No pipeline file by that name or path.
    case pipelineNotFound(name: String, searched: [String])
    /// A cron expression is malformed; `field` names the field at fault.
    case cron(expression: String, field: String?, problem: String)
    /// An input path of a pipeline does not exist.
    case inputMissing(path: String)
    /// Installing, listing or removing a schedule failed.
    case schedule(String)
    /// Reading or writing a file failed.
    case io(path: String, problem: String)
    /// An output directory Precis will not write into, and why.
    case unsafeOutput(path: String, problem: String)
    /// A run that workers cannot take part in, and why (unknown, ended, or
    /// made from a different version of the pipeline file).
    case run(id: Int64, problem: String)

    public var description: String {
        switch self {
        case let .config(file, line, problem):
            return line.map { "\(file):\($0): \(problem)" } ?? "\(file): \(problem)"
        case let .pipelineNotFound(name, searched):
            return "no pipeline '\(name)': looked for \(searched.joined(separator: ", "))"
        case let .cron(expression, field, problem):
            let at = field.map { " in the \($0) field" } ?? ""
            return "invalid cron expression '\(expression)'\(at): \(problem)"
        case let .inputMissing(path):
            return "input path \(path) does not exist; fix 'inputs.paths' in the pipeline file"
        case let .schedule(message):
            return message
        case let .io(path, problem):
            return "\(path): \(problem)"
        case let .unsafeOutput(path, problem):
            return "refusing to write summaries into \(path): \(problem)"
        case let .run(id, problem):
            return "run \(id): \(problem)"
        }
    }
}

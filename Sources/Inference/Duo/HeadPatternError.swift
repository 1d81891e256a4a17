/// Why a head pattern could not be read, written or used, naming the file
/// or the shapes involved and what to do about it.
public enum HeadPatternError: Error, CustomStringConvertible, Equatable {
    /// The file could not be read or written.
    case io(path: String, reason: String)
    /// The TSV has no rows (or only blank lines).
    case empty(path: String)
    /// A field on `line` (1-based) is not a number.
    case notANumber(path: String, line: Int, column: Int, field: String)
    /// Row `line` has a different number of columns than the first row.
    case ragged(path: String, line: Int, expected: Int, found: Int)
    /// The JSON sidecar exists but cannot be used.
    case badSidecar(path: String, reason: String)
    /// The pattern's shape does not fit the model.
    case shapeMismatch(pattern: String, patternLayers: Int, patternKVHeads: Int,
                       model: String, modelLayers: Int, modelKVHeads: Int)
    /// No pattern ships for this model and none was given.
    case notShipped(model: String)

    public var description: String {
        switch self {
        case let .io(path, reason):
            return "\(path): \(reason)"
        case let .empty(path):
            return "\(path): empty head pattern (expected one row per layer of tab-separated gates)"
        case let .notANumber(path, line, column, field):
            return "\(path):\(line): column \(column) is not a number: '\(field)'"
        case let .ragged(path, line, expected, found):
            return "\(path):\(line): \(found) columns, but the first row has \(expected) (one per KV head)"
        case let .badSidecar(path, reason):
            return "\(path): bad head pattern sidecar: \(reason)"
        case let .shapeMismatch(pattern, pl, ph, model, ml, mh):
            return "pattern \(pattern) is \(pl)×\(ph) (layers×KV heads) but model \(model) is \(ml)×\(mh); "
                + "use a pattern identified for this model"
        case let .notShipped(model):
            return "no pattern shipped for model \(model); pass --pattern FILE or run `precis heads identify`"
        }
    }
}

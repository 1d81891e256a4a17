import Foundation

/// Refusing values that would change the meaning of a crontab line or unit file.
///
/// Both formats are line-based: a newline (or any other control character)
/// in a path or variable would end the line and let the rest of the value be
/// read as a new crontab entry or unit directive. Quoting cannot protect
/// against that, so such values are refused before anything is written.
extension ScheduleJob {
    /// Throws `PipelineError.schedule` naming the first path or variable of the
    /// job (or the state directory its lock and log live in) that holds a
    /// control character.
    public func checkWritable(stateDirectory: String) throws {
        var fields = [("pipeline file", pipelineFile), ("precis executable", binary), ("state directory", stateDirectory)]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) {
            fields += [("variable name", key), ("variable \(key)", value)]
        }
        for (what, value) in fields {
            if let bad = Self.controlCharacter(in: value) {
                throw PipelineError.schedule(
                    "the \(what) \(Self.visible(value)) contains the control character \(bad), which would break out of the "
                        + "crontab line or unit file; rename it (or move the pipeline) and install again")
            }
        }
    }

    /// `U+XXXX` of the first control, line or paragraph separator in `value`, if any.
    static func controlCharacter(in value: String) -> String? {
        value.unicodeScalars.first { scalar in
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }.map { String(format: "U+%04X", $0.value) }
    }

    /// `value` with control characters written as escapes, for messages.
    static func visible(_ value: String) -> String {
        "'" + value.unicodeScalars.map { controlCharacter(in: String($0)) == nil ? String($0) : "\\u{\(String($0.value, radix: 16))}" }
            .joined() + "'"
    }
}

/// Quoting of arguments for `sh` command lines (crontab) and systemd unit files.
enum ShellQuoting {
    /// `value` in single quotes for `sh`, with embedded `'` written as `'\''`.
    static func sh(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The words of a simple `sh` command line: whitespace-separated, with
    /// single quotes and `'\''` as `sh` writes; enough to read back `sh(_:)`.
    static func shWords(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false, quoted = false, escaped = false
        for c in line {
            if quoted {
                if c == "'" { quoted = false } else { current.append(c) }
            } else if escaped {
                current.append(c)
                escaped = false
            } else if c == "'" {
                quoted = true
                inWord = true
            } else if c == "\\" {
                escaped = true
                inWord = true
            } else if c == " " || c == "\t" {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(c)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// `value` as one argument of a systemd `ExecStart=` line: `%` and `$`
    /// doubled (specifiers and variables), double-quoted when it has spaces,
    /// quotes or backslashes.
    static func systemd(_ value: String) -> String {
        quotedForSystemd(value.replacingOccurrences(of: "%", with: "%%").replacingOccurrences(of: "$", with: "$$"))
    }

    /// `NAME=value` as the argument of an `Environment=` line: `%` doubled
    /// (specifiers are expanded there) but `$` kept, since systemd does not
    /// expand variables in `Environment=`; double-quoted like `systemd(_:)`.
    static func systemdAssignment(_ assignment: String) -> String {
        quotedForSystemd(assignment.replacingOccurrences(of: "%", with: "%%"))
    }

    private static func quotedForSystemd(_ escaped: String) -> String {
        guard escaped.contains(where: { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" || $0 == "\\" }) else {
            return escaped
        }
        return "\"" + escaped.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

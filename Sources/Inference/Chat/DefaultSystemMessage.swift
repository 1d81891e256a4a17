/// Finds the system text a chat template inserts when a conversation has no
/// system message, by looking for the family's system header inside a
/// template string literal.
enum DefaultSystemMessage {
    static func extract(from template: String, family: ChatTemplate.Family) -> String? {
        switch family {
        case .chatml, .chatmlNoThink:
            return between(template, open: "<|im_start|>system\n", close: "<|im_end|>")
                ?? between(template, open: "<|im_start|>system\\n", close: "<|im_end|>")
        case .llama3:
            return between(template, open: "<|start_header_id|>system<|end_header_id|>\n\n", close: "<|eot_id|>")
                ?? between(template, open: "<|start_header_id|>system<|end_header_id|>\\n\\n", close: "<|eot_id|>")
        case .llama2, .mistral, .gemma, .phi3, .phi4:
            return nil
        }
    }

    /// The literal text between `open` and `close`, when it contains no
    /// template syntax (so it is fixed text, not an expression).
    private static func between(_ s: String, open: String, close: String) -> String? {
        var searchStart = s.startIndex
        while let o = s[searchStart...].firstRange(of: open) {
            guard let c = s[o.upperBound...].firstRange(of: close) else { return nil }
            let body = String(s[o.upperBound..<c.lowerBound])
            let isLiteral = !body.isEmpty && !["{{", "{%", "'", "\"", "+"].contains { body.contains($0) }
            if isLiteral { return unescape(body) }
            searchStart = o.upperBound
        }
        return nil
    }

    /// Undoes Jinja string escapes (`\n`, `\t`, `\'`, `\"`, `\\`).
    private static func unescape(_ s: String) -> String {
        var out = ""
        var escaping = false
        for ch in s {
            if escaping {
                switch ch {
                case "n": out.append("\n")
                case "t": out.append("\t")
                default: out.append(ch)
                }
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}

/// The per-family renderers behind `ChatTemplate.render`, each following its
/// reference Jinja template (minus the leading BOS token).
enum ChatRenderers {
    static func chatML(_ messages: [ChatMessage], _ addGenerationPrompt: Bool) -> String {
        var out = ""
        for m in messages { out += "<|im_start|>\(m.role.rawValue)\n\(m.content)<|im_end|>\n" }
        if addGenerationPrompt { out += "<|im_start|>assistant\n" }
        return out
    }

    static func phi3(_ messages: [ChatMessage], _ addGenerationPrompt: Bool) -> String {
        var out = ""
        for m in messages { out += "<|\(m.role.rawValue)|>\n\(m.content)<|end|>\n" }
        if addGenerationPrompt { out += "<|assistant|>\n" }
        return out
    }

    static func phi4(_ messages: [ChatMessage], _ addGenerationPrompt: Bool) -> String {
        var out = ""
        for m in messages { out += "<|im_start|>\(m.role.rawValue)<|im_sep|>\(m.content)<|im_end|>" }
        if addGenerationPrompt { out += "<|im_start|>assistant<|im_sep|>" }
        return out
    }

    static func llama3(_ messages: [ChatMessage], _ addGenerationPrompt: Bool) -> String {
        var out = ""
        for m in messages {
            out += "<|start_header_id|>\(m.role.rawValue)<|end_header_id|>\n\n\(trim(m.content))<|eot_id|>"
        }
        if addGenerationPrompt { out += "<|start_header_id|>assistant<|end_header_id|>\n\n" }
        return out
    }

    /// Llama-2 chat: the system prompt sits inside the first `[INST]`; every
    /// completed exchange ends with `</s>` and the next starts with `<s>`.
    static func llama2(_ messages: [ChatMessage]) -> String {
        var out = ""
        var system: String?
        var first = true
        for m in messages {
            switch m.role {
            case .system:
                system = m.content
            case .user:
                if !first { out += "<s>" }
                let sys = system.map { "<<SYS>>\n\($0)\n<</SYS>>\n\n" } ?? ""
                out += "[INST] \(trim(sys + m.content)) [/INST]"
                system = nil
                first = false
            case .assistant:
                out += " \(trim(m.content)) </s>"
            }
        }
        return out
    }

    /// Mistral-Instruct: no system role, so system text opens the first user turn.
    static func mistral(_ messages: [ChatMessage]) -> String {
        var out = ""
        var system: String?
        for m in messages {
            switch m.role {
            case .system:
                system = m.content
            case .user:
                let content = system.map { "\($0)\n\n\(m.content)" } ?? m.content
                out += "[INST] \(content) [/INST]"
                system = nil
            case .assistant:
                out += "\(m.content)</s>"
            }
        }
        return out
    }

    /// Gemma: roles "user" and "model"; system text opens the first user turn.
    static func gemma(_ messages: [ChatMessage], _ addGenerationPrompt: Bool) -> String {
        var out = ""
        var system: String?
        for m in messages {
            switch m.role {
            case .system:
                system = m.content
            case .user, .assistant:
                let role = m.role == .user ? "user" : "model"
                var content = trim(m.content)
                if m.role == .user, let s = system {
                    content = "\(s)\n\n\(content)"
                    system = nil
                }
                out += "<start_of_turn>\(role)\n\(content)<end_of_turn>\n"
            }
        }
        if addGenerationPrompt { out += "<start_of_turn>model\n" }
        return out
    }

    /// Jinja's `trim`: strips leading and trailing whitespace.
    static func trim(_ s: String) -> String {
        var scalars = Substring(s).unicodeScalars[...]
        while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}

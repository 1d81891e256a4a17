import GGUF

/// Renders conversations in a model's chat format, natively (no Jinja).
///
/// The family is detected from the markers in `tokenizer.chat_template`, or
/// named explicitly (`--template NAME`) for models whose template is missing
/// or unrecognized. The rendering never includes the leading BOS token: add
/// it from `Tokenizer.addBOS`/`bosID` when tokenizing, and tokenize the text
/// with special-token parsing on.
public struct ChatTemplate: Sendable, Equatable {
    /// The supported chat formats.
    public enum Family: String, Sendable, CaseIterable {
        /// `<|im_start|>role\n…<|im_end|>\n` (SmolLM, Qwen, many others).
        case chatml
        /// `<|start_header_id|>role<|end_header_id|>\n\n…<|eot_id|>`.
        case llama3
        /// `[INST] <<SYS>>\n…\n<</SYS>>\n\n… [/INST]`.
        case llama2
        /// `[INST] … [/INST]…</s>`, system text folded into the first user turn.
        case mistral
        /// `<start_of_turn>user\n…<end_of_turn>\n<start_of_turn>model\n`.
        case gemma
        /// ChatML whose answer opens with an empty `<think>` block: Qwen3 and
        /// SmolLM3 templates with thinking off.
        case chatmlNoThink = "chatml-no-think"
        /// `<|user|>\n…<|end|>\n<|assistant|>\n` (Phi-3).
        case phi3
        /// `<|im_start|>user<|im_sep|>…<|im_end|>` (Phi-4).
        case phi4
    }

    public let family: Family
    /// System text the template inserts when a conversation has none
    /// (SmolLM2: "You are a helpful AI assistant named SmolLM, trained by Hugging Face").
    public let defaultSystemMessage: String?

    /// A template chosen by family name, as for `--template NAME`.
    public init(named name: String, defaultSystemMessage: String? = nil) throws {
        guard let family = Family(rawValue: name.lowercased()) else { throw ChatTemplateError.unknownName(name) }
        self.family = family
        self.defaultSystemMessage = defaultSystemMessage
    }

    /// Detects the family (and default system message) from template source text.
    public init(templateText: String) throws {
        guard let family = Self.detectFamily(templateText) else {
            throw ChatTemplateError.unrecognizedTemplate(excerpt: String(templateText.prefix(60)))
        }
        self.family = family
        self.defaultSystemMessage = DefaultSystemMessage.extract(from: templateText, family: family)
    }

    /// The template of a model file; `override` (a family name) wins over detection.
    public static func forModel(_ file: GGUFFile, override: String? = nil) throws -> ChatTemplate {
        let text = file.string("tokenizer.chat_template")
        if let override {
            let detectedDefault = text.flatMap { try? ChatTemplate(templateText: $0) }?.defaultSystemMessage
            return try ChatTemplate(named: override, defaultSystemMessage: detectedDefault)
        }
        guard let text else { throw ChatTemplateError.missingTemplate }
        return try ChatTemplate(templateText: text)
    }

    /// The family whose markers appear in `text`, if any.
    public static func detectFamily(_ text: String) -> Family? {
        if text.contains("<|im_sep|>") { return .phi4 }
        if text.contains("<|im_start|>") { return text.contains("enable_thinking") ? .chatmlNoThink : .chatml }
        if text.contains("<|user|>") && text.contains("<|end|>") { return .phi3 }
        if text.contains("<|start_header_id|>") { return .llama3 }
        if text.contains("<start_of_turn>") { return .gemma }
        if text.contains("[INST]") { return text.contains("<<SYS>>") ? .llama2 : .mistral }
        return nil
    }

    /// Renders `messages`; with `addGenerationPrompt`, ends with the header
    /// that makes the model answer as the assistant.
    public func render(_ messages: [ChatMessage], addGenerationPrompt: Bool = true) -> String {
        var messages = messages
        if let system = defaultSystemMessage, let first = messages.first, first.role != .system {
            messages.insert(.system(system), at: 0)
        }
        switch family {
        case .chatml: return ChatRenderers.chatML(messages, addGenerationPrompt)
        case .chatmlNoThink: return ChatRenderers.chatML(messages, addGenerationPrompt) + (addGenerationPrompt ? "<think>\n\n</think>\n\n" : "")
        case .phi3: return ChatRenderers.phi3(messages, addGenerationPrompt)
        case .phi4: return ChatRenderers.phi4(messages, addGenerationPrompt)
        case .llama3: return ChatRenderers.llama3(messages, addGenerationPrompt)
        case .llama2: return ChatRenderers.llama2(messages)
        case .mistral: return ChatRenderers.mistral(messages)
        case .gemma: return ChatRenderers.gemma(messages, addGenerationPrompt)
        }
    }

    /// Convenience: system (optional) + user, ready for generation.
    public func render(system: String? = nil, user: String) -> String {
        render((system.map { [.system($0)] } ?? []) + [.user(user)], addGenerationPrompt: true)
    }
}

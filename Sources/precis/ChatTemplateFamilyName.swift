import GGUF

/// Names the chat-template family of a model for display.
enum ChatTemplateFamilyName {
    static func detect(_ gguf: GGUFFile) -> String {
        guard let t = gguf.string("tokenizer.chat_template") else { return "none" }
        if t.contains("<|im_start|>") { return "chatml" }
        if t.contains("<|start_header_id|>") { return "llama3" }
        if t.contains("<start_of_turn>") { return "gemma" }
        if t.contains("[INST]") { return "llama2" }
        return "unknown"
    }
}

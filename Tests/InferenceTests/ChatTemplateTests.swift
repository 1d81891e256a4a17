import Foundation
import Testing
@testable import Inference

/// Native chat rendering against Jinja renderings of each family's reference template.
@Suite("Chat templates")
struct ChatTemplateTests {
    struct FamilyCase: Decodable {
        let name: String
        let family: String
        let template: String
        let messages: [ChatMessage]
        let add_generation_prompt: Bool
        let expected: String
    }

    struct GreedyPrompt: Decodable {
        let name: String
        let user: String
        let prompt: String
        let prompt_tokens: Int
    }

    static func familyCases() throws -> [FamilyCase] {
        try JSONDecoder().decode([FamilyCase].self, from: TokenizerTestSupport.fixture("chat-families.json"))
    }

    @Test("each family is detected and renders like its Jinja template")
    func familiesRender() throws {
        let cases = try Self.familyCases()
        #expect(cases.count >= 15)
        for c in cases {
            let template = try ChatTemplate(templateText: c.template)
            #expect(template.family.rawValue == c.family, "\(c.name)")
            let rendered = template.render(c.messages, addGenerationPrompt: c.add_generation_prompt)
            #expect(rendered == c.expected, "\(c.name) with \(c.messages.count) messages")
        }
    }

    @Test("Phi-3, Phi-4 and thinking-off ChatML (Qwen3, SmolLM3) are detected and rendered")
    func newerFamilies() throws {
        let messages = [ChatMessage(role: .system, content: "Be brief."), ChatMessage(role: .user, content: "Hi")]
        let phi3 = try ChatTemplate(templateText: "{% for m in messages %}{% if m['role'] == 'user' %}{{'<|user|>\\n' + m['content'] "
                                    + "+ '<|end|>\\n'}}{% endif %}{% endfor %}{{'<|assistant|>\\n'}}")
        #expect(phi3.family == .phi3)
        #expect(phi3.render(messages) == "<|system|>\nBe brief.<|end|>\n<|user|>\nHi<|end|>\n<|assistant|>\n")
        let phi4 = try ChatTemplate(templateText: "{{'<|im_start|>' + m['role'] + '<|im_sep|>' + m['content'] + '<|im_end|>'}}")
        #expect(phi4.family == .phi4)
        #expect(phi4.render(messages) == "<|im_start|>system<|im_sep|>Be brief.<|im_end|><|im_start|>user<|im_sep|>Hi<|im_end|>"
                + "<|im_start|>assistant<|im_sep|>")
        let qwen3 = try ChatTemplate(templateText: "{%- if enable_thinking is defined and enable_thinking is false %}<think>\\n\\n</think>"
                                     + "{%- endif %}<|im_start|>")
        #expect(qwen3.family == .chatmlNoThink)
        #expect(qwen3.render(messages) == "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
                + "<|im_start|>assistant\n<think>\n\n</think>\n\n")
        #expect(try ChatTemplate(named: "chatml-no-think").family == .chatmlNoThink)
    }

    @Test("default system messages are read from the template")
    func defaultSystemMessage() throws {
        let cases = try Self.familyCases()
        let smol = try #require(cases.first { $0.name == "chatml-smollm2" })
        #expect(try ChatTemplate(templateText: smol.template).defaultSystemMessage
                == "You are a helpful AI assistant named SmolLM, trained by Hugging Face")
        let plain = try #require(cases.first { $0.name == "chatml" })
        #expect(try ChatTemplate(templateText: plain.template).defaultSystemMessage == nil)
        let qwenLike = "{%- if messages[0]['role'] == 'system' %}{{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}"
            + "{%- else %}{{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}{%- endif %}"
        #expect(try ChatTemplate(templateText: qwenLike).defaultSystemMessage
                == "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.")
    }

    @Test("unknown templates fail clearly; names override")
    func unknownAndOverride() throws {
        #expect(throws: ChatTemplateError.self) { try ChatTemplate(templateText: "{{ messages }} ### Human:") }
        #expect(throws: ChatTemplateError.unknownName("vicuna")) { try ChatTemplate(named: "vicuna") }
        let gemma = try ChatTemplate(named: "gemma")
        #expect(gemma.render(user: "Hi") == "<start_of_turn>user\nHi<end_of_turn>\n<start_of_turn>model\n")
        let error = ChatTemplateError.unrecognizedTemplate(excerpt: "x")
        #expect(error.description.contains("--template"))
    }

    @Test("the default model renders the golden prompts token for token",
          .enabled(if: TokenizerTestSupport.modelTokenizer != nil, Comment(rawValue: TokenizerGoldenTests.modelMissing)))
    func defaultModelPrompts() throws {
        let tokenizer = try #require(TokenizerTestSupport.modelTokenizer)
        let template = try ChatTemplate(templateText: try #require(TokenizerTestSupport.modelChatTemplate))
        #expect(template.family == .chatml)
        let prompts = try JSONDecoder().decode([GreedyPrompt].self,
                                               from: TokenizerTestSupport.fixture("chat-smollm2-greedy-prompts.json"))
        #expect(prompts.count == 7)
        for p in prompts {
            let rendered = template.render([.user(p.user)], addGenerationPrompt: true)
            #expect(rendered == p.prompt, "\(p.name)")
            #expect(tokenizer.encodePrompt(rendered).count == p.prompt_tokens, "\(p.name)")
        }
    }
}

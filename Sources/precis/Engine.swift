import GGUF
import Inference

/// A loaded model with its tokenizer, as the commands use them.
struct Engine {
    let gguf: GGUFFile
    let model: Model
    let tokenizer: any Tokenizer

    init(gguf: GGUFFile) throws {
        self.gguf = gguf
        model = try Model.load(gguf)
        tokenizer = try TokenizerLoader.load(from: gguf)
    }
}

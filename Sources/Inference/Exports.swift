/// Clients of the engine read and write text through its tokenizers; they
/// live in their own module (`Tokenizers`, depending only on `GGUF`) and are
/// re-exported so that `import Inference` keeps giving them.
@_exported import Tokenizers

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A GGUF model file mapped into memory: its metadata and tensor index.
///
/// The file is read with `mmap`; tensor data is never copied, so opening a
/// model costs only the header parse. Instances are immutable and can be
/// shared across threads.
public final class GGUFFile: @unchecked Sendable {
    public let path: String
    public let version: UInt32
    /// Metadata in file order.
    public let metadataKeys: [String]
    public let metadata: [String: GGUFValue]
    /// Tensor infos in file order.
    public let tensorInfos: [GGUFTensorInfo]
    public let tensors: [String: GGUFTensorInfo]
    public let alignment: Int
    /// Absolute offset where the tensor data section starts.
    public let dataOffset: Int
    public let fileSize: Int
    /// Which version of which file was mapped (nil for an image in memory):
    /// the key under which `contentFingerprint(cache:)` remembers its digest.
    public let identity: FileIdentity?

    private let mapping: UnsafeMutableRawPointer?

    /// Maps and parses the file at `path`.
    public convenience init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw GGUFError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            throw GGUFError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        let size = Int(st.st_size)
        let identity = FileIdentity(fd: fd)
        guard size > 0 else { throw GGUFError.truncated(path: path, offset: 0, needed: 4, what: "magic") }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw GGUFError.cannotOpen(path: path, reason: "mmap failed: \(String(cString: strerror(errno)))")
        }
        do {
            try self.init(path: path, base: UnsafeRawPointer(p), size: size, mapping: p, identity: identity)
        } catch {
            munmap(p, size)
            throw error
        }
    }

    /// Parses a GGUF image already in memory (the caller keeps it alive).
    public convenience init(bytes: UnsafeRawBufferPointer, name: String = "<memory>") throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw GGUFError.truncated(path: name, offset: 0, needed: 4, what: "magic")
        }
        try self.init(path: name, base: base, size: bytes.count, mapping: nil, identity: nil)
    }

    private init(path: String, base: UnsafeRawPointer, size: Int, mapping: UnsafeMutableRawPointer?,
                 identity: FileIdentity?) throws {
        let header = try GGUFHeaderParser.parse(base: base, size: size, path: path)
        self.path = path
        self.version = header.version
        self.metadataKeys = header.keys
        self.metadata = header.metadata
        self.tensorInfos = header.tensors
        self.tensors = Dictionary(header.tensors.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.alignment = header.alignment
        self.dataOffset = header.dataOffset
        self.fileSize = size
        self.identity = identity
        self.base = base
        self.mapping = mapping
    }

    /// Start of the file image (internal: the fingerprints hash through it).
    let base: UnsafeRawPointer

    deinit {
        if let mapping { munmap(mapping, fileSize) }
    }

    /// The raw bytes of a tensor, straight from the mapping.
    public func data(of info: GGUFTensorInfo) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + info.offset, count: info.byteCount)
    }

    /// The raw bytes of the tensor named `name`.
    public func data(named name: String) throws -> UnsafeRawBufferPointer {
        guard let info = tensors[name] else { throw GGUFError.missingTensor(name: name) }
        return data(of: info)
    }

    // MARK: Typed metadata access

    public func int(_ key: String) -> Int? { metadata[key]?.int }
    public func double(_ key: String) -> Double? { metadata[key]?.double }
    public func string(_ key: String) -> String? { metadata[key]?.string }

    public func requireInt(_ key: String) throws -> Int {
        guard let v = metadata[key] else { throw GGUFError.missingKey(key: key) }
        guard let i = v.int else { throw GGUFError.wrongKeyType(key: key, expected: "an integer") }
        return i
    }

    public func requireString(_ key: String) throws -> String {
        guard let v = metadata[key] else { throw GGUFError.missingKey(key: key) }
        guard let s = v.string else { throw GGUFError.wrongKeyType(key: key, expected: "a string") }
        return s
    }

    /// A string array (e.g. `tokenizer.ggml.tokens`), or nil when absent.
    public func strings(_ key: String) throws -> [String]? {
        guard let v = metadata[key] else { return nil }
        guard let a = v.array else { throw GGUFError.wrongKeyType(key: key, expected: "an array") }
        return try a.map {
            guard let s = $0.string else { throw GGUFError.wrongKeyType(key: key, expected: "an array of strings") }
            return s
        }
    }

    /// A numeric array as Doubles, or nil when absent.
    public func numbers(_ key: String) throws -> [Double]? {
        guard let v = metadata[key] else { return nil }
        guard let a = v.array else { throw GGUFError.wrongKeyType(key: key, expected: "an array") }
        return try a.map {
            guard let d = $0.double else { throw GGUFError.wrongKeyType(key: key, expected: "an array of numbers") }
            return d
        }
    }

    /// The architecture name (`general.architecture`), e.g. "llama".
    public var architecture: String? { string("general.architecture") }
}

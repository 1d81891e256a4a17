/// Character classes the pre-tokenizers test, one bit each.
///
/// They follow llama.cpp's tables: `\p{L}` (general categories L*), `\p{N}`
/// (Nd, Nl, No) and `\s` (the Unicode White_Space property).
struct ScalarClass: OptionSet, Sendable {
    let rawValue: UInt8
    static let letter = ScalarClass(rawValue: 1)
    static let number = ScalarClass(rawValue: 2)
    static let whitespace = ScalarClass(rawValue: 4)
    /// `\p{P}` (general categories P*), used by the `default` pre-tokenizer.
    static let punctuation = ScalarClass(rawValue: 8)

    /// The classes of one code point.
    static func of(_ value: UInt32) -> ScalarClass {
        if value < 128 { return asciiTable[Int(value)] }
        return computed(value)
    }

    private static let asciiTable: [ScalarClass] = (0..<128).map { computed(UInt32($0)) }

    private static func computed(_ value: UInt32) -> ScalarClass {
        guard let scalar = Unicode.Scalar(value) else { return [] }
        let props = scalar.properties
        var result: ScalarClass = props.isWhitespace ? .whitespace : []
        switch props.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            result.insert(.letter)
        case .decimalNumber, .letterNumber, .otherNumber:
            result.insert(.number)
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            result.insert(.punctuation)
        default:
            break
        }
        return result
    }
}

/// A text fragment decoded once into code points, their classes and their
/// UTF-8 byte offsets, so pre-tokenizers can scan it without re-decoding.
struct ScalarText {
    /// The fragment's UTF-8 bytes.
    let bytes: [UInt8]
    /// Code points in order.
    private(set) var scalars: [UInt32] = []
    /// `classes[i]` is the class set of `scalars[i]`.
    private(set) var classes: [ScalarClass] = []
    /// `byteOffsets[i]` is where `scalars[i]` starts in `bytes`; one extra
    /// entry holds `bytes.count`.
    private(set) var byteOffsets: [Int32] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
        scalars.reserveCapacity(bytes.count)
        classes.reserveCapacity(bytes.count)
        byteOffsets.reserveCapacity(bytes.count + 1)
        decode()
    }

    var count: Int { scalars.count }

    private mutating func decode() {
        var i = 0
        let n = bytes.count
        while i < n {
            byteOffsets.append(Int32(i))
            let (value, length) = Self.decodeScalar(bytes, at: i)
            scalars.append(value)
            classes.append(ScalarClass.of(value))
            i += length
        }
        byteOffsets.append(Int32(n))
    }

    /// Decodes one UTF-8 sequence; malformed input yields U+FFFD for one byte.
    static func decodeScalar(_ b: [UInt8], at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(b[i])
        if b0 < 0x80 { return (b0, 1) }
        let n = b.count
        func cont(_ k: Int) -> UInt32? {
            guard i + k < n, b[i + k] & 0xC0 == 0x80 else { return nil }
            return UInt32(b[i + k] & 0x3F)
        }
        if b0 & 0xE0 == 0xC0, let c1 = cont(1) { return ((b0 & 0x1F) << 6 | c1, 2) }
        if b0 & 0xF0 == 0xE0, let c1 = cont(1), let c2 = cont(2) {
            return ((b0 & 0x0F) << 12 | c1 << 6 | c2, 3)
        }
        if b0 & 0xF8 == 0xF0, let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) {
            return ((b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3, 4)
        }
        return (0xFFFD, 1)
    }
}

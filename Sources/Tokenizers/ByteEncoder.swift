/// GPT-2's reversible map between bytes and printable code points.
///
/// Byte-level BPE vocabularies store every byte as a visible character
/// (space → "Ġ", newline → "Ċ"); this table converts both ways.
enum ByteEncoder {
    /// `scalarOf[b]` is the code point that stands for byte `b`.
    static let scalarOf: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        var next: UInt32 = 256
        for b in 0..<256 {
            let printable = (0x21...0x7E).contains(b) || (0xA1...0xAC).contains(b) || (0xAE...0xFF).contains(b)
            if printable {
                table[b] = UInt32(b)
            } else {
                table[b] = next
                next += 1
            }
        }
        return table
    }()

    /// The byte a code point stands for, or nil when it is not in the table.
    static func byte(of scalar: UInt32) -> UInt8? {
        if scalar < 256 {
            let b = Int(scalar)
            let printable = (0x21...0x7E).contains(b) || (0xA1...0xAC).contains(b) || (0xAE...0xFF).contains(b)
            return printable ? UInt8(b) : nil
        }
        return byteOfHigh[scalar]
    }

    private static let byteOfHigh: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        for b in 0..<256 where scalarOf[b] >= 256 { map[scalarOf[b]] = UInt8(b) }
        return map
    }()

    /// The printable string for raw bytes (how a vocabulary spells them).
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var s = String.UnicodeScalarView()
        for b in bytes { s.append(Unicode.Scalar(scalarOf[Int(b)])!) }
        return String(s)
    }

    /// The raw bytes a vocabulary spelling stands for; nil if a character is
    /// not in the table.
    static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard let b = byte(of: scalar.value) else { return nil }
            out.append(b)
        }
        return out
    }
}

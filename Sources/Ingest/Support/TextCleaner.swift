/// Whitespace and control-character clean-up shared by all parsers.
enum TextCleaner {
    /// Collapses runs of whitespace (including no-break spaces and line
    /// breaks) to one space, removes control characters, trims the ends.
    /// Works on UTF-8 bytes: this runs once per block and dominates parse time
    /// when done scalar by scalar.
    static func collapse(_ s: String) -> String {
        var s = s
        return s.withUTF8 { collapseUTF8($0) }
    }

    private static func collapseUTF8(_ buf: UnsafeBufferPointer<UInt8>) -> String {
        let n = buf.count
        return String(unsafeUninitializedCapacity: n) { out in
            var o = 0, i = 0
            var pendingSpace = false
            while i < n {
                let b = buf[i]
                if b < 0x80 {
                    if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                        pendingSpace = o > 0
                    } else if b >= 0x20 && b != 0x7F {
                        if pendingSpace { out[o] = 0x20; o += 1; pendingSpace = false }
                        out[o] = b
                        o += 1
                    }
                    i += 1
                    continue
                }
                let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                if i + len > n { break }
                var value = UInt32(b) & (b >= 0xF0 ? 0x07 : b >= 0xE0 ? 0x0F : 0x1F)
                for k in 1..<len { value = value << 6 | UInt32(buf[i + k] & 0x3F) }
                if isSpace(value) {
                    pendingSpace = o > 0
                } else if !isInvisible(value) {
                    if pendingSpace { out[o] = 0x20; o += 1; pendingSpace = false }
                    for k in 0..<len { out[o] = buf[i + k]; o += 1 }
                }
                i += len
            }
            return o
        }
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool { isSpace(c.value) }

    static func isSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Control characters, zero-width characters and the byte-order mark.
    static func isInvisible(_ c: Unicode.Scalar) -> Bool { isInvisible(c.value) }

    static func isInvisible(_ value: UInt32) -> Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD: return true
        default: return false
        }
    }
}

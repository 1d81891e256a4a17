import Foundation

/// Turns the bytes of a text file into a String, detecting the encoding.
///
/// Order: byte-order marks (UTF-8, UTF-32, UTF-16); BOM-less UTF-16 by its
/// NUL pattern; strict UTF-8; and, for files with no valid multi-byte UTF-8
/// at all, Windows-1252 as a reported fallback. Files that mix valid UTF-8
/// with invalid bytes are corrupt rather than legacy-encoded, so they fail.
enum TextDecoder {
    struct Decoded {
        var text: String
        /// Human-readable encoding name, with "(fallback)" when guessed.
        var encoding: String
        /// Bytes skipped at the start (the BOM), so spans can be mapped back.
        var bomLength: Int
        var isFallback: Bool
    }

    static func decode(_ data: [UInt8], file: String) throws -> Decoded {
        if data.isEmpty { throw IngestError.emptyFile(file: file) }
        if let bom = try decodeWithBOM(data, file: file) { return bom }
        if let utf16 = try decodeBOMlessUTF16(data, file: file) { return utf16 }
        if let binaryAt = firstBinaryByte(data) { throw IngestError.binaryContent(file: file, offset: binaryAt) }
        switch UTF8Validator.validate(data) {
        case .valid:
            return Decoded(text: String(decoding: data, as: UTF8.self), encoding: "UTF-8", bomLength: 0, isFallback: false)
        case .invalid(let offset, let sawMultibyte):
            if sawMultibyte { throw IngestError.invalidEncoding(file: file, encoding: "UTF-8", offset: offset) }
            return try decodeWindows1252(data, file: file)
        }
    }

    private static func decodeWithBOM(_ d: [UInt8], file: String) throws -> Decoded? {
        func starts(_ p: [UInt8]) -> Bool { d.count >= p.count && Array(d[0..<p.count]) == p }
        if starts([0xEF, 0xBB, 0xBF]) {
            let body = Array(d[3...])
            if case .invalid(let off, _) = UTF8Validator.validate(body) {
                throw IngestError.invalidEncoding(file: file, encoding: "UTF-8", offset: off + 3)
            }
            return Decoded(text: String(decoding: body, as: UTF8.self), encoding: "UTF-8 (BOM)", bomLength: 3, isFallback: false)
        }
        let candidates: [([UInt8], String.Encoding, String)] = [
            ([0xFF, 0xFE, 0, 0], .utf32LittleEndian, "UTF-32LE"),
            ([0, 0, 0xFE, 0xFF], .utf32BigEndian, "UTF-32BE"),
            ([0xFF, 0xFE], .utf16LittleEndian, "UTF-16LE"),
            ([0xFE, 0xFF], .utf16BigEndian, "UTF-16BE"),
        ]
        for (bom, encoding, name) in candidates where starts(bom) {
            let body = Data(d[bom.count...])
            let unit = name.hasPrefix("UTF-32") ? 4 : 2
            guard body.count % unit == 0, let text = String(data: body, encoding: encoding) else {
                throw IngestError.invalidEncoding(file: file, encoding: name, offset: bom.count)
            }
            try rejectBinary(text, file: file)
            return Decoded(text: text, encoding: name + " (BOM)", bomLength: bom.count, isFallback: false)
        }
        return nil
    }

    /// UTF-16 without a BOM: most ASCII characters leave a NUL in every other byte.
    private static func decodeBOMlessUTF16(_ d: [UInt8], file: String) throws -> Decoded? {
        guard d.count >= 8, d.count % 2 == 0 else { return nil }
        let sample = d.prefix(4096)
        var evenZeros = 0, oddZeros = 0
        for (i, b) in sample.enumerated() where b == 0 { if i % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 } }
        let half = sample.count / 2
        let (encoding, name): (String.Encoding, String)
        if oddZeros > half * 7 / 10 && evenZeros == 0 { (encoding, name) = (.utf16LittleEndian, "UTF-16LE") }
        else if evenZeros > half * 7 / 10 && oddZeros == 0 { (encoding, name) = (.utf16BigEndian, "UTF-16BE") }
        else { return nil }
        guard let text = String(data: Data(d), encoding: encoding) else {
            throw IngestError.invalidEncoding(file: file, encoding: name, offset: 0)
        }
        try rejectBinary(text, file: file)
        return Decoded(text: text, encoding: name + " (no BOM, detected)", bomLength: 0, isFallback: true)
    }

    private static func decodeWindows1252(_ d: [UInt8], file: String) throws -> Decoded {
        var scalars = String.UnicodeScalarView()
        for (i, b) in d.enumerated() {
            if b < 0x80 || b >= 0xA0 { scalars.append(Unicode.Scalar(b)); continue }
            guard let mapped = cp1252High[Int(b - 0x80)] else {
                throw IngestError.invalidEncoding(file: file, encoding: "Windows-1252", offset: i)
            }
            scalars.append(mapped)
        }
        return Decoded(text: String(scalars), encoding: "Windows-1252 (fallback)", bomLength: 0, isFallback: true)
    }

    /// Offset of the first byte that cannot occur in text: NUL, or C0 control
    /// codes other than tab, line feed, form feed, carriage return and escape.
    static func firstBinaryByte(_ d: [UInt8]) -> Int? {
        var controls = 0
        for (i, b) in d.enumerated() where b < 0x20 {
            switch b {
            case 0x09, 0x0A, 0x0C, 0x0D, 0x1B: continue
            case 0x00: return i
            default:
                controls += 1
                if controls > 8 || controls * 100 > d.count { return i }
            }
        }
        return nil
    }

    private static func rejectBinary(_ text: String, file: String) throws {
        for (i, s) in text.unicodeScalars.enumerated() where s.value == 0 {
            throw IngestError.binaryContent(file: file, offset: i)
        }
    }

    /// Windows-1252 code points for bytes 0x80–0x9F; nil where undefined.
    private static let cp1252High: [Unicode.Scalar?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ].map { $0.flatMap(Unicode.Scalar.init) }
}

/// Strict UTF-8 validation that also reports whether any valid multi-byte
/// sequence was seen before the first error.
enum UTF8Validator {
    enum Result: Equatable { case valid, invalid(offset: Int, sawMultibyte: Bool) }

    static func validate(_ d: [UInt8]) -> Result {
        var i = 0, sawMultibyte = false, firstError: Int?
        let n = d.count
        while i < n {
            let b = d[i]
            if b < 0x80 { i += 1; continue }
            let len = sequenceLength(d, at: i)
            if len == 0 {
                if firstError == nil { firstError = i }
                i += 1
            } else {
                sawMultibyte = true
                i += len
            }
            if let e = firstError, sawMultibyte { return .invalid(offset: e, sawMultibyte: true) }
        }
        if let e = firstError { return .invalid(offset: e, sawMultibyte: sawMultibyte) }
        return .valid
    }

    /// Length of the valid sequence starting at `i`, or 0 if invalid
    /// (overlong forms, surrogates and values above U+10FFFF are invalid).
    private static func sequenceLength(_ d: [UInt8], at i: Int) -> Int {
        let b = d[i], n = d.count
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool { i + k < n && d[i + k] >= lo && d[i + k] <= hi }
        switch b {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }
}

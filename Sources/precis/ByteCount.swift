import ArgumentParser
import Foundation

/// A number of bytes given on the command line: `5000000`, `500K`, `20MB`, `2G`, `1.5GiB`
/// (K/M/G/T are powers of 1024).
struct ByteCount: ExpressibleByArgument {
    let bytes: Int

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).uppercased()
        let digits = text.prefix { $0.isNumber || $0 == "." }
        var unit = text.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        if unit.hasSuffix("IB") { unit = String(unit.dropLast(2)) } else if unit.hasSuffix("B") { unit = String(unit.dropLast()) }
        let scale: Double
        switch unit {
        case "": scale = 1
        case "K": scale = 1024
        case "M": scale = 1_048_576
        case "G": scale = 1_073_741_824
        case "T": scale = 1_099_511_627_776
        default: return nil
        }
        guard let value = Double(digits), value >= 0 else { return nil }
        bytes = Int(value * scale)
    }

    /// `bytes` for people: `812 B`, `14.2 MiB`, `1.07 GiB`.
    static func format(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: value < 10 ? "%.2f %@" : "%.1f %@", value, units[unit])
    }
}

/// A span of time given on the command line: `90s`, `45m`, `12h`, `30d`, `2w`.
struct TimeSpan: ExpressibleByArgument {
    let seconds: Double

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = text.last, let value = Double(text.dropLast()), value >= 0 else { return nil }
        let scale: Double
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3600
        case "d": scale = 86_400
        case "w": scale = 604_800
        default: return nil
        }
        seconds = value * scale
    }
}

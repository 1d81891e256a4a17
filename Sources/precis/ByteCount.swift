import ArgumentParser
import Foundation
import Pipeline

/// A number of bytes given on the command line, written as in pipeline
/// files: `5000000`, `500MB`, `2GB` (powers of 1000), `1.5GiB` (powers of 1024).
struct ByteCount: ExpressibleByArgument {
    let bytes: Int

    init(_ bytes: Int) { self.bytes = bytes }

    var defaultValueDescription: String { Self.format(bytes) }

    init?(argument: String) {
        guard let bytes = RetentionPolicy.parseSize(argument) else { return nil }
        self.bytes = Int(bytes)
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

/// A span of time given on the command line, written as in pipeline files:
/// `90s`, `45m`, `12h`, `30d`, `2w`, `1d12h`.
struct TimeSpan: ExpressibleByArgument {
    let seconds: Double

    init?(argument: String) {
        guard let seconds = RetentionPolicy.parseDuration(argument) else { return nil }
        self.seconds = seconds
    }
}

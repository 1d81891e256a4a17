import Foundation
import Logging

/// Writes log messages to stderr as one line each, the way the commands
/// always have: info as is, the other levels after their name (`warning:`,
/// `debug:`); metadata as `key=value` after the message.
struct StandardErrorLog: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let prefix: String
        switch event.level {
        case .info, .notice: prefix = ""
        case .warning: prefix = "warning: "
        case .error, .critical: prefix = "error: "
        case .debug, .trace: prefix = "debug: "
        }
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let suffix = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        FileHandle.standardError.write(Data((prefix + "\(event.message)" + suffix + "\n").utf8))
    }
}

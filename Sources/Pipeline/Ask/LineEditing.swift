import Foundation

/// A key a line editor acts on, read from a terminal's bytes.
public enum EditKey: Equatable, Sendable {
    case text(String)
    case enter, backspace, delete, left, right, home, end, up, down
    /// Ctrl-K, Ctrl-U, Ctrl-W: delete to the end, to the start, the word before the cursor.
    case killToEnd, killToStart, killWord
    /// Ctrl-C: abandon the line; Ctrl-D: end of input on an empty line, else delete.
    case interrupt, endOfInput
    case ignored

    /// The keys in `bytes` (UTF-8 text, control characters, ANSI/VT escape sequences).
    public static func parse(_ bytes: [UInt8]) -> [EditKey] {
        var keys: [EditKey] = [], i = 0, pending: [UInt8] = []
        func flush() {
            if !pending.isEmpty { keys.append(.text(String(decoding: pending, as: UTF8.self))) }
            pending = []
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1b {
                flush()
                let (key, length) = escape(Array(bytes[i...]))
                keys.append(key)
                i += length
                continue
            }
            if b >= 0x20 && b != 0x7f { pending.append(b); i += 1; continue }
            flush()
            keys.append(control(b))
            i += 1
        }
        flush()
        return keys
    }

    private static func control(_ b: UInt8) -> EditKey {
        switch b {
        case 0x0d, 0x0a: return .enter
        case 0x7f, 0x08: return .backspace
        case 0x01: return .home
        case 0x05: return .end
        case 0x02: return .left
        case 0x06: return .right
        case 0x10: return .up
        case 0x0e: return .down
        case 0x0b: return .killToEnd
        case 0x15: return .killToStart
        case 0x17: return .killWord
        case 0x03: return .interrupt
        case 0x04: return .endOfInput
        default: return .ignored
        }
    }

    /// An escape sequence at the start of `bytes` and its length.
    private static func escape(_ bytes: [UInt8]) -> (EditKey, Int) {
        guard bytes.count >= 3, bytes[1] == UInt8(ascii: "[") || bytes[1] == UInt8(ascii: "O") else {
            return (.ignored, min(bytes.count, 2))
        }
        switch bytes[2] {
        case UInt8(ascii: "A"): return (.up, 3)
        case UInt8(ascii: "B"): return (.down, 3)
        case UInt8(ascii: "C"): return (.right, 3)
        case UInt8(ascii: "D"): return (.left, 3)
        case UInt8(ascii: "H"): return (.home, 3)
        case UInt8(ascii: "F"): return (.end, 3)
        default:
            // "ESC [ n ~": 1/7 home, 4/8 end, 3 delete; anything else skipped to its final byte.
            var j = 2
            while j < bytes.count, (0x30...0x3f).contains(bytes[j]) { j += 1 }
            let code = String(decoding: bytes[2..<j], as: UTF8.self)
            let length = min(bytes.count, j + 1)
            guard j < bytes.count, bytes[j] == UInt8(ascii: "~") else { return (.ignored, length) }
            switch code {
            case "1", "7": return (.home, length)
            case "4", "8": return (.end, length)
            case "3": return (.delete, length)
            default: return (.ignored, length)
            }
        }
    }
}

/// The line being edited, its cursor and the history it browses: the
/// editing rules of a chat prompt, apart from the terminal that shows them.
public struct LineEditing: Sendable {
    public private(set) var line: [Character] = []
    public private(set) var cursor = 0
    public private(set) var history: [String]
    /// Where the history is browsed (`history.count`: the line being typed).
    private var browsing: Int
    private var draft: [Character] = []

    /// What a key did to the line.
    public enum Outcome: Equatable, Sendable {
        case editing
        case submitted(String)
        case abandoned
        case endOfInput
    }

    public init(history: [String] = []) {
        self.history = history
        browsing = history.count
    }

    public var text: String { String(line) }

    public mutating func apply(_ key: EditKey) -> Outcome {
        switch key {
        case let .text(s):
            line.insert(contentsOf: s.filter { !$0.isNewline }, at: cursor)
            cursor += s.filter { !$0.isNewline }.count
        case .enter:
            let entered = text
            if !entered.trimmingCharacters(in: .whitespaces).isEmpty && history.last != entered { history.append(entered) }
            reset()
            return .submitted(entered)
        case .backspace:
            if cursor > 0 { line.remove(at: cursor - 1); cursor -= 1 }
        case .delete:
            if cursor < line.count { line.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(line.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = line.count
        case .up: browse(by: -1)
        case .down: browse(by: 1)
        case .killToEnd: line.removeSubrange(cursor...)
        case .killToStart:
            line.removeSubrange(..<cursor)
            cursor = 0
        case .killWord:
            var start = cursor
            while start > 0, line[start - 1] == " " { start -= 1 }
            while start > 0, line[start - 1] != " " { start -= 1 }
            line.removeSubrange(start..<cursor)
            cursor = start
        case .interrupt:
            reset()
            return .abandoned
        case .endOfInput:
            if line.isEmpty { return .endOfInput }
            if cursor < line.count { line.remove(at: cursor) }
        case .ignored: break
        }
        return .editing
    }

    private mutating func browse(by step: Int) {
        let target = browsing + step
        guard target >= 0, target <= history.count else { return }
        if browsing == history.count { draft = line }
        browsing = target
        line = target == history.count ? draft : Array(history[target])
        cursor = line.count
    }

    private mutating func reset() {
        line = []
        cursor = 0
        draft = []
        browsing = history.count
    }
}

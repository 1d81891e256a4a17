/// A shell-style file name pattern, matched against paths relative to an
/// input root (components separated by `/`).
///
/// - `*` matches any run of characters within one path component;
/// - `**` as a whole component matches any number of components, including
///   none: `**/*.md` matches `a.md` and `x/y/a.md`, `notes/**` everything under `notes/`;
/// - `?` matches one character other than `/`;
/// - `[abc]`, `[a-z]`, `[!a-z]` (or `[^a-z]`) match one character of (not of) a set;
/// - `\` makes the next character literal.
///
/// A pattern without `/` is matched against the file name at any depth, as
/// if it began with `**/`: `*.epub` takes EPUBs in every subdirectory. A
/// pattern with `/` is matched against the whole relative path; a leading `/`
/// is ignored. Matching is case-sensitive.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    /// Why a pattern was rejected.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// The pattern as written.
    public let pattern: String
    private let tokens: [Token]
    /// Whether the pattern is matched against the whole path rather than the file name.
    private let anchored: Bool

    private enum Token: Hashable, Sendable {
        case literal(Character)
        case one
        case star
        /// `**` at the end: anything, across components.
        case globstar
        /// `**/`: zero or more whole components.
        case globstarSlash
        case set(ranges: [ClosedRange<Character>], negated: Bool)
    }

    public init(_ pattern: String) throws(Problem) {
        guard !pattern.isEmpty else { throw Problem(description: "empty glob pattern") }
        self.pattern = pattern
        var body = Substring(pattern)
        while body.hasPrefix("/") { body = body.dropFirst() }
        anchored = body.contains("/")
        tokens = try Self.tokenize(Array(body))
    }

    public var description: String { pattern }

    /// Whether `relativePath` (e.g. `books/novel.epub`) matches.
    public func matches(_ relativePath: String) -> Bool {
        let path = anchored ? Substring(relativePath) : (relativePath.split(separator: "/").last ?? "")
        var failed = Set<Int>()
        return match(0, Array(path), 0, &failed)
    }

    private func match(_ t: Int, _ path: [Character], _ p: Int, _ failed: inout Set<Int>) -> Bool {
        let key = t * (path.count + 1) + p
        if failed.contains(key) { return false }
        let result = matchUncached(t, path, p, &failed)
        if !result { failed.insert(key) }
        return result
    }

    private func matchUncached(_ t: Int, _ path: [Character], _ p: Int, _ failed: inout Set<Int>) -> Bool {
        guard t < tokens.count else { return p == path.count }
        switch tokens[t] {
        case .globstar:
            return true
        case .globstarSlash:
            // Zero components, or skip through each following "/".
            if match(t + 1, path, p, &failed) { return true }
            var i = p
            while i < path.count {
                if path[i] == "/", match(t + 1, path, i + 1, &failed) { return true }
                i += 1
            }
            return false
        case .star:
            var i = p
            while true {
                if match(t + 1, path, i, &failed) { return true }
                guard i < path.count, path[i] != "/" else { return false }
                i += 1
            }
        case .one:
            return p < path.count && path[p] != "/" && match(t + 1, path, p + 1, &failed)
        case let .literal(c):
            return p < path.count && path[p] == c && match(t + 1, path, p + 1, &failed)
        case let .set(ranges, negated):
            guard p < path.count, path[p] != "/" else { return false }
            let inSet = ranges.contains { $0.contains(path[p]) }
            return inSet != negated && match(t + 1, path, p + 1, &failed)
        }
    }

    private static func tokenize(_ chars: [Character]) throws(Problem) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\\":
                guard i + 1 < chars.count else { throw Problem(description: "pattern ends with a lone '\\'") }
                tokens.append(.literal(chars[i + 1]))
                i += 2
            case "?":
                tokens.append(.one)
                i += 1
            case "*":
                i = starToken(chars, at: i, into: &tokens)
            case "[":
                let (token, next) = try setToken(chars, at: i)
                tokens.append(token)
                i = next
            default:
                tokens.append(.literal(c))
                i += 1
            }
        }
        return tokens
    }

    /// Reads `*` or `**` at `i`; returns the index after it.
    private static func starToken(_ chars: [Character], at i: Int, into tokens: inout [Token]) -> Int {
        var end = i
        while end < chars.count, chars[end] == "*" { end += 1 }
        let wholeComponent = (i == 0 || chars[i - 1] == "/") && (end == chars.count || chars[end] == "/")
        if end - i >= 2, wholeComponent {
            if end == chars.count {
                tokens.append(.globstar)
                return end
            }
            tokens.append(.globstarSlash)
            return end + 1
        }
        tokens.append(.star)
        return end
    }

    /// Reads a `[...]` set starting at `i`; returns it and the index after `]`.
    private static func setToken(_ chars: [Character], at i: Int) throws(Problem) -> (Token, Int) {
        var j = i + 1
        var negated = false
        if j < chars.count, chars[j] == "!" || chars[j] == "^" { negated = true; j += 1 }
        var ranges: [ClosedRange<Character>] = []
        var first = true
        while j < chars.count, chars[j] != "]" || first {
            first = false
            let low = chars[j]
            if j + 2 < chars.count, chars[j + 1] == "-", chars[j + 2] != "]" {
                let high = chars[j + 2]
                guard low <= high else { throw Problem(description: "bad range '\(low)-\(high)' in '[...]'") }
                ranges.append(low...high)
                j += 3
            } else {
                ranges.append(low...low)
                j += 1
            }
        }
        guard j < chars.count else { throw Problem(description: "unclosed '[' in glob pattern") }
        return (.set(ranges: ranges, negated: negated), j + 1)
    }
}

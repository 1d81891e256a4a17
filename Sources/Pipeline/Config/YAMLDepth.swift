/// A bound on how deeply a YAML text nests, measured before the YAML library
/// sees it: the library composes nodes recursively, so a few thousand levels
/// of `[[[…` or `- - - …` overflow the stack and crash the process.
///
/// The estimate is an upper bound on the nesting the composer would recurse
/// through: open flow collections (`[`, `{` outside quotes and comments) plus
/// the block levels of each line (its distinct deeper indentations and the
/// `- `, `? ` indicators it starts with). Pipeline and facts files need a
/// handful of levels; anything past `limit` is refused.
public enum YAMLDepth {
    /// Deepest nesting accepted.
    public static let limit = 64

    /// Throws `PipelineError.config` naming `file` and the line when `yaml` nests past `limit`.
    public static func refuseTooDeep(_ yaml: String, file: String) throws {
        guard let line = firstLineTooDeep(yaml) else { return }
        throw PipelineError.config(file: file, line: line, problem: "YAML nested deeper than \(limit) levels; refused")
    }

    /// The 1-based line where the nesting first passes `limit`, or nil.
    public static func firstLineTooDeep(_ yaml: String, limit: Int = limit) -> Int? {
        var indents: [Int] = []
        var flow = 0, lineNumber = 0
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if flow == 0, !body.isEmpty, body.first != "#" {
                while let last = indents.last, last > indent { indents.removeLast() }
                if indents.last != indent { indents.append(indent) }
            }
            let (after, deepest) = flowDepth(of: body, startingAt: flow)
            if indents.count + leadingIndicators(body) + deepest > limit { return lineNumber }
            flow = after
        }
        return nil
    }

    /// Block indicators (`- `, `? `) at the start of a line: each opens a level.
    private static func leadingIndicators(_ body: Substring) -> Int {
        var count = 0
        var rest = body
        while let c = rest.first, c == "-" || c == "?", rest.dropFirst().first == " " {
            count += 1
            rest = rest.dropFirst(2).drop { $0 == " " }
        }
        return count
    }

    /// Flow depth after `line` and the deepest it reached, starting from `depth`.
    private static func flowDepth(of line: Substring, startingAt depth: Int) -> (after: Int, deepest: Int) {
        var depth = depth, deepest = depth
        var quote: Character?
        var previous: Character = " "
        for c in line {
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "#", previous == " " {
                break
            } else if c == "\"" || (c == "'" && !previous.isLetter) {
                quote = c
            } else if c == "[" || c == "{" {
                depth += 1
                deepest = max(deepest, depth)
            } else if (c == "]" || c == "}"), depth > 0 {
                depth -= 1
            }
            previous = c
        }
        return (depth, deepest)
    }
}

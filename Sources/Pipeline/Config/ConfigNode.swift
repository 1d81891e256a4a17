import Foundation
import Yams

/// A YAML node of a pipeline file with where it sits (file, line, key path),
/// so every schema error can say `file:line: problem`.
struct ConfigNode {
    let node: Node
    /// Dotted key path from the root, e.g. `model.sparsity`; empty at the root.
    let path: String
    /// The file name used in messages.
    let file: String

    var line: Int? { node.mark?.line }
    var isNull: Bool { node.null != nil }

    /// Whether the node's resolved YAML tag is `name` (quoted scalars are strings).
    func has(_ name: Tag.Name) -> Bool { node.tag.description == name.rawValue }

    /// An error at this node's line.
    func failure(_ problem: String) -> PipelineError {
        .config(file: file, line: line, problem: problem)
    }

    /// The key path in messages: `'model.sparsity'`, or `the top level`.
    var place: String { path.isEmpty ? "the top level" : "'\(path)'" }

    /// The mapping's entries by key; rejects non-mappings, non-string keys,
    /// duplicate keys and keys not in `allowed`. A key with no value (`key:`
    /// or `key: null`) counts as absent, so a section whose entries are all
    /// commented out reads as not given.
    func mapping(allowed: [String]) throws -> [String: ConfigNode] {
        guard case let .mapping(map) = node else { throw failure("\(place) must be a mapping of keys to values") }
        var entries: [String: ConfigNode] = [:]
        var seen = Set<String>()
        for (key, value) in map {
            guard case let .scalar(scalar) = key else {
                throw ConfigNode(node: key, path: path, file: file).failure("keys under \(place) must be plain names")
            }
            let name = scalar.string
            let keyNode = ConfigNode(node: key, path: path, file: file)
            guard allowed.contains(name) else { throw keyNode.failure(unknownKey(name, allowed: allowed)) }
            guard seen.insert(name).inserted else { throw keyNode.failure("duplicate key '\(name)' under \(place)") }
            if value.null != nil { continue }
            entries[name] = ConfigNode(node: value, path: path.isEmpty ? name : "\(path).\(name)", file: file)
        }
        return entries
    }

    private func unknownKey(_ name: String, allowed: [String]) -> String {
        let under = path.isEmpty ? "at the top level" : "under '\(path)'"
        var message = "unknown key '\(name)' \(under)"
        if let guess = allowed.min(by: { editDistance($0, name) < editDistance($1, name) }),
           editDistance(guess, name) <= 2 {
            message += " (did you mean '\(guess)'?)"
        }
        return message + "; allowed: \(allowed.sorted().joined(separator: ", "))"
    }

    /// A scalar as text. Numbers and booleans are accepted as their text.
    func string() throws -> String {
        guard case let .scalar(scalar) = node, !isNull else { throw failure("\(place) must be a string") }
        return scalar.string
    }

    /// A non-empty scalar string.
    func nonEmptyString() throws -> String {
        let text = try string().trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw failure("\(place) must not be empty") }
        return text
    }

    /// An integer scalar (plain YAML integer, not quoted).
    func int() throws -> Int {
        guard case .scalar = node, has(.int), let value = node.int else {
            throw failure("\(place) must be an integer, got '\(describe())'")
        }
        return value
    }

    /// An integer ≥ 1.
    func positiveInt() throws -> Int {
        let value = try int()
        guard value > 0 else { throw failure("\(place) must be a positive integer, got \(value)") }
        return value
    }

    /// A number scalar (integer or float, not quoted).
    func double() throws -> Double {
        guard case .scalar = node, has(.int) || has(.float),
              let value = node.float, value.isFinite else {
            throw failure("\(place) must be a number, got '\(describe())'")
        }
        return value
    }

    /// A list of strings; a single string is read as a one-element list.
    func stringList() throws -> [String] {
        if case .scalar = node { return [try nonEmptyString()] }
        guard case let .sequence(items) = node else { throw failure("\(place) must be a list of strings") }
        return try items.enumerated().map { index, item in
            try ConfigNode(node: item, path: "\(path)[\(index)]", file: file).nonEmptyString()
        }
    }

    /// The node's text for messages.
    func describe() -> String {
        switch node {
        case let .scalar(scalar): return scalar.string
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}

/// Levenshtein distance, for "did you mean" hints on misspelt keys.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}

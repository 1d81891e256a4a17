extension StringProtocol {
    /// The string without leading and trailing characters from `set`.
    func trimming(_ set: String) -> String {
        let start = firstIndex { !set.contains($0) } ?? endIndex
        var end = endIndex
        while end > start, set.contains(self[index(before: end)]) { end = index(before: end) }
        return String(self[start..<end])
    }

    /// The string without leading and trailing white space.
    var trimmedSpace: String {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        var end = endIndex
        while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
        return String(self[start..<end])
    }
}

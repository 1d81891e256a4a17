import Foundation

/// One subtitle cue, or one voice within a WebVTT cue.
struct Cue {
    /// 1-based position of the cue in the file.
    var index: Int
    var start: Double
    var end: Double
    var speaker: String?
    var text: String
}

/// Removes subtitle formatting: `<i>`, `<b>`, `<font>`, WebVTT classes and
/// inline timestamps, `{\an8}` positioning codes, and the common entities.
///
/// One pass: a tag or code is skipped up to its closer; once a search for a
/// closer has failed, no later opener looks again, so unclosed `<` or `{\`
/// cost nothing extra (each used to rescan the rest of the cue).
enum CueText {
    static func strip<S: StringProtocol>(_ s: S) -> String {
        var out = ""
        var noAngleClose = false, noBraceClose = false
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "<", !noAngleClose {
                if let close = s[i...].firstIndex(of: ">") { i = s.index(after: close); continue }
                noAngleClose = true
            }
            if c == "{", !noBraceClose, s[s.index(after: i)...].first == "\\" {
                if let close = s[i...].firstIndex(of: "}") { i = s.index(after: close); continue }
                noBraceClose = true
            }
            out.append(c)
            i = s.index(after: i)
        }
        return out.replacingEntities()
    }
}

private extension String {
    func replacingEntities() -> String {
        guard contains("&") else { return self }
        var s = self
        for (k, v) in [("&lt;", "<"), ("&gt;", ">"), ("&nbsp;", " "), ("&lrm;", ""), ("&rlm;", ""), ("&quot;", "\""), ("&amp;", "&")] {
            s = s.replacingOccurrences(of: k, with: v)
        }
        return s
    }
}

/// Signs that `pdftotext` read only part of a PDF: the errors it printed
/// while recovering a damaged file, and pages that came out without text.
///
/// A damaged PDF (a lost cross-reference table, broken page objects or
/// content streams) still converts, page by page, with the damaged pages
/// empty; without these warnings the document would look complete.
enum PDFDamage {
    /// Warnings for `Metadata.warnings`. `pages`: pages in the output;
    /// `pagesWithText`: 1-based numbers of those with words.
    static func warnings(stderr: String, pages: Int, pagesWithText: Set<Int>) -> [String] {
        var out: [String] = []
        let errors = errorLines(stderr)
        if let first = errors.first {
            out.append("pdftotext reported \(errors.count) error\(errors.count == 1 ? "" : "s") reading it "
                       + "(first: \(first)); some text may be missing")
        }
        let empty = pages > 0 ? (1...pages).filter { !pagesWithText.contains($0) } : []
        if !empty.isEmpty, !errors.isEmpty || (empty.count >= 2 && empty.count * 10 >= pages) {
            out.append("\(empty.count) of \(pages) pages have no text (\(ranges(empty))): damaged, or scanned "
                       + "without a text layer; their text is missing")
        }
        return out
    }

    /// Distinct lines of poppler's output that report an error (not its warnings).
    static func errorLines(_ stderr: String) -> [String] {
        var seen = Set<String>()
        return stderr.split(whereSeparator: \.isNewline).map { $0.replacingOccurrences(of: "<0a>", with: "").trimmedSpace }
            .filter { $0.contains("Error") && seen.insert($0).inserted }
    }

    /// "3–6, 9" for [3, 4, 5, 6, 9]; at most ten ranges, then "…".
    static func ranges(_ pages: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < pages.count {
            var j = i
            while j + 1 < pages.count, pages[j + 1] == pages[j] + 1 { j += 1 }
            parts.append(i == j ? "page \(pages[i])" : "pages \(pages[i])–\(pages[j])")
            i = j + 1
        }
        let shown = parts.prefix(10).joined(separator: ", ")
        return parts.count > 10 ? shown + ", …" : shown
    }
}

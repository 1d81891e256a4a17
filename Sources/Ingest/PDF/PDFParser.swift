import Foundation

/// Reads PDFs with a text layer through poppler's `pdftotext -bbox-layout`,
/// which reports pages, blocks, lines and their boxes. Blocks become
/// paragraphs with their page as span; blocks set in a larger size than the
/// body text become headings, one outline level per distinct size.
struct PDFParser {
    let options: IngestOptions

    struct TextBlock {
        var page: Int
        var lines: [String]
        /// Median line height, a stand-in for the font size.
        var size: Double
        var words: Int
    }

    func parse(data: Data, file: String, hash: String) throws -> Document {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("precis-\(UUID().uuidString).pdf")
        do { try data.write(to: temp) } catch {
            throw IngestError.unreadable(file: file, reason: "cannot stage PDF for pdftotext: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: temp) }
        let result = try pdftotext(temp.path, file: file)
        guard result.status == 0 else {
            let reason = result.stderrText.split(whereSeparator: \.isNewline).first.map(String.init)
            throw IngestError.toolFailed(file: file, tool: "pdftotext", reason: reason ?? "exit status \(result.status)")
        }
        let tree = try SafeXMLParser.parseXML(result.stdout, file: file, part: "pdftotext output")
        let (blocks, pages, title) = Self.blocks(tree)
        guard blocks.contains(where: { $0.words > 0 }) else { throw IngestError.noTextLayer(file: file) }
        var builder = DocumentBuilder(metadata: Metadata(source: file, format: .pdf, pageCount: pages), options: options)
        builder.setTitle(title)
        for warning in PDFDamage.warnings(stderr: result.stderrText, pages: pages, pagesWithText: Set(blocks.map(\.page))) {
            builder.warn(warning)
        }
        emit(blocks, into: &builder)
        return try builder.finish(contentHash: hash)
    }

    /// `pdftotext -bbox-layout` of the file at `path`, within `options.pdfTimeout`.
    private func pdftotext(_ path: String, file: String) throws -> ChildProcess.Output {
        do {
            return try ChildProcess.run("pdftotext", ["-bbox-layout", "-enc", "UTF-8", path, "-"],
                                        searchPath: ChildProcess.defaultSearchPath + ":/usr/bin:/usr/local/bin",
                                        timeLimit: options.pdfTimeout)
        } catch ChildProcess.Failure.notFound {
            throw IngestError.toolMissing(file: file, tool: "pdftotext")
        } catch ChildProcess.Failure.timedOut(_, let seconds) {
            throw IngestError.timeout(file: file, tool: "pdftotext", seconds: seconds)
        } catch {
            throw IngestError.toolFailed(file: file, tool: "pdftotext", reason: "\(error)")
        }
    }

    /// Blocks in reading order, page count and the document title (if set).
    static func blocks(_ tree: XMLTree) -> ([TextBlock], Int, String?) {
        guard let root = tree.root else { return ([], 0, nil) }
        let title = root.child("head")?.child("title").map { TextCleaner.collapse($0.textContent) }
        let pages = root.descendants("page")
        var out: [TextBlock] = []
        for (p, page) in pages.enumerated() {
            for block in page.descendants("block") {
                var heights: [Double] = []
                var lines: [String] = []
                var words = 0
                for line in block.childElements("line") {
                    let ws = line.childElements("word").map { $0.textContent }
                    words += ws.count
                    lines.append(ws.joined(separator: " "))
                    let h = (Double(line.attr("yMax") ?? "") ?? 0) - (Double(line.attr("yMin") ?? "") ?? 0)
                    heights.append(h)
                }
                heights.sort()
                let size = heights.isEmpty ? 0 : heights[heights.count / 2]
                if words > 0 { out.append(TextBlock(page: p + 1, lines: lines, size: size, words: words)) }
            }
        }
        return (out, pages.count, title.flatMap { $0.isEmpty ? nil : $0 })
    }

    private func emit(_ blocks: [TextBlock], into builder: inout DocumentBuilder) {
        var weight: [Double: Int] = [:]
        for b in blocks { weight[(b.size * 2).rounded() / 2, default: 0] += b.words }
        let body = weight.max { $0.value < $1.value }?.key ?? 0
        let headingSizes = Set(blocks.filter { isHeading($0, body: body) }.map { ($0.size * 2).rounded() / 2 })
            .sorted(by: >)
        for b in blocks {
            let text = Self.joinLines(b.lines)
            if isHeading(b, body: body), let rank = headingSizes.firstIndex(of: (b.size * 2).rounded() / 2) {
                builder.heading(text, level: min(rank + 1, 6), span: .page(b.page))
            } else {
                builder.add(.paragraph, text: text, span: .page(b.page))
            }
        }
    }

    private func isHeading(_ b: TextBlock, body: Double) -> Bool {
        body > 0 && b.size >= body * 1.15 && b.lines.count <= 3 && b.words <= 20
    }

    /// Joins lines, removing end-of-line hyphenation before a lower-case word.
    static func joinLines(_ lines: [String]) -> String {
        var out = ""
        for line in lines {
            if out.hasSuffix("-"), let first = line.first, first.isLowercase {
                out.removeLast()
                out += line
            } else {
                out += out.isEmpty ? line : " " + line
            }
        }
        return out
    }
}

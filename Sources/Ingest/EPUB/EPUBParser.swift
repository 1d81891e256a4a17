/// Reads EPUB 2 and 3 books: container → package → spine in reading order,
/// with chapters named from nav.xhtml or toc.ncx.
struct EPUBParser {
    let zip: SafeZip
    let options: IngestOptions

    func parse(hash: String) throws -> Document {
        let pkg = try EPUBPackage.load(zip)
        let nav = try EPUBNavigation.load(zip, package: pkg)
        var builder = DocumentBuilder(metadata: Metadata(source: zip.file, title: pkg.title, authors: pkg.authors,
                                                         language: pkg.language, format: .epub),
                                      options: options)
        if let source = nav.source { builder.note("chapters named from \(source == "nav" ? "nav.xhtml" : "toc.ncx")") }
        pkg.lostSpineItems.forEach { builder.warn($0) }
        var seen = Set<String>()
        let spinePaths = Set(pkg.spine.compactMap { pkg.manifest[$0]?.path })
        for id in pkg.spine {
            guard let item = pkg.manifest[id], isContent(item), !item.properties.contains("nav"),
                  seen.insert(item.path).inserted else { continue }
            guard zip.contains(item.path) else {
                builder.warn("spine item '\(id)' names \(item.path), which is not in the archive; its chapter is left out")
                continue
            }
            let entries = nav.entries.filter { $0.path == item.path }
            try chapter(item.path, entries: entries, spine: spinePaths, into: &builder)
        }
        return try builder.finish(contentHash: hash)
    }

    private func isContent(_ item: EPUBPackage.Item) -> Bool {
        item.mediaType.contains("html") || item.path.hasSuffix(".xhtml") || item.path.hasSuffix(".html")
            || item.path.hasSuffix(".htm")
    }

    /// Extracts one spine document. The first table-of-contents entry without
    /// a fragment opens the chapter; entries with fragments open sections
    /// where their anchors appear.
    private func chapter(_ path: String, entries: [EPUBNavigation.Entry], spine: Set<String>,
                         into builder: inout DocumentBuilder) throws {
        let bytes = try zip.read(path)
        let (tree, recovered) = try XHTMLReader.parse(bytes, file: zip.file, part: path)
        if recovered { builder.note("recovered malformed XHTML in \(path)") }
        guard let root = tree.root else { return }
        let body = root.child("body") ?? root
        if Self.isLinkList(body, part: path, spine: spine) {
            builder.note("skipped table-of-contents page \(path)")
            return
        }
        var settings = HTMLExtractor.Settings(file: zip.file, part: path, maxDepth: options.maxNestingDepth)
        let opening = entries.first { $0.fragment == nil || $0.fragment?.isEmpty == true }
        for e in entries where e != opening {
            if let f = e.fragment, settings.anchors[f] == nil { settings.anchors[f] = (e.title, e.depth) }
        }
        let firstHeading = Self.firstHeading(body)
        if let opening {
            builder.heading(opening.title, level: opening.depth, span: .bytes(part: path, start: 0, end: 0))
            let matches = firstHeading.map { Self.sameTitle($0.text, opening.title) } ?? false
            if matches { settings.skipHeading = firstHeading?.text }
            settings.headingOffset = opening.depth + (matches ? 0 : 1) - (firstHeading?.level ?? 1)
        } else if let depth = entries.map(\.depth).min() {
            settings.headingOffset = depth + 1 - (firstHeading?.level ?? 1)
        }
        let extractor = HTMLExtractor(builder: builder, settings: settings, source: bytes)
        try extractor.extract(body)
        builder = extractor.builder
    }

    /// True for an HTML table of contents in the spine: links to at least
    /// a third of the other spine documents (and five or more), or at least five
    /// links carrying 70% of the page's text. Its headings would duplicate the
    /// outline taken from the navigation.
    static func isLinkList(_ body: XMLNode, part: String, spine: Set<String>) -> Bool {
        var links = 0, linked = 0
        var targets = Set<String>()
        for a in body.descendants("a") {
            guard let href = a.attr("href"), !href.hasPrefix("#"), !href.contains("://"),
                  let target = ZipPath.resolve(href, relativeTo: part), target.path != part else { continue }
            links += 1
            linked += TextCleaner.collapse(a.textContent).count
            if spine.contains(target.path) { targets.insert(target.path) }
        }
        guard links >= 5 else { return false }
        if targets.count >= 5 && targets.count * 3 >= spine.count - 1 { return true }
        return linked * 10 >= TextCleaner.collapse(body.textContent).count * 7
    }

    /// Text and level of the first `h1`–`h6` under `body`.
    static func firstHeading(_ body: XMLNode) -> (text: String, level: Int)? {
        var found: (String, Int)?
        func visit(_ n: XMLNode, _ depth: Int) {
            guard found == nil, depth < 64 else { return }
            for c in n.children where c.isElement {
                if let level = HTMLClassifier.headingLevel(c.name) {
                    found = (TextCleaner.collapse(c.textContent), level)
                    return
                }
                if !HTMLClassifier.dropped.contains(c.name) { visit(c, depth + 1) }
                if found != nil { return }
            }
        }
        visit(body, 0)
        return found
    }

    static func sameTitle(_ a: String, _ b: String) -> Bool {
        let norm = { (s: String) in s.lowercased().filter { $0.isLetter || $0.isNumber } }
        let (x, y) = (norm(a), norm(b))
        return !x.isEmpty && (x == y || x.hasSuffix(y) || y.hasSuffix(x) || x.hasPrefix(y) || y.hasPrefix(x))
    }
}

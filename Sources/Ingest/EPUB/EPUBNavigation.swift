/// The table of contents of an EPUB, flattened to entries in reading order.
struct EPUBNavigation {
    struct Entry: Equatable {
        var title: String
        var path: String
        var fragment: String?
        /// 1 for top-level entries.
        var depth: Int
    }

    var entries: [Entry] = []
    /// "nav" or "ncx": which source the entries came from.
    var source: String?

    /// Reads nav.xhtml (EPUB 3) or, failing that, toc.ncx (EPUB 2).
    static func load(_ zip: SafeZip, package pkg: EPUBPackage) throws -> EPUBNavigation {
        if let nav = pkg.navPath, let bytes = try zip.readIfPresent(nav) {
            let tree = try XHTMLReader.parse(bytes, file: zip.file, part: nav).tree
            if let root = tree.root {
                let entries = navEntries(root, base: nav)
                if !entries.isEmpty { return EPUBNavigation(entries: entries, source: "nav") }
            }
        }
        if let ncx = pkg.ncxPath, let bytes = try zip.readIfPresent(ncx) {
            let tree = try SafeXMLParser.parseXML(bytes, file: zip.file, part: ncx)
            if let navMap = tree.root?.child("navMap") {
                return EPUBNavigation(entries: ncxEntries(navMap, base: ncx, depth: 1), source: "ncx")
            }
        }
        return EPUBNavigation()
    }

    /// Entries of `<nav epub:type="toc">` (or the first `<nav>`).
    private static func navEntries(_ root: XMLNode, base: String) -> [Entry] {
        let navs = root.descendants("nav")
        guard let toc = navs.first(where: { HTMLClassifier.epubTypes($0).contains("toc") }) ?? navs.first,
              let list = toc.descendants("ol", limit: 1).first else { return [] }
        var out: [Entry] = []
        func walk(_ ol: XMLNode, depth: Int) {
            guard depth < 32 else { return }
            for li in ol.childElements("li") {
                if let a = li.child("a") ?? li.child("span"), let href = a.attr("href"),
                   let target = ZipPath.resolve(href, relativeTo: base) {
                    out.append(Entry(title: TextCleaner.collapse(a.textContent), path: target.path,
                                     fragment: target.fragment, depth: depth))
                }
                if let sub = li.child("ol") { walk(sub, depth: depth + 1) }
            }
        }
        walk(list, depth: 1)
        return out
    }

    private static func ncxEntries(_ parent: XMLNode, base: String, depth: Int) -> [Entry] {
        guard depth < 32 else { return [] }
        var out: [Entry] = []
        for point in parent.childElements("navPoint") {
            let label = point.child("navLabel")?.child("text")?.textContent ?? ""
            if let src = point.child("content")?.attr("src"), let target = ZipPath.resolve(src, relativeTo: base) {
                out.append(Entry(title: TextCleaner.collapse(label), path: target.path, fragment: target.fragment, depth: depth))
            }
            out += ncxEntries(point, base: base, depth: depth + 1)
        }
        return out
    }
}

/// The parts of an EPUB's package document (OPF) that ingestion needs:
/// metadata, manifest and spine.
struct EPUBPackage {
    struct Item {
        var path: String
        var mediaType: String
        var properties: [String]
    }

    var opfPath: String
    var title: String?
    var authors: [String] = []
    var language: String?
    var version: String?
    var manifest: [String: Item] = [:]
    /// Manifest ids in reading order (`linear="no"` items last).
    var spine: [String] = []
    /// Manifest id of the NCX named by `<spine toc="…">`.
    var ncxID: String?
    /// Manifest hrefs that lead outside the archive (a URL, a path above
    /// its root), by id: such items are not in `manifest`.
    var outside: [String: String] = [:]
    /// Spine entries left out because they name nothing in the archive, as
    /// warnings.
    var lostSpineItems: [String] = []

    /// Finds the OPF through `META-INF/container.xml` and reads it.
    static func load(_ zip: SafeZip) throws -> EPUBPackage {
        let containerPart = "META-INF/container.xml"
        let container = try SafeXMLParser.parseXML(try zip.read(containerPart), file: zip.file, part: containerPart)
        let rootfiles = container.root?.descendants("rootfile") ?? []
        let chosen = rootfiles.first { $0.attr("media-type") == "application/oebps-package+xml" } ?? rootfiles.first
        guard let fullPath = chosen?.attr("full-path"), let opfPath = ZipPath.resolve(fullPath, relativeTo: "")?.path else {
            throw IngestError.missingPart(file: zip.file, part: "rootfile in \(containerPart)")
        }
        let opf = try SafeXMLParser.parseXML(try zip.read(opfPath), file: zip.file, part: opfPath)
        guard let root = opf.root else { throw IngestError.missingPart(file: zip.file, part: opfPath) }
        var pkg = EPUBPackage(opfPath: opfPath)
        pkg.version = root.attr("version")
        pkg.readMetadata(root.child("metadata"))
        pkg.readManifest(root.child("manifest"))
        pkg.readSpine(root.child("spine"))
        if pkg.spine.isEmpty { throw IngestError.missingPart(file: zip.file, part: "spine items in \(opfPath)") }
        return pkg
    }

    private mutating func readMetadata(_ metadata: XMLNode?) {
        guard let metadata else { return }
        let titles = metadata.descendants("title").map { TextCleaner.collapse($0.textContent) }.filter { !$0.isEmpty }
        title = titles.first
        authors = metadata.descendants("creator").map { TextCleaner.collapse($0.textContent) }.filter { !$0.isEmpty }
        language = metadata.descendants("language").map { $0.textContent.trimmedSpace }.first { !$0.isEmpty }
    }

    private mutating func readManifest(_ manifestNode: XMLNode?) {
        for item in manifestNode?.childElements("item") ?? [] {
            guard let id = item.attr("id"), let href = item.attr("href") else { continue }
            guard let path = ZipPath.resolve(href, relativeTo: opfPath)?.path else {
                outside[id] = href
                continue
            }
            manifest[id] = Item(path: path, mediaType: item.attr("media-type") ?? "",
                                properties: (item.attr("properties") ?? "").split(separator: " ").map(String.init))
        }
    }

    private mutating func readSpine(_ spineNode: XMLNode?) {
        guard let spineNode else { return }
        ncxID = spineNode.attr("toc")
        var linear: [String] = [], nonLinear: [String] = []
        for ref in spineNode.childElements("itemref") {
            guard let id = ref.attr("idref") else { continue }
            guard manifest[id] != nil else {
                lostSpineItems.append(outside[id].map { "spine item '\(id)' points outside the archive (\($0)); its chapter is left out" }
                    ?? "spine item '\(id)' is not in the manifest; its chapter is left out")
                continue
            }
            if ref.attr("linear") == "no" { nonLinear.append(id) } else { linear.append(id) }
        }
        spine = linear + nonLinear
    }

    /// Path of the EPUB 3 navigation document, if declared.
    var navPath: String? { manifest.values.first { $0.properties.contains("nav") }?.path }

    /// Path of the EPUB 2 NCX, from the spine or by media type.
    var ncxPath: String? {
        if let id = ncxID, let item = manifest[id] { return item.path }
        return manifest.values.first { $0.mediaType == "application/x-dtbncx+xml" }?.path
    }
}

/// Parses an XHTML content document: strictly as XML first (entities
/// refused, depth limited), then, if it is not well-formed, with the HTML
/// parser in recovery mode so one sloppy chapter does not lose the book.
enum XHTMLReader {
    static func parse(_ bytes: [UInt8], file: String, part: String) throws -> (tree: XMLTree, recovered: Bool) {
        do {
            return (try SafeXMLParser.parseXML(bytes, file: file, part: part), false)
        } catch IngestError.malformedXML {
            return (try SafeXMLParser.parseHTML(bytes, file: file, part: part, encoding: "UTF-8"), true)
        }
    }
}

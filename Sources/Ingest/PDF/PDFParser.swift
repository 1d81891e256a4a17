import Foundation
struct PDFParser {
    let options: IngestOptions
    func parse(data: Data, file: String, hash: String) throws -> Document { throw IngestError.noContent(file: file) }
}

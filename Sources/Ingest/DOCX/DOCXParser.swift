struct DOCXParser {
    let zip: SafeZip
    let options: IngestOptions
    func parse(hash: String) throws -> Document { throw IngestError.noContent(file: zip.file) }
}

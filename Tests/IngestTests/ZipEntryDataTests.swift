import Foundation
import Testing
import ZIPFoundation
@testable import Ingest

/// Entries are inflated from the bytes they own, never by feeding inflate
/// from the file until a cut-short stream ends (ZIPFoundation's Linux reader
/// then loops forever at the end of the file).
@Suite struct ZipEntryDataTests {
    @Test(arguments: ["novel2.epub", "agreement.docx"])
    func everyEntryIsLocatedAndReadsAsZIPFoundationReadsIt(_ name: String) throws {
        let url = Fixtures.good(name)
        let image = try Data(contentsOf: url)
        let archive = try Archive(url: url, accessMode: .read)
        for entry in archive where entry.type == .file {
            let start = try #require(ZipEntryData.start(of: entry), "\(entry.path)")
            var ours = Data(), theirs = Data()
            let crc = try ZipEntryData.read(entry, at: start, in: image, file: name) { ours.append($0) }
            _ = try archive.extract(entry) { theirs.append($0) }
            #expect(ours == theirs && crc == entry.checksum, "\(entry.path)")
        }
    }

    /// Found by the fuzzer: a deflate stream that never ends before the end
    /// of the file hung the ingest; now it is a corrupt archive.
    @Test func aDeflateStreamCutShortIsACorruptArchive() throws {
        let bytes = [UInt8](try Data(contentsOf: Fixtures.good("agreement.docx")))
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        let entry = try #require(archive["word/document.xml"])
        let start = try #require(ZipEntryData.start(of: entry))
        // A stored block that promises 65535 bytes, more than the entry holds.
        var damaged = bytes
        damaged.replaceSubrange(start..<(start + 5), with: [0x00, 0xFF, 0xFF, 0x00, 0x00])
        #expect(entry.compressedSize < 65535)
        #expect {
            _ = try ZipEntryData.read(entry, at: start, in: Data(damaged), file: "cut.docx") { _ in }
        } throws: { "\($0)".contains("ends past its") }
        // And an image that ends inside the entry.
        #expect(throws: IngestError.self) {
            _ = try ZipEntryData.read(entry, at: start, in: Data(bytes[0..<(start + 10)]), file: "cut.docx") { _ in }
        }
    }
}

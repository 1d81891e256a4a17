import Foundation
import Ingest

extension Console {
    /// Prints each of `document`'s warnings (text the file holds that the
    /// document lacks, see `Metadata.warnings`) on stderr as
    /// `warning: NAME: reason`, so a partial read is never silent.
    static func warnings(of document: Document, name: String? = nil) {
        for warning in document.metadata.warnings {
            Console.warning("\(name ?? document.metadata.source): \(warning)")
        }
    }
}

import Testing
@testable import Snapshot

@Test func SnapshotModuleLinks() {
    #expect(Bool(true))
}

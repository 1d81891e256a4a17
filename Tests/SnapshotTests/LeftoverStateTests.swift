import Foundation
import GGUF
import Inference
import Testing
@testable import Snapshot

/// What killed writers and damaged files leave behind: snapshot
/// temporaries of a process that is gone, a catalog that is not a database.
@Suite("Leftover state")
struct LeftoverStateTests {
    /// The pid of a process that has exited.
    static func goneProcess() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    @Test("a temporary whose writer is gone is pruned at once; a live writer's only once an hour old")
    func temporariesOfGoneWriters() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try SnapshotStore(directory: URL(fileURLWithPath: root + "/snapshots"), databasePath: root + "/catalog.sqlite")
        let folder = root + "/snapshots/ab"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let gone = try Self.goneProcess()
        let orphan = folder + "/abcd.pkv.tmp-\(gone)-77", live = folder + "/abce.pkv.tmp-\(getppid())-78"
        let own = folder + "/abcf.pkv.tmp-\(getpid())-79", oldLive = folder + "/abd0.pkv.tmp-\(getppid())-80"
        // Another machine's writer (same pid numbers mean nothing here): left until it ages.
        let elsewhere = folder + "/abd1.pkv.tmp-\(gone)@other-host.example-81"
        let mineNew = folder + "/abd2.pkv.tmp-\(gone)@\(TemporaryName.host)-82"
        for path in [orphan, live, own, elsewhere, mineNew] { FileManager.default.createFile(atPath: path, contents: Data([1, 2, 3])) }
        FileManager.default.createFile(atPath: oldLive, contents: Data([1]),
                                       attributes: [.modificationDate: Date().addingTimeInterval(-7200)])
        try store.prune()
        #expect(!FileManager.default.fileExists(atPath: orphan))
        #expect(!FileManager.default.fileExists(atPath: oldLive))
        #expect(!FileManager.default.fileExists(atPath: mineNew))
        #expect(FileManager.default.fileExists(atPath: live) && FileManager.default.fileExists(atPath: own))
        #expect(FileManager.default.fileExists(atPath: elsewhere))
        #expect(TemporaryName.writer(of: "ab.pkv.tmp-4242-99")?.pid == 4242)
        #expect(TemporaryName.writer(of: "ab.pkv.tmp-4242@node-7.cluster-99").map { "\($0.pid) \($0.host ?? "")" } == "4242 node-7.cluster")
        #expect(TemporaryName.writer(of: "ab.pkv.tmp-x-99") == nil)
        #expect(TemporaryName.sibling(of: "/d/a.pkv").hasPrefix("/d/a.pkv.tmp-\(getpid())@\(TemporaryName.host)-"))
    }

    @Test("a catalog of garbage bytes is named as damaged, with the command that moves it aside")
    func garbageCatalog() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/catalog.sqlite"
        var rng = SplitMix64(seed: 9)
        try Data((0..<8192).map { _ in UInt8(truncatingIfNeeded: rng.next()) }).write(to: URL(fileURLWithPath: path))
        do {
            _ = try SnapshotStore(directory: URL(fileURLWithPath: root + "/snapshots"), databasePath: path)
            Issue.record("a garbage catalog opened")
        } catch let error as StateDatabaseDamaged {
            #expect(error.path == path)
            #expect(error.description == "catalog \(path) is damaged (file is not a database); "
                    + "move it aside to start a new one: mv \(path) \(path).damaged")
        }
        FileManager.default.createFile(atPath: path + "-wal", contents: Data([0]))
        #expect(StateDatabaseDamaged(path: path, reason: "x").moveAside
                == "mv \(path) \(path).damaged && mv \(path)-wal \(path)-wal.damaged")
        try FileManager.default.moveItem(atPath: path, toPath: path + ".damaged")
        try FileManager.default.moveItem(atPath: path + "-wal", toPath: path + "-wal.damaged")
        #expect(try SnapshotStore(directory: URL(fileURLWithPath: root + "/snapshots"), databasePath: path).list().isEmpty)
    }
}

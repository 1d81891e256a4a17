import Testing
@testable import Pipeline

/// The chat prompt's editing rules, fed the bytes a terminal sends.
@Suite("Line editing")
struct LineEditingTests {
    func type(_ bytes: [UInt8], into editing: inout LineEditing) -> [LineEditing.Outcome] {
        EditKey.parse(bytes).map { editing.apply($0) }.filter { $0 != .editing }
    }

    @Test func keysAreReadFromTextControlsAndEscapes() {
        #expect(EditKey.parse(Array("hé".utf8) + [0x1b, 0x5b, 0x44, 0x7f, 0x0d])
            == [.text("hé"), .left, .backspace, .enter])
        #expect(EditKey.parse([0x1b, 0x5b, 0x33, 0x7e, 0x1b, 0x4f, 0x48, 0x01, 0x05, 0x03, 0x04])
            == [.delete, .home, .home, .end, .interrupt, .endOfInput])
        #expect(EditKey.parse([0x1b, 0x5b, 0x31, 0x3b, 0x35, 0x43]) == [.ignored], "Ctrl-Right is skipped whole")
    }

    @Test func theCursorMovesAndTextIsInsertedAndDeletedWhereItIs() {
        var e = LineEditing()
        _ = type(Array("Who pay".utf8) + [0x01] + Array("So, ".utf8) + [0x05] + Array("s?".utf8), into: &e)
        #expect(e.text == "So, Who pays?" && e.cursor == 13)
        _ = type([0x17], into: &e)
        #expect(e.text == "So, Who ")
        _ = type([0x01, 0x1b, 0x5b, 0x43, 0x1b, 0x5b, 0x43, 0x0b], into: &e)
        #expect(e.text == "So" && e.cursor == 2)
        #expect(type([0x0d], into: &e) == [.submitted("So")])
        #expect(e.text.isEmpty)
    }

    @Test func historyIsBrowsedAndTheDraftKept() {
        var e = LineEditing(history: ["first question"])
        _ = type(Array("second".utf8) + [0x0d] + Array("draft".utf8), into: &e)
        _ = type([0x1b, 0x5b, 0x41], into: &e)
        #expect(e.text == "second")
        _ = type([0x1b, 0x5b, 0x41, 0x1b, 0x5b, 0x41], into: &e)
        #expect(e.text == "first question")
        _ = type([0x1b, 0x5b, 0x42, 0x1b, 0x5b, 0x42], into: &e)
        #expect(e.text == "draft")
        #expect(e.history == ["first question", "second"])
    }

    @Test func ctrlCAbandonsTheLineAndCtrlDEndsInputOnlyWhenEmpty() {
        var e = LineEditing()
        #expect(type(Array("half a qu".utf8) + [0x03], into: &e) == [.abandoned])
        #expect(e.text.isEmpty && e.history.isEmpty)
        _ = type(Array("ab".utf8) + [0x01, 0x04], into: &e)
        #expect(e.text == "b")
        #expect(type([0x05, 0x15, 0x04], into: &e) == [.endOfInput])
    }
}

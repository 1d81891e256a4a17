import Foundation
import Testing
@testable import Ingest

/// Transcripts that used to be misread: a sentence's first word taken for a
/// speaker, a dialogue cue credited to its first speaker only, a literal `<`
/// swallowing text up to the next `>`.
@Suite struct TranscriptHostileTests {
    static func srt(_ cues: [String]) -> String {
        cues.enumerated().map { n, text in
            "\(n + 1)\n00:00:\(String(format: "%02d", n * 3)),000 --> 00:00:\(String(format: "%02d", n * 3 + 2)),000\n\(text)\n"
        }.joined(separator: "\n")
    }

    static func ingest(_ text: String, name: String) throws -> Document {
        try Ingester().ingest(data: Data(text.utf8), name: name)
    }

    @Test func aSpanishSentenceOpeningIsNotASpeaker() throws {
        let doc = try Self.ingest(Self.srt(["Digo: no quiero ir.", "Nadie me escucha.", "Pienso: mañana será otro día."]),
                                  name: "es.srt")
        #expect(doc.turns.allSatisfy { $0.speaker == nil })
        let text = doc.blocks.map(\.text).joined(separator: " ")
        #expect(text.contains("Digo: no quiero ir."))
        #expect(text.contains("Pienso: mañana será otro día."))
    }

    @Test func aSentenceOpenerIsTextEvenAmongSpeakers() throws {
        let doc = try Self.ingest(Self.srt(["Ana: Hola.", "Ben: ¿Qué tal?", "Ana: Bien.", "Digo: que sí.", "Ben: Vale."]),
                                  name: "es.srt")
        #expect(doc.turns.map(\.speaker) == ["Ana", "Ben", "Ana", "Ben"])
        #expect(doc.turns[2].text == "Bien. Digo: que sí.")
    }

    @Test func aRoleOrAFullNameSpeaksOnce() throws {
        let doc = try Self.ingest(Self.srt(["Chair: The meeting is open.", "Thank you all for coming."]), name: "m.srt")
        #expect(doc.turns.first?.speaker == "Chair")
        let named = try Self.ingest(Self.srt(["Maria Lopez: Thanks for coming in."]), name: "n.srt")
        #expect(named.turns.first?.speaker == "Maria Lopez")
    }

    @Test func speakerTextNeedsLabelsThatLookLikeSpeakers() throws {
        let text = "Digo: no quiero ir.\nMira: es tarde.\nOye: ven aquí.\nEscucha: ya basta.\n"
        #expect(try Self.ingest(text, name: "notes.txt").metadata.format == .plainText)
        let once = "Quiero: una casa.\nNecesito: dinero.\nBusco: trabajo.\n"
        #expect(try Self.ingest(once, name: "list.txt").metadata.format == .plainText)
        #expect(SpeakerLine.parse("Digo: no quiero ir.") == nil)
        #expect(SpeakerLine.parse("Dice Juan: que no.") == nil)
        #expect(SpeakerLine.parse("Ana: hola")?.speaker == "Ana")
    }

    @Test func eachDialogueDashLineIsCreditedToItsSpeaker() throws {
        let doc = try Self.ingest(Self.srt(["- Alice: hi\n- Bob: hello"]), name: "d.srt")
        #expect(doc.turns.map(\.speaker) == ["Alice", "Bob"])
        #expect(doc.turns.map(\.text) == ["hi", "hello"])
        #expect(doc.blocks.allSatisfy { $0.span == .cues(first: 1, last: 1) })
    }

    @Test func anUnlabelledSecondDashIsSomeoneElse() throws {
        let doc = try Self.ingest(Self.srt(["Alice: Are you coming?", "- Yes.\n- No, I am not.", "Alice: Fine."]),
                                  name: "d.srt")
        #expect(doc.turns.map(\.speaker) == ["Alice", nil, "Alice"])
        #expect(doc.turns.map(\.text) == ["Are you coming? Yes.", "No, I am not.", "Fine."])
        let unnamed = try Self.ingest(Self.srt(["- Déjala.\n- Tú no te metas."]), name: "u.srt")
        #expect(unnamed.turns.map(\.text) == ["Déjala.", "Tú no te metas."])
        #expect(CuePayload.afterDialogueDash("-5 °C tonight") == nil)
    }

    @Test func webVTTVoicesAndDashesInOneCue() throws {
        let voices = "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Alice>hi</v><v Bob>hello</v>\n"
        let doc = try Self.ingest(voices, name: "v.vtt")
        #expect(doc.turns.map(\.speaker) == ["Alice", "Bob"])
        #expect(doc.turns.map(\.text) == ["hi", "hello"])
        let dashes = "WEBVTT\n\n00:01.000 --> 00:03.000\n- Alice: hi\n- Bob: hello\n"
        #expect(try Self.ingest(dashes, name: "d.vtt").turns.map(\.speaker) == ["Alice", "Bob"])
        let notAVoice = "WEBVTT\n\n00:01.000 --> 00:03.000\nA <very> odd line\n"
        #expect(try Self.ingest(notAVoice, name: "n.vtt").blocks.first?.text == "A <very> odd line")
    }

    @Test func aLiteralAngleBracketIsText() throws {
        #expect(CueText.strip("2 < 3 and 5 > 4") == "2 < 3 and 5 > 4")
        #expect(CueText.strip("a<b and c>d") == "a<b and c>d")
        #expect(CueText.strip("I <3 you") == "I <3 you")
        #expect(CueText.strip("<i>it</i> <b>is</b> <u>so</u>") == "it is so")
        #expect(CueText.strip("<font color=\"#ff0\">gold</font>") == "gold")
        #expect(CueText.strip("<c.yellow.bg_blue>this</c> <lang en-GB>colour</lang>") == "this colour")
        #expect(CueText.strip("<v.loud Dan>now<00:00:01.500> then</v>") == "now then")
        #expect(CueText.strip("<ruby>漢<rt>kan</rt></ruby>") == "漢kan")
        #expect(CueText.strip("x &lt;i&gt; y") == "x <i> y")
        let doc = try Self.ingest(Self.srt(["If 2 < 3 and 5 > 4, <i>then</i> fine."]), name: "lt.srt")
        #expect(doc.blocks.first?.text == "If 2 < 3 and 5 > 4, then fine.")
    }
}

import Foundation
import Ingest
import Testing
@testable import Pipeline

/// The genre tables: key terms of a contract, minutes of a meeting, a book's characters.
@Suite("Genre structure")
struct GenreStructureTests {
    static let lease = """
        # Lease

        This Lease is made between Harbour Estates Ltd (the “Landlord”) and Kiln Bakery Ltd (the “Tenant”).

        # 1. Definitions

        1.1 “Premises” means Unit 4, Kilnworth Trade Park.

        # 2. Rent

        2.1 The Tenant shall pay rent of 24,000 pounds a year, payable quarterly in advance.

        # 3. Term

        3.1 The Lease starts on 1 April and continues for five years.

        # 4. Ending the Lease

        4.1 The Landlord may terminate this Lease by notice if the rent is unpaid for sixty days.

        # 5. Liability

        5.1 The Landlord's total liability shall not exceed the rent paid in the previous year.

        # 6. Law

        6.1 This Lease is governed by the laws of England and Wales.
        """

    @Test func keyTermsQuoteTheClausesThatSettleThem() throws {
        let index = SourceIndex(try Ingester().ingest(data: Data(Self.lease.utf8), name: "lease.md"))
        let terms = Dictionary(uniqueKeysWithValues: KeyTermsTable.extract(index).map { ($0.term, $0) })
        #expect(terms["Parties"]?.value.contains("Harbour Estates Ltd") == true)
        #expect(terms["Fees and payment"]?.value.contains("24,000 pounds") == true)
        #expect(terms["Fees and payment"]?.citations.first?.location.hasPrefix("2. Rent") == true)
        #expect(terms["Dates and term"]?.value.contains("five years") == true)
        #expect(terms["Termination"]?.value.contains("sixty days") == true)
        #expect(terms["Liability"]?.value.contains("shall not exceed") == true)
        #expect(terms["Governing law"]?.value.contains("England and Wales") == true)
        let defined = DefinedTerms.extract(index)
        #expect(defined.contains { $0.term == "Premises" && $0.definition == "Unit 4, Kilnworth Trade Park" })
        #expect(defined.contains { $0.term == "Tenant" && $0.definition == "Kiln Bakery Ltd" })
    }

    static let listedLease = """
        # Lease of Unit 9

        This lease is dated 2 May 2025 and is made between the parties below.

        - **Landlord:** Orrin Estates LLP, of 4 Mill Row ("the Landlord").
        - **Tenant:** Copperleaf Foods Limited, of 9 Dock Lane ("the Tenant").

        ## Article 5. Tenant's Break Option

        5.1 The Tenant may end this lease on 30 June 2029 (the "Break Date") by giving the Landlord six months' notice.

        ## Article 6. Ending the Lease

        6.1 The Landlord may end this lease by re-entering the Premises if:

        - (a) any Rent is unpaid twenty-one days after its due date; or
        - (b) the Tenant becomes insolvent or enters into liquidation.

        ## Article 7. Liability and Insurance

        7.1 The Tenant shall insure its own plant against loss and damage.

        7.2 The Landlord's total liability under this lease shall not exceed the Rent paid in the year of the claim.

        7.3 Nothing in this lease limits liability for death or personal injury.

        7.4 The Landlord shall insure the building against damage by fire.
        """

    @Test func partiesComeFromTheOpeningAndClausesKeepTheirItems() throws {
        let index = SourceIndex(try Ingester().ingest(data: Data(Self.listedLease.utf8), name: "lease.md"))
        let terms = Dictionary(uniqueKeysWithValues: KeyTermsTable.extract(index).map { ($0.term, $0) })
        let parties = try #require(terms["Parties"]?.value)
        #expect(parties.contains("made between the parties below"))
        #expect(parties.contains("Orrin Estates LLP") && parties.contains("Copperleaf Foods Limited"))
        #expect(!parties.contains("Break Date"))
        let termination = try #require(terms["Termination"]?.value)
        #expect(termination.contains("re-entering the Premises if:") && termination.contains("insolvent"))
        #expect(terms["Liability"]?.value.contains("shall not exceed") == true)
        let defined = DefinedTerms.extract(index)
        #expect(defined.contains { $0.term == "Break Date" && $0.definition == "30 June 2029" })
        #expect(defined.contains { $0.term == "the Landlord" && $0.definition.hasPrefix("Orrin Estates LLP") })
    }

    /// The evaluation set's contracts, whose tables a reader checks against the clauses.
    @Test(arguments: ["bakery-unit-lease.md", "facilities-services-agreement.docx"])
    func evaluationContractsNameTheirPartiesAndCap(_ name: String) throws {
        let url = repositoryRoot.appendingPathComponent("eval/documents/\(name)")
        let index = SourceIndex(try Ingester().ingest(data: Data(contentsOf: url), name: name))
        let terms = Dictionary(uniqueKeysWithValues: KeyTermsTable.extract(index).map { ($0.term, $0) })
        let parties = try #require(terms["Parties"])
        #expect(parties.value.contains("made between"))
        #expect(parties.citations.count >= 3, "the clause and each party under it")
        #expect(terms["Liability"]?.value.contains("exceed") == true || name.hasSuffix(".md"))
        #expect(terms["Termination"]?.value.contains("(a)") != true || terms["Termination"]?.value.contains("if") == true)
        #expect(DefinedTerms.extract(index).allSatisfy { $0.definition.range(of: #"^\d+\.\d"#, options: .regularExpression) == nil })
    }

    static let meeting = """
        1
        00:00:02,000 --> 00:00:10,000
        Ana: Thanks for joining. Two things today: the boiler and the open day.

        2
        00:00:11,000 --> 00:00:20,000
        Ben: The boiler quote came in at four thousand pounds.

        3
        00:00:21,000 --> 00:00:30,000
        Ana: Decision: we replace the boiler in May. Ben, can you book the engineer by Friday?

        4
        00:00:31,000 --> 00:00:35,000
        Ben: Will do.

        5
        00:00:36,000 --> 00:00:45,000
        Cleo: Who is going to run the open day stand this year?

        6
        00:00:46,000 --> 00:00:55,000
        Ana: I honestly don't know yet. Let's come back to that one.

        7
        00:00:56,000 --> 00:01:05,000
        Cleo: I'll send the flyer to the printer tomorrow.
        """

    @Test func minutesFindDecisionsActionsAndOpenQuestionsWithSpeakersAndTimes() throws {
        let index = SourceIndex(try Ingester().ingest(data: Data(Self.meeting.utf8), name: "meeting.srt"))
        let minutes = MeetingMinutes(index)
        #expect(minutes.decisions.map(\.text) == ["We replace the boiler in May."])
        #expect(minutes.decisions.first?.time == "0:21" && minutes.decisions.first?.speaker == "Ana")
        let actions = minutes.actionItems
        #expect(actions.count == 2)
        #expect(actions[0].owner == "Ben" && actions[0].text == "Book the engineer by Friday." && actions[0].due == "by Friday")
        #expect(actions[1].owner == "Cleo" && actions[1].text == "Send the flyer to the printer tomorrow." && actions[1].due == "tomorrow")
        #expect(minutes.openQuestions.map(\.text) == ["Who is going to run the open day stand this year?"])
        #expect(minutes.openQuestions.first?.speaker == "Cleo")
    }

    @Test func charactersAreNamesThatActInTheText() throws {
        let book = """
            # Chapter 1

            Nell Arden opened the glasshouse at dawn. Nell said the vine looked tired. Farrowmere was quiet.

            Tobias arrived at noon. Tobias asked about the boiler. Nell laughed at him. Farrowmere slept.

            # Chapter 2

            Tobias said nothing for an hour. Nell watched the frost. Farrowmere glittered under it.
            """
        let index = SourceIndex(try Ingester().ingest(data: Data(book.utf8), name: "book.md"))
        let characters = CharacterList.extract(index)
        #expect(characters.map(\.name) == ["Nell Arden", "Tobias"])
        #expect(characters.first?.firstAppears == "Chapter 1")
    }
}

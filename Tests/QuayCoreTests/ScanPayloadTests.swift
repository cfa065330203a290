import Testing
@testable import QuayCore

@Suite("Scan classification and the CCCD QR")
struct ScanPayloadTests {
    @Test("a CCCD QR keeps the last 4 digits, birth date and sex only; age counts birthdays")
    func cccd() throws {
        let card = try CCCDCard.parse("079056001234|123456789|Nguyễn Văn Ánh|15031950|Nam|Ấp 3, An Bình|01012021")
        #expect(card.idLast4 == "1234" && card.birthDate == LocalDate(year: 1950, month: 3, day: 15) && card.sex == "Nam")
        #expect(card.age(on: LocalDate(year: 2026, month: 3, day: 14)!) == 75)
        #expect(card.age(on: LocalDate(year: 2026, month: 3, day: 15)!) == 76)
        // Six-field cards (no issue date) are accepted too.
        #expect((try? CCCDCard.parse("079056001234||Lê Thị B|29021964|Nữ|Cần Thơ"))?.birthDate == LocalDate(year: 1964, month: 2, day: 29))
    }

    @Test(
        "malformed ID card QRs are refused with a reason",
        arguments: [
            ("07905600123||Tên|15031950|Nam|X|01012021", CCCDCard.ParseError.badIDNumber),
            ("07905600123a||Tên|15031950|Nam|X|01012021", .badIDNumber),
            ("079056001234|12|Tên|15031950|Nam|X|01012021", .notACCCD),
            ("079056001234||Tên|31021950|Nam|X|01012021", .badBirthDate),
            ("079056001234||Tên|1503195|Nam|X|01012021", .badBirthDate),
            ("079056001234||Tên|15031850|Nam|X|01012021", .badBirthDate),
            ("079056001234|Tên|15031950", .notACCCD),
        ])
    func badCards(raw: String, error: CCCDCard.ParseError) {
        #expect(throws: error) { try CCCDCard.parse(raw) }
    }

    @Test("ticket QR, CCCD, receipt code and garbage are told apart")
    func classify() {
        let ticket = TicketCode(ticketID: "s-T1", number: "A015").text
        #expect(ScanPayload.classify(ticket) == .ticket(TicketCode(ticketID: "s-T1", number: "A015")))
        #expect(ScanPayload.classify(String(ticket.dropLast()) + "x").kind == "unreadable")
        #expect(ScanPayload.classify("079056001234||A|15031950|Nam|X|01012021").kind == "cccd")
        #expect(ScanPayload.classify(" h56.22-2611-000123 ") == .receipt("H56.22-2611-000123"))
        #expect(ScanPayload.classify("a|b|c").kind == "unreadable")
        #expect(ScanPayload.classify("xy").kind == "unreadable")
        // A reason never repeats the scanned text (it may be personal data).
        if case .unreadable(let reason) = ScanPayload.classify("079056001234||SECRETNAME|99999999|Nam|X|1") {
            #expect(!reason.contains("SECRETNAME") && !reason.contains("079056001234"))
        } else {
            Issue.record("expected unreadable")
        }
    }
}

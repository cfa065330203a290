import QuayCore
import Testing

/// "HH:MM-HH:MM[,HH:MM-HH:MM…]" opening hours.
@Suite struct OpeningHoursTests {
    typealias Span = OpeningHours.Span

    @Test(arguments: [
        ("07:30-11:30,13:30-17:00", [Span(start: 450, end: 690), Span(start: 810, end: 1020)]),
        ("07:30-17:00", [Span(start: 450, end: 1020)]),
        (" 07:30 - 11:30 , 13:30-17:00 ", [Span(start: 450, end: 690), Span(start: 810, end: 1020)]),
        ("7:30-9:05", [Span(start: 450, end: 545)]),
        ("00:00-24:00", [Span(start: 0, end: 1440)]),
        ("00:00-00:01", [Span(start: 0, end: 1)]),
    ])
    func parsesGoodInput(text: String, spans: [Span]) {
        #expect(OpeningHours.parse(text) == OpeningHours(spans: spans))
    }

    @Test(arguments: [
        "", " ", ",", "07:30", "07:30-", "-11:30", "07:30-11:30-12:00", "11:30-07:30", "07:30-07:30",
        "25:00-26:00", "07:60-08:00", "24:00-24:01", "23:00-24:30", "aa:bb-cc:dd", "0730-1130", "07:30:00-11:30:00",
        "07:30--11:30", "-1:00-02:00", "+7:00-08:00", "07::30-11:30", "07:30-11:30;13:30-17:00", "07:30-11:30,13:30",
        "07.30-11.30", "７:30-11:30",
    ])
    func rejectsBadInput(text: String) {
        #expect(OpeningHours.parse(text) == nil)
    }

    @Test(arguments: [
        ("07:30", 450 as Int?), ("00:00", 0), ("24:00", 1440), ("9:5", 545), (" 12:00 ", 720),
        ("24:01", nil), ("12", nil), ("12:", nil), (":30", nil), ("-1:00", nil), ("12:-5", nil), ("1:2:3", nil), ("", nil),
    ])
    func parseClock(text: String, minutes: Int?) {
        #expect(OpeningHours.parseClock(text) == minutes)
    }

    @Test func isOpenIsHalfOpenPerSpan() throws {
        let h = try #require(OpeningHours.parse("07:30-11:30,13:30-17:00"))
        let open = (0..<1440).filter { h.isOpen(minuteOfDay: $0) }
        #expect(open == Array(450..<690) + Array(810..<1020))
        let allDay = try #require(OpeningHours.parse("00:00-24:00"))
        #expect((0..<1440).allSatisfy { allDay.isOpen(minuteOfDay: $0) })
        #expect(!OpeningHours(spans: []).isOpen(minuteOfDay: 600))
    }
}

import QuayCore
import Testing

/// Event and ticket ids are `<site>-E<n>` / `<site>-T<n>`, sequential across every operation.
@Suite struct EventLogTests {
    @Test func eventIdsAreSequentialAcrossAllOperations() throws {
        var e = Fx.engine()
        var all: [QueueEvent] = []
        all += try e.issue(service: "hotich", priority: nil, language: .vi, now: Fx.t8, minuteOfDay: nil).1.events
        all += try e.issue(service: "datdai", priority: "merit", language: .vi, now: Fx.t8 + 1, minuteOfDay: nil).1.events
        all += try e.setCounter("c3", state: .closed, now: Fx.t8 + 2).1.events
        all += try e.callNext(counter: "c1", now: Fx.t8 + 3).1.events
        all += try e.recall(counter: "c1", ticket: nil, now: Fx.t8 + 4).1.events
        all += try e.callNext(counter: "c1", now: Fx.t8 + 5).1.events  // no-show B001 + call A001
        all += try e.startServing(counter: "c1", ticket: nil, now: Fx.t8 + 6).1.events
        all += try e.returnToQueue(counter: "c1", ticket: nil, now: Fx.t8 + 7).1.events
        all += try e.transfer(ticket: "A001", toService: "datdai", toCounter: "c2", by: nil, now: Fx.t8 + 8).1.events
        all += try e.callNext(counter: "c2", now: Fx.t8 + 9).1.events
        all += try e.done(counter: "c2", ticket: nil, now: Fx.t8 + 10).1.events
        all += e.roll(to: Fx.nextDay, now: Fx.t8 + 86_400).events
        #expect(
            all.map(\.kind) == [
                .issued, .issued, .counter, .called, .recalled, .noShow, .called, .serving, .returned,
                .transferred, .called, .done, .dayRollover,
            ])
        #expect(all.map(\.seq) == Array(1...13).map(Int64.init))
        #expect(all.map(\.id) == (1...13).map { "xa-an-phu-E\($0)" })
        #expect(e.nextEventSeq == 14)
        #expect(Set(all.map(\.id)).count == all.count)
    }

    @Test func eventIdsStartWhereTheEngineWasToldTo() throws {
        var e = QueueEngine(center: Fx.center(), businessDay: Fx.day, nextTicketSeq: 500, nextEventSeq: 9_000)
        let (t, m) = try e.issue(service: "hotich", priority: nil, language: .vi, now: Fx.t8, minuteOfDay: nil)
        #expect(t.id == "xa-an-phu-T500")
        #expect(m.events[0].id == "xa-an-phu-E9000" && m.events[0].seq == 9_000)
    }

    @Test func ticketIdsNeverRepeatAcrossDays() throws {
        var e = Fx.engine()
        var ids: [String] = []
        for d in 0..<3 {
            for i in 0..<4 { ids.append(try e.mustIssue(i % 2 == 0 ? "hotich" : "datdai", at: Fx.t8 + Double(d * 86_400 + i)).id) }
            _ = e.roll(to: "2026-11-2\(6 + d)", now: Fx.t8 + Double(d * 86_400 + 3600))
        }
        #expect(ids == (1...12).map { "xa-an-phu-T\($0)" })
    }

    @Test(arguments: [
        ("xa-an-phu", true), ("hcm01", true), ("1site", true), ("a", true), (String(repeating: "a", count: 32), true),
        ("", false), ("-x", false), ("Xa", false), ("xã", false), ("a_b", false), ("a b", false),
        (String(repeating: "a", count: 33), false),
    ])
    func siteIDValidation(raw: String, valid: Bool) {
        #expect(SiteID.isValid(raw) == valid)
        #expect((SiteID(rawValue: raw) != nil) == valid)
    }

    @Test func siteIDFormatsIds() throws {
        let s = try #require(SiteID(rawValue: "ap-2"))
        #expect(s.ticketID(7) == "ap-2-T7")
        #expect(s.eventID(12) == "ap-2-E12")
        #expect(s.dossierID(3) == "ap-2-D3")
        #expect(s.description == "ap-2")
    }
}

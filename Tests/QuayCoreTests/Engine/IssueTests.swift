import QuayCore
import Testing

/// Issuing tickets: numbering, padding, ranges, capacity, opening hours, validation.
@Suite struct IssueTests {
    @Test func numbersArePerServiceAndIdsAreSiteWide() throws {
        var e = Fx.engine()
        let a1 = try e.mustIssue("hotich", at: Fx.t8)
        let a2 = try e.mustIssue("hotich", at: Fx.t8 + 1)
        let b1 = try e.mustIssue("datdai", at: Fx.t8 + 2)
        let a3 = try e.mustIssue("hotich", at: Fx.t8 + 3)
        #expect([a1, a2, b1, a3].map(\.number) == ["A001", "A002", "B001", "A003"])
        #expect([a1, a2, b1, a3].map(\.seq) == [1, 2, 1, 3])
        #expect([a1, a2, b1, a3].map(\.id) == ["xa-an-phu-T1", "xa-an-phu-T2", "xa-an-phu-T3", "xa-an-phu-T4"])
        #expect(e.nextTicketSeq == 5)
        #expect(e.lastSeq == ["hotich": 3, "datdai": 1])
        #expect(e.issuedCount(service: "hotich") == 3)
    }

    @Test func issuedTicketIsWaitingWithItsDetails() throws {
        var e = Fx.engine()
        let (t, m) = try e.issue(
            service: "datdai", priority: "elderly", language: .km, now: Fx.t8 + 5, minuteOfDay: 480,
            purpose: .collect, dossier: "xa-an-phu-D7")
        #expect(t.state == .waiting)
        #expect(t.businessDay == Fx.day)
        #expect(t.priority == "elderly" && t.isPriority)
        #expect(t.language == .km)
        #expect(t.issuedAt == Fx.t8 + 5 && t.queuedSince == Fx.t8 + 5)
        #expect(t.counter == nil && t.targetCounter == nil && t.calledAt == nil && t.recalls == 0)
        #expect(t.purpose == .collect && t.dossier == "xa-an-phu-D7")
        #expect(e.tickets[t.id] == t)
        #expect(m.tickets == [t])
        #expect(m.counters.isEmpty)
        #expect(
            m.events == [
                QueueEvent(
                    id: "xa-an-phu-E1", seq: 1, at: Fx.t8 + 5, kind: .issued, ticket: t.id, number: "B001",
                    service: "datdai", counter: nil, detail: "elderly")
            ])
    }

    @Test(arguments: [
        // (rangeStart, digits, expected first three numbers)
        (1, 3, ["A001", "A002", "A003"]),
        (1, 4, ["A0001", "A0002", "A0003"]),
        (1, 1, ["A1", "A2", "A3"]),
        (1, 0, ["A1", "A2", "A3"]),
        (100, 3, ["A100", "A101", "A102"]),
        (98, 2, ["A98", "A99", "A100"]),
        (0, 3, ["A000", "A001", "A002"]),
    ])
    func paddingAndRangeStart(rangeStart: Int, digits: Int, expected: [String]) throws {
        var e = Fx.engine(Fx.center(services: [Fx.service("hotich", prefix: "A", rangeStart: rangeStart, digits: digits)]))
        let numbers = try (0..<3).map { i in try e.mustIssue(at: Fx.t8 + Double(i)).number }
        #expect(numbers == expected)
        #expect(e.lastSeq["hotich"] == rangeStart + 2)
    }

    @Test func rangeEndStopsIssuing() throws {
        var e = Fx.engine(Fx.center(services: [Fx.service("hotich", prefix: "A", rangeStart: 5, rangeEnd: 7)]))
        let numbers = try (0..<3).map { i in try e.mustIssue(at: Fx.t8 + Double(i)).number }
        #expect(numbers == ["A005", "A006", "A007"])
        let before = (e.nextTicketSeq, e.nextEventSeq, e.tickets.count)
        #expect(
            queueError { try e.issue(service: "hotich", priority: nil, language: .vi, now: Fx.t8 + 9, minuteOfDay: nil) }
                == .capacityReached(service: "hotich"))
        #expect((e.nextTicketSeq, e.nextEventSeq, e.tickets.count) == before)
    }

    @Test(arguments: [1, 2, 5])
    func capacityPerDayStopsIssuing(capacity: Int) throws {
        var e = Fx.engine(Fx.center(services: [Fx.service("hotich", prefix: "A", capacity: capacity), Fx.service("datdai", prefix: "B")]))
        for i in 0..<capacity { try e.mustIssue(at: Fx.t8 + Double(i)) }
        #expect(
            queueError { try e.issue(service: "hotich", priority: nil, language: .vi, now: Fx.t8 + 60, minuteOfDay: nil) }
                == .capacityReached(service: "hotich"))
        // Priority tickets count against the same capacity; other services are unaffected.
        #expect(
            queueError { try e.issue(service: "hotich", priority: "merit", language: .vi, now: Fx.t8 + 61, minuteOfDay: nil) }
                == .capacityReached(service: "hotich"))
        #expect(try e.mustIssue("datdai", at: Fx.t8 + 62).number == "B001")
    }

    @Test func capacityCountsTicketsIssuedForTheServiceEvenAfterTheyAreTransferredAway() throws {
        var e = Fx.engine(
            Fx.center(services: [Fx.service("hotich", prefix: "A", capacity: 2), Fx.service("datdai", prefix: "B", capacity: 2)]))
        let a1 = try e.mustIssue("hotich", at: Fx.t8)
        try e.mustIssue("hotich", at: Fx.t8 + 1)
        _ = try e.transfer(ticket: a1.id, toService: "datdai", toCounter: nil, by: nil, now: Fx.t8 + 2)
        // hotich has issued its two tickets today, whatever happened to them since.
        #expect(
            queueError { try e.issue(service: "hotich", priority: nil, language: .vi, now: Fx.t8 + 3, minuteOfDay: nil) }
                == .capacityReached(service: "hotich"))
        // datdai has issued none: a ticket transferred in does not use up its capacity.
        #expect(try e.mustIssue("datdai", at: Fx.t8 + 4).number == "B001")
        #expect(try e.mustIssue("datdai", at: Fx.t8 + 5).number == "B002")
        #expect(
            queueError { try e.issue(service: "datdai", priority: nil, language: .vi, now: Fx.t8 + 6, minuteOfDay: nil) }
                == .capacityReached(service: "datdai"))
    }

    @Test(arguments: [
        (449, false), (450, true), (600, true), (689, true), (690, false), (809, false), (810, true), (1019, true), (1020, false),
        (0, false), (1439, false),
    ])
    func openingHoursGateIssuing(minute: Int, open: Bool) throws {
        let hours = try #require(OpeningHours.parse("07:30-11:30,13:30-17:00"))
        var e = Fx.engine(Fx.center(services: [Fx.service("hotich", prefix: "A", hours: hours)]))
        let err = queueError { try e.issue(service: "hotich", priority: nil, language: .vi, now: Fx.t8, minuteOfDay: minute) }
        #expect(err == (open ? nil : .serviceClosed(service: "hotich")))
        #expect(e.tickets.count == (open ? 1 : 0))
        #expect(err?.citizenMessageKey == (open ? nil : "kiosk.service-closed"))
    }

    @Test func noMinuteOfDaySkipsTheHoursCheckAndServiceWithoutHoursIsAlwaysOpen() throws {
        let hours = try #require(OpeningHours.parse("07:30-11:30"))
        var e = Fx.engine(Fx.center(services: [Fx.service("hotich", prefix: "A", hours: hours), Fx.service("datdai", prefix: "B")]))
        #expect(try e.issue(service: "hotich", priority: nil, language: .vi, now: Fx.t8, minuteOfDay: nil).0.number == "A001")
        #expect(try e.issue(service: "datdai", priority: nil, language: .vi, now: Fx.t8, minuteOfDay: 1300).0.number == "B001")
    }

    @Test func unknownServiceAndPriorityAreRefusedWithoutSideEffects() {
        var e = Fx.engine()
        #expect(
            queueError { try e.issue(service: "nope", priority: nil, language: .vi, now: Fx.t8, minuteOfDay: nil) }
                == .unknownService("nope"))
        #expect(
            queueError { try e.issue(service: "hotich", priority: "vip", language: .vi, now: Fx.t8, minuteOfDay: nil) }
                == .unknownPriority("vip"))
        #expect(e.tickets.isEmpty && e.nextTicketSeq == 1 && e.nextEventSeq == 1 && e.lastSeq.isEmpty)
    }

    @Test(arguments: PriorityClass.defaults.map(\.id))
    func everyDefaultPriorityClassIsAccepted(priority: String) throws {
        var e = Fx.engine()
        let t = try e.mustIssue(priority: priority, at: Fx.t8)
        #expect(t.priority == priority)
    }

    @Test func capacityErrorHasTheKioskMessage() {
        #expect(QueueError.capacityReached(service: "x").citizenMessageKey == "kiosk.capacity-reached")
        #expect(QueueError.capacityReached(service: "x").code == "capacity-reached")
    }
}

import Testing

@testable import QuayCore

/// Post-office returns in the domain: hand-over stamps the return, the post's outcomes, tracking numbers, what a
/// kiosk scan of such a receipt gets, and how statistics count them.
@Suite struct PostalReturnTests {
    static func ready() throws -> Dossier {
        var d = try DossierStateMachineTests.fresh()
        try d.transition(to: .resultReady, at: DossierStateMachineTests.t0 + 3600)
        return d
    }

    @Test func handOverStampsTheReturnAndTheBatch() throws {
        var d = try Self.ready()
        let t = DossierStateMachineTests.t0 + 7200
        let e = try d.handToPost(batch: "hue-phuhoi-P1", tracking: "EA123456789VN", at: t, clerk: "lan")
        #expect(e.kind == .handedToPost && e.from == .resultReady && e.to == .handedToPost && e.revision == 2)
        #expect(d.returnedAt == t && d.returnChannel == .byPost)
        #expect(d.postalBatch == "hue-phuhoi-P1" && d.trackingNumber == "EA123456789VN")
        #expect(!d.status.isOpen && d.status.countsAsReturned)

        // The post brings it back: owed again, then collected at a counter.
        try d.transition(to: .returnedToSender, at: t + 86400)
        #expect(d.returnedAt == nil && d.status.isOpen && !d.status.countsAsReturned)
        #expect(d.isOverdue(today: LocalDate(year: 2026, month: 12, day: 2)!))
        try d.transition(to: .returned, at: t + 2 * 86400)
        #expect(d.returnedAt == t + 2 * 86400 && d.status.isFinal)
    }

    @Test func onlyReadyOrReturnedResultsGoToThePost() throws {
        var d = try DossierStateMachineTests.fresh()
        #expect(throws: DossierError.self) { try d.handToPost(batch: "b", tracking: "EA1", at: 0, clerk: nil) }
        #expect(d.postalBatch == nil && d.status == .received)
    }

    @Test(arguments: [
        (" ea 123 456 789 vn ", "EA123456789VN"), ("RR-0001", "RR-0001"), ("cp12", "CP12"),
    ])
    func trackingNumbersNormalise(raw: String, expected: String) throws {
        #expect(try TrackingNumber.normalize(raw) == expected)
    }

    @Test(arguments: ["", "AB1", String(repeating: "9", count: 41), "EA12345/VN", "EÁ123456789VN", "EA1\n23"])
    func badTrackingNumbersAreRefused(raw: String) {
        #expect(throws: DossierError.self) { try TrackingNumber.normalize(raw) }
    }

    @Test func aKioskScanFollowsThePost() throws {
        let config = ResultPickupConfig(service: "tra", priorityClass: nil, allowBeforeReady: false)
        var d = try Self.ready()
        try d.handToPost(batch: "b", tracking: "EA123456789VN", at: DossierStateMachineTests.t0 + 7200, clerk: nil)
        #expect(ResultPickup.decide(dossier: d, config: config) == .refuse(.sentByPost))
        try d.transition(to: .returnedToSender, at: DossierStateMachineTests.t0 + 9000)
        guard case .issue = ResultPickup.decide(dossier: d, config: config) else {
            Issue.record("a result the post brought back can be collected")
            return
        }
        try d.transition(to: .handedToPost, at: DossierStateMachineTests.t0 + 9500)
        try d.transition(to: .delivered, at: DossierStateMachineTests.t0 + 99000)
        #expect(ResultPickup.decide(dossier: d, config: config) == .refuse(.alreadyReturned(at: DossierStateMachineTests.t0 + 9500)))
    }

    @Test func statisticsCountHandOverAsTheReturn() throws {
        var posted = try Self.ready()
        try posted.handToPost(batch: "b", tracking: "EA123456789VN", at: DossierStateMachineTests.t0 + 7200, clerk: nil)
        try posted.transition(to: .delivered, at: DossierStateMachineTests.t0 + 10 * 86400)
        var back = try Self.ready()
        back.id = "hue-phuhoi-D8"
        try back.handToPost(batch: "b", tracking: "EA123456780VN", at: DossierStateMachineTests.t0 + 7200, clerk: nil)
        try back.transition(to: .returnedToSender, at: DossierStateMachineTests.t0 + 86400)
        let appt = DossierStateMachineTests.appt
        let s = DossierStats.compute(
            [posted, back], from: appt, to: appt, today: LocalDate(year: 2026, month: 12, day: 5)!, basis: .appointment, groupBy: .procedure
        )
        #expect(s.total.onTime == 1, "delivered ten days later, but handed to the post before the appointment")
        #expect(s.total.overdue == 1, "brought back by the post: owed again and past the appointment")
    }
}

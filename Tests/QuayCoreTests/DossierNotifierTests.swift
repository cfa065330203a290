import Testing
@testable import QuayCore

@Suite("Dossier notifier")
struct DossierNotifierTests {
    static func readyDossier() throws -> (Dossier, DossierEvent) {
        var d = try Dossier.receive(
            site: SiteID(rawValue: "qn-s1")!, seq: 42, receiptCode: "H56-000042", procedure: "1.001612",
            procedureName: "Đăng ký khai sinh", at: 1_795_000_000, appointmentDate: LocalDate(year: 2026, month: 11, day: 30)!,
            citizenName: "Nguyễn Văn Ánh", citizenPhone: "0912345678"
        ).0
        try d.transition(to: .processing, at: 1_795_000_100)
        let e = try d.transition(to: .resultReady, at: 1_795_000_200)
        return (d, e)
    }

    @Test func payloadOnlyForResultReady() throws {
        let (d, e) = try Self.readyDossier()
        let p = try #require(NotifierPayload.resultReady(d, event: e))
        #expect(p.event == "result-ready" && p.transitionId == "qn-s1-D42#2" && p.dossierId == "qn-s1-D42")
        #expect(p.citizenPhone == "0912345678" && p.serviceCode == "1.001612" && p.appointmentDate.iso == "2026-11-30")
        var d2 = d
        let returned = try d2.transition(to: .returned, at: 1_795_000_300)
        #expect(NotifierPayload.resultReady(d2, event: returned) == nil)
    }

    @Test func payloadJSON() throws {
        let (d, e) = try Self.readyDossier()
        let json = String(decoding: try NotifierPayload.resultReady(d, event: e)!.json(), as: UTF8.self)
        #expect(
            json
                == #"{"appointmentDate":"2026-11-30","at":1795000200,"citizenName":"Nguyễn Văn Ánh","citizenPhone":"0912345678","#
                + #""dossierId":"qn-s1-D42","event":"result-ready","receiptCode":"H56-000042","returnChannel":"at-center","#
                + #""serviceCode":"1.001612","serviceName":"Đăng ký khai sinh","site":"qn-s1","transitionId":"qn-s1-D42#2"}"#
                + "\n")
        let back = try JSONDecoder().decode(NotifierPayload.self, from: Data(json.utf8))
        #expect(back.transitionId == "qn-s1-D42#2")
    }

    @Test func backoffSchedule() {
        let b = NotifierBackoff(baseSeconds: 10, factor: 2, capSeconds: 300, maxAttempts: 8)
        #expect((1...8).map { b.delay(afterAttempt: $0) } == [10, 20, 40, 80, 160, 300, 300, 300])
        #expect(b.delay(afterAttempt: 0) == 10)
        #expect(b.delay(afterAttempt: 10_000) == 300)
    }

    @Test func deliveryStateMachine() throws {
        let (d, e) = try Self.readyDossier()
        let b = NotifierBackoff(baseSeconds: 10, factor: 2, capSeconds: 300, maxAttempts: 3)
        var x = NotifierDelivery(payload: NotifierPayload.resultReady(d, event: e)!, enqueuedAt: 100)
        #expect(x.dueAt == 100 && x.state.name == "pending")
        let a1 = try x.begin(now: 100)
        #expect(a1 == 1)
        #expect(x.dueAt == nil)
        #expect(throws: NotifierDelivery.Refusal.notAllowed(transitionId: "qn-s1-D42#2", state: "in-flight", action: "begin")) {
            try x.begin(now: 101)
        }
        try x.failed(now: 105, error: "exit 1", backoff: b)
        #expect(x.state == .retrying(attempt: 1, nextAt: 115, lastError: "exit 1") && x.state.name == "failed-retrying")
        #expect(throws: NotifierDelivery.Refusal.notDue(transitionId: "qn-s1-D42#2", nextAt: 115)) { try x.begin(now: 110) }
        let a2 = try x.begin(now: 115)
        #expect(a2 == 2)
        try x.failed(now: 116, error: "timeout", backoff: b)
        #expect(x.dueAt == 136)
        let a3 = try x.begin(now: 140)
        #expect(a3 == 3)
        try x.failed(now: 141, error: "exit 2", backoff: b)
        #expect(x.state == .gaveUp(at: 141, attempts: 3, lastError: "exit 2") && x.isFinal && x.dueAt == nil)
        #expect(throws: NotifierDelivery.Refusal.self) { try x.begin(now: 10_000) }
    }

    @Test func sentIsFinal() throws {
        let (d, e) = try Self.readyDossier()
        var x = NotifierDelivery(payload: NotifierPayload.resultReady(d, event: e)!, enqueuedAt: 0)
        try x.begin(now: 1)
        try x.succeeded(now: 2)
        #expect(x.state == .sent(at: 2, attempts: 1) && x.isFinal)
        #expect(throws: NotifierDelivery.Refusal.self) { try x.begin(now: 3) }
        #expect(throws: NotifierDelivery.Refusal.self) { try x.succeeded(now: 3) }
        #expect(throws: NotifierDelivery.Refusal.self) { try x.failed(now: 3, error: "", backoff: NotifierBackoff()) }
    }

    @Test func outboxNeverHoldsATransitionTwice() throws {
        let (d, e) = try Self.readyDossier()
        let p = NotifierPayload.resultReady(d, event: e)!
        var o = NotifierOutbox(backoff: NotifierBackoff(baseSeconds: 5, factor: 3, capSeconds: 60, maxAttempts: 5))
        let first = o.enqueue(p, now: 10)
        let again = o.enqueue(p, now: 11)
        #expect(first && !again)
        #expect(o.due(now: 9).isEmpty && o.due(now: 10).map(\.transitionId) == ["qn-s1-D42#2"])
        _ = try o.begin(p.transitionId, now: 10)
        #expect(o.due(now: 1000).isEmpty && o.nextDueAt == nil)
        try o.succeeded(p.transitionId, now: 12)
        let afterSent = o.enqueue(p, now: 20)
        #expect(!afterSent)  // still known after being sent
        #expect(o.due(now: 1_000_000).isEmpty)

        // A second ready transition of the same dossier (after a re-processing) is a different id.
        var q = p
        q.transitionId = "qn-s1-D42#5"
        let other = o.enqueue(q, now: 30)
        #expect(other)
        #expect(o.entries.count == 2)
        o.prune(finishedBefore: 13)
        #expect(o.entries.count == 1)
        #expect(throws: NotifierDelivery.Refusal.notAllowed(transitionId: "nope", state: "unknown", action: "begin")) {
            _ = try o.begin("nope", now: 1)
        }
    }

    @Test func restartRecoveryRetriesInFlightWithTheSameId() throws {
        let (d, e) = try Self.readyDossier()
        let p = NotifierPayload.resultReady(d, event: e)!
        var o = NotifierOutbox(backoff: NotifierBackoff(baseSeconds: 5, factor: 2, capSeconds: 60, maxAttempts: 5))
        o.enqueue(p, now: 0)
        _ = try o.begin(p.transitionId, now: 1)
        let persisted = Array(o.entries.values)
        var restarted = NotifierOutbox(backoff: o.backoff, entries: persisted)
        restarted.recoverAfterRestart(now: 100)
        #expect(restarted.entries[p.transitionId]?.state == .retrying(attempt: 1, nextAt: 105, lastError: "interrupted by restart"))
        #expect(restarted.due(now: 105).map(\.payload.transitionId) == ["qn-s1-D42#2"])
        let data = try JSONEncoder().encode(restarted)
        #expect(try JSONDecoder().decode(NotifierOutbox.self, from: data) == restarted)
    }
}

import Foundation

import Testing
@testable import QuayCore

@Suite("Dossier state machine")
struct DossierStateMachineTests {
    static let site = SiteID(rawValue: "hue-phuhoi")!
    static let appt = LocalDate(year: 2026, month: 12, day: 1)!
    static let t0 = LocalDate(year: 2026, month: 11, day: 25)!.epochSeconds(utcOffsetSeconds: vietnamUTCOffsetSeconds) + 9 * 3600

    static func fresh() throws -> Dossier {
        try Dossier.receive(
            site: site, seq: 7, receiptCode: " h56.22-261125-0001 ", procedure: "1.001612", procedureName: "Đăng ký khai sinh",
            at: t0, counter: "c1", clerk: "lan", appointmentDate: appt, citizenName: " Nguyễn Văn Ánh ",
            citizenPhone: "+84 912 345 678"
        ).0
    }

    /// Every (from, to) pair: allowed exactly when the table says so.
    static let allowed: [(DossierStatus, DossierStatus)] = [
        (.received, .processing), (.received, .resultReady), (.received, .needsSupplement), (.received, .rejected), (.received, .withdrawn),
        (.processing, .resultReady), (.processing, .needsSupplement), (.processing, .rejected), (.processing, .withdrawn),
        (.needsSupplement, .processing), (.needsSupplement, .rejected), (.needsSupplement, .withdrawn),
        (.resultReady, .returned), (.resultReady, .handedToPost), (.handedToPost, .delivered), (.handedToPost, .returnedToSender),
        (.returnedToSender, .returned), (.returnedToSender, .handedToPost),
    ]

    @Test func transitionTableIsExactly() {
        for from in DossierStatus.allCases {
            for to in DossierStatus.allCases {
                let expected = Self.allowed.contains { $0.0 == from && $0.1 == to }
                #expect(from.canMove(to: to) == expected, "\(from) → \(to)")
            }
        }
        #expect(DossierStatus.allCases.filter(\.isFinal) == [.returned, .rejected, .withdrawn, .delivered])
    }

    @Test func receiveNormalisesAndEmitsCreated() throws {
        let (d, e) = try Dossier.receive(
            site: Self.site, seq: 7, receiptCode: " h56.22-261125-0001 ", procedure: "1.001612",
            procedureName: "Đăng ký khai sinh", at: Self.t0, counter: "c1", clerk: "lan",
            appointmentDate: Self.appt, citizenName: " Nguyễn Văn Ánh ", citizenPhone: "+84 912 345 678")
        #expect(d.id == "hue-phuhoi-D7")
        #expect(d.receiptCode == "H56.22-261125-0001")
        #expect(d.citizenName == "Nguyễn Văn Ánh")
        #expect(d.citizenPhone == "0912345678")
        #expect(d.status == .received && d.revision == 0 && d.statusChangedAt == Self.t0)
        #expect(
            e == DossierEvent(dossier: "hue-phuhoi-D7", revision: 0, kind: .created, at: Self.t0, from: nil, to: .received, clerk: "lan"))
    }

    @Test func receiveRefusesBadInput() {
        #expect(throws: DossierError.invalidReceiptCode(.tooShort(length: 3, minimum: 5))) {
            try Dossier.receive(
                site: Self.site, seq: 1, receiptCode: "abc", procedure: "p", procedureName: "P", at: Self.t0,
                appointmentDate: Self.appt, citizenName: "A")
        }
        #expect(throws: DossierError.missingField("citizen name")) {
            try Dossier.receive(
                site: Self.site, seq: 1, receiptCode: "ABCDE", procedure: "p", procedureName: "P", at: Self.t0,
                appointmentDate: Self.appt, citizenName: "  ")
        }
        #expect(throws: DossierError.invalidArgument("invalid phone number 'abc'")) {
            try Dossier.receive(
                site: Self.site, seq: 1, receiptCode: "ABCDE", procedure: "p", procedureName: "P", at: Self.t0,
                appointmentDate: Self.appt, citizenName: "A", citizenPhone: "abc")
        }
        #expect(throws: DossierError.self) {
            try Dossier.receive(
                site: Self.site, seq: 1, receiptCode: "ABCDE", procedure: "p", procedureName: "P", at: Self.t0,
                appointmentDate: LocalDate(year: 2026, month: 11, day: 24)!, citizenName: "A")
        }
    }

    @Test func happyPathEventsAndRevisions() throws {
        var d = try Self.fresh()
        let e1 = try d.transition(to: .processing, at: Self.t0 + 60, clerk: "lan")
        let e2 = try d.transition(to: .resultReady, at: Self.t0 + 120)
        let e3 = try d.transition(to: .returned, at: Self.t0 + 180, clerk: "minh", note: "đã nhận")
        #expect([e1.kind, e2.kind, e3.kind] == [.processing, .resultReady, .returned])
        let revisions: [Int] = [e1.revision, e2.revision, e3.revision]
        #expect(revisions == [1, 2, 3])
        #expect(e2.from == .processing && e2.to == .resultReady)
        #expect(e2.transitionID == "hue-phuhoi-D7#2")
        #expect(d.status == .returned && d.returnedAt == Self.t0 + 180 && d.statusChangedAt == Self.t0 + 180 && d.note == "đã nhận")
    }

    @Test func supplementLoop() throws {
        var d = try Self.fresh()
        try d.transition(to: .processing, at: 1)
        let e = try d.transition(to: .needsSupplement, at: 2)
        #expect(e.kind == .supplementRequested)
        try d.transition(to: .processing, at: 3)
        try d.transition(to: .resultReady, at: 4)
        #expect(d.revision == 4 && d.returnedAt == nil)
    }

    @Test(arguments: [
        ([DossierStatus.processing, .resultReady, .returned], DossierStatus.processing),
        ([.processing, .resultReady, .returned], .returned),
        ([.rejected], .processing),
        ([.withdrawn], .received),
        ([.processing], .returned),
        ([.processing, .resultReady], .needsSupplement),
        ([], .received),
    ])
    func invalidTransitionsAreRefusedAndLeaveTheDossierAlone(path: [DossierStatus], next: DossierStatus) throws {
        var d = try Self.fresh()
        for (i, s) in path.enumerated() { try d.transition(to: s, at: Double(i + 1)) }
        let before = d
        #expect(throws: DossierError.invalidTransition(dossier: d.id, from: d.status, to: next)) { try d.transition(to: next, at: 99) }
        #expect(d == before)
        #expect(DossierError.invalidTransition(dossier: "x", from: .returned, to: .processing).code == "invalid-transition")
    }

    @Test func overdueOnlyWhileOpen() throws {
        var d = try Self.fresh()
        #expect(!d.isOverdue(today: Self.appt))
        #expect(d.isOverdue(today: Self.appt.adding(days: 1)))
        try d.transition(to: .resultReady, at: 1)
        #expect(d.isOverdue(today: Self.appt.adding(days: 1)))
        try d.transition(to: .returned, at: 2)
        #expect(!d.isOverdue(today: Self.appt.adding(days: 1)))
    }

    @Test func codableRoundTrip() throws {
        var d = try Self.fresh()
        try d.transition(to: .processing, at: 5)
        let data = try JSONEncoder().encode(d)
        #expect(String(decoding: data, as: UTF8.self).contains("\"appointmentDate\":\"2026-12-01\""))
        #expect(try JSONDecoder().decode(Dossier.self, from: data) == d)
    }
}

import Foundation

import Testing
@testable import QuayCore

@Suite("Dossier results ready and kiosk pickup")
struct DossierResultsReadyTests {
    static func dossier(
        _ n: Int, _ status: DossierStatus, channel: ReturnChannel = .atCenter, changed: Double = 0, site: String = "s1",
        name: String = "Nguyễn Văn Ánh"
    ) -> Dossier {
        Dossier(
            id: "s1-D\(n)", receiptCode: "H56.22-261125-\(1000 + n)", procedure: "1.001612", procedureName: "Đăng ký khai sinh",
            receivedAt: 0, receivedSite: site, appointmentDate: LocalDate(year: 2026, month: 12, day: 1)!, status: status,
            statusChangedAt: changed, returnedAt: status == .returned ? changed : nil, citizenName: name, returnChannel: channel)
    }

    @Test func publicListIsMaskedFilteredAndOrdered() {
        let all = [
            Self.dossier(1, .resultReady, changed: 300, name: "Đặng Thị Ngọc"),
            Self.dossier(2, .processing, changed: 100),
            Self.dossier(3, .resultReady, changed: 100),
            Self.dossier(4, .resultReady, channel: .byPost, changed: 50),
            Self.dossier(5, .returned, changed: 10),
            Self.dossier(6, .resultReady, changed: 200, site: "s2"),
        ]
        let list = ResultsReadyEntry.list(all)
        #expect(list.map(\.id) == ["s1-D3", "s1-D6", "s1-D1"])
        #expect(list.map(\.maskedCode) == ["•••• 1003 N.V.A", "•••• 1006 N.V.A", "•••• 1001 Đ.T.N"])
        #expect(list[0].serviceName == "Đăng ký khai sinh" && list[0].since == 100)
        #expect(ResultsReadyEntry.list(all, site: "s1").map(\.id) == ["s1-D3", "s1-D1"])
        #expect(ResultsReadyEntry.list(all, limit: 1).map(\.id) == ["s1-D3"])
        // Nothing personal beyond the masked code leaks into the public JSON.
        let json = String(decoding: try! JSONEncoder().encode(list), as: UTF8.self)
        #expect(!json.contains("Nguy") && !json.contains("261125"))
    }

    static let config = ResultPickupConfig(service: "R", priorityClass: "return")

    @Test func scanIssuesAReturnTicket() {
        let d = Self.dossier(7, .resultReady)
        let decision = ResultPickup.decide(scan: "]Q1h56.22-261125-1007\r\n", config: Self.config) { $0 == d.receiptCode ? d : nil }
        #expect(decision == .issue(service: "R", priority: "return", dossierID: "s1-D7", receiptCode: "H56.22-261125-1007"))
    }

    @Test func scanRefusals() {
        func decide(_ d: Dossier?, scan: String = "H56.22-261125-1007", config: ResultPickupConfig = DossierResultsReadyTests.config)
            -> ResultPickupDecision
        {
            ResultPickup.decide(scan: scan, config: config) { _ in d }
        }
        #expect(decide(nil, scan: "]Q1\r\n") == .refuse(.unreadableCode(.empty)))
        #expect(decide(nil) == .refuse(.unknownReceipt("H56.22-261125-1007")))
        let appt = LocalDate(year: 2026, month: 12, day: 1)!
        #expect(decide(Self.dossier(7, .processing)) == .refuse(.notReady(appointmentDate: appt, status: .processing)))
        #expect(
            decide(Self.dossier(7, .received), config: ResultPickupConfig(service: "R", allowBeforeReady: true))
                == .issue(service: "R", priority: nil, dossierID: "s1-D7", receiptCode: "H56.22-261125-1007"))
        #expect(decide(Self.dossier(7, .needsSupplement)) == .refuse(.needsSupplement))
        #expect(decide(Self.dossier(7, .returned, changed: 55)) == .refuse(.alreadyReturned(at: 55)))
        #expect(decide(Self.dossier(7, .resultReady, channel: .byPost)) == .refuse(.sentByPost))
        #expect(decide(Self.dossier(7, .withdrawn)) == .refuse(.closed(.withdrawn)))
        #expect(ResultPickupRefusal.notReady(appointmentDate: appt, status: .received).messageKey == "kiosk.pickup.result-not-ready")
    }

    /// The decision feeds the queue engine unchanged: a collect ticket on the return service.
    @Test func decisionDrivesTheEngine() throws {
        let service = Service(id: "R", name: LocalizedText(vi: "Trả kết quả"), prefix: "R")
        let center = CenterSetup(
            site: SiteID(rawValue: "s1")!, name: LocalizedText(vi: "Trung tâm"), services: [service],
            counters: [Counter(id: "c9", number: "9", services: ["R"])])
        var engine = QueueEngine(center: center, businessDay: "2026-11-25")
        let d = Self.dossier(7, .resultReady)
        guard case .issue(_, _, let id, _) = ResultPickup.decide(dossier: d, config: ResultPickupConfig(service: service.id)) else {
            Issue.record("expected a ticket")
            return
        }
        let (t, _) = try engine.issue(
            service: service.id, priority: nil, language: .vi, now: 1, minuteOfDay: 600, purpose: .collect, dossier: id)
        #expect(t.purpose == .collect && t.dossier == "s1-D7")
    }
}

import Foundation

import Foundation
import Logging
import QuayControl
import QuayCore
import QuayStore
import Testing

@testable import QuayDaemon
@testable import QuayDevices

/// The rating keys of a counter keypad: 1-4 without the transfer key before them rate the ticket the counter just
/// finished, once, through the same ops as the rating screen; after a transfer key they still pick a service.
@Suite struct KeypadRatingTests {
    @Test func digitsRateTheTicketJustFinishedOnce() async throws {
        let dir = TempDir("quay-keypad-rate")
        let (c, ledger) = try OpTableTests.context(dir)
        defer { ledger.close() }
        let dispatcher = OpDispatcher()
        dispatcher.install(OpTable.standard(c))
        let keys = KeypadRouter(state: c.state, dispatcher: dispatcher, logger: Logger(label: "test"))
        func press(_ text: String) async {
            await keys.handle(ScannerReading(role: "keypad-q1", devnode: "/dev/null", text: text, problem: nil), counter: "q1")
        }
        let admin = Caller(identity: .init(role: .admin, counters: nil), source: .demo)
        _ = try await dispatcher.call(OpCatalog.issue, IssueRequest(service: "hotich"), as: admin, expecting: IssueBody.self).get()

        // Nothing finished yet: a rating key changes nothing.
        await press(KeypadDecoder.digitText(4))
        #expect(try await RatingStore(ledger: ledger).summary(businessDay: ledger.read { $0.businessDay }).total.counts == [0, 0, 0, 0])

        for action in [KeypadAction.callNext, .startServing, .done] { await press(action.rawValue) }
        await press(KeypadDecoder.digitText(3))
        await press(KeypadDecoder.digitText(1))  // a second press: the ticket already has its rating
        let day = try await ledger.read { $0.businessDay }
        let summary = try await RatingStore(ledger: ledger).summary(businessDay: day)
        #expect(summary.total.counts == [0, 0, 1, 0], "\(summary)")
        #expect(summary.byCounter.map(\.counter) == ["q1"])
    }
}

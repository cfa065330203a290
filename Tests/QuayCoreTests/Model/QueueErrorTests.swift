import QuayCore
import Testing

/// Wire codes are part of the control protocol: they must not drift.
@Suite struct QueueErrorTests {
    @Test(arguments: [
        (QueueError.unknownService("s"), "unknown-service"),
        (.unknownCounter("c"), "unknown-counter"),
        (.unknownTicket("t"), "unknown-ticket"),
        (.unknownPriority("p"), "unknown-priority"),
        (.serviceClosed(service: "s"), "service-closed"),
        (.capacityReached(service: "s"), "capacity-reached"),
        (.queueEmpty(counter: "c"), "queue-empty"),
        (.counterNotOpen(counter: "c", state: .paused), "counter-not-open"),
        (.counterDoesNotServe(counter: "c", service: "s"), "counter-does-not-serve"),
        (.invalidTransition(ticket: "A001", from: .done, action: "recall"), "invalid-transition"),
        (.notAtThisCounter(ticket: "A001", counter: "c"), "not-at-this-counter"),
        (.invalidArgument("x"), "invalid-argument"),
    ])
    func stableCodes(error: QueueError, code: String) {
        #expect(error.code == code)
        #expect(!error.description.isEmpty)
    }

    @Test func onlyKioskErrorsHaveCitizenMessages() {
        #expect(QueueError.capacityReached(service: "s").citizenMessageKey == "kiosk.capacity-reached")
        #expect(QueueError.serviceClosed(service: "s").citizenMessageKey == "kiosk.service-closed")
        #expect(QueueError.queueEmpty(counter: "c").citizenMessageKey == nil)
        #expect(QueueError.unknownService("s").citizenMessageKey == nil)
    }

    @Test func descriptionsNameTheThing() {
        #expect(
            QueueError.invalidTransition(ticket: "A001", from: .noShow, action: "recall").description
                == "ticket A001 is no-show: cannot recall")
        #expect(QueueError.counterNotOpen(counter: "c2", state: .paused).description == "counter 'c2' is paused")
    }
}

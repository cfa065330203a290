import Foundation
import QuayControl
import Testing

/// Streaming replies are bounded per client and across all clients; the client holding most is cut off and its
/// buffered lines freed at once.
@Suite struct OutboundLineQueueTests {
    func line(_ n: Int) -> [UInt8] { Array(repeating: UInt8(ascii: "x"), count: n) }

    @Test func aQueueOverItsOwnLimitIsCutOffAndFreed() async {
        let budget = OutboundLineBudget(limit: 1 << 20)
        let q = OutboundLineQueue(limit: 1000, budget: budget)
        #expect(q.push(line(600)))
        #expect(!q.push(line(600)))
        #expect(q.overflowed)
        #expect(q.bufferedBytes == 0)
        #expect(budget.bufferedBytes == 0)
        #expect(await q.next() == nil)
        q.close()
    }

    @Test func theLargestQueueIsCutOffWhenTheSharedBudgetRunsOut() async {
        let budget = OutboundLineBudget(limit: 1000)
        let slow = OutboundLineQueue(limit: 10_000, budget: budget)
        let fast = OutboundLineQueue(limit: 10_000, budget: budget)
        #expect(slow.push(line(700)))
        #expect(fast.push(line(200)))
        #expect(fast.push(line(200)))  // 1,100 > 1,000: the slow one goes
        #expect(slow.overflowed)
        #expect(!fast.overflowed)
        #expect(budget.bufferedBytes == 400)
        #expect(await fast.next()?.count == 200)
        #expect(budget.bufferedBytes == 200)
        #expect(await slow.next() == nil)
        slow.close()
        fast.close()
        #expect(budget.bufferedBytes == 0)
    }

    @Test func aWaitingReaderGetsLinesInOrderAndTheEnd() async {
        let budget = OutboundLineBudget(limit: 1 << 20)
        let q = OutboundLineQueue(limit: 1 << 20, budget: budget)
        let reader = Task { () -> [Int] in
            var got: [Int] = []
            while let l = await q.next() { got.append(l.count) }
            return got
        }
        for n in 1...100 { q.push(line(n)) }
        q.finish()
        #expect(await reader.value == Array(1...100))
        #expect(!q.overflowed)
        q.close()
        #expect(budget.bufferedBytes == 0)
    }

    @Test func closeRunsTheCloseHandlerOnce() {
        let budget = OutboundLineBudget(limit: 100)
        let q = OutboundLineQueue(limit: 100, budget: budget)
        let count = Counter()
        q.onClose { count.add() }
        q.close()
        q.close()
        #expect(count.value == 1)
        #expect(!q.push(line(1)))
    }

    @Test func connectionLimitsKeepSlotsForStaffAndBoundEachUID() {
        var p = ConnectionLimits.Policy()
        (p.total, p.staffReserve, p.perUID) = (10, 3, 4)
        let l = ConnectionLimits(policy: p)
        #expect(l.admit(uid: 1, role: .none)?.code == "forbidden")
        for _ in 0..<4 { #expect(l.admit(uid: 1, role: .kiosk) == nil) }
        #expect(l.admit(uid: 1, role: .kiosk)?.code == "too-many-connections")
        for _ in 0..<3 { #expect(l.admit(uid: 2, role: .clerk) == nil) }
        #expect(l.admit(uid: 3, role: .clerk)?.code == "too-many-connections")  // 7 taken: the rest is for staff
        for _ in 0..<3 { #expect(l.admit(uid: 0, role: .admin) == nil) }
        #expect(l.admit(uid: 0, role: .admin)?.code == "too-many-connections")
        l.release(uid: 1)
        #expect(l.admit(uid: 4, role: .technician) == nil)
        #expect(l.open == 10)
    }
}

final class Counter: @unchecked Sendable {
    private var n = 0
    private let lock = NSLock()
    func add() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
}

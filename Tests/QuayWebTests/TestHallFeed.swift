import Foundation
@testable import QuayWeb

/// A hall feed for tests: a fixed snapshot plus updates pushed by the test, delivered to every subscriber.
final class TestHallFeed: HallFeed, @unchecked Sendable {
    private let lock = NSLock()
    private var snap: HallSnapshot
    private var continuations: [AsyncStream<HallUpdate>.Continuation] = []

    init(_ snapshot: HallSnapshot) { snap = snapshot }

    func snapshot() async -> HallSnapshot {
        lock.withLock { snap }
    }

    func updates() -> AsyncStream<HallUpdate> {
        let (stream, c) = AsyncStream<HallUpdate>.makeStream()
        lock.lock()
        continuations.append(c)
        lock.unlock()
        return stream
    }

    func subscribe() async -> (HallSnapshot, AsyncStream<HallUpdate>) {
        let stream = updates()
        return (await snapshot(), stream)
    }

    var subscribers: Int {
        lock.lock()
        defer { lock.unlock() }
        return continuations.count
    }

    func push(_ update: HallUpdate) {
        lock.lock()
        snap = snap.applying(update)
        let all = continuations
        lock.unlock()
        for c in all { c.yield(update) }
    }

    static let sample = HallSnapshot(
        nowCalling: [HallCall(ticket: "B007", counter: 2, at: 1)],
        recent: [HallCall(ticket: "A014", counter: 3, at: 0)],
        waiting: [
            HallServiceWaiting(service: "A", nameVi: "Hộ tịch", nameKm: "អត្រានុកូលដ្ឋាន", waiting: 4),
            HallServiceWaiting(service: "B", nameVi: "Đất đai", nameKm: "ដីធ្លី", waiting: 11),
            HallServiceWaiting(service: "C", nameVi: "Chứng thực", nameKm: "ការបញ្ជាក់ឯកសារ", waiting: 2),
        ],
        resultsReady: [HallResultReady(maskedCode: "***-4821", counter: 5)])
}

import QuayCore
import Synchronization
import Testing

@testable import QuayVoice

/// The zone queue: call order, one at a time, a recall not queued twice, drop-oldest at the limit.
@Suite struct AnnouncementQueueTests {
    /// Records what was spoken and how many were speaking at once.
    final class Speaker: Sendable {
        struct State {
            var spoken: [String] = []
            var active = 0
            var maxActive = 0
        }
        let state = Mutex(State())
        let seconds: Double
        init(seconds: Double = 0.02) { self.seconds = seconds }

        func speak(_ a: Announcement) async {
            state.withLock {
                $0.active += 1
                $0.maxActive = max($0.maxActive, $0.active)
            }
            try? await Task.sleep(for: .seconds(seconds))
            state.withLock {
                $0.active -= 1
                $0.spoken.append(a.label)
            }
        }
        var spoken: [String] { state.withLock { $0.spoken } }
        var maxActive: Int { state.withLock { $0.maxActive } }
    }

    static func call(_ ticket: String, _ kind: AnnouncementKind = .call) -> Announcement {
        Announcement(kind: kind, ticket: ticket, label: "\(kind.rawValue) \(ticket)", parts: [], at: 0)
    }

    func waitFor(_ speaker: Speaker, count: Int) async {
        for _ in 0..<500 where speaker.spoken.count < count { try? await Task.sleep(for: .milliseconds(10)) }
    }

    @Test func speaksInCallOrderOneAtATime() async {
        let speaker = Speaker()
        let q = AnnouncementQueue(limit: 20, gap: .milliseconds(1)) { await speaker.speak($0) }
        let worker = Task { await q.run() }
        // Two counters calling at once, many times: concurrent enqueuers.
        await withTaskGroup(of: Void.self) { g in
            for i in 0..<10 { g.addTask { _ = await q.enqueue(Self.call("A\(i)")) } }
        }
        await waitFor(speaker, count: 10)
        worker.cancel()
        #expect(speaker.spoken.count == 10)
        #expect(speaker.maxActive == 1)
        #expect(Set(speaker.spoken) == Set((0..<10).map { "call A\($0)" }))
    }

    @Test func orderIsTheEnqueueOrder() async {
        let speaker = Speaker(seconds: 0.005)
        let q = AnnouncementQueue(limit: 20, gap: .zero) { await speaker.speak($0) }
        for t in ["A1", "B1", "A2", "B2"] { _ = await q.enqueue(Self.call(t)) }
        let worker = Task { await q.run() }
        await waitFor(speaker, count: 4)
        worker.cancel()
        #expect(speaker.spoken == ["call A1", "call B1", "call A2", "call B2"])
    }

    @Test func recallOfAQueuedOrPlayingTicketIsNotQueuedTwice() async {
        let speaker = Speaker(seconds: 0.2)
        let q = AnnouncementQueue(limit: 20, gap: .zero) { await speaker.speak($0) }
        let worker = Task { await q.run() }
        #expect(await q.enqueue(Self.call("A1")) == .queued)
        try? await Task.sleep(for: .milliseconds(50))  // A1 is being spoken now
        #expect(await q.enqueue(Self.call("A1", .recall)) == .duplicate)
        #expect(await q.enqueue(Self.call("A2")) == .queued)
        #expect(await q.enqueue(Self.call("A2", .recall)) == .duplicate)
        #expect(await q.enqueue(Self.call("A3", .recall)) == .queued)
        await waitFor(speaker, count: 3)
        // Once A1 has been heard, a new recall is spoken again.
        #expect(await q.enqueue(Self.call("A1", .recall)) == .queued)
        await waitFor(speaker, count: 4)
        worker.cancel()
        #expect(speaker.spoken == ["call A1", "call A2", "recall A3", "recall A1"])
    }

    @Test func fullQueueDropsTheOldestWaiting() async {
        let speaker = Speaker(seconds: 0.005)
        let q = AnnouncementQueue(limit: 3, gap: .zero) { await speaker.speak($0) }
        var dropped: [String] = []
        for i in 1...5 {
            if case .droppedOldest(let old) = await q.enqueue(Self.call("A\(i)")) { dropped.append(old.label) }
        }
        #expect(dropped == ["call A1", "call A2"])
        #expect(await q.pending.map(\.label) == ["call A3", "call A4", "call A5"])
        let worker = Task { await q.run() }
        await waitFor(speaker, count: 3)
        worker.cancel()
        #expect(speaker.spoken == ["call A3", "call A4", "call A5"])
    }

    @Test func cancelledWorkerStopsWhileIdle() async {
        let q = AnnouncementQueue(limit: 3, gap: .zero) { _ in }
        let worker = Task { await q.run() }
        try? await Task.sleep(for: .milliseconds(20))
        worker.cancel()
        await worker.value
    }
}

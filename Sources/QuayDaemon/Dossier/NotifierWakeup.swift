import NIOConcurrencyHelpers

/// Wakes the notifier when a commit put a delivery in the outbox, so a result-ready notice goes out at once
/// instead of at the next check. Signals while the notifier is busy are kept (one pending wake-up is enough).
final class NotifierWakeup: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func signal() { continuation.yield() }

    /// Returns on a signal or after `timeout`, whichever comes first.
    func wait(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            let s = stream
            group.addTask {
                for await _ in s { return }
            }
            group.addTask { try? await Task.sleep(for: timeout) }
            _ = await group.next()
            group.cancelAll()
        }
    }
}

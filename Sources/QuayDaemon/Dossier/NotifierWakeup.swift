import NIOConcurrencyHelpers

/// Wakes the notifier when a commit put a delivery in the outbox, so a result-ready notice goes out at once
/// instead of at the next check. A signal while the notifier is busy is kept (one pending wake-up is enough).
///
/// A lock and one continuation, not an AsyncStream: iterating a stream from a task that is then cancelled (the
/// timeout) finishes the stream for good, and every later wait would return at once (a busy loop).
final class NotifierWakeup: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
        /// The current wait; a timer or a cancellation that arrives before the waiter is installed marks it here.
        var generation: UInt64 = 0
        var expired: UInt64 = 0
    }
    private let state = NIOLockedValueBox(State())

    func signal() {
        let w = state.withLockedValue { s -> CheckedContinuation<Void, Never>? in
            if let w = s.waiter {
                s.waiter = nil
                return w
            }
            s.pending = true
            return nil
        }
        w?.resume()
    }

    /// Returns on a signal (also one sent since the last wait), after `timeout`, or when the task is cancelled.
    func wait(timeout: Duration) async {
        let gen: UInt64? = state.withLockedValue { s in
            if s.pending {
                s.pending = false
                return nil
            }
            s.generation += 1
            return s.generation
        }
        guard let gen else { return }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.expire(gen)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let now = state.withLockedValue { s -> Bool in
                    if s.pending || s.expired == gen {
                        s.pending = false
                        return true
                    }
                    s.waiter = c
                    return false
                }
                if now { c.resume() }
            }
        } onCancel: {
            expire(gen)
        }
        timer.cancel()
    }

    private func expire(_ gen: UInt64) {
        let w = state.withLockedValue { s -> CheckedContinuation<Void, Never>? in
            guard s.generation == gen else { return nil }
            s.expired = gen
            defer { s.waiter = nil }
            return s.waiter
        }
        w?.resume()
    }
}

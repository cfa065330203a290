import Synchronization

/// Cancels the follow task on SIGINT/SIGTERM, also when the signal arrives before the task exists.
final class StopSwitch: Sendable {
    private let state = Mutex<(tripped: Bool, cancel: (@Sendable () -> Void)?)>((false, nil))

    func arm<T: Sendable>(_ task: Task<T, Never>) {
        let tripped = state.withLock { s in
            s.cancel = { task.cancel() }
            return s.tripped
        }
        if tripped { task.cancel() }
    }

    func trip() {
        let cancel = state.withLock { s in
            s.tripped = true
            return s.cancel
        }
        cancel?()
    }
}

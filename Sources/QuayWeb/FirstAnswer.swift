import Foundation

/// Resumes a continuation with the first value given; later values are dropped (a race between a probe and
/// its deadline).
final class FirstAnswer<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Never>?
    private var early: T?
    private var done = false

    func wait(_ c: CheckedContinuation<T, Never>) {
        let ready: T? = lock.withLock {
            guard done, let v = early else {
                continuation = c
                return nil
            }
            return v
        }
        if let ready { c.resume(returning: ready) }
    }

    /// Returns true when `value` was the first answer.
    @discardableResult
    func give(_ value: T) -> Bool {
        let c: CheckedContinuation<T, Never>?? = lock.withLock {
            guard !done else { return .none }
            done = true
            guard let c = continuation else {
                early = value
                return .some(nil)
            }
            continuation = nil
            return .some(c)
        }
        guard case .some(let cont) = c else { return false }
        cont?.resume(returning: value)
        return true
    }
}

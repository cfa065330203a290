import NIOCore
import NIOConcurrencyHelpers

/// The lines a streaming reply (`watch`) has produced and its client has not read yet.
///
/// Bounded twice: by `limit` bytes of its own, and by a `OutboundLineBudget` shared with every other queue. When
/// either is exceeded the slowest queue (the one holding the most bytes) is cut off: its buffered lines are
/// dropped at once (the memory is freed now, not after the client reads them) and its reader gets only the end
/// of the stream, with `overflowed` set so the server can send a final `slow-consumer` line.
/// Producers never wait and never hold a lock while anything else runs.
public final class OutboundLineQueue: Sendable {
    private struct State {
        var lines = CircularBuffer<[UInt8]>()
        var bytes = 0
        var finished = false
        var overflowed = false
        var waiter: CheckedContinuation<[UInt8]?, Never>?
        var onClose: [@Sendable () -> Void] = []
        var closed = false

        /// Ends the stream and drops what is buffered; returns the bytes freed.
        mutating func dropBuffered() -> Int {
            finished = true
            let freed = bytes
            lines.removeAll()
            bytes = 0
            return freed
        }
    }

    public let limit: Int
    let id: UInt64
    private let budget: OutboundLineBudget
    private let state = NIOLockedValueBox(State())

    public init(limit: Int, budget: OutboundLineBudget) {
        self.limit = limit
        self.budget = budget
        self.id = budget.register()
        budget.attach(self)
    }

    /// Each handler runs once when the reader is done (client gone, stream ended, server stopping): unsubscribe
    /// here. Added after the close, it runs at once.
    public func onClose(_ f: @escaping @Sendable () -> Void) {
        let runNow = state.withLockedValue { s -> Bool in
            if s.closed { return true }
            s.onClose.append(f)
            return false
        }
        if runNow { f() }
    }

    /// Adds a line (never blocks). Returns false when the queue is finished or was just cut off.
    @discardableResult
    public func push(_ line: [UInt8]) -> Bool {
        let n = line.count
        let own = state.withLockedValue { s -> Int? in s.finished ? nil : s.bytes }
        guard let own else { return false }
        if own + n > limit {
            overflow()
            return false
        }
        switch budget.reserve(n, for: id) {
        case .granted: break
        case .cutOff(let victim):
            if victim === self {
                budget.release(n, for: id)
                overflow()
                return false
            }
            victim.overflow()
        }
        let waiter = state.withLockedValue { s -> CheckedContinuation<[UInt8]?, Never>?? in
            guard !s.finished else { return .none }
            if let w = s.waiter {
                s.waiter = nil
                return .some(w)
            }
            s.lines.append(line)
            s.bytes += n
            return .some(nil)
        }
        switch waiter {
        case .none:
            budget.release(n, for: id)
            return false
        case .some(.some(let w)):
            budget.release(n, for: id)
            w.resume(returning: line)
        case .some(.none): break
        }
        return true
    }

    /// Ends the stream normally: the reader gets what is buffered, then nil.
    public func finish() {
        let w = state.withLockedValue { s -> CheckedContinuation<[UInt8]?, Never>? in
            s.finished = true
            defer { s.waiter = nil }
            return s.waiter
        }
        w?.resume(returning: nil)
    }

    /// Cuts the stream off: buffered lines are dropped now and the reader gets nil next.
    func overflow() {
        let (w, freed) = state.withLockedValue { s -> (CheckedContinuation<[UInt8]?, Never>?, Int) in
            guard !s.finished || !s.lines.isEmpty else { return (nil, 0) }
            s.overflowed = true
            defer { s.waiter = nil }
            return (s.waiter, s.dropBuffered())
        }
        if freed > 0 { budget.release(freed, for: id) }
        w?.resume(returning: nil)
    }

    public var overflowed: Bool { state.withLockedValue { $0.overflowed } }
    public var bufferedBytes: Int { state.withLockedValue { $0.bytes } }

    /// The next line, or nil at the end of the stream (or when the waiting task is cancelled).
    public func next() async -> [UInt8]? {
        if let (line, n) = popBuffered() {
            budget.release(n, for: id)
            return line
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<[UInt8]?, Never>) in
                let ready = state.withLockedValue { s -> ([UInt8]?, Int, Bool) in
                    if let l = s.lines.popFirst() {
                        s.bytes -= l.count
                        return (l, l.count, true)
                    }
                    if s.finished || Task.isCancelled { return (nil, 0, true) }
                    s.waiter = c
                    return (nil, 0, false)
                }
                if ready.2 {
                    if ready.1 > 0 { budget.release(ready.1, for: id) }
                    c.resume(returning: ready.0)
                }
            }
        } onCancel: {
            let w = state.withLockedValue { s -> CheckedContinuation<[UInt8]?, Never>? in
                defer { s.waiter = nil }
                return s.waiter
            }
            w?.resume(returning: nil)
        }
    }

    private func popBuffered() -> ([UInt8], Int)? {
        state.withLockedValue { s in
            guard let l = s.lines.popFirst() else { return nil }
            s.bytes -= l.count
            return (l, l.count)
        }
    }

    /// The reader is done: frees what is left and runs the close handler once.
    public func close() {
        let (handlers, freed) = state.withLockedValue { s -> ([@Sendable () -> Void], Int) in
            guard !s.closed else { return ([], 0) }
            s.closed = true
            defer { s.onClose = [] }
            return (s.onClose, s.dropBuffered())
        }
        if freed > 0 { budget.release(freed, for: id) }
        budget.unregister(id)
        for f in handlers { f() }
    }
}

/// Bytes buffered by all streaming replies together. Past `limit`, the queue holding the most is cut off.
public final class OutboundLineBudget: Sendable {
    public enum Decision { case granted, cutOff(OutboundLineQueue) }

    public let limit: Int
    private struct State {
        var total = 0
        var nextID: UInt64 = 0
        var bytes: [UInt64: Int] = [:]
        var queues: [UInt64: WeakQueue] = [:]
    }
    private struct WeakQueue { weak var queue: OutboundLineQueue? }
    private let state = NIOLockedValueBox(State())

    public init(limit: Int) { self.limit = limit }

    func register() -> UInt64 {
        state.withLockedValue { s in
            s.nextID += 1
            s.bytes[s.nextID] = 0
            return s.nextID
        }
    }

    func attach(_ q: OutboundLineQueue) {
        state.withLockedValue { $0.queues[q.id] = WeakQueue(queue: q) }
    }

    func unregister(_ id: UInt64) {
        state.withLockedValue { s in
            s.total -= s.bytes[id] ?? 0
            s.bytes[id] = nil
            s.queues[id] = nil
        }
    }

    /// Counts `n` more bytes for queue `id`, or names the queue to cut off to stay within the limit.
    func reserve(_ n: Int, for id: UInt64) -> Decision {
        state.withLockedValue { s in
            if s.total + n > limit, let (victim, _) = s.bytes.max(by: { $0.value < $1.value }),
                (s.bytes[victim] ?? 0) + (victim == id ? n : 0) > 0, let q = s.queues[victim]?.queue
            {
                if victim == id {
                    s.total += n
                    s.bytes[id, default: 0] += n
                    return .cutOff(q)
                }
                // The other queue's bytes are released by its overflow(); count ours now.
                s.total += n
                s.bytes[id, default: 0] += n
                return .cutOff(q)
            }
            s.total += n
            s.bytes[id, default: 0] += n
            return .granted
        }
    }

    func release(_ n: Int, for id: UInt64) {
        state.withLockedValue { s in
            guard s.bytes[id] != nil else { return }
            s.total -= n
            s.bytes[id, default: 0] -= n
        }
    }

    public var bufferedBytes: Int { state.withLockedValue { $0.total } }
}

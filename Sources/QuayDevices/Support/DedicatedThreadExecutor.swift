import Foundation

/// A serial executor backed by one dedicated OS thread.
///
/// An actor that uses it (`nonisolated var unownedExecutor`) runs all its isolated code on that thread, so it may
/// make bounded blocking system calls (poll, short sleeps for bus timing) without ever occupying a thread of Swift's
/// cooperative pool. The thread ends when the executor is released and its queue is empty.
public final class DedicatedThreadExecutor: SerialExecutor, @unchecked Sendable {
    private final class JobQueue: @unchecked Sendable {
        let condition = NSCondition()
        var jobs: [UnownedJob] = []
        var open = true
    }

    private let queue = JobQueue()
    public let name: String

    public init(name: String) {
        self.name = name
        let queue = self.queue
        let executor = UnownedSerialExecutor(ordinary: self)
        let thread = Thread {
            while true {
                queue.condition.lock()
                while queue.jobs.isEmpty && queue.open { queue.condition.wait() }
                if queue.jobs.isEmpty && !queue.open {
                    queue.condition.unlock()
                    return
                }
                let job = queue.jobs.removeFirst()
                queue.condition.unlock()
                job.runSynchronously(on: executor)
            }
        }
        thread.name = name
        thread.start()
    }

    deinit {
        queue.condition.lock()
        queue.open = false
        queue.condition.signal()
        queue.condition.unlock()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        queue.condition.lock()
        queue.jobs.append(unowned)
        queue.condition.signal()
        queue.condition.unlock()
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}

import Foundation

/// A serial executor backed by one dedicated OS thread.
///
/// An actor that uses it (`nonisolated var unownedExecutor`) runs all its isolated code on that thread, so it may
/// make bounded blocking system calls (poll, short sleeps for bus timing) without ever occupying a thread of Swift's
/// cooperative pool. The thread ends when the executor is released and its queue is empty.
///
/// When idle the thread waits in `Poll.wait` on a QuaySystem `WakePipe`, the same way every device thread blocks
/// (docs/architecture.md, "Blocking device I/O"); `enqueue` writes to the pipe only when the thread is asleep.
public final class DedicatedThreadExecutor: SerialExecutor, @unchecked Sendable {
    private final class JobQueue: @unchecked Sendable {
        let lock = NSLock()
        var jobs: [UnownedJob] = []
        var open = true
        /// The thread is in (or about to enter) poll and needs a wake-up byte for new work.
        var sleeping = false
        let wake: WakePipe
        init(wake: WakePipe) { self.wake = wake }
    }

    private let queue: JobQueue
    public let name: String

    public init(name: String) {
        self.name = name
        // A pipe is two descriptors; running out of them at device setup is not recoverable here.
        let wake: WakePipe
        do { wake = try WakePipe() } catch { fatalError("DedicatedThreadExecutor \(name): \(error)") }
        let queue = JobQueue(wake: wake)
        self.queue = queue
        let executor = UnownedSerialExecutor(ordinary: self)
        let thread = Thread {
            while true {
                queue.lock.lock()
                if !queue.jobs.isEmpty {
                    let job = queue.jobs.removeFirst()
                    queue.lock.unlock()
                    job.runSynchronously(on: executor)
                    continue
                }
                if !queue.open {
                    queue.lock.unlock()
                    return
                }
                queue.sleeping = true
                queue.lock.unlock()
                // A job enqueued after the check above has written a byte, so this returns at once.
                _ = try? Poll.wait(queue.wake.readEnd, for: .readable, timeoutMs: -1)
                queue.wake.drain()
                queue.lock.withLock { queue.sleeping = false }
            }
        }
        thread.name = name
        thread.start()
    }

    deinit {
        queue.lock.lock()
        queue.open = false
        queue.lock.unlock()
        queue.wake.signal()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let wakeUp = queue.lock.withLock { () -> Bool in
            queue.jobs.append(unowned)
            return queue.sleeping
        }
        if wakeUp { queue.wake.signal() }
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}

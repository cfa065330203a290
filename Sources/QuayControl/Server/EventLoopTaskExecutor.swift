import NIOCore

/// Runs a task's jobs on a channel's event loop.
///
/// A connection's task prefers the loop that reads and writes its socket, so a short op (ping, issue, call-next)
/// costs no thread hop between NIO and Swift concurrency: the request is taken off the inbound stream, answered
/// and written on the same thread; only the ledger's commit crosses to the writer thread and back. Work that may
/// take long or block (rendering, device I/O, CSV import) must leave the loop with
/// `withTaskExecutorPreference(globalConcurrentExecutor)`; `ControlServer` does that for every op not listed in
/// `Options.eventLoopOps`.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

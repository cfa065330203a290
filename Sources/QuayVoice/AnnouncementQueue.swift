/// One zone's announcements, spoken one at a time in the order they were queued. A recall of a ticket that is
/// already waiting or being spoken is not queued again; when more than `limit` wait, the oldest waiting one is
/// dropped (and reported, so it is logged). `run()` is the zone's single speaker: nothing else plays.
public actor AnnouncementQueue {
    public enum Outcome: Sendable, Equatable {
        case queued
        /// A recall of a ticket that is already queued or playing.
        case duplicate
        /// Queued, and this older announcement was dropped to stay within the limit.
        case droppedOldest(Announcement)
    }

    public let limit: Int
    private let gap: Duration
    private let speak: @Sendable (Announcement) async -> Void
    private var waiting: [Announcement] = []
    private var speaking: Announcement?
    private var wakeUp: CheckedContinuation<Void, Never>?

    /// `speak` renders and plays one announcement and returns when it has been heard.
    public init(limit: Int, gap: Duration, speak: @escaping @Sendable (Announcement) async -> Void) {
        self.limit = max(1, limit)
        self.gap = gap
        self.speak = speak
    }

    public func enqueue(_ a: Announcement) -> Outcome {
        if a.kind == .recall, let t = a.ticket, speaking?.ticket == t || waiting.contains(where: { $0.ticket == t }) {
            return .duplicate
        }
        waiting.append(a)
        var outcome = Outcome.queued
        if waiting.count > limit { outcome = .droppedOldest(waiting.removeFirst()) }
        wakeUp?.resume()
        wakeUp = nil
        return outcome
    }

    /// Waiting announcements (not the one being spoken), oldest first.
    public var pending: [Announcement] { waiting }

    /// Speaks until the task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            guard !waiting.isEmpty else {
                await withTaskCancellationHandler {
                    await withCheckedContinuation { wakeUp = $0 }
                } onCancel: {
                    Task { await self.cancelWait() }
                }
                continue
            }
            let next = waiting.removeFirst()
            speaking = next
            await speak(next)
            speaking = nil
            try? await Task.sleep(for: gap)
        }
    }

    private func cancelWait() {
        wakeUp?.resume()
        wakeUp = nil
    }
}

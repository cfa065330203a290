extension HallSnapshot {
    /// How many current calls and earlier calls the hall keeps.
    public static let nowCallingLimit = 6
    public static let recentLimit = 10

    /// The snapshot after `update` (the same rules as `apply` in Public/hall.js).
    public func applying(_ update: HallUpdate) -> HallSnapshot {
        var s = self
        switch update {
        case .called(let call), .recalled(let call):
            if let old = s.nowCalling.first(where: { $0.counter == call.counter }), old.ticket != call.ticket {
                s.recent.removeAll { $0.ticket == old.ticket }
                s.recent.insert(old, at: 0)
            }
            s.nowCalling.removeAll { $0.counter == call.counter || $0.ticket == call.ticket }
            s.recent.removeAll { $0.ticket == call.ticket }
            s.nowCalling.insert(call, at: 0)
            while s.nowCalling.count > Self.nowCallingLimit {
                s.recent.insert(s.nowCalling.removeLast(), at: 0)
            }
            s.recent = Array(s.recent.prefix(Self.recentLimit))
        case .counterCleared(let counter):
            if let old = s.nowCalling.first(where: { $0.counter == counter }) {
                s.nowCalling.removeAll { $0.counter == counter }
                s.recent.insert(old, at: 0)
                s.recent = Array(s.recent.prefix(Self.recentLimit))
            }
        case .waiting(let w):
            s.waiting = w
        case .resultsReady(let r):
            s.resultsReady = r
        case .snapshot(let snap):
            s = snap
        }
        return s
    }
}

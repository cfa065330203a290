import Foundation

/// The one place that knows every configured device role and its health. Drivers update it; the daemon
/// reads snapshots for `quayctl devices` and subscribes to changes to publish `device` events on `watch`.
public actor DeviceRegistry {
    private var health: [String: DeviceHealth] = [:]
    private var observers: [UInt64: @Sendable (DeviceHealth) -> Void] = [:]
    private var nextObserver: UInt64 = 0

    public init() {}

    public func register(_ h: DeviceHealth) {
        health[h.role] = h
        notify(h)
    }

    public func remove(role: String) { health[role] = nil }

    /// Applies a change to a role's health; observers hear about it only if something a technician sees changed
    /// (state, condition, devnode or last error), not on every byte counter bump.
    public func update(_ role: String, _ change: (inout DeviceHealth) -> Void) {
        guard var h = health[role] else { return }
        let before = h
        change(&h)
        health[role] = h
        if h.state != before.state || h.condition != before.condition || h.devnode != before.devnode || h.lastError != before.lastError {
            notify(h)
        }
    }

    public func get(_ role: String) -> DeviceHealth? { health[role] }

    public func snapshot() -> [DeviceHealth] { health.values.sorted { $0.role < $1.role } }

    @discardableResult
    public func observe(_ f: @escaping @Sendable (DeviceHealth) -> Void) -> UInt64 {
        nextObserver += 1
        observers[nextObserver] = f
        return nextObserver
    }

    public func stopObserving(_ token: UInt64) { observers[token] = nil }

    private func notify(_ h: DeviceHealth) {
        for f in observers.values { f(h) }
    }
}

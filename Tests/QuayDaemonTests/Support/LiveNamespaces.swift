import Foundation

/// Namespaces this test process made, deleted at exit; and the sweep of those left by killed runs.
enum LiveNamespaces {
    nonisolated(unsafe) static var names: Set<String> = []
    static let lock = NSLock()
    nonisolated(unsafe) static var installed = false

    static func add(_ name: String) {
        lock.lock()
        defer { lock.unlock() }
        names.insert(name)
        if !installed {
            installed = true
            atexit {
                LiveNamespaces.lock.lock()
                let left = LiveNamespaces.names
                LiveNamespaces.lock.unlock()
                for n in left { _ = try? Command.run(Command.ip, "netns", "del", n) }
            }
        }
    }

    static func remove(_ name: String) {
        lock.lock()
        names.remove(name)
        lock.unlock()
    }

    /// Deletes `quay-<pid>-…` namespaces whose test process is gone (a run killed before its atexit ran).
    static func sweepStale() {
        guard let list = try? Command.run(Command.ip, "netns", "list") else { return }
        for line in list.output.split(separator: "\n") {
            let name = String(line.split(separator: " ").first ?? "")
            let parts = name.split(separator: "-")
            guard parts.count == 4, parts[0] == "quay", let pid = Int32(parts[1]), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { _ = try? Command.run(Command.ip, "netns", "del", name) }
        }
    }

    /// Root, iproute2 and a kernel that lets us make namespaces (CI runs as root; a developer's `swift test` may not).
    static var available: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: Command.ip)
    }
}

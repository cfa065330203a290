import Foundation
import QuaySystem

/// Two network namespaces joined by a veth pair, as two hosts on one private link (issue #16's point and center):
/// `point` is 10.86.0.1/30 on `vp`, `center` 10.86.0.2/30 on `vc`. Names are unique per run (`quay-<pid>-<random>-…`)
/// so parallel or aborted runs never collide; the namespaces go at deinit, at test-process exit (`LiveNamespaces`)
/// and, for runs that were killed, at the next run (`sweepStale`). Needs root and iproute2; loss needs nftables.
///
/// The link can be cut and restored (`ip link set down/up` on both ends) and shaped: `tc netem` when the kernel has
/// it, else `tbf` for the rate and an nftables netdev egress rule (`numgen random mod 100 < N drop`) for the loss,
/// each on both ends' egress. A fixed delay needs netem (`Shaping.delayApplied` says whether it was).
final class NetnsLink: @unchecked Sendable {
    struct End {
        let ns: String
        let dev: String
        let address: String
        /// `ip netns exec <ns>`: what a daemon is launched through to live in this namespace.
        var launchPrefix: [String] { [Command.ip, "netns", "exec", ns] }
    }

    struct Shaping: Equatable {
        var rateKbit: Int?
        var lossPercent: Int?
        var delayMs: Int?
    }

    /// Bytes and packets that crossed the point's end of the link (its tx is the center's rx).
    struct Counters {
        var pointTxBytes: Int
        var pointRxBytes: Int
        var pointTxPackets: Int
        var pointRxPackets: Int
        var totalBytes: Int { pointTxBytes + pointRxBytes }
    }

    let point: End
    let center: End
    private(set) var delayApplied = false
    private(set) var netem: Bool

    init() throws {
        LiveNamespaces.sweepStale()
        let tag = "quay-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        point = End(ns: tag + "-p", dev: "vp", address: "10.86.0.1")
        center = End(ns: tag + "-c", dev: "vc", address: "10.86.0.2")
        netem = false
        for end in [point, center] {
            try Command.check(Command.ip, "netns", "add", end.ns)
            LiveNamespaces.add(end.ns)
        }
        try Command.check(
            Command.ip, "-n", point.ns, "link", "add", point.dev, "type", "veth", "peer", "name", center.dev, "netns", center.ns)
        for end in [point, center] {
            try Command.check(Command.ip, "-n", end.ns, "addr", "add", end.address + "/30", "dev", end.dev)
            try Command.check(Command.ip, "-n", end.ns, "link", "set", "lo", "up")
            try Command.check(Command.ip, "-n", end.ns, "link", "set", end.dev, "up")
        }
        netem = Self.kernelHasNetem(point)
    }

    deinit { destroy() }

    func destroy() {
        for end in [point, center] {
            _ = try? Command.run(Command.ip, "netns", "del", end.ns)
            LiveNamespaces.remove(end.ns)
        }
    }

    /// Cuts (`up == false`) or restores the link on both ends, as a pulled cable or a dead modem would.
    func setLink(up: Bool) throws {
        for end in [point, center] { try Command.check(Command.ip, "-n", end.ns, "link", "set", end.dev, up ? "up" : "down") }
    }

    /// Replaces the shaping on both ends (nil fields: not limited). `Shaping()` clears it.
    func shape(_ s: Shaping) throws {
        for end in [point, center] {
            _ = try? Command.run(Command.ip, "netns", "exec", end.ns, Command.tc, "qdisc", "del", "dev", end.dev, "root")
            _ = try? Command.run(Command.ip, "netns", "exec", end.ns, Command.nft, "delete", "table", "netdev", "quayshape")
        }
        delayApplied = false
        guard s != Shaping() else { return }
        for end in [point, center] {
            let exec = [Command.ip, "netns", "exec", end.ns]
            if netem {
                var args = exec + [Command.tc, "qdisc", "add", "dev", end.dev, "root", "netem"]
                if let d = s.delayMs { args += ["delay", "\(d)ms"] }
                if let l = s.lossPercent { args += ["loss", "\(l)%"] }
                if let r = s.rateKbit { args += ["rate", "\(r)kbit"] }
                try Command.check(args)
                delayApplied = s.delayMs != nil
                continue
            }
            if let r = s.rateKbit {
                // A 400 ms queue at the rate, about what a 3G modem buffers.
                try Command.check(
                    exec + [
                        Command.tc, "qdisc", "add", "dev", end.dev, "root", "tbf", "rate", "\(r)kbit", "burst", "1600", "latency", "400ms",
                    ])
            }
            if let l = s.lossPercent {
                let rules = """
                    table netdev quayshape {
                      chain egress { type filter hook egress device "\(end.dev)" priority 0; numgen random mod 100 < \(l) counter drop; }
                    }
                    """
                try Command.check(exec + [Command.nft, "-f", "-"], input: rules)
            }
        }
    }

    func counters() throws -> Counters {
        let out = try Command.check(Command.ip, "-n", point.ns, "-s", "-j", "link", "show", point.dev)
        guard let list = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]],
            let stats = list.first?["stats64"] as? [String: Any], let rx = stats["rx"] as? [String: Any],
            let tx = stats["tx"] as? [String: Any]
        else { throw TestFailure("no link statistics in: \(out)") }
        func n(_ d: [String: Any], _ k: String) -> Int { (d[k] as? NSNumber)?.intValue ?? 0 }
        return Counters(
            pointTxBytes: n(tx, "bytes"), pointRxBytes: n(rx, "bytes"), pointTxPackets: n(tx, "packets"),
            pointRxPackets: n(rx, "packets"))
    }

    /// Packets the loss rules dropped so far, both ends (0 with netem, which keeps no such count here).
    func droppedPackets() throws -> Int {
        var total = 0
        for end in [point, center] {
            let r = try Command.run(Command.ip, "netns", "exec", end.ns, Command.nft, "list", "table", "netdev", "quayshape")
            guard r.status == 0 else { continue }
            for part in r.output.components(separatedBy: "counter packets ").dropFirst() {
                total += Int(part.prefix { $0.isNumber }) ?? 0
            }
        }
        return total
    }

    /// Runs a command inside one end's namespace.
    @discardableResult
    func exec(_ end: End, _ args: [String], timeout: Double = 30) throws -> Command.Result {
        try Command.run(end.launchPrefix + args, timeout: timeout)
    }

    private static func kernelHasNetem(_ end: End) -> Bool {
        let exec = [Command.ip, "netns", "exec", end.ns, Command.tc, "qdisc"]
        guard (try? Command.run(exec + ["add", "dev", end.dev, "root", "netem", "delay", "1ms"]))?.status == 0 else { return false }
        _ = try? Command.run(exec + ["del", "dev", end.dev, "root"])
        return true
    }
}

import ArgumentParser
import Foundation
import QuayControl
import QuayCore

struct Queue: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show who is waiting and who is at which counter.")
    @OptionGroup var common: Common
    func run() throws {
        guard let s = try common.call("queue", as: QueueBody.self)?.snapshot else { return }
        print("Business day \(s.businessDay)\n")
        print(
            Render.table(
                ["COUNTER", "NO", "STATE", "CURRENT", "SINCE"],
                s.counters.map { c in
                    [
                        c.id, c.number, c.state, c.current.map { "\($0.number) (\($0.state.rawValue))" } ?? "-",
                        Render.time(c.current?.calledAt),
                    ]
                }))
        print("\nWaiting: \(s.waitingTotal)")
        if !s.waiting.isEmpty {
            print(
                Render.table(
                    ["NUMBER", "SERVICE", "LANG", "PRIORITY", "ISSUED"],
                    s.waiting.map { t in
                        [t.number, t.service, t.language.rawValue, t.priority ?? "-", Render.time(t.issuedAt)]
                    }))
            if s.waitingTotal > s.waiting.count { print("… and \(s.waitingTotal - s.waiting.count) more") }
        }
    }
}

struct Counters: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List counters, or open/close/pause one: `quayctl counters close q3`.")
    @OptionGroup var common: Common
    @Argument(help: "open, close or pause (omit to list).") var action: String?
    @Argument(help: "Counter id.") var counter: String?
    func validate() throws {
        if let a = action {
            guard ["open", "close", "pause"].contains(a) else { throw ValidationError("action must be open, close or pause") }
            guard counter != nil else { throw ValidationError("give the counter id") }
        }
    }
    func run() throws {
        if let a = action, let c = counter {
            let st = ["open": "open", "close": "closed", "pause": "paused"][a]!
            guard let r = try common.call("counter", .fields([("counter", c), ("state", st)]), as: CounterBody.self) else { return }
            return print("Counter \(c) is now \(r.counter.state)")
        }
        guard let r = try common.call("counters", as: CountersBody.self) else { return }
        print(
            Render.table(
                ["COUNTER", "NO", "STATE", "LANGUAGES", "SERVICES", "CURRENT"],
                r.counters.map { c in
                    [
                        c.id, c.number, c.state, c.languages.joined(separator: ","), c.services.joined(separator: ","),
                        c.current?.number ?? "-",
                    ]
                }))
    }
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Today's figures per service and counter.")
    @OptionGroup var common: Common
    func run() throws {
        guard let body = try common.call("stats", as: QueueStatsBody.self) else { return }
        let s = body.stats
        // Satisfaction (rating screens and keypads, 1 bad … 4 very good): per counter, and the day's total.
        let ratings = Dictionary((body.ratings?.byCounter ?? []).map { ($0.counter, $0) }, uniquingKeysWith: { a, _ in a })
        let serviceRatings = Dictionary((body.ratings?.byService ?? []).map { ($0.service, $0) }, uniquingKeysWith: { a, _ in a })
        print("Business day \(s.businessDay)\n")
        print(
            Render.table(
                ["SERVICE", "ISSUED", "WAITING", "SERVED", "NO-SHOW", "WAIT(min)", "MAX", "SERVICE(min)", "RATED", "RATING(1-4)"],
                s.services.map { l in
                    let r = serviceRatings[l.id]
                    return [
                        l.id, "\(l.issued)", "\(l.waiting)", "\(l.served)", "\(l.noShow)", Render.minutes(l.meanWaitSeconds),
                        Render.minutes(l.maxWaitSeconds), Render.minutes(l.meanServiceSeconds), "\(r?.counts.reduce(0, +) ?? 0)",
                        Render.rating(r?.mean),
                    ]
                }))
        print("")
        print(
            Render.table(
                ["COUNTER", "CALLED", "SERVED", "NO-SHOW", "SERVICE(min)", "RATED", "RATING(1-4)"],
                s.counters.map { l in
                    let r = ratings[l.id]
                    return [
                        l.id, "\(l.called)", "\(l.served)", "\(l.noShow)", Render.minutes(l.meanServiceSeconds),
                        "\(r?.counts.reduce(0, +) ?? 0)", Render.rating(r?.mean),
                    ]
                }))
        if let total = body.ratings?.total {
            print("\nSatisfaction today: \(total.counts.reduce(0, +)) ratings, mean \(Render.rating(total.mean)) (1 bad … 4 very good)")
        } else {
            print("\nSatisfaction today: not available (the store could not be read)")
        }
    }
}

struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Follow events as they happen (Ctrl-C to stop).")
    @OptionGroup var common: Common
    @Flag(help: "Also show device health changes and scans.") var devices = false
    @Flag(help: "Also show what the scanners read and what quayd did with it.") var scans = false
    @Option(help: "Stop after this many events (0 = never).") var count = 0
    func run() throws {
        let c = try common.client()
        var f: [String: JSONValue] = [:]
        if devices { f["devices"] = .bool(true) }
        if scans { f["args"] = .object(["scans": .bool(true)]) }
        if let first = try common.call(on: c, "watch", f, as: WatchSnapshotBody.self) {
            print("Watching (snapshot at event \(first.lastEventSeq), \(first.snapshot.waitingTotal) waiting)")
        }
        var n = 0
        while count == 0 || n < count {
            let line: String
            do { line = try c.readRawLine(timeoutMs: -1) } catch ControlClient.ClientError.closed { return } catch {
                throw CLIError(message: "\(error)")
            }
            n += 1
            if common.json {
                print(line)
                fflush(nil)
                continue
            }
            // The stream ends with an error line (`slow-consumer`) when quayd cut this watcher off.
            if let head = Common.head(line), !head.ok { throw CLIError(head.error ?? ControlError(code: "error", message: "watch ended")) }
            let w: WatchLine
            do { w = try Wire.decodeLine(Array(line.utf8), as: WatchLine.self) } catch {
                throw CLIError(message: "unreadable watch line (\(error)): \(line)")
            }
            if let e = w.event {
                print(
                    "\(Render.time(e.at)) #\(e.seq) \(e.kind.rawValue) \(e.number ?? "")"
                        + (e.counter.map { " counter=\($0)" } ?? "") + (e.detail.map { " (\($0))" } ?? ""))
            } else if let d = w.device {
                print("device \(d.role): \(d.state) \(d.condition)" + (d.lastError.map { " — \($0)" } ?? ""))
            } else if let scan = w.scan {
                print("\(Render.time(scan.at)) scan \(scan.role): \(Render.scan(scan))")
            }
            fflush(nil)
        }
    }
}

struct ConfigCmd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Show services, counters and priority classes with their ids.")
    @OptionGroup var common: Common
    func run() throws {
        guard let r = try common.call("config", as: ConfigBody.self) else { return }
        print("\(r.center[.vi]) (site \(r.site), \(r.timezone))\n")
        print(
            Render.table(
                ["SERVICE", "PREFIX", "NAME", "TODAY"],
                r.services.map { s in
                    [s.id, s.prefix, s.name[.vi], s.issuedToday.map { "\($0)" } ?? "-"]
                }))
        print("\nPriority classes: " + r.priorities.map(\.id).joined(separator: ", "))
    }
}

struct Devices: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Device roles and their health; --unassigned lists plugged-in devices no role uses, with matchers to paste into quayd.toml.")
    @OptionGroup var common: Common
    @Flag(help: "List present devices that match no configured role, with matchers for quayd.toml.") var unassigned = false
    func run() throws {
        guard let r = try common.call("devices", unassigned ? ["args": .object(["unassigned": .bool(true)])] : [:], as: DevicesBody.self)
        else { return }
        if unassigned {
            let list = r.unassigned ?? []
            if list.isEmpty { return print("Every present device is used by a configured role (or none is plugged in).") }
            print(
                Render.table(
                    ["DEVNODE", "SUBSYSTEM", "USB ID", "MODEL", "USABLE AS", "MATCHER TO PASTE"],
                    list.map { u in
                        let p = u.device.properties
                        let usb = [p["ID_VENDOR_ID"], p["ID_MODEL_ID"]].compactMap { $0 }.joined(separator: ":")
                        return [
                            u.device.devnode ?? "-", u.device.subsystem, usb.isEmpty ? "-" : usb,
                            p["ID_MODEL_FROM_DATABASE"] ?? p["ID_MODEL"] ?? "-", u.usableAs.joined(separator: ","),
                            u.suggestions.first ?? "-",
                        ]
                    }))
            print("\nExample: [[printer]] role = \"printer-1\" match = \"<MATCHER TO PASTE>\"  (docs/operations.md, Adding a device)")
            return
        }
        print(
            Render.table(
                ["ROLE", "KIND", "MATCHER", "DEVNODE", "STATE", "CONDITION", "LAST ERROR"],
                r.devices.map { d in
                    [d.role, d.kind, d.matcher, d.devnode ?? "-", d.state, d.condition, d.lastError ?? ""]
                }))
    }
}

struct Device: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Check one device: `quayctl device test ROLE` (printer: test ticket; board bus: 8888 then back; voice: test "
            + "announcement), `quayctl device identify ROLE` (printer: slip with its role; boards: blink their counter number)."
    )
    @OptionGroup var common: Common
    @Argument(help: "test or identify") var action: String
    @Argument(help: "Device role, as in `quayctl devices`.") var role: String
    @Option(help: "Scanner test: seconds to wait for a scan.") var timeout: Int = 30
    func run() throws {
        guard ["test", "identify"].contains(action) else { throw CLIError(message: "unknown action '\(action)': use test or identify") }
        let fields: [String: JSONValue] = ["role": .string(role), "args": .object(["timeout": .number(Double(timeout))])]
        // device-identify always answers a DeviceCheckBody; device-test, whatever fits the role.
        guard let r = try common.call("device-" + action, fields, as: DeviceTestBody.self) else { return }
        let failed: [String: String]
        switch r {
        case .scan(let s): return print("\(role): \(Render.scan(s.scan))")
        case .printed(let p): return print("\(role): test ticket printed on \(p.printer) (\(p.bytes) bytes, \(p.milliseconds) ms)")
        case .voice(let v):
            return print("\(role): test announcement (\(String(format: "%.1f", v.seconds)) s) queued in \(v.zones.joined(separator: ", "))")
        case .check(let c): failed = c.failed
        }
        if failed.isEmpty { return print("\(role): \(action) done.") }
        for (k, v) in failed.sorted(by: { $0.key < $1.key }) { print("\(role): board of counter \(k) failed: \(v)") }
        throw ExitCode(1)
    }
}

struct I18n: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Message catalogue: `quayctl i18n status` lists missing and unreviewed texts.")
    @OptionGroup var common: Common
    @Argument(help: "status") var action: String = "status"
    func run() throws {
        guard let r = try common.call("i18n-status", as: I18nBody.self) else { return }
        if r.problems.isEmpty { return print("All messages present and reviewed.") }
        print(Render.table(["KEY", "LANG", "PROBLEM"], r.problems.map { [$0.key, $0.language.rawValue, $0.problem] }))
    }
}

struct Reload: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Reload the configuration (same as SIGHUP); a bad file is rejected.")
    @OptionGroup var common: Common
    func run() throws {
        guard try common.call("reload", as: Empty.self) != nil else { return }
        print("Configuration reloaded.")
    }
}

struct Raw: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send one raw JSON request line and print the reply (for scripts and debugging).")
    @OptionGroup var common: Common
    @Argument(help: "JSON request, e.g. '{\"id\":1,\"op\":\"ping\"}'") var request: String
    func run() throws {
        let c = try common.client()
        do {
            try c.send(raw: request)
            print(try c.readRawLine())
        } catch { throw CLIError(message: "\(error)") }
    }
}

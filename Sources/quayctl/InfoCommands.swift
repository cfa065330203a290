import ArgumentParser
import Foundation
import QuayControl

struct Queue: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show who is waiting and who is at which counter.")
    @OptionGroup var common: Common
    func run() throws {
        let r = try common.call("queue")
        if common.json { return print(Render.json(r)) }
        let s = r["snapshot"]
        print("Business day \(s?["businessDay"]?.string ?? "?")\n")
        let counters = s?["counters"]?.array ?? []
        print(Render.table(["COUNTER", "NO", "STATE", "CURRENT", "SINCE"], counters.map { c in
            [c["id"]?.string ?? "", c["number"]?.string ?? "", c["state"]?.string ?? "",
             c["current"]?["number"]?.string.map { "\($0) (\(c["current"]?["state"]?.string ?? ""))" } ?? "-",
             Render.time(c["current"]?["calledAt"]?.number)]
        }))
        let waiting = s?["waiting"]?.array ?? []
        print("\nWaiting: \(waiting.count)")
        if !waiting.isEmpty {
            print(Render.table(["NUMBER", "SERVICE", "LANG", "PRIORITY", "ISSUED"], waiting.map { t in
                [t["number"]?.string ?? "", t["service"]?.string ?? "", t["language"]?.string ?? "", t["priority"]?.string ?? "-", Render.time(t["issuedAt"]?.number)]
            }))
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
            let r = try common.call("counter", .fields([("counter", c), ("state", st)]))
            if common.json { return print(Render.json(r)) }
            return print("Counter \(c) is now \(r["counter"]?["state"]?.string ?? st)")
        }
        let r = try common.call("counters")
        if common.json { return print(Render.json(r)) }
        print(Render.table(["COUNTER", "NO", "STATE", "LANGUAGES", "SERVICES", "CURRENT"], (r["counters"]?.array ?? []).map { c in
            [c["id"]?.string ?? "", c["number"]?.string ?? "", c["state"]?.string ?? "",
             (c["languages"]?.array ?? []).compactMap(\.string).joined(separator: ","),
             (c["services"]?.array ?? []).compactMap(\.string).joined(separator: ","), c["current"]?["number"]?.string ?? "-"]
        }))
    }
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Today's figures per service and counter.")
    @OptionGroup var common: Common
    func run() throws {
        let r = try common.call("stats")
        if common.json { return print(Render.json(r)) }
        let s = r["stats"]
        print("Business day \(s?["businessDay"]?.string ?? "?")\n")
        print(Render.table(["SERVICE", "ISSUED", "WAITING", "SERVED", "NO-SHOW", "WAIT(min)", "MAX", "SERVICE(min)"], (s?["services"]?.array ?? []).map { l in
            [l["id"]?.string ?? "", "\(Int(l["issued"]?.number ?? 0))", "\(Int(l["waiting"]?.number ?? 0))", "\(Int(l["served"]?.number ?? 0))",
             "\(Int(l["noShow"]?.number ?? 0))", Render.minutes(l["meanWaitSeconds"]?.number), Render.minutes(l["maxWaitSeconds"]?.number),
             Render.minutes(l["meanServiceSeconds"]?.number)]
        }))
        print("")
        print(Render.table(["COUNTER", "CALLED", "SERVED", "NO-SHOW", "SERVICE(min)"], (s?["counters"]?.array ?? []).map { l in
            [l["id"]?.string ?? "", "\(Int(l["called"]?.number ?? 0))", "\(Int(l["served"]?.number ?? 0))", "\(Int(l["noShow"]?.number ?? 0))",
             Render.minutes(l["meanServiceSeconds"]?.number)]
        }))
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
        let first: JSONValue
        do { first = try c.call("watch", f) } catch { throw CLIError(message: "\(error)") }
        guard first["ok"]?.bool == true else { throw CLIError(message: first["error"]?["message"]?.string ?? "watch refused") }
        if common.json { print(Render.json(first)) } else {
            print("Watching (snapshot at event \(Int(first["lastEventSeq"]?.number ?? 0)), \(first["snapshot"]?["waiting"]?.array?.count ?? 0) waiting)")
        }
        var n = 0
        while count == 0 || n < count {
            let line: JSONValue
            do { line = try c.readLine(timeoutMs: -1) } catch ControlClient.ClientError.closed { return } catch { throw CLIError(message: "\(error)") }
            n += 1
            if common.json { print(Render.json(line)); fflush(nil); continue }
            if let e = line["event"] {
                print("\(Render.time(e["at"]?.number)) #\(Int(e["seq"]?.number ?? 0)) \(e["kind"]?.string ?? "?") \(e["number"]?.string ?? "")"
                      + (e["counter"]?.string.map { " counter=\($0)" } ?? "") + (e["detail"]?.string.map { " (\($0))" } ?? ""))
            } else if let d = line["device"] {
                print("device \(d["role"]?.string ?? "?"): \(d["state"]?.string ?? "?") \(d["condition"]?.string ?? "")" + (d["lastError"]?.string.map { " — \($0)" } ?? ""))
            } else if let scan = line["scan"] {
                print("\(Render.time(scan["at"]?.number)) scan \(scan["role"]?.string ?? "?"): \(Render.scan(scan))")
            } else if let err = line["error"] {
                throw CLIError(message: err["message"]?.string ?? "watch ended")
            }
            fflush(nil)
        }
    }
}

struct ConfigCmd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Show services, counters and priority classes with their ids.")
    @OptionGroup var common: Common
    func run() throws {
        let r = try common.call("config")
        if common.json { return print(Render.json(r)) }
        print("\(r["center"]?["vi"]?.string ?? "") (site \(r["site"]?.string ?? "?"), \(r["timezone"]?.string ?? ""))\n")
        print(Render.table(["SERVICE", "PREFIX", "NAME", "TODAY"], (r["services"]?.array ?? []).map { s in
            [s["id"]?.string ?? "", s["prefix"]?.string ?? "", s["name"]?["vi"]?.string ?? "", s["issuedToday"]?.number.map { "\(Int($0))" } ?? "-"]
        }))
        print("\nPriority classes: " + (r["priorities"]?.array ?? []).compactMap { $0["id"]?.string }.joined(separator: ", "))
    }
}

struct Devices: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Device roles and their health; --unassigned lists plugged-in devices no role uses, with matchers to paste into quayd.toml.")
    @OptionGroup var common: Common
    @Flag(help: "List present devices that match no configured role, with matchers for quayd.toml.") var unassigned = false
    func run() throws {
        let r = try common.call("devices", unassigned ? ["args": .object(["unassigned": .bool(true)])] : [:])
        if common.json { return print(Render.json(r)) }
        if unassigned {
            let list = r["unassigned"]?.array ?? []
            if list.isEmpty { return print("Every present device is used by a configured role (or none is plugged in).") }
            print(Render.table(["DEVNODE", "SUBSYSTEM", "USB ID", "MODEL", "USABLE AS", "MATCHER TO PASTE"], list.map { u in
                let d = u["device"]
                let p = d?["properties"]
                let usb = [p?["ID_VENDOR_ID"]?.string, p?["ID_MODEL_ID"]?.string].compactMap { $0 }.joined(separator: ":")
                let usable = (u["usableAs"]?.array ?? []).compactMap(\.string).joined(separator: ",")
                return [d?["devnode"]?.string ?? "-", d?["subsystem"]?.string ?? "", usb.isEmpty ? "-" : usb,
                        p?["ID_MODEL_FROM_DATABASE"]?.string ?? p?["ID_MODEL"]?.string ?? "-", usable,
                        (u["suggestions"]?.array ?? []).first?.string ?? "-"]
            }))
            print("\nExample: [[printer]] role = \"printer-1\" match = \"<MATCHER TO PASTE>\"  (docs/operations.md, Adding a device)")
            return
        }
        print(Render.table(["ROLE", "KIND", "MATCHER", "DEVNODE", "STATE", "CONDITION", "LAST ERROR"], (r["devices"]?.array ?? []).map { d in
            [d["role"]?.string ?? "", d["kind"]?.string ?? "", d["matcher"]?.string ?? "", d["devnode"]?.string ?? "-", d["state"]?.string ?? "",
             d["condition"]?.string ?? "", d["lastError"]?.string ?? ""]
        }))
    }
}

struct Device: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check one device: `quayctl device test ROLE` (printer: test ticket; board bus: 8888 then back), `quayctl device identify ROLE` (printer: slip with its role; boards: blink their counter number).")
    @OptionGroup var common: Common
    @Argument(help: "test or identify") var action: String
    @Argument(help: "Device role, as in `quayctl devices`.") var role: String
    @Option(help: "Scanner test: seconds to wait for a scan.") var timeout: Int = 30
    func run() throws {
        guard ["test", "identify"].contains(action) else { throw CLIError(message: "unknown action '\(action)': use test or identify") }
        let r = try common.call("device-" + action, ["role": .string(role), "args": .object(["timeout": .number(Double(timeout))])])
        if common.json { return print(Render.json(r)) }
        if let scan = r["scan"] { return print("\(role): \(Render.scan(scan))") }
        let failed = r["failed"]?.object ?? [:]
        if failed.isEmpty { return print("\(role): \(action) done.") }
        for (k, v) in failed.sorted(by: { $0.key < $1.key }) { print("\(role): board of counter \(k) failed: \(v.string ?? "")") }
        throw ExitCode(1)
    }
}

struct I18n: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Message catalogue: `quayctl i18n status` lists missing and unreviewed texts.")
    @OptionGroup var common: Common
    @Argument(help: "status") var action: String = "status"
    func run() throws {
        let r = try common.call("i18n-status")
        if common.json { return print(Render.json(r)) }
        let p = r["problems"]?.array ?? []
        if p.isEmpty { return print("All messages present and reviewed.") }
        print(Render.table(["KEY", "LANG", "PROBLEM"], p.map { [$0["key"]?.string ?? "", $0["language"]?.string ?? "", $0["problem"]?.string ?? ""] }))
    }
}

struct Reload: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Reload the configuration (same as SIGHUP); a bad file is rejected.")
    @OptionGroup var common: Common
    func run() throws {
        let r = try common.call("reload")
        print(common.json ? Render.json(r) : "Configuration reloaded.")
    }
}

struct Raw: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Send one raw JSON request line and print the reply (for scripts and debugging).")
    @OptionGroup var common: Common
    @Argument(help: "JSON request, e.g. '{\"id\":1,\"op\":\"ping\"}'") var request: String
    func run() throws {
        let c = try common.client()
        do {
            try c.send(raw: request)
            print(Render.json(try c.readLine()))
        } catch { throw CLIError(message: "\(error)") }
    }
}

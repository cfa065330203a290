import Foundation
import QuayControl
import QuayCore
import QuaySystem
import TOMLKit

/// Parses and validates quayd.toml. Every problem is reported with its key path and line; unknown keys are errors.
public enum ConfigLoader {
    public static func load(file: String) throws(ConfigError) -> QuayConfig {
        let text: String
        do { text = try readSmall(file) } catch {
            throw ConfigError(file: file, problems: [ConfigProblem(path: "", line: nil, message: error.message)])
        }
        return try parse(text, file: file)
    }

    /// Largest configuration or message catalogue file quayd reads (checked before reading and parsing).
    public static let maxFileBytes = SmallFile.defaultLimit

    struct FileProblem: Error { var message: String }

    /// The text of a small configuration file, or why it cannot be used (too large, unreadable, not UTF-8).
    static func readSmall(_ file: String) throws(FileProblem) -> String {
        let bytes: [UInt8]
        do { bytes = try SmallFile.read(file, limit: maxFileBytes) } catch {
            switch error {
            case .tooLarge(_, let limit):
                throw FileProblem(message: "file is larger than the limit of \(limit) bytes (1 MiB); refusing to read it")
            case .system(let e): throw FileProblem(message: "cannot read file: \(e.reason)")
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw FileProblem(message: "cannot read file: not valid UTF-8") }
        return text
    }

    /// The TOML document of a config file, or its syntax problem with the line. toml++ aborts the process on some
    /// malformed table headers instead of throwing: those are refused first (`TOMLHeaderCheck`).
    static func tomlTable(_ text: String, file: String) throws(ConfigError) -> TOMLTable {
        if let line = TOMLHeaderCheck.firstBadHeaderLine(text) {
            throw ConfigError(
                file: file, problems: [ConfigProblem(path: "", line: line, message: "TOML syntax: \(TOMLHeaderCheck.message)")])
        }
        do { return try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw ConfigError(
                file: file, problems: [ConfigProblem(path: "", line: e.source.begin.line, message: "TOML syntax: \(e.description)")])
        } catch {
            throw ConfigError(file: file, problems: [ConfigProblem(path: "", line: nil, message: "TOML syntax: \(error)")])
        }
    }

    public static func parse(_ text: String, file: String = "<config>") throws(ConfigError) -> QuayConfig {
        let root = try tomlTable(text, file: file)
        let sink = ProblemSink(source: text)
        let r = TableReader(root, path: "", sink: sink)
        let config = read(r, sink: sink)
        r.finish()
        if !sink.problems.isEmpty || config == nil {
            throw ConfigError(
                file: file,
                problems: sink.problems.isEmpty ? [ConfigProblem(path: "", line: nil, message: "invalid configuration")] : sink.problems)
        }
        return config!
    }

    private static func localized(_ t: TableReader, _ base: String, required: Bool) -> LocalizedText? {
        let vi = t.string("\(base)_vi", required: required)
        let km = t.string("\(base)_km")
        let en = t.string("\(base)_en")
        guard let vi else { return nil }
        return LocalizedText(vi: vi, km: km, en: en)
    }

    private static func read(_ r: TableReader, sink: ProblemSink) -> QuayConfig? {
        // [center]
        guard let c = r.table("center") else {
            sink.add("center", "required table [center] is missing")
            return nil
        }
        let siteRaw = c.string("site", required: true)
        let site = siteRaw.flatMap { SiteID(rawValue: $0) }
        if let siteRaw, site == nil { sink.add("center.site", "'\(siteRaw)' is not a valid site id (1-32 of a-z, 0-9, '-')") }
        let name = localized(c, "name", required: true)
        var clock = BusinessClock()
        if let tz = c.string("timezone") {
            if let zone = TimeZone(identifier: tz) {
                clock.timeZone = zone
            } else {
                sink.add("center.timezone", "unknown time zone '\(tz)'")
            }
        }
        if let reset = c.string("day_reset") {
            if let m = OpeningHours.parseClock(reset), m < 1440 {
                clock.resetMinute = m
            } else {
                sink.add("center.day_reset", "must be HH:MM")
            }
        }
        c.finish()

        // [policy]
        var policy = CallPolicyConfig()
        if let p = r.table("policy") {
            if let v = p.int("regular_per_priority", range: 0...100) { policy.regularPerPriority = v }
            if let v = p.double("language_fallback_minutes", range: 0...1440) { policy.languageFallbackSeconds = v * 60 }
            if let v = p.double("aging_minutes", range: 0...1440) { policy.agingSeconds = v == 0 ? nil : v * 60 }
            if let v = p.int("max_recalls", range: 0...20) { policy.maxRecalls = v }
            p.finish()
        }

        // [[priority]]
        var priorities: [PriorityClass] = []
        for p in r.tables("priority") {
            guard let id = p.string("id", required: true), let n = localized(p, "name", required: true) else {
                p.finish()
                continue
            }
            priorities.append(PriorityClass(id: id, name: n, mark: p.string("mark") ?? "★"))
            p.finish()
        }
        if priorities.isEmpty { priorities = PriorityClass.defaults }
        duplicates(priorities.map(\.id), "priority", sink)

        // [[service]]
        var services: [Service] = []
        for s in r.tables("service") {
            let id = s.string("id", required: true)
            let name = localized(s, "name", required: true)
            let prefix = s.string("prefix", required: true)
            var svc = Service(id: id ?? "", name: name ?? LocalizedText(vi: ""), prefix: prefix ?? "")
            if let range = s.ints("range") {
                if range.count == 2, range[0] >= 0, range[0] <= range[1] {
                    svc.rangeStart = range[0]
                    svc.rangeEnd = range[1]
                } else {
                    sink.add("\(s.path).range", "must be [first, last] with 0 <= first <= last")
                }
            }
            if let d = s.int("digits", range: 1...6) { svc.digits = d }
            svc.capacityPerDay = s.int("capacity", range: 1...1_000_000)
            if let h = s.string("hours") {
                if let oh = OpeningHours.parse(h) {
                    svc.hours = oh
                } else {
                    sink.add("\(s.path).hours", "must look like \"07:30-11:30,13:30-17:00\"")
                }
            }
            if let p = prefix, p.isEmpty || p.count > 3 { sink.add("\(s.path).prefix", "must be 1-3 characters") }
            s.finish()
            if id != nil, name != nil, prefix != nil { services.append(svc) }
        }
        if services.isEmpty { sink.add("service", "at least one [[service]] is required") }
        duplicates(services.map(\.id), "service", sink)
        duplicates(services.map(\.prefix), "service prefix", sink)

        // [[counter]]
        var counters: [Counter] = []
        for k in r.tables("counter") {
            let id = k.string("id", required: true)
            let number = k.string("number", required: true)
            let svcs = k.strings("services", required: true) ?? []
            for s in svcs where !services.contains(where: { $0.id == s }) { sink.add("\(k.path).services", "unknown service '\(s)'") }
            var langs: Set<Language> = [.vi]
            if let ls = k.strings("languages") {
                langs = []
                for l in ls {
                    if let lang = Language(rawValue: l) {
                        langs.insert(lang)
                    } else {
                        sink.add("\(k.path).languages", "unknown language '\(l)' (vi, km, en)")
                    }
                }
            }
            var state = CounterState.open
            if let st = k.string("state") {
                if let s = CounterState(rawValue: st) { state = s } else { sink.add("\(k.path).state", "must be open, closed or paused") }
            }
            k.finish()
            if let id, let number { counters.append(Counter(id: id, number: number, services: svcs, languages: langs, state: state)) }
        }
        if counters.isEmpty { sink.add("counter", "at least one [[counter]] is required") }
        duplicates(counters.map(\.id), "counter", sink)

        var config = QuayConfig(
            center: CenterSetup(
                site: site ?? SiteID(rawValue: "site")!, name: name ?? LocalizedText(vi: ""),
                services: services, counters: counters, priorities: priorities, policy: policy, clock: clock))

        // [paths]
        if let p = r.table("paths") {
            if let v = p.string("state_dir") { config.stateDir = v }
            if let v = p.string("socket") { config.socketPath = v }
            if let v = p.string("socket_mode") {
                if let m = mode_t(v, radix: 8), m <= 0o777 {
                    config.socketMode = m
                } else {
                    sink.add("paths.socket_mode", "must be an octal mode like \"0660\"")
                }
            }
            config.socketGroup = p.string("socket_group")
            if let m = p.string("messages_dir") { config.messagesDir = m }
            p.finish()
        }

        // [access]
        if let a = r.table("access") {
            if let d = a.string("default_role") {
                if let role = Role(rawValue: d) {
                    config.access.defaultRole = role
                } else {
                    sink.add("access.default_role", "must be one of none, kiosk, clerk, technician, admin")
                }
            }
            for g in a.tables("grant") {
                let uid = g.int("uid", range: 0...Int(UInt32.max)).map(UInt32.init)
                let gid = g.int("gid", range: 0...Int(UInt32.max)).map(UInt32.init)
                let roleName = g.string("role", required: true)
                let role = roleName.flatMap(Role.init(rawValue:))
                if let roleName, role == nil { sink.add("\(g.path).role", "unknown role '\(roleName)'") }
                let cs = g.strings("counters") ?? []
                for cid in cs where !counters.contains(where: { $0.id == cid }) {
                    sink.add("\(g.path).counters", "unknown counter '\(cid)'")
                }
                if uid == nil && gid == nil { sink.add(g.path, "a grant needs uid or gid") }
                g.finish()
                if let role { config.access.grants.append(.init(uid: uid, gid: gid, role: role, counters: cs)) }
            }
            a.finish()
        }

        // [store]
        if let s = r.table("store") {
            config.storeMaxPages = s.int("max_pages", range: 16...Int(Int32.max))
            if let d = s.int("audit_retention_days", range: 1...36_500) { config.auditRetentionDays = d }
            s.finish()
        }

        // [web]
        if let w = r.table("web") {
            if let e = w.bool("enabled") { config.web.enabled = e }
            let host = w.string("host"), port = w.int("port", range: 1...65535)
            if let host { config.web.host = host }
            if let port { config.web.port = port }
            if let l = w.string("listen") {
                if host != nil || port != nil {
                    sink.add("web.listen", "give either listen or host and port, not both")
                } else if let (h, p) = WebListenAddress.parse(l) {
                    (config.web.host, config.web.port) = (h, p)
                } else {
                    sink.add("web.listen", "must be HOST:PORT, e.g. \"127.0.0.1:8080\" or \"[::1]:8080\"")
                }
            }
            if let m = w.int("max_connections", range: 1...4096) { config.web.maxConnections = m }
            if let t = w.double("idle_timeout_seconds", range: 0.1...3600) { config.web.idleTimeoutSeconds = t }
            if let ks = w.strings("kiosks") {
                for k in ks where !WebKioskName.isValid(k) {
                    sink.add("web.kiosks", "kiosk name '\(k)' must be 1-32 characters of a-z 0-9 - _")
                }
                duplicates(ks, "web.kiosks", sink)
                config.web.kiosks = ks.filter(WebKioskName.isValid)
            }
            if let b = w.bool("secure_cookies") { config.web.secureCookies = b }
            if let n = w.int("sign_ins_per_minute", range: 1...600) { config.web.signInsPerMinute = n }
            if let u = w.string("public_url") {
                if (u.hasPrefix("http://") || u.hasPrefix("https://")) && u.utf8.count <= 200 && !u.contains(where: \.isWhitespace) {
                    config.web.publicURL = u
                } else {
                    sink.add("web.public_url", "must be an http:// or https:// address of at most 200 characters")
                }
            }
            w.finish()
        }

        config.devices = DeviceConfigReader.read(r, counters: counters, sink: sink)
        config.dossiers = DossiersConfigReader.read(r, center: config.center, sink: sink)
        config.voice = VoiceConfigReader.read(r, counters: counters, sink: sink)
        config.sync = SyncConfigReader.read(r, site: config.center.site, webEnabled: config.web.enabled, sink: sink)
        return config
    }

    private static func duplicates(_ ids: [String], _ what: String, _ sink: ProblemSink) {
        var seen: Set<String> = []
        for id in ids where !seen.insert(id).inserted { sink.add(what, "duplicate \(what) '\(id)'") }
    }
}

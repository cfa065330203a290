/// Reads `[discovery]`, `[[printer_profile]]`, `[[printer]]`, `[[board_model]]`, `[[board_bus]]`, `[[hall_sign]]`,
/// `[[scanner]]` and `[[keypad]]` tables.
enum DeviceConfigReader {
    static func read(_ r: TableReader, counters: [QuayCore.Counter], sink: ProblemSink) -> DevicesConfig {
        var d = DevicesConfig()
        if let t = r.table("discovery") {
            d.discoveryEnabled = t.bool("enabled") ?? true
            d.settleMs = t.int("settle_ms", range: 0...5000) ?? 200
            t.finish()
        }
        for t in r.tables("printer_profile") {
            guard let name = t.string("name", required: true), let width = t.int("paper_width_dots", required: true, range: 64...2048)
            else {
                t.finish()
                continue
            }
            var cut = EscPos.Cut.feedAndPartial(24)
            if let c = t.string("cut") {
                switch c {
                case "partial": cut = .partial
                case "full": cut = .full
                case "feed-partial": cut = .feedAndPartial(t.int("cut_feed_dots", range: 0...255) ?? 24)
                default: sink.add("\(t.path).cut", "must be partial, full or feed-partial")
                }
            }
            var encoding = PrinterTextEncoding.ascii
            if let e = t.string("text_encoding") {
                if let v = PrinterTextEncoding(rawValue: e) {
                    encoding = v
                } else {
                    sink.add("\(t.path).text_encoding", "must be ascii or tcvn-3")
                }
            }
            let p = PrinterProfile(
                name: name, paperWidthDots: width, nativeQR: t.bool("native_qr") ?? false,
                nativeText: t.bool("native_text") ?? true,
                codePage: t.int("code_page", range: 0...255).map(UInt8.init),
                cut: cut, maxRasterRows: t.int("max_raster_rows", range: 8...4096) ?? 256,
                rasterAlignment: t.bool("raster_alignment") ?? true, statusReplies: t.bool("status_replies") ?? true,
                baudRate: t.int("baud", range: 1200...921_600), qrModuleDots: t.int("qr_module_dots", range: 1...16) ?? 6,
                textEncoding: encoding)
            _ = t.int("cut_feed_dots", range: 0...255)
            t.finish()
            d.printerProfiles.append(p)
        }
        for p in r.tables("printer") {
            let role = p.string("role", required: true)
            let match = p.string("match", required: true)
            checkMatch(match, at: "\(p.path).match", sink)
            let profile = p.string("profile") ?? "generic-80"
            if d.profile(named: profile) == nil {
                let builtIn = PrinterProfile.builtIn.map(\.name).joined(separator: ", ")
                sink.add("\(p.path).profile", "unknown printer profile '\(profile)' (built in: \(builtIn), or a [[printer_profile]])")
            }
            let baud = p.int("baud", range: 1200...921_600)
            let flow = p.string("flow")
            if let f = flow, !["none", "rtscts", "xonxoff"].contains(f) { sink.add("\(p.path).flow", "must be none, rtscts or xonxoff") }
            let kiosk = p.string("kiosk")
            p.finish()
            if let role, let match {
                d.printers.append(.init(role: role, match: match, profile: profile, baud: baud, flow: flow, kiosk: kiosk))
            }
        }
        d.boardModels = BoardModelReader.read(r.tables("board_model"), sink: sink)
        for b in r.tables("board_bus") {
            let role = b.string("role", required: true)
            let match = b.string("match", required: true)
            checkMatch(match, at: "\(b.path).match", sink)
            let baud = b.int("baud", range: 1200...921_600) ?? 9600
            let model = b.string("model") ?? "generic-4digit"
            if d.boardModel(named: model) == nil {
                let known = (BoardModel.presets.keys.sorted() + d.boardModels.map(\.name)).joined(separator: ", ")
                sink.add("\(b.path).model", "unknown board model '\(model)' (known: \(known); or add a [[board_model]])")
            }
            var boards: [String: Int] = [:]
            if let t = b.table("boards") {
                for key in t.table.keys.sorted() {
                    if !counters.contains(where: { $0.id == key }) { sink.add("\(t.path).\(key)", "unknown counter '\(key)'") }
                    if let a = t.int(key, range: 1...247) { boards[key] = a }
                }
                t.finish()
            }
            b.finish()
            if let role, let match { d.boardBuses.append(.init(role: role, match: match, baud: baud, boards: boards, model: model)) }
        }
        for h in r.tables("hall_sign") {
            let role = h.string("role", required: true)
            let match = h.string("match", required: true)
            checkMatch(match, at: "\(h.path).match", sink)
            let baud = h.int("baud", range: 1200...921_600) ?? 9600
            let ready = h.bool("results_ready") ?? false
            h.finish()
            if let role, let match {
                d.hallSigns.append(.init(role: role, match: match, baud: baud, boards: [:], model: "alpha", resultsReady: ready))
            }
        }
        for t in r.tables("scanner") {
            let role = t.string("role", required: true)
            let match = t.string("match", required: true)
            checkMatch(match, at: "\(t.path).match", sink)
            let kiosk = t.string("kiosk")
            let baud = t.int("baud", range: 1200...921_600) ?? 9600
            t.finish()
            if let role, let match { d.scanners.append(.init(role: role, match: match, kiosk: kiosk, baud: baud)) }
        }
        for t in r.tables("keypad") {
            let role = t.string("role", required: true)
            let match = t.string("match", required: true)
            checkMatch(match, at: "\(t.path).match", sink)
            let counter = t.string("counter", required: true)
            if let counter, !counters.contains(where: { $0.id == counter }) {
                sink.add("\(t.path).counter", "unknown counter '\(counter)'")
            }
            t.finish()
            if let role, let match, let counter { d.keypads.append(.init(role: role, match: match, counter: counter)) }
        }
        var roles: Set<String> = []
        for role in d.printers.map(\.role) + d.boardBuses.map(\.role) + d.hallSigns.map(\.role) + d.scanners.map(\.role)
            + d.keypads.map(\.role) where !roles.insert(role).inserted
        {
            sink.add("devices", "duplicate device role '\(role)'")
        }
        return d
    }

    /// A `match` with '=' is a udev matcher and must parse; anything else is a path opened directly.
    private static func checkMatch(_ match: String?, at path: String, _ sink: ProblemSink) {
        guard let match, DevicesConfig.isMatcher(match) else { return }
        do throws(DeviceMatcherError) { _ = try DeviceMatcher(parsing: match) } catch {
            sink.add(path, "\(error)")
        }
    }
}

import QuayCore
import QuayDevices

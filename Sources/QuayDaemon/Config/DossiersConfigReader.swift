import QuayCore

/// Reads `[dossiers]` and `[dossiers.csv]` (docs/configuration.md). Unknown keys are errors like everywhere else.
enum DossiersConfigReader {
    static func read(_ r: TableReader, center: CenterSetup, sink: ProblemSink) -> DossiersConfig {
        var d = DossiersConfig()
        guard let t = r.table("dossiers") else { return d }
        if let s = t.string("return_service") {
            if center.service(s) == nil { sink.add("dossiers.return_service", "unknown service '\(s)'") } else { d.returnService = s }
        }
        if let p = t.string("return_priority") {
            if !center.priorities.contains(where: { $0.id == p }) {
                sink.add("dossiers.return_priority", "unknown priority class '\(p)'")
            } else {
                d.returnPriority = p
            }
        }
        if let b = t.bool("allow_before_ready") { d.allowBeforeReady = b }
        if let c = t.strings("notifier_command") {
            if c.isEmpty || c[0].isEmpty {
                sink.add("dossiers.notifier_command", "must name a program: [\"/path/to/program\", \"arg\"…]")
            } else {
                d.notifierCommand = c
            }
        }
        if let v = t.double("notifier_retry_seconds", range: 0.1...86_400) { d.notifierBackoff.baseSeconds = v }
        if let v = t.double("notifier_retry_max_seconds", range: 0.1...604_800) { d.notifierBackoff.capSeconds = v }
        if let v = t.int("notifier_max_attempts", range: 1...1000) { d.notifierBackoff.maxAttempts = v }
        if let v = t.double("notifier_timeout_seconds", range: 1...3600) { d.notifierTimeoutSeconds = v }
        if let v = t.double("notifier_poll_seconds", range: 0.1...3600) { d.notifierPollSeconds = v }
        if let c = t.table("csv") {
            var m = d.csvMapping
            if let cols = c.table("columns") {
                var map: [CSVColumnMapping.Field: CSVColumnMapping.Column] = [:]
                for key in cols.table.keys.sorted() {
                    guard let f = CSVColumnMapping.Field(rawValue: key) else { continue }
                    if let i = cols.table[key]?.int {
                        _ = cols.int(key)
                        map[f] = .index(i)
                    } else if let h = cols.string(key) {
                        map[f] = .header(h)
                    }
                }
                cols.finish()
                for f in CSVColumnMapping.Field.required where map[f] == nil {
                    sink.add("dossiers.csv.columns", "column for '\(f.rawValue)' is required")
                }
                m.columns = map
            }
            if let v = c.bool("has_header") { m.hasHeader = v }
            if let v = c.string("delimiter") { m.delimiter = v }
            if let v = c.strings("date_formats") {
                for f in v where DateTimePattern(f) == nil { sink.add("dossiers.csv.date_formats", "unknown date format '\(f)'") }
                m.dateFormats = v
            }
            if let v = c.int("utc_offset_minutes", range: -840...840) { m.utcOffsetSeconds = v * 60 }
            c.finish()
            d.csvMapping = m
        }
        t.finish()
        return d
    }
}

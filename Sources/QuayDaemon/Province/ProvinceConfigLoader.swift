import Foundation
import QuayCore
import QuayProvince
import QuaySync
import TOMLKit

/// Parses and validates province.toml (docs/sync.md, "Province"): `[province]`, `[postgres]` and `[[center]]`.
/// Every problem is reported with its key path and line; unknown keys are errors, as in quayd.toml.
public enum ProvinceConfigLoader {
    public static func load(file: String) throws(ConfigError) -> ProvinceConfig {
        let text: String
        do { text = try ConfigLoader.readSmall(file) } catch {
            throw ConfigError(file: file, problems: [ConfigProblem(path: "", line: nil, message: error.message)])
        }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String = "<province>") throws(ConfigError) -> ProvinceConfig {
        let root = try ConfigLoader.tomlTable(text, file: file)
        let sink = ProblemSink(source: text)
        let r = TableReader(root, path: "", sink: sink)
        let config = read(r, sink: sink)
        r.finish()
        guard sink.problems.isEmpty, let config else {
            throw ConfigError(
                file: file,
                problems: sink.problems.isEmpty ? [ConfigProblem(path: "", line: nil, message: "invalid configuration")] : sink.problems)
        }
        return config
    }

    private static func read(_ r: TableReader, sink: ProblemSink) -> ProvinceConfig? {
        guard let p = r.table("province") else {
            sink.add("province", "required table [province] is missing")
            return nil
        }
        let name = p.string("name", required: true)
        let site = p.string("site", required: true)
        if let site, SiteID(rawValue: site) == nil { sink.add("province.site", "invalid site id '\(site)'") }
        let keyFile = p.string("key_file")
        let interval = p.int("pull_interval_seconds", range: 5...86_400) ?? 300
        let limit = p.int("pull_limit", range: 1...ProvinceDatabase.maxBatch) ?? 1000
        p.finish()
        let connection = readPostgres(r, sink: sink)
        var centers: [ProvinceCenter] = []
        var seen = Set<String>()
        for c in r.tables("center") {
            guard let id = c.string("site", required: true), let commune = c.string("commune", required: true) else {
                c.finish()
                continue
            }
            if SiteID(rawValue: id) == nil { c.sink.add(c.keyPath("site"), "invalid site id '\(id)'") }
            if !seen.insert(id).inserted { c.sink.add(c.keyPath("site"), "duplicate center '\(id)'") }
            let url = c.string("url")
            if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
                c.sink.add(c.keyPath("url"), "must start with http:// or https://")
            }
            let key = c.string("public_key")
            if let key, SyncKey.publicKey(base64: key) == nil {
                c.sink.add(c.keyPath("public_key"), "must be an Ed25519 public key: 32 bytes in base64 (quayd sync-key prints it)")
            }
            if url != nil, key == nil { c.sink.add(c.keyPath("public_key"), "required when url is set (replies are verified)") }
            centers.append(ProvinceCenter(site: id, commune: commune, district: c.string("district") ?? "", url: url, publicKey: key))
            c.finish()
        }
        if centers.isEmpty { sink.add("center", "at least one [[center]] is needed") }
        guard let name, let site, let connection else { return nil }
        return ProvinceConfig(
            name: name, site: site, keyFile: keyFile, pullIntervalSeconds: interval, pullLimit: limit, connection: connection,
            centers: centers)
    }

    private static func readPostgres(_ r: TableReader, sink: ProblemSink) -> ProvinceConnection? {
        guard let t = r.table("postgres") else {
            sink.add("postgres", "required table [postgres] is missing")
            return nil
        }
        let socket = t.string("socket"), host = t.string("host"), port = t.int("port", range: 1...65_535) ?? 5432
        let database = t.string("database", required: true), user = t.string("user", required: true)
        var password: String?
        if let file = t.string("password_file") {
            do {
                password = try ConfigLoader.readSmall(file).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch { t.sink.add(t.keyPath("password_file"), error.message) }
        }
        t.finish()
        let endpoint: ProvinceConnection.Endpoint
        switch (socket, host) {
        case (let s?, nil): endpoint = .unixSocket(path: s)
        case (nil, let h?): endpoint = .tcp(host: h, port: port)
        case (nil, nil):
            sink.add("postgres", "needs socket (the socket file) or host")
            return nil
        default:
            sink.add("postgres", "socket and host are exclusive")
            return nil
        }
        guard let database, let user else { return nil }
        return ProvinceConnection(endpoint: endpoint, database: database, user: user, password: password)
    }
}

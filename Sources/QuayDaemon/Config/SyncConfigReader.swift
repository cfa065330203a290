import QuayCore
import QuaySync

/// Reads `[sync]` and `[[sync.peer]]` (docs/sync.md, docs/configuration.md). Problems name the key, and so the line.
enum SyncConfigReader {
    static func read(_ r: TableReader, site: SiteID, webEnabled: Bool, sink: ProblemSink) -> SyncConfig {
        var c = SyncConfig()
        guard let t = r.table("sync") else { return c }
        c.enabled = true
        if let k = t.string("key_file") {
            if k.isEmpty || !k.hasPrefix("/") { sink.add("sync.key_file", "must be an absolute path") } else { c.keyFile = k }
        }
        if let v = t.double("interval", range: 1...86_400) { c.interval = v }
        if let v = t.double("stale_after", range: 1...604_800) { c.staleAfter = v }
        if let v = t.int("batch_records", range: 1...500) { c.batchRecords = v }
        if let v = t.int("batch_bytes", range: 1024...(4 << 20)) { c.batchBytes = v }
        if let v = t.double("timeout", range: 1...600) { c.timeout = v }
        if let v = t.double("max_backoff", range: 1...86_400) { c.maxBackoff = v }
        var seen: Set<String> = []
        for p in t.tables("peer") {
            if let peer = readPeer(p, ownSite: site, sink: sink) {
                if seen.insert(peer.site).inserted {
                    c.peers.append(peer)
                } else {
                    sink.add(p.keyPath("site"), "duplicate peer '\(peer.site)'")
                }
            }
        }
        if !webEnabled, c.peers.contains(where: { $0.url == nil }) {
            sink.add("sync.peer", "peers without a url call this site on its web server: enable [web]")
        }
        t.finish()
        return c
    }

    static func readPeer(_ p: TableReader, ownSite: SiteID, sink: ProblemSink) -> SyncPeer? {
        let site = p.string("site", required: true)
        let key = p.string("public_key", required: true)
        let url = p.string("url")
        let role = p.string("role", required: true)
        p.finish()
        var ok = true
        if let site, !SiteID.isValid(site) || site == ownSite.rawValue {
            sink.add(p.keyPath("site"), site == ownSite.rawValue ? "is this site's own id" : "'\(site)' is not a site id (a-z 0-9 -)")
            ok = false
        }
        let publicKey = key.flatMap(SyncKey.publicKey(base64:))
        if key != nil && publicKey == nil {
            sink.add(p.keyPath("public_key"), "must be the base64 of a 32-byte Ed25519 public key (quayd sync-key prints it)")
            ok = false
        }
        if let url, !validURL(url) {
            sink.add(p.keyPath("url"), "must be http://HOST:PORT with no path, e.g. \"http://10.0.0.1:8080\"")
            ok = false
        }
        let parsedRole = role.flatMap(SyncPeer.Role.init(rawValue:))
        if role != nil && parsedRole == nil {
            sink.add(p.keyPath("role"), "must be one of center, point, province")
            ok = false
        }
        guard ok, let site, let publicKey, let parsedRole else { return nil }
        return SyncPeer(site: site, publicKey: publicKey, url: url, role: parsedRole)
    }

    /// `http://host:port`, no path, no credentials, at most 200 characters.
    static func validURL(_ u: String) -> Bool {
        guard u.hasPrefix("http://"), u.utf8.count <= 200 else { return false }
        let rest = u.dropFirst("http://".count)
        guard !rest.isEmpty, !rest.contains("/"), !rest.contains("@"), !rest.contains(where: \.isWhitespace) else { return false }
        guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]), (1...65535).contains(port) else {
            return false
        }
        return colon != rest.startIndex
    }
}

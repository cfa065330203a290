/// What `quayd province` runs with (read from province.toml by QuayDaemon's `ProvinceConfigLoader`).
public struct ProvinceConfig: Sendable, Equatable {
    /// The province's name as printed on reports, e.g. "Tỉnh An Giang".
    public var name: String
    /// The province's own site id (what it signs its pulls as).
    public var site: String
    /// Its Ed25519 private key file (0600), for the sync client.
    public var keyFile: String?
    /// Seconds between two pulls of a center.
    public var pullIntervalSeconds: Int
    /// Records asked for per pull page (the center caps it too).
    public var pullLimit: Int
    public var connection: ProvinceConnection
    public var centers: [ProvinceCenter]

    public init(
        name: String, site: String, keyFile: String? = nil, pullIntervalSeconds: Int = 300, pullLimit: Int = 1000,
        connection: ProvinceConnection, centers: [ProvinceCenter]
    ) {
        (self.name, self.site, self.keyFile, self.pullIntervalSeconds) = (name, site, keyFile, pullIntervalSeconds)
        (self.pullLimit, self.connection, self.centers) = (pullLimit, connection, centers)
    }

    /// The centers as rows of the `sites` table.
    public var sites: [ProvinceSite] { centers.map { ProvinceSite(site: $0.site, commune: $0.commune, district: $0.district) } }
}

/// One center the province pulls.
public struct ProvinceCenter: Sendable, Equatable {
    public var site: String
    public var commune: String
    public var district: String
    /// `http://host:port` of the center's quayd web server; nil: not pulled (its data comes by other means).
    public var url: String?
    /// The center's Ed25519 public key (base64, 32 bytes).
    public var publicKey: String?

    public init(site: String, commune: String, district: String = "", url: String? = nil, publicKey: String? = nil) {
        (self.site, self.commune, self.district, self.url, self.publicKey) = (site, commune, district, url, publicKey)
    }
}

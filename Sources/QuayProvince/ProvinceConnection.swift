/// Where the province database is and who connects: a Unix socket directory's socket file or a host and port,
/// the database, the user and an optional password (read from a file by the configuration, never inline).
public struct ProvinceConnection: Sendable, Equatable {
    public enum Endpoint: Sendable, Equatable {
        /// The socket file itself, e.g. `/run/postgresql/.s.PGSQL.5432`.
        case unixSocket(path: String)
        case tcp(host: String, port: Int)
    }

    public var endpoint: Endpoint
    public var database: String
    public var user: String
    public var password: String?

    public init(endpoint: Endpoint, database: String, user: String, password: String? = nil) {
        (self.endpoint, self.database, self.user, self.password) = (endpoint, database, user, password)
    }

    /// The socket file PostgreSQL creates in `directory` for `port` (`.s.PGSQL.<port>`).
    public static func socketFile(directory: String, port: Int = 5432) -> String {
        directory.hasSuffix("/") ? "\(directory).s.PGSQL.\(port)" : "\(directory)/.s.PGSQL.\(port)"
    }
}

/// `[web] listen = "HOST:PORT"`: "127.0.0.1:8080", "0.0.0.0:8080", "[::1]:8080".
enum WebListenAddress {
    static func parse(_ s: String) -> (host: String, port: Int)? {
        guard let colon = s.lastIndex(of: ":") else { return nil }
        var host = String(s[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, host.utf8.count <= 253, !host.contains(where: \.isWhitespace),
            let port = Int(s[s.index(after: colon)...]), (1...65535).contains(port)
        else { return nil }
        return (host, port)
    }
}

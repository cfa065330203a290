import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP client socket to 127.0.0.1 for tests of the hall server's connection handling.
/// Use it from `TestSocket.onThread`: blocking calls on the cooperative pool (2 threads here) starve the very
/// server under test, and every other test running in parallel.
final class TestSocket: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible { var description: String }
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            let e = errno
            close(fd)
            throw Failure(description: "connect: errno \(e)")
        }
    }

    deinit { close(fd) }

    /// Runs blocking `body` on a thread of its own and returns its result.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (cont: CheckedContinuation<T, any Error>) in
            Thread { cont.resume(with: Result { try body() }) }.start()
        }
    }

    func send(_ text: String) throws {
        var bytes = Array(text.utf8)
        try send(&bytes)
    }

    func send(_ bytes: inout [UInt8]) throws {
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + off, $0.count - off, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(description: "send: errno \(errno)") }
            off += n
        }
    }

    /// Bytes available within `timeout`: nil when the peer closed (EOF or reset), [] when nothing came.
    func receive(timeout: Double) -> [UInt8]? {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let r = poll(&p, 1, Int32(timeout * 1000))
        if r == 0 { return [] }
        var buf = [UInt8](repeating: 0, count: 65536)
        let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 { return nil }
        return Array(buf[0..<n])
    }

    /// True when the peer closes the connection within `timeout` (data sent before the close is skipped).
    func closedByPeer(within timeout: Double) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            guard let got = receive(timeout: max(0.01, end.timeIntervalSinceNow)) else { return true }
            if got.isEmpty { return false }
        }
        return false
    }

    /// One HTTP/1.1 GET with "Connection: close": the status code and body.
    static func get(port: Int, path: String, timeout: Double = 5) throws -> (Int, String) {
        let s = try TestSocket(port: port)
        try s.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        var data: [UInt8] = []
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            guard let got = s.receive(timeout: max(0.01, end.timeIntervalSinceNow)) else { break }
            data += got
        }
        let text = String(decoding: data, as: UTF8.self)
        let status = text.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (status, body)
    }
}

import Foundation
import QuaySystem

/// A blocking client of the control socket (quayctl, tests, benchmarks).
public final class ControlClient {
    public enum ClientError: Error, CustomStringConvertible {
        case connect(SystemError)
        case io(String)
        case closed
        case badReply(String)
        public var description: String {
            switch self {
            case .connect(let e):
                "cannot connect to quayd at \(e.path ?? "?"): \(e.reason)"
                    + (e.errno == ENOENT || e.errno == ECONNREFUSED ? " — is quayd running? (systemctl status quayd)" : "")
                    + (e.errno == EACCES ? " — is your user in the 'quay' group?" : "")
            case .io(let s): "socket error: \(s)"
            case .closed: "quayd closed the connection"
            case .badReply(let s): "unreadable reply from quayd: \(s)"
            }
        }
    }

    public let fd: FileDescriptor
    private var reader: LineReader
    private var nextID: Int64 = 1

    public init(path: String) throws(ClientError) {
        do { fd = try UnixSocket.connect(path: path) } catch { throw .connect(error) }
        reader = LineReader(fd: fd)
    }

    deinit { fd.close() }

    /// Sends a raw line (a newline is appended if missing).
    public func send(raw: String) throws(ClientError) {
        var bytes = Array(raw.utf8)
        if bytes.last != 0x0A { bytes.append(0x0A) }
        do { try fd.writeAll(bytes, stallTimeoutMs: 10_000) } catch { throw .io("\(error)") }
    }

    /// Reads the next line as received (without its newline). `timeoutMs` < 0 waits forever.
    public func readRawLine(timeoutMs: Int32 = 30_000) throws(ClientError) -> String {
        let line: String?
        do { line = try reader.nextLine(timeoutMs: timeoutMs) } catch { throw .io("\(error)") }
        guard let line else { throw .closed }
        return line
    }

    /// Reads the next line as JSON. `timeoutMs` < 0 waits forever.
    public func readLine(timeoutMs: Int32 = 30_000) throws(ClientError) -> JSONValue {
        let line = try readRawLine(timeoutMs: timeoutMs)
        do { return try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)) } catch { throw .badReply(line) }
    }

    /// Sends `fields` with a fresh id and `op`, returns the reply with the same id.
    public func call(_ op: String, _ fields: [String: JSONValue] = [:], timeoutMs: Int32 = 30_000) throws(ClientError) -> JSONValue {
        let line = try callLine(op, fields, timeoutMs: timeoutMs)
        do { return try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)) } catch { throw .badReply(line) }
    }

    /// Sends `fields` with a fresh id and `op`, returns the reply line as received (for `--json` output).
    public func callLine(_ op: String, _ fields: [String: JSONValue] = [:], timeoutMs: Int32 = 30_000) throws(ClientError) -> String {
        var obj = fields
        let id = nextID
        nextID += 1
        obj["id"] = .number(Double(id))
        obj["op"] = .string(op)
        let data: Data
        do { data = try JSONEncoder().encode(JSONValue.object(obj)) } catch { throw .io("\(error)") }
        try send(raw: String(decoding: data, as: UTF8.self))
        return try readRawLine(timeoutMs: timeoutMs)
    }

    /// Calls `op` and decodes the reply: the body on `{"ok":true,…}`, the `ControlError` on `{"ok":false,…}`.
    /// A reply that is neither (or whose body is not a `B`) is `badReply`.
    public func call<B: Decodable>(
        _ op: String, _ fields: [String: JSONValue] = [:], as type: B.Type,
        timeoutMs: Int32 = 30_000
    ) throws(ClientError) -> Result<B, ControlError> {
        let line = try callLine(op, fields, timeoutMs: timeoutMs)
        do { return try Wire.decodeReply(Array(line.utf8), as: B.self) } catch { throw .badReply("\(error): \(line)") }
    }
}

import CQuaySys
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A self-pipe that wakes a thread blocked in `Poll.wait` (the one way Quay's device threads are woken).
///
/// Both ends are non-blocking and close-on-exec (pipe2). `signal()` may be called from any thread, any number
/// of times; the read end stays readable until `drain()`. A stop request is simply a `signal()` that nobody
/// drains. Both ends are closed when the object goes away, so a `signal()` never writes to a reused descriptor.
public final class WakePipe: Sendable {
    /// Poll this for `.readable`.
    public let readEnd: FileDescriptor
    private let writeEnd: FileDescriptor

    public init() throws(SystemError) {
        var p: [Int32] = [-1, -1]
        _ = try retryingEINTR("pipe2") { cquaysys_pipe_cloexec_nonblock(&p) }
        readEnd = FileDescriptor(rawValue: p[0])
        writeEnd = FileDescriptor(rawValue: p[1])
    }

    /// Makes the read end readable. Never blocks: a full pipe is already readable.
    public func signal() {
        var b: UInt8 = 1
        _ = try? withUnsafeBytes(of: &b) { (buf) throws(SystemError) in try writeEnd.write(buf) }
    }

    /// Empties the pipe (for a wake used more than once).
    public func drain() {
        var buf = [UInt8](repeating: 0, count: 64)
        while true {
            let n = buf.withUnsafeMutableBytes { b in (try? readEnd.read(into: b)) ?? 0 }
            if n <= 0 { return }
        }
    }

    deinit {
        writeEnd.close()
        readEnd.close()
    }
}

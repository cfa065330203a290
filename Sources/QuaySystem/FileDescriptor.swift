#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An owned-by-convention file descriptor with EINTR-safe, typed-error operations.
public struct FileDescriptor: Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public struct OpenFlags: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let readOnly = OpenFlags(rawValue: O_RDONLY)
        public static let writeOnly = OpenFlags(rawValue: O_WRONLY)
        public static let readWrite = OpenFlags(rawValue: O_RDWR)
        public static let nonBlocking = OpenFlags(rawValue: O_NONBLOCK)
        public static let noControllingTerminal = OpenFlags(rawValue: O_NOCTTY)
        public static let create = OpenFlags(rawValue: O_CREAT)
        public static let truncate = OpenFlags(rawValue: O_TRUNC)
        public static let append = OpenFlags(rawValue: O_APPEND)
    }

    /// open(2) with O_CLOEXEC always set.
    public static func open(_ path: String, _ flags: OpenFlags, mode: mode_t = 0o644) throws(SystemError) -> FileDescriptor {
        let fd = try retryingEINTR("open", path: path) { Glibc.open(path, flags.rawValue | O_CLOEXEC, mode) }
        return FileDescriptor(rawValue: fd)
    }

    public func close() {
        // Never retry close on EINTR (Linux closes the fd anyway).
        _ = Glibc.close(rawValue)
    }

    /// One read(2); returns 0 at EOF. Throws SystemError (EAGAIN for non-blocking with no data).
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        try retryingEINTR("read") { Glibc.read(rawValue, buffer.baseAddress, buffer.count) }
    }

    /// Reads up to `max` bytes.
    public func read(upTo max: Int) throws(SystemError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: max)
        let r = out.withUnsafeMutableBytes { b -> Result<Int, SystemError> in
            do throws(SystemError) { return .success(try read(into: b)) } catch { return .failure(error) }
        }
        let n = try r.get()
        out.removeSubrange(n...)
        return out
    }

    /// One write(2); may be partial.
    public func write(_ buffer: UnsafeRawBufferPointer) throws(SystemError) -> Int {
        try retryingEINTR("write") { Glibc.write(rawValue, buffer.baseAddress, buffer.count) }
    }

    public func setNonBlocking(_ on: Bool = true) throws(SystemError) {
        let flags = try retryingEINTR("fcntl") { fcntl(rawValue, F_GETFL) }
        let new = on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK)
        _ = try retryingEINTR("fcntl") { fcntl(rawValue, F_SETFL, new) }
    }

    public func fsync() throws(SystemError) {
        _ = try retryingEINTR("fsync") { Glibc.fsync(rawValue) }
    }
}

/// Why a bounded write did not finish.
public enum WriteAllError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The device accepted `written` bytes and then nothing more before the deadline (a stalled printer).
    case timedOut(written: Int)
    case system(SystemError, written: Int)

    public var description: String {
        switch self {
        case .timedOut(let w): return "write stalled after \(w) bytes (timeout)"
        case .system(let e, let w): return "\(e) after \(w) bytes"
        }
    }
}

extension FileDescriptor {
    /// Writes all bytes, handling partial writes, EINTR and EAGAIN (waits with poll), giving up when the
    /// device makes no progress for `stallTimeoutMs`. Works on blocking and non-blocking descriptors; for a
    /// guarantee that it never blocks indefinitely, use a non-blocking descriptor.
    public func writeAll(_ bytes: [UInt8], stallTimeoutMs: Int32) throws(WriteAllError) {
        var offset = 0
        while offset < bytes.count {
            let r = bytes.withUnsafeBytes { b -> Result<Int, SystemError> in
                let slice = UnsafeRawBufferPointer(rebasing: b[offset...])
                do throws(SystemError) { return .success(try write(slice)) } catch { return .failure(error) }
            }
            switch r {
            case .success(let n):
                offset += n
            case .failure(let e) where e.isWouldBlock:
                let ready: Bool
                do { ready = try Poll.wait(self, for: .writable, timeoutMs: stallTimeoutMs).contains(.writable) } catch {
                    throw .system(error, written: offset)
                }
                if !ready { throw .timedOut(written: offset) }
            case .failure(let e):
                throw .system(e, written: offset)
            }
        }
    }
}

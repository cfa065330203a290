#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads a file that must be small (configuration, message catalogues) without ever holding more than the limit
/// in memory: a larger file is refused before it is parsed.
public enum SmallFile {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The file is larger than `limit` bytes.
        case tooLarge(path: String, limit: Int)
        case system(SystemError)

        public var description: String {
            switch self {
            case .tooLarge(let p, let limit): "\(p) is larger than the limit of \(limit) bytes (\(limit / 1024) KiB)"
            case .system(let e): "\(e)"
            }
        }
    }

    /// 1 MiB: far above any real quayd.toml or catalogue.
    public static let defaultLimit = 1 << 20

    public static func read(_ path: String, limit: Int = defaultLimit) throws(Failure) -> [UInt8] {
        let fd: FileDescriptor
        do { fd = try FileDescriptor.open(path, [.readOnly, .nonBlocking]) } catch { throw .system(error) }
        defer { fd.close() }
        var st = stat()
        if fstat(fd.rawValue, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) > limit {
            throw .tooLarge(path: path, limit: limit)
        }
        var out: [UInt8] = []
        while true {
            let chunk: [UInt8]
            do { chunk = try fd.read(upTo: 65536) } catch { throw .system(error) }
            if chunk.isEmpty { return out }
            out.append(contentsOf: chunk)
            // A file that grows while read, or a device/FIFO without a size.
            if out.count > limit { throw .tooLarge(path: path, limit: limit) }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// This process's ids (getuid/getpid never fail).
public enum ProcessIdentity {
    /// The real user id: quayd's own uid, which the control socket treats as admin.
    public static var uid: UInt32 { getuid() }
    public static var pid: Int32 { getpid() }
}

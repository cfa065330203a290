/// Why discovery could not talk to udev.
public enum UdevError: Error, Sendable, Equatable, CustomStringConvertible {
    /// udev_new() failed (out of memory, or no /sys).
    case contextUnavailable
    /// A libudev call returned a negative errno.
    case call(String, errno: Int32)

    public var description: String {
        switch self {
        case .contextUnavailable: return "udev_new failed: no udev context"
        case .call(let name, let e): return "\(name) failed (errno \(e))"
        }
    }
}

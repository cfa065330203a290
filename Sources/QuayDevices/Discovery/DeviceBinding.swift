/// Why a device binding from the configuration was refused.
public enum DeviceBindingError: Error, Sendable, Equatable, CustomStringConvertible {
    case matcher(role: String, DeviceMatcherError)
    case unknownKind(role: String, String)
    case duplicateRole(String)
    case emptyRole
    /// Not "role:kind:matcher" (command-line form).
    case malformed(String)

    public var description: String {
        switch self {
        case .matcher(let r, let e): return "device \(r): \(e)"
        case .unknownKind(let r, let k):
            return "device \(r): unknown kind '\(k)' (kinds: \(DeviceKind.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .duplicateRole(let r): return "device role '\(r)' is configured twice"
        case .emptyRole: return "device role must not be empty"
        case .malformed(let s): return "binding '\(s)' is not role:kind:matcher"
        }
    }
}

/// One configured role: "printer-0 is a printer, it is the device matching class=07/01".
public struct DeviceBinding: Sendable, Hashable {
    public var role: String
    public var kind: DeviceKind
    public var matcher: DeviceMatcher

    public init(role: String, kind: DeviceKind, matcher: DeviceMatcher) {
        self.role = role
        self.kind = kind
        self.matcher = matcher
    }

    /// From configuration strings, e.g. ("printer-0", "printer", "id_path=pci-0000:00:14.0-usb-0:2:1.0").
    public init(role: String, kind: String, matcher: String) throws(DeviceBindingError) {
        guard !role.isEmpty else { throw .emptyRole }
        guard let k = DeviceKind(rawValue: kind) else { throw .unknownKind(role: role, kind) }
        do throws(DeviceMatcherError) {
            self.init(role: role, kind: k, matcher: try DeviceMatcher(parsing: matcher))
        } catch {
            throw .matcher(role: role, error)
        }
    }

    /// Command-line form "role:kind:matcher" (the matcher may itself contain ':').
    public init(spec: String) throws(DeviceBindingError) {
        let parts = spec.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed(spec) }
        try self.init(role: String(parts[0]), kind: String(parts[1]), matcher: String(parts[2]))
    }

    /// Rejects a list where a role appears twice.
    public static func validate(_ bindings: [DeviceBinding]) throws(DeviceBindingError) {
        var seen = Set<String>()
        for b in bindings {
            guard !b.role.isEmpty else { throw .emptyRole }
            guard seen.insert(b.role).inserted else { throw .duplicateRole(b.role) }
        }
    }
}

/// Why a matcher string from the configuration was refused.
public enum DeviceMatcherError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `key=value` shape.
    case missingSeparator(String)
    case unknownKey(String)
    case emptyValue(key: String)
    /// Not `vvvv:pppp` with 4 hex digits each.
    case invalidVidPid(String)
    /// Not `cc` or `cc/ss` with 2 hex digits each.
    case invalidClass(String)
    /// Not an absolute path under /dev/.
    case invalidDevname(String)

    public var description: String {
        switch self {
        case .missingSeparator(let s): return "matcher '\(s)' is not key=value (keys: \(DeviceMatcher.keys.joined(separator: ", ")))"
        case .unknownKey(let k): return "unknown matcher key '\(k)' (keys: \(DeviceMatcher.keys.joined(separator: ", ")))"
        case .emptyValue(let k): return "matcher '\(k)=' has an empty value"
        case .invalidVidPid(let v): return "vidpid '\(v)' must be vvvv:pppp in hex, e.g. 0416:5011"
        case .invalidClass(let v): return "class '\(v)' must be cc or cc/ss in hex, e.g. 07/01"
        case .invalidDevname(let v): return "devname '\(v)' must be a path under /dev/"
        }
    }
}

/// How a configured role recognises its device. Pure: parsing, printing and matching against a snapshot.
///
/// Prefer `id_path` (the USB port: survives swapping a broken printer for the same model) or `serial`; `vidpid`
/// and `class` are fine when only one such device is attached; `devname` is for built-in UARTs (/dev/ttyS0) or a
/// `/dev/serial/by-id/...` link.
public enum DeviceMatcher: Sendable, Hashable, CustomStringConvertible {
    /// udev ID_PATH, e.g. "pci-0000:00:14.0-usb-0:2:1.0".
    case idPath(String)
    /// udev ID_SERIAL (or ID_SERIAL_SHORT).
    case serial(String)
    /// USB vendor and product id, lowercase hex.
    case vidPid(vendor: String, product: String)
    /// USB interface class and optional subclass, lowercase hex, e.g. ("07", "01") for printers.
    case interfaceClass(String, subclass: String?)
    /// Device node or one of its udev symlinks (DEVLINKS).
    case devname(String)

    /// Accepted keys; udev spellings (ID_PATH, ID_SERIAL, DEVNAME) are accepted too, case-insensitively.
    public static let keys = ["id_path", "serial", "vidpid", "class", "devname"]

    /// Parses "id_path=pci-...", "serial=...", "vidpid=0416:5011", "class=07/01", "devname=/dev/ttyUSB0"; a bare
    /// "/dev/..." path is read as devname (`match = "/dev/usb/lp0"` in quayd.toml).
    public init(parsing text: String) throws(DeviceMatcherError) {
        if text.hasPrefix("/dev/") && !text.contains("=") {
            try self.init(parsing: "devname=" + text)
            return
        }
        guard let eq = text.firstIndex(of: "=") else { throw .missingSeparator(text) }
        let key = text[..<eq].lowercased().filter { $0 != " " }
        let value = stripSpaces(String(text[text.index(after: eq)...]))
        guard !value.isEmpty else { throw .emptyValue(key: key) }
        switch key {
        case "id_path", "path":
            self = .idPath(value)
        case "serial", "id_serial", "id_serial_short":
            self = .serial(value)
        case "vidpid", "usb":
            let parts = value.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isHexDigit) }) else {
                throw .invalidVidPid(value)
            }
            self = .vidPid(vendor: parts[0].lowercased(), product: parts[1].lowercased())
        case "class":
            let parts = value.split(separator: "/", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isHexDigit) }) else {
                throw .invalidClass(value)
            }
            self = .interfaceClass(parts[0].lowercased(), subclass: parts.count == 2 ? parts[1].lowercased() : nil)
        case "devname", "dev":
            guard value.hasPrefix("/dev/"), value.count > 5, !value.split(separator: "/").contains("..") else {
                throw .invalidDevname(value)
            }
            self = .devname(value)
        default:
            throw .unknownKey(key)
        }
    }

    /// The configuration spelling; `DeviceMatcher(parsing: m.description) == m`.
    public var description: String {
        switch self {
        case .idPath(let p): return "id_path=\(p)"
        case .serial(let s): return "serial=\(s)"
        case .vidPid(let v, let p): return "vidpid=\(v):\(p)"
        case .interfaceClass(let c, let s): return s.map { "class=\(c)/\($0)" } ?? "class=\(c)"
        case .devname(let d): return "devname=\(d)"
        }
    }

    public func matches(_ d: UdevDevice) -> Bool {
        switch self {
        case .idPath(let p):
            return d.idPath == p
        case .serial(let s):
            return d.idSerial == s || d.properties["ID_SERIAL_SHORT"] == s
        case .vidPid(let v, let p):
            return d.vendorID?.lowercased() == v && d.modelID?.lowercased() == p
        case .interfaceClass(let c, let s):
            if let own = d.interfaceClass {
                return own == c && (s == nil || d.interfaceSubClass == s)
            }
            // A usb_device (libusb fallback) has no interface parent: use udev's ID_USB_INTERFACES ":070102:ff0000:".
            guard d.devtype == "usb_device", let list = d.properties["ID_USB_INTERFACES"] else { return false }
            let want = c + (s ?? "")
            return list.lowercased().split(separator: ":").contains { $0.hasPrefix(want) }
        case .devname(let n):
            if d.devnode == n { return true }
            return d.properties["DEVLINKS"]?.split(separator: " ").contains { $0 == n } ?? false
        }
    }

    /// Matchers a technician can paste into the configuration for this device, most stable first.
    public static func suggestions(for d: UdevDevice) -> [DeviceMatcher] {
        var out: [DeviceMatcher] = []
        if let p = d.idPath { out.append(.idPath(p)) }
        if let s = d.idSerial { out.append(.serial(s)) }
        if let v = d.vendorID, let p = d.modelID, v.count == 4, p.count == 4 {
            out.append(.vidPid(vendor: v.lowercased(), product: p.lowercased()))
        }
        if let c = d.interfaceClass { out.append(.interfaceClass(c, subclass: d.interfaceSubClass)) }
        if let n = d.devnode { out.append(.devname(n)) }
        return out
    }
}

private func stripSpaces(_ v: String) -> String {
    var s = Substring(v)
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return String(s)
}

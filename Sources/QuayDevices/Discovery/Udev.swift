import CUdev

/// Thin owner of a libudev context. Not Sendable: create one per thread (the monitor thread has its own).
/// Everything it returns is a `UdevDevice` snapshot, so no libudev pointer escapes.
public final class Udev {
    /// The subsystems Quay cares about: USB devices (libusb fallback), usblp nodes, serial ports, evdev, hidraw.
    public static let discoverySubsystems = ["usb", "usbmisc", "tty", "input", "hidraw"]

    let handle: OpaquePointer

    public init() throws(UdevError) {
        guard let h = udev_new() else { throw .contextUnavailable }
        handle = h
    }

    deinit { udev_unref(handle) }

    /// Every device currently present in `subsystems`, as snapshots with action `.present`, sorted by syspath
    /// (parents before children).
    public func enumerate(subsystems: [String] = Udev.discoverySubsystems) throws(UdevError) -> [UdevDevice] {
        guard let en = udev_enumerate_new(handle) else { throw .call("udev_enumerate_new", errno: 12) }
        defer { udev_enumerate_unref(en) }
        for s in subsystems {
            let r = udev_enumerate_add_match_subsystem(en, s)
            if r < 0 { throw .call("udev_enumerate_add_match_subsystem", errno: -r) }
        }
        let r = udev_enumerate_scan_devices(en)
        if r < 0 { throw .call("udev_enumerate_scan_devices", errno: -r) }
        var out: [UdevDevice] = []
        // udev_list_entry_foreach is a C macro: walk the list by hand.
        Udev.forEachEntry(udev_enumerate_get_list_entry(en)) { syspath, _ in
            guard let dev = udev_device_new_from_syspath(handle, syspath) else { return }  // vanished meanwhile
            defer { udev_device_unref(dev) }
            out.append(Udev.snapshot(dev, action: .present))
        }
        return out.sorted { $0.syspath < $1.syspath }
    }

    /// Calls `body(name, value)` for each entry of a libudev list.
    static func forEachEntry(_ first: OpaquePointer?, _ body: (String, String?) -> Void) {
        var entry = first
        while let e = entry {
            if let n = udev_list_entry_get_name(e) {
                body(String(cString: n), udev_list_entry_get_value(e).map { String(cString: $0) })
            }
            entry = udev_list_entry_get_next(e)
        }
    }

    /// Copies what Quay needs out of a live udev_device. `action` nil: take it from the event.
    static func snapshot(_ dev: OpaquePointer, action: UdevAction?) -> UdevDevice {
        func str(_ p: UnsafePointer<CChar>?) -> String? { p.map { String(cString: $0) } }
        var props: [String: String] = [:]
        forEachEntry(udev_device_get_properties_list_entry(dev)) { k, v in props[k] = v ?? "" }
        let devtype = str(udev_device_get_devtype(dev))
        // Interface class: the device itself if it is a usb_interface, else its nearest usb_interface parent
        // (lp0 -> 1-2:1.0; ttyUSB0 -> 1-4:1.0; event0 -> input0 -> 1-3:1.0). The parent is owned by `dev`.
        let iface = devtype == "usb_interface" ? dev : udev_device_get_parent_with_subsystem_devtype(dev, "usb", "usb_interface")
        let cls = iface.flatMap { str(udev_device_get_sysattr_value($0, "bInterfaceClass")) }
        let sub = iface.flatMap { str(udev_device_get_sysattr_value($0, "bInterfaceSubClass")) }
        return UdevDevice(
            syspath: str(udev_device_get_syspath(dev)) ?? "",
            subsystem: str(udev_device_get_subsystem(dev)) ?? "",
            devtype: devtype,
            devnode: str(udev_device_get_devnode(dev)),
            action: action ?? UdevAction(udev: str(udev_device_get_action(dev))),
            properties: props,
            interfaceClass: cls.map { trimmed($0).lowercased() },
            interfaceSubClass: sub.map { trimmed($0).lowercased() })
    }
}

/// sysfs attributes may carry padding ("bNumInterfaces= 1").
private func trimmed(_ v: String) -> String {
    var s = Substring(v)
    while let f = s.first, f == " " || f == "\n" || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\n" || l == "\t" { s.removeLast() }
    return String(s)
}

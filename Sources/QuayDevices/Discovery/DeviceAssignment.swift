/// Pure decision of which present device serves which role, and which devices nobody uses.
public enum DeviceAssignment {
    /// For each binding in configuration order, the best-ranked present device that matches and that no earlier
    /// role took. A role keeps its current device while that device is still present and matches, unless a
    /// strictly better node appears (usblp after the raw usb_device). Ties go to the lowest syspath.
    public static func assign(
        _ bindings: [DeviceBinding], devices: [UdevDevice],
        current: [String: UdevDevice] = [:]
    ) -> [String: UdevDevice] {
        var taken = Set<String>()
        var out: [String: UdevDevice] = [:]
        for b in bindings {
            let keep = current[b.role]?.syspath
            var best: (key: (Int, Int, String), device: UdevDevice)?
            for d in devices where !taken.contains(d.syspath) && b.matcher.matches(d) {
                guard let r = b.kind.rank(d) else { continue }
                let key = (r, d.syspath == keep ? 0 : 1, d.syspath)
                if best == nil || key < best!.key { best = (key, d) }
            }
            if let best {
                out[b.role] = best.device
                taken.insert(best.device.syspath)
            }
        }
        return out
    }

    /// Devices a technician may want to bind: nodes a Quay driver could open, attached through a bus (USB), not
    /// used by any role and not the parent USB device of a used or listed node (the most specific node is
    /// listed: /dev/usb/lp0 rather than /dev/bus/usb/001/005). Built-in consoles (tty0, ttyS*) and hubs are left out.
    public static func unassigned(devices: [UdevDevice], assigned: [String: UdevDevice]) -> [UdevDevice] {
        let used = Set(assigned.values.map(\.syspath))
        let candidates = devices.filter(isCandidate)
        let blocking = used.union(candidates.map(\.syspath))
        return candidates.filter { d in
            !used.contains(d.syspath) && !blocking.contains { $0.hasPrefix(d.syspath + "/") }
        }
    }

    static func isCandidate(_ d: UdevDevice) -> Bool {
        guard d.devnode != nil, DeviceKind.allCases.contains(where: { $0.rank(d) != nil }) else { return false }
        if d.subsystem == "usb" {
            // Hubs list only class 09 interfaces.
            let ifaces = d.properties["ID_USB_INTERFACES"]?.split(separator: ":") ?? []
            return !ifaces.isEmpty && !ifaces.allSatisfy { $0.hasPrefix("09") }
        }
        return d.properties["ID_BUS"] != nil || d.interfaceClass != nil
    }
}

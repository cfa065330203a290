import Foundation
import QuayDevices

/// One line of quay-devwatch output. Fields not relevant to an event are left out.
struct JSONLine: Encodable {
    var event: String
    var role: String?
    var devnode: String?
    var syspath: String?
    var subsystem: String?
    var devtype: String?
    var action: String?
    var interfaceClass: String?
    var properties: [String: String]?
    var suggestions: [String]?
    var usableAs: [String]?
    var count: Int?
    var fds: Int?
    var error: String?

    init(event: String) { self.event = event }

    init(event: String, device d: UdevDevice, withProperties: Bool = true) {
        self.event = event
        devnode = d.devnode
        syspath = d.syspath
        subsystem = d.subsystem
        devtype = d.devtype
        action = d.action.rawValue
        interfaceClass = d.interfaceClassPair
        properties = withProperties ? d.properties : nil
    }

    func emit() {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? enc.encode(self) else { return }
        FileHandle.standardOutput.write(data + Data([0x0A]))
    }
}

/// Open descriptors of this process (entries of /proc/self/fd, minus the one used to list them).
func openDescriptorCount() -> Int {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return -1 }
    return entries.count - 1
}

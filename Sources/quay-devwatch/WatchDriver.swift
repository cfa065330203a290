#if canImport(Glibc)
import Glibc
#endif
import QuayDevices
import Synchronization

/// A stand-in driver for one role: reports the manager's calls and, with --open, really opens the node on
/// attach and closes it on detach (what a printer or scanner driver does), so leaks show in the fd count.
final class WatchDriver: DeviceAttachable {
    let role: String
    let openNodes: Bool
    private let fd = Mutex<Int32>(-1)

    init(role: String, openNodes: Bool) {
        self.role = role
        self.openNodes = openNodes
    }

    func attach(devnode: String) async {
        var line = JSONLine(event: "driver-attach")
        line.role = role
        line.devnode = devnode
        if openNodes {
            var f = open(devnode, O_RDWR | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
            if f < 0 { f = open(devnode, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) }
            if f < 0 { line.error = String(cString: strerror(errno)) }
            let old = fd.withLock { v in
                let o = v
                v = f
                return o
            }
            if old >= 0 { close(old) }
        }
        line.emit()
    }

    func detach() async {
        let old = fd.withLock { v in
            let o = v
            v = -1
            return o
        }
        if old >= 0 { close(old) }
        var line = JSONLine(event: "driver-detach")
        line.role = role
        line.emit()
    }
}

import QuayDevices
import QuaySystem
import Synchronization

/// A stand-in driver for one role: reports the manager's calls and, with --open, really opens the node on
/// attach and closes it on detach (what a printer or scanner driver does), so leaks show in the fd count.
final class WatchDriver: DeviceAttachable {
    let role: String
    let openNodes: Bool
    private let fd = Mutex<FileDescriptor?>(nil)

    init(role: String, openNodes: Bool) {
        self.role = role
        self.openNodes = openNodes
    }

    func attach(devnode: String) async {
        var line = JSONLine(event: "driver-attach")
        line.role = role
        line.devnode = devnode
        if openNodes {
            var opened: FileDescriptor?
            do throws(SystemError) {
                opened = try FileDescriptor.open(devnode, [.readWrite, .nonBlocking, .noControllingTerminal])
            } catch {
                do throws(SystemError) {
                    opened = try FileDescriptor.open(devnode, [.readOnly, .nonBlocking, .noControllingTerminal])
                } catch { line.error = error.reason }
            }
            let old = fd.withLock { v in
                let o = v
                v = opened
                return o
            }
            old?.close()
        }
        line.emit()
    }

    func detach() async {
        let old = fd.withLock { v in
            let o = v
            v = nil
            return o
        }
        old?.close()
        var line = JSONLine(event: "driver-detach")
        line.role = role
        line.emit()
    }
}

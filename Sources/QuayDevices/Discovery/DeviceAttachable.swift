/// A driver that `DeviceManager` tells when its device appears and disappears. Printer, board and scanner
/// drivers adopt it: `attach` opens (or reopens) the node, `detach` closes it and stops using it.
///
/// Calls for one role never overlap and alternate attach/detach (a new node is announced as detach + attach).
/// Return quickly: the manager awaits each call before handling the next event; do slow work (handshakes,
/// status polling) in the driver's own task.
public protocol DeviceAttachable: Sendable {
    func attach(devnode: String) async
    func detach() async
}

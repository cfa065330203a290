// quay-devwatch: what the device manager sees, as JSON lines. A technician's tool (which matcher for this
// printer? does the scanner come back after replugging?) and the harness of the umockdev tests.
//
//   quay-devwatch [--bind ROLE:KIND:MATCHER]... [--open] [--once] [--settle-ms N] [--exit-after SECONDS]
//
// Prints one "present" line per device, "unassigned" lines with matchers to paste into quayd.toml, "ready",
// then "add"/"remove"/"change" uevents, "attach"/"detach" decisions and "driver-attach"/"driver-detach"
// calls until SIGINT/SIGTERM (or --exit-after), then "exit" with the number of open descriptors.
import Foundation
import QuayDevices

var bindings: [DeviceBinding] = []
var openNodes = false
var once = false
var settleMs = 200
var exitAfter: Double?

func usage(_ message: String) -> Never {
    FileHandle.standardError.write(
        Data(
            ("quay-devwatch: \(message)\nusage: quay-devwatch [--bind ROLE:KIND:MATCHER]... [--open] [--once] [--settle-ms N] "
                + "[--exit-after SECONDS]\n  matchers: id_path=… serial=… vidpid=vvvv:pppp class=cc/ss devname=/dev/…\n")
                .utf8))
    exit(2)
}

var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    switch a {
    case "--bind":
        guard let spec = args.popFirst() else { usage("--bind needs ROLE:KIND:MATCHER") }
        do throws(DeviceBindingError) { bindings.append(try DeviceBinding(spec: spec)) } catch { usage("\(error)") }
    case "--open": openNodes = true
    case "--once": once = true
    case "--settle-ms":
        guard let v = args.popFirst().flatMap(Int.init), v >= 0 else { usage("--settle-ms needs a number") }
        settleMs = v
    case "--exit-after":
        guard let v = args.popFirst().flatMap(Double.init), v > 0 else { usage("--exit-after needs seconds") }
        exitAfter = v
    case "-h", "--help": usage("help")
    default: usage("unknown argument \(a)")
    }
}

let registry = DeviceRegistry()
var drivers: [String: any DeviceAttachable] = [:]
for b in bindings { drivers[b.role] = WatchDriver(role: b.role, openNodes: openNodes) }

let manager: DeviceManager
do throws(DeviceBindingError) {
    manager = try DeviceManager(
        bindings: bindings, registry: registry, drivers: drivers,
        settle: .milliseconds(settleMs))
} catch { usage("\(error)") }

let changes = await manager.changes()
let printer = Task {
    for await change in changes {
        switch change {
        case .ready(let devices, let unassigned):
            for d in devices { JSONLine(event: "present", device: d).emit() }
            for u in unassigned {
                var line = JSONLine(event: "unassigned", device: u.device, withProperties: false)
                line.suggestions = u.suggestions
                line.usableAs = u.usableAs
                line.emit()
            }
            var line = JSONLine(event: "ready")
            line.count = devices.count
            line.fds = openDescriptorCount()
            line.emit()
        case .uevent(let d):
            JSONLine(event: d.action.rawValue, device: d).emit()
        case .attached(let role, let d):
            var line = JSONLine(event: "attach", device: d, withProperties: false)
            line.role = role
            line.emit()
        case .detached(let role, let d):
            var line = JSONLine(event: "detach", device: d, withProperties: false)
            line.role = role
            line.emit()
        }
    }
}

// Signals are caught before the scan starts: a supervisor may send SIGTERM as soon as it sees "ready".
let stop = StopSwitch()
var signalSources: [any DispatchSourceSignal] = []
for s in [SIGINT, SIGTERM] {
    signal(s, SIG_IGN)
    let src = DispatchSource.makeSignalSource(signal: s, queue: .global())
    src.setEventHandler { stop.trip() }
    src.resume()
    signalSources.append(src)
}
let follow = Task { () -> UdevError? in
    do throws(UdevError) { try await manager.start() } catch { return error }
    await manager.follow()
    return nil
}
stop.arm(follow)
if once {
    stop.trip()
} else if let exitAfter {
    Task {
        try? await Task.sleep(for: .milliseconds(Int(exitAfter * 1000)))
        stop.trip()
    }
}
if let error = await follow.value {
    var line = JSONLine(event: "error")
    line.error = "\(error)"
    line.emit()
    exit(1)
}
await printer.value
var last = JSONLine(event: "exit")
last.fds = openDescriptorCount()
last.emit()

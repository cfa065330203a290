import Testing
@testable import QuayDevices

@Suite("Unassigned devices listing")
struct UnassignedDevicesTests {
    typealias S = SampleDevices

    @Test("nothing bound: one entry per physical device, the most specific node")
    func nothingBound() {
        let nodes = DeviceAssignment.unassigned(devices: S.all, assigned: [:]).compactMap(\.devnode)
        #expect(nodes == ["/dev/usb/lp0", "/dev/input/event0", "/dev/ttyUSB0"])
    }

    @Test("bound devices and their usb_device parents are not listed; consoles, UARTs and hubs never are")
    func boundExcluded() {
        let nodes = DeviceAssignment.unassigned(devices: S.all, assigned: ["p": S.printerLp]).compactMap(\.devnode)
        #expect(nodes == ["/dev/input/event0", "/dev/ttyUSB0"])
        #expect(!nodes.contains("/dev/tty0") && !nodes.contains("/dev/ttyS0") && !nodes.contains("/dev/bus/usb/001/001"))
    }

    @Test("a printer without usblp is listed as its usb_device")
    func usbDeviceListed() {
        let nodes = DeviceAssignment.unassigned(devices: [S.printerUSB, S.printerInterface], assigned: [:]).compactMap(\.devnode)
        #expect(nodes == ["/dev/bus/usb/001/005"])
    }

    @Test("entries carry pasteable matchers and the kinds that can use them")
    func entry() {
        let u = UnassignedDevice(device: S.scannerEvent)
        #expect(u.suggestions.first == "id_path=pci-0000:00:14.0-usb-0:3:1.0")
        #expect(u.usableAs == ["scanner", "keypad"])
    }
}

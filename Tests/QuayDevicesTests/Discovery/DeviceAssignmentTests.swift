import Testing
@testable import QuayDevices

@Suite("DeviceAssignment: which device serves which role")
struct DeviceAssignmentTests {
    typealias S = SampleDevices

    @Test("a printer prefers usblp over the raw usb_device, a board takes the serial port")
    func preferredNodes() throws {
        let b = [
            try DeviceBinding(role: "printer-0", kind: "printer", matcher: "vidpid=0416:5011"),
            try DeviceBinding(role: "board", kind: "board", matcher: "vidpid=1a86:7523"),
            try DeviceBinding(role: "scan", kind: "scanner", matcher: "vidpid=0c2e:0b61"),
        ]
        let a = DeviceAssignment.assign(b, devices: S.all)
        #expect(a["printer-0"]?.devnode == "/dev/usb/lp0")
        #expect(a["board"]?.devnode == "/dev/ttyUSB0")
        #expect(a["scan"]?.devnode == "/dev/input/event0")
    }

    @Test("without usblp the printer falls back to the usb_device (libusb)")
    func libusbFallback() throws {
        let b = [try DeviceBinding(role: "printer-0", kind: "printer", matcher: "class=07/01")]
        let a = DeviceAssignment.assign(b, devices: [S.printerUSB, S.printerInterface])
        #expect(a["printer-0"]?.devnode == "/dev/bus/usb/001/005")
    }

    @Test("a board never binds a usb_device or an evdev node")
    func kindFiltersNodes() throws {
        let b = [try DeviceBinding(role: "board", kind: "board", matcher: "vidpid=0416:5011")]
        #expect(DeviceAssignment.assign(b, devices: S.all).isEmpty)
    }

    @Test("a device serves only the first role that matches it; the second printer goes to the other role")
    func firstRoleWins() throws {
        let b = [
            try DeviceBinding(role: "p0", kind: "printer", matcher: "vidpid=0416:5011"),
            try DeviceBinding(role: "p1", kind: "printer", matcher: "vidpid=0416:5011"),
        ]
        let a = DeviceAssignment.assign(b, devices: S.all + [S.printer2Lp])
        #expect(a["p0"]?.devnode == "/dev/usb/lp0")
        #expect(a["p1"]?.devnode == "/dev/usb/lp1")
    }

    @Test("a role keeps its current device among equals (no flapping when a twin appears)")
    func stable() throws {
        let b = [try DeviceBinding(role: "p0", kind: "printer", matcher: "class=07/01")]
        let a = DeviceAssignment.assign(b, devices: [S.printerLp, S.printer2Lp], current: ["p0": S.printer2Lp])
        #expect(a["p0"]?.devnode == "/dev/usb/lp1")
    }

    @Test("devname binds a built-in UART that has no USB properties")
    func builtinUART() throws {
        let b = [try DeviceBinding(role: "bus", kind: "board", matcher: "devname=/dev/ttyS0")]
        #expect(DeviceAssignment.assign(b, devices: S.all)["bus"]?.syspath == S.builtinUART.syspath)
    }
}

import Testing
@testable import QuayDevices

@Suite("DeviceMatcher matching")
struct DeviceMatcherMatchingTests {
    typealias S = SampleDevices

    @Test func idPathIsExact() {
        let m = DeviceMatcher.idPath("pci-0000:00:14.0-usb-0:2:1.0")
        #expect(m.matches(S.printerLp))
        #expect(!m.matches(S.printerUSB))  // "…usb-0:2" is the device, not the interface port path
        #expect(!m.matches(S.printer2Lp))
    }

    @Test func serialMatchesLongOrShort() {
        #expect(DeviceMatcher.serial("STMicroelectronics_POS58_Printer_USB_Printer").matches(S.printerLp))
        #expect(DeviceMatcher.serial("Printer").matches(S.printerLp))
        #expect(!DeviceMatcher.serial("Printer").matches(S.ch340Tty))
    }

    @Test func vidPidIgnoresCase() {
        var upper = S.ch340Tty
        upper.properties["ID_VENDOR_ID"] = "1A86"
        #expect(DeviceMatcher.vidPid(vendor: "1a86", product: "7523").matches(upper))
        #expect(!DeviceMatcher.vidPid(vendor: "1a86", product: "7522").matches(upper))
    }

    @Test func interfaceClassFromParentInterface() {
        #expect(DeviceMatcher.interfaceClass("07", subclass: "01").matches(S.printerLp))
        #expect(DeviceMatcher.interfaceClass("07", subclass: nil).matches(S.printerLp))
        #expect(!DeviceMatcher.interfaceClass("07", subclass: "02").matches(S.printerLp))
        #expect(!DeviceMatcher.interfaceClass("07", subclass: "01").matches(S.ch340Tty))
    }

    @Test("usb_device matches class through ID_USB_INTERFACES (libusb fallback)")
    func interfaceClassOnUsbDevice() {
        #expect(DeviceMatcher.interfaceClass("07", subclass: "01").matches(S.printerUSB))
        #expect(!DeviceMatcher.interfaceClass("03", subclass: nil).matches(S.printerUSB))
        #expect(!DeviceMatcher.interfaceClass("07", subclass: nil).matches(S.rootHub))
    }

    @Test func devnameMatchesNodeAndLinks() {
        #expect(DeviceMatcher.devname("/dev/ttyUSB0").matches(S.ch340Tty))
        #expect(DeviceMatcher.devname("/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0").matches(S.ch340Tty))
        #expect(!DeviceMatcher.devname("/dev/serial/by-id/usb-1a86").matches(S.ch340Tty))
        #expect(!DeviceMatcher.devname("/dev/ttyUSB1").matches(S.ch340Tty))
    }

    @Test("suggestions list stable matchers first and each matches the device")
    func suggestions() {
        let s = DeviceMatcher.suggestions(for: S.printerLp)
        #expect(s.first == .idPath("pci-0000:00:14.0-usb-0:2:1.0"))
        #expect(s.map(\.description).contains("class=07/01"))
        for m in s { #expect(m.matches(S.printerLp), "\(m)") }
    }
}

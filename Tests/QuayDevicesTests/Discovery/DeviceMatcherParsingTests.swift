import Testing
@testable import QuayDevices

@Suite("DeviceMatcher parsing")
struct DeviceMatcherParsingTests {
    @Test(
        "accepted spellings",
        arguments: [
            ("id_path=pci-0000:00:14.0-usb-0:2:1.0", DeviceMatcher.idPath("pci-0000:00:14.0-usb-0:2:1.0")),
            ("ID_PATH=pci-0000:00:14.0-usb-0:2:1.0", .idPath("pci-0000:00:14.0-usb-0:2:1.0")),
            ("serial=1a86_USB_Serial", .serial("1a86_USB_Serial")),
            ("vidpid=0416:5011", .vidPid(vendor: "0416", product: "5011")),
            ("vidpid=0C2E:0B61", .vidPid(vendor: "0c2e", product: "0b61")),
            ("class=07/01", .interfaceClass("07", subclass: "01")),
            ("class=07", .interfaceClass("07", subclass: nil)),
            ("devname=/dev/ttyUSB0", .devname("/dev/ttyUSB0")),
            ("/dev/usb/lp0", .devname("/dev/usb/lp0")),
            ("devname = /dev/serial/by-id/usb-1a86_USB_Serial-if00-port0", .devname("/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0")),
        ])
    func parses(text: String, expected: DeviceMatcher) throws {
        #expect(try DeviceMatcher(parsing: text) == expected)
    }

    @Test(
        "refused with a typed error",
        arguments: [
            ("pci-0000:00:14.0-usb-0:2", DeviceMatcherError.missingSeparator("pci-0000:00:14.0-usb-0:2")),
            ("vendor=0416", .unknownKey("vendor")),
            ("serial=", .emptyValue(key: "serial")),
            ("vidpid=416:5011", .invalidVidPid("416:5011")),
            ("vidpid=0416-5011", .invalidVidPid("0416-5011")),
            ("vidpid=04g6:5011", .invalidVidPid("04g6:5011")),
            ("class=7/1", .invalidClass("7/1")),
            ("class=07/01/02", .invalidClass("07/01/02")),
            ("devname=ttyUSB0", .invalidDevname("ttyUSB0")),
            ("/dev/", .invalidDevname("/dev/")),
            ("devname=/dev/../etc/passwd", .invalidDevname("/dev/../etc/passwd")),
        ])
    func refuses(text: String, expected: DeviceMatcherError) {
        #expect(throws: expected) { try DeviceMatcher(parsing: text) }
    }

    @Test("description parses back to the same matcher")
    func roundTrip() throws {
        let all: [DeviceMatcher] = [
            .idPath("pci-0000:00:14.0-usb-0:2:1.0"), .serial("ABC"), .vidPid(vendor: "10c4", product: "ea60"),
            .interfaceClass("07", subclass: "01"), .interfaceClass("02", subclass: nil), .devname("/dev/ttyACM0"),
        ]
        for m in all {
            #expect(try DeviceMatcher(parsing: m.description) == m)
        }
    }
}

import Testing
@testable import QuayDevices

@Suite("DeviceBinding configuration")
struct DeviceBindingTests {
    @Test func parsesSpec() throws {
        let b = try DeviceBinding(spec: "printer-0:printer:id_path=pci-0000:00:14.0-usb-0:2:1.0")
        #expect(b == DeviceBinding(role: "printer-0", kind: .printer, matcher: .idPath("pci-0000:00:14.0-usb-0:2:1.0")))
    }

    @Test func typedErrors() {
        #expect(throws: DeviceBindingError.malformed("printer-0")) { try DeviceBinding(spec: "printer-0") }
        #expect(throws: DeviceBindingError.unknownKind(role: "x", "fax")) { try DeviceBinding(spec: "x:fax:class=07") }
        #expect(throws: DeviceBindingError.emptyRole) { try DeviceBinding(spec: ":printer:class=07") }
        #expect(throws: DeviceBindingError.matcher(role: "x", .invalidClass("7"))) { try DeviceBinding(spec: "x:printer:class=7") }
    }

    @Test func duplicateRolesRefused() throws {
        let b = try DeviceBinding(spec: "p:printer:class=07")
        #expect(throws: DeviceBindingError.duplicateRole("p")) { try DeviceBinding.validate([b, b]) }
        #expect(throws: DeviceBindingError.duplicateRole("p")) { try DeviceManager(bindings: [b, b], registry: DeviceRegistry()) }
    }
}

@testable import QuayDevices

/// Snapshots shaped like the umockdev fixtures (Tests/Fixtures/umockdev/discovery), for pure tests.
enum SampleDevices {
    static let pci = "/sys/devices/pci0000:00/0000:00:14.0/usb1"

    static let printerUSB = UdevDevice(
        syspath: pci + "/1-2", subsystem: "usb", devtype: "usb_device", devnode: "/dev/bus/usb/001/005",
        properties: [
            "ID_BUS": "usb", "ID_VENDOR_ID": "0416", "ID_MODEL_ID": "5011", "ID_PATH": "pci-0000:00:14.0-usb-0:2",
            "ID_SERIAL": "STMicroelectronics_POS58_Printer_USB_Printer", "ID_USB_INTERFACES": ":070102:",
            "DEVNAME": "/dev/bus/usb/001/005",
        ])
    static let printerInterface = UdevDevice(
        syspath: pci + "/1-2/1-2:1.0", subsystem: "usb", devtype: "usb_interface",
        properties: ["DEVTYPE": "usb_interface", "DRIVER": "usblp"], interfaceClass: "07", interfaceSubClass: "01")
    static let printerLp = UdevDevice(
        syspath: pci + "/1-2/1-2:1.0/usbmisc/lp0", subsystem: "usbmisc", devnode: "/dev/usb/lp0",
        properties: [
            "ID_BUS": "usb", "ID_VENDOR_ID": "0416", "ID_MODEL_ID": "5011", "ID_PATH": "pci-0000:00:14.0-usb-0:2:1.0",
            "ID_SERIAL": "STMicroelectronics_POS58_Printer_USB_Printer", "ID_SERIAL_SHORT": "Printer",
            "DEVNAME": "/dev/usb/lp0",
        ],
        interfaceClass: "07", interfaceSubClass: "01")
    static let ch340USB = UdevDevice(
        syspath: pci + "/1-4", subsystem: "usb", devtype: "usb_device", devnode: "/dev/bus/usb/001/007",
        properties: ["ID_BUS": "usb", "ID_VENDOR_ID": "1a86", "ID_MODEL_ID": "7523", "ID_USB_INTERFACES": ":ff0102:"])
    static let ch340Tty = UdevDevice(
        syspath: pci + "/1-4/1-4:1.0/ttyUSB0/tty/ttyUSB0", subsystem: "tty", devnode: "/dev/ttyUSB0",
        properties: [
            "ID_BUS": "usb", "ID_VENDOR_ID": "1a86", "ID_MODEL_ID": "7523", "ID_PATH": "pci-0000:00:14.0-usb-0:4:1.0",
            "ID_SERIAL": "1a86_USB_Serial",
            "DEVLINKS": "/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0 /dev/serial/by-path/pci-0000:00:14.0-usb-0:4:1.0-port0",
        ],
        interfaceClass: "ff", interfaceSubClass: "01")
    static let scannerInput = UdevDevice(
        syspath: pci + "/1-3/1-3:1.0/input/input0", subsystem: "input",
        properties: ["ID_BUS": "usb", "ID_VENDOR_ID": "0c2e", "ID_MODEL_ID": "0b61"], interfaceClass: "03", interfaceSubClass: "01")
    static let scannerEvent = UdevDevice(
        syspath: pci + "/1-3/1-3:1.0/input/input0/event0", subsystem: "input", devnode: "/dev/input/event0",
        properties: [
            "ID_BUS": "usb", "ID_VENDOR_ID": "0c2e", "ID_MODEL_ID": "0b61", "ID_PATH": "pci-0000:00:14.0-usb-0:3:1.0",
            "ID_SERIAL": "Honeywell_Imaging___Mobility_1900_16133B4F40", "ID_INPUT_KEYBOARD": "1",
        ],
        interfaceClass: "03", interfaceSubClass: "01")
    static let builtinUART = UdevDevice(
        syspath: "/sys/devices/platform/serial8250/tty/ttyS0", subsystem: "tty", devnode: "/dev/ttyS0",
        properties: ["DEVNAME": "/dev/ttyS0"])
    static let console = UdevDevice(
        syspath: "/sys/devices/virtual/tty/tty0", subsystem: "tty", devnode: "/dev/tty0", properties: [:])
    static let rootHub = UdevDevice(
        syspath: pci, subsystem: "usb", devtype: "usb_device", devnode: "/dev/bus/usb/001/001",
        properties: ["ID_BUS": "usb", "ID_VENDOR_ID": "1d6b", "ID_MODEL_ID": "0002", "ID_USB_INTERFACES": ":090000:"])

    /// A second, identical printer model on another port.
    static let printer2Lp = UdevDevice(
        syspath: pci + "/1-5/1-5:1.0/usbmisc/lp1", subsystem: "usbmisc", devnode: "/dev/usb/lp1",
        properties: ["ID_BUS": "usb", "ID_VENDOR_ID": "0416", "ID_MODEL_ID": "5011", "ID_PATH": "pci-0000:00:14.0-usb-0:5:1.0"],
        interfaceClass: "07", interfaceSubClass: "01")

    static let all = [
        rootHub, printerUSB, printerInterface, printerLp, scannerInput, scannerEvent, ch340USB, ch340Tty,
        builtinUART, console,
    ]

    static func with(_ d: UdevDevice, action: UdevAction) -> UdevDevice {
        var c = d
        c.action = action
        return c
    }
}

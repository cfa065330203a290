/// What `DeviceManager.changes()` reports, in order.
public enum DeviceManagerEvent: Sendable, Equatable {
    /// The initial scan finished: `devices` were present, roles are attached, `unassigned` are free for binding.
    case ready(devices: [UdevDevice], unassigned: [UnassignedDevice])
    /// A raw udev event (add/remove/change/...) for a device in the watched subsystems.
    case uevent(UdevDevice)
    /// `role` now uses `device` (its driver got `attach(devnode:)`).
    case attached(role: String, device: UdevDevice)
    /// `role` lost `device` (its driver got `detach()`).
    case detached(role: String, device: UdevDevice)
}

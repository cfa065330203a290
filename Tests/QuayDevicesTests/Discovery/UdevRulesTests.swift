import Foundation
import Testing

/// udev-rules/70-quay.rules checked by scripts/test-udev-rules.sh: `udevadm test` against the umockdev fixtures
/// in a private mount namespace (root only; nothing on the host changes).
@Suite("udev rules under umockdev", .enabled(if: DeviceSimHarness.enabled, "QUAY_SKIP_DEVICE_SIMS=1"))
struct UdevRulesTests {
    @Test(
        "printers, USB-serial bridges and scanners get their group, mode, QUAY_ROLE and /dev/quay link",
        .timeLimit(.minutes(2)))
    func rules() async throws {
        let script = DeviceSimHarness.repoRoot.appendingPathComponent("scripts/test-udev-rules.sh").path
        try #require(getuid() == 0, "scripts/test-udev-rules.sh needs root (unshare -m); run as root or set QUAY_SKIP_DEVICE_SIMS=1")
        try #require(
            FileManager.default.isExecutableFile(atPath: "/usr/bin/udevadm")
                || FileManager.default.isExecutableFile(atPath: "/bin/udevadm"),
            "udevadm missing: apt-get install udev (scripts/debian-packages.txt)")
        let (status, output) = try await DeviceSimHarness.runProcess("/bin/bash", [script])
        #expect(status == 0, "\(output)")
        #expect(output.contains("udev rules: all checks passed"))
        #expect(!output.contains("FAIL"), "\(output)")
    }
}

import QuaySystem
import Testing

@Suite("systemd LISTEN_FDS parsing")
struct SystemdListenFDsTests {
    @Test func namedDescriptorsStartAtThree() throws {
        let fds = try SystemdListenFDs.parse(["LISTEN_PID": "42", "LISTEN_FDS": "2", "LISTEN_FDNAMES": "control:web"], pid: 42)
        #expect(fds == [ListenFD(fd: 3, name: "control"), ListenFD(fd: 4, name: "web")])
    }

    @Test func namesDefaultToUnknown() throws {
        let fds = try SystemdListenFDs.parse(["LISTEN_PID": "7", "LISTEN_FDS": "1"], pid: 7)
        #expect(fds == [ListenFD(fd: 3, name: "unknown")])
    }

    @Test("not socket-activated, or meant for another process: no descriptors")
    func notForUs() throws {
        #expect(try SystemdListenFDs.parse([:], pid: 1).isEmpty)
        #expect(try SystemdListenFDs.parse(["LISTEN_PID": "41", "LISTEN_FDS": "1"], pid: 42).isEmpty)
        #expect(try SystemdListenFDs.parse(["LISTEN_PID": "42", "LISTEN_FDS": "0"], pid: 42).isEmpty)
    }

    @Test func malformedValuesAreErrors() {
        #expect(throws: SystemdListenFDsError.invalidPID("abc")) {
            try SystemdListenFDs.parse(["LISTEN_PID": "abc", "LISTEN_FDS": "1"], pid: 1)
        }
        #expect(throws: SystemdListenFDsError.invalidPID("0")) {
            try SystemdListenFDs.parse(["LISTEN_PID": "0", "LISTEN_FDS": "1"], pid: 1)
        }
        #expect(throws: SystemdListenFDsError.invalidCount("-1")) {
            try SystemdListenFDs.parse(["LISTEN_PID": "5", "LISTEN_FDS": "-1"], pid: 5)
        }
        #expect(throws: SystemdListenFDsError.invalidCount("x")) {
            try SystemdListenFDs.parse(["LISTEN_PID": "5", "LISTEN_FDS": "x"], pid: 5)
        }
        #expect(throws: SystemdListenFDsError.nameCountMismatch(names: 1, fds: 2)) {
            try SystemdListenFDs.parse(["LISTEN_PID": "5", "LISTEN_FDS": "2", "LISTEN_FDNAMES": "control"], pid: 5)
        }
    }
}

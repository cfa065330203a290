import Testing
@testable import QuayDevices

@Suite("Keyboard-wedge and serial scan decoding")
struct ScanDecoderTests {
    /// Key events for `text` as a US keyboard sends them (press, release; shift around capitals and symbols).
    static func keys(_ text: String) -> [(UInt16, UInt16, Int32)] {
        let lower: [Character: UInt16] = [
            "a": 30, "b": 48, "h": 35, "q": 16, "1": 2, "2": 3, "5": 6, "6": 7, "0": 11,
            ".": 52, "-": 12, "]": 27, "\n": 28,
        ]
        let shifted: [Character: UInt16] = ["|": 43, "_": 12]
        var out: [(UInt16, UInt16, Int32)] = []
        for ch in text {
            var shift = false
            let code: UInt16
            if let c = lower[ch] {
                code = c
            } else if let c = shifted[ch] {
                code = c
                shift = true
            } else {
                code = lower[Character(ch.lowercased())]!
                shift = true
            }
            if shift { out.append((1, 42, 1)) }
            out += [(4, 4, 458_756), (1, code, 1), (0, 0, 0), (1, code, 0), (0, 0, 0)]
            if shift { out.append((1, 42, 0)) }
        }
        return out
    }

    static func decode(_ events: [(UInt16, UInt16, Int32)]) -> [KeyboardWedgeDecoder.Output] {
        var d = KeyboardWedgeDecoder(maxLength: 32)
        return events.compactMap { d.feed(type: $0.0, code: $0.1, value: $0.2) }
    }

    @Test("shifted letters, digits and separators; Enter ends the scan; AIM prefix stripped")
    func typing() {
        #expect(Self.decode(Self.keys("H56.22-2611-000123\n".replacingOccurrences(of: "3", with: "1"))) == [.scan("H56.22-2611-000121")])
        #expect(Self.decode(Self.keys("]Q1A015\n")) == [.scan("A015")])
        #expect(Self.decode(Self.keys("a|B\n")) == [.scan("a|B")])
    }

    @Test("autorepeat and releases add nothing; caps lock inverts shift; Tab also ends")
    func repeatAndCaps() {
        var ev: [(UInt16, UInt16, Int32)] = [(1, 30, 1), (1, 30, 2), (1, 30, 2), (1, 30, 0)]
        ev += [(1, 58, 1), (1, 58, 0), (1, 30, 1), (1, 30, 0), (1, 42, 1), (1, 30, 1), (1, 30, 0), (1, 42, 0), (1, 15, 1)]
        #expect(Self.decode(ev) == [.scan("aAa")])
    }

    @Test("a function key garbles the scan; too long overflows; the next scan is clean again")
    func garbage() {
        var ev: [(UInt16, UInt16, Int32)] = [(1, 59, 1), (1, 59, 0)] + Self.keys("ab\n")
        ev += Self.keys(String(repeating: "1", count: 40) + "\n") + Self.keys("b2\n")
        #expect(Self.decode(ev) == [.garbled(unmapped: [59]), .overflow(length: 32), .scan("b2")])
        #expect(Self.decode(Self.keys("\n")) == [])
    }

    @Test("serial lines: CR, LF or CR LF, any chunking, UTF-8 names; bad UTF-8 and overlong lines reported")
    func serialLines() {
        var d = ScanLineDecoder(maxLength: 64)
        let text = Array("079056001234||Nguyễn Văn Ánh|15031950|Nam|HCM|01012021\r\nH56-0001\n\n]C0B2\r".utf8)
        var out: [ScanLineDecoder.Output] = []
        for chunk in stride(from: 0, to: text.count, by: 7) { out += d.feed(text[chunk..<min(chunk + 7, text.count)]) }
        #expect(out == [.scan("079056001234||Nguyễn Văn Ánh|15031950|Nam|HCM|01012021"), .scan("H56-0001"), .scan("B2")])
        #expect(d.feed([0x41, 0xFF, 0xFE, 0x0A]) == [.invalidUTF8(length: 3)])
        #expect(d.feed(Array(repeating: 0x31, count: 70) + [0x0A]) == [.overflow(length: 70)])
        #expect(d.feed(Array("ok\n".utf8)) == [.scan("ok")])
    }
}

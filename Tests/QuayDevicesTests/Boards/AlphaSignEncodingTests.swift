import Testing
@testable import QuayDevices

@Suite("Alpha Sign packet encoding")
struct AlphaSignEncodingTests {
    @Test("write TEXT file packet, byte-exact, Vietnamese folded")
    func basic() {
        let packet = AlphaSign().writeTextPacket("Mời số A015 đến quầy 3")
        let expected: [UInt8] =
            [0, 0, 0, 0, 0, 0x01, 0x5A, 0x30, 0x30, 0x02, 0x41, 0x41]
            + Array("Moi so A015 den quay 3".utf8) + [0x04]
        #expect(packet == expected)
    }

    @Test("type code, address, label and mode field are configurable")
    func options() {
        let sign = AlphaSign(typeCode: 0x21, address: "05", label: 0x42, position: .top, mode: .hold)
        let packet = sign.writeTextPacket("A1")
        #expect(packet == [0, 0, 0, 0, 0, 0x01, 0x21, 0x30, 0x35, 0x02, 0x41, 0x42, 0x1B, 0x22, 0x62, 0x41, 0x31, 0x04])
    }

    @Test("checksum: ETX then the 16-bit sum from STX through ETX as 4 hex digits")
    func checksum() {
        let packet = AlphaSign(checksum: true).writeTextPacket("A1")
        // STX 'A' 'A' 'A' '1' ETX = 0x02 + 0x41 * 3 + 0x31 + 0x03 = 0x0F9
        #expect(Array(packet.suffix(6)) == [0x03] + Array("00F9".utf8) + [0x04])
    }

    @Test("control bytes in the text never reach the packet; length is capped")
    func sanitised() {
        let sign = AlphaSign(maxTextLength: 5)
        let packet = sign.writeTextPacket("A\u{04}B\u{01}CDEFG")
        let text = Array(packet[12..<(packet.count - 1)])
        #expect(text.allSatisfy { $0 >= 0x20 && $0 < 0x7F })
        #expect(text.count == 5)
        #expect(packet.last == 0x04)
        #expect(packet.filter { $0 == 0x04 }.count == 1)
    }
}

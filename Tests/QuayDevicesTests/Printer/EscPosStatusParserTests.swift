import Testing
@testable import QuayDevices

@Suite("ESC/POS status parser: real-time bytes, GS a blocks, garbage")
struct EscPosStatusParserTests {
    @Test func realtimeAnswersAreAttributedInOrder() {
        var p = EscPosStatusParser()
        p.expect(.printer)
        p.expect(.offlineCause)
        p.expect(.paperSensor)
        let ev = p.feed([0x12, 0x16, 0x72])
        #expect(ev == [.realtime(.printer, 0x12), .realtime(.offlineCause, 0x16), .realtime(.paperSensor, 0x72)])
        var bits = PrinterStatusBits()
        for case .realtime(let k, let b) in ev { bits.apply(realtime: k, b) }
        #expect(bits.coverOpen == true && bits.paperOut == true)
        #expect(bits.condition == .paperOut)
        #expect(p.garbageBytes == 0 && p.outstanding == 0)
    }

    @Test func conditionsFromRealtimeBytes() {
        func cond(_ b1: UInt8, _ b2: UInt8, _ b4: UInt8) -> PrinterCondition {
            var bits = PrinterStatusBits()
            bits.apply(realtime: .printer, b1)
            bits.apply(realtime: .offlineCause, b2)
            bits.apply(realtime: .paperSensor, b4)
            return bits.condition
        }
        #expect(cond(0x12, 0x12, 0x12) == .ready)
        #expect(cond(0x12, 0x12, 0x1E) == .paperNearEnd)
        #expect(cond(0x1A, 0x12, 0x72) == .paperOut)
        #expect(cond(0x1A, 0x16, 0x12) == .coverOpen)
        #expect(cond(0x1A, 0x12, 0x12) == .offline)
        #expect(cond(0x1A, 0x52, 0x12) == .offline)
    }

    @Test func unsolicitedRealtimeByteIsGarbage() {
        var p = EscPosStatusParser()
        #expect(p.feed([0x12]).isEmpty)
        #expect(p.garbageBytes == 1)
    }

    @Test func automaticStatusBlockIsRecognisedBetweenRealtimeReplies() {
        var p = EscPosStatusParser()
        p.expect(.paperSensor)
        // Block: cover open (b0 bit5), paper end (b2 bits 2,3); then the real-time reply.
        let ev = p.feed([0x30, 0x00, 0x0C, 0x00, 0x12])
        #expect(ev == [.automatic(AutomaticStatusBlock(0x30, 0x00, 0x0C, 0x00)), .realtime(.paperSensor, 0x12)])
        var bits = PrinterStatusBits()
        if case .automatic(let blk) = ev[0] { bits.apply(automatic: blk) }
        #expect(bits.coverOpen == true && bits.paperOut == true && bits.paperNearEnd == false)
    }

    @Test func blockSplitAcrossReads() {
        var p = EscPosStatusParser()
        #expect(p.feed([0x10, 0x00]).isEmpty)
        #expect(p.feed([0x03]).isEmpty)
        #expect(p.feed([0x00]) == [.automatic(AutomaticStatusBlock(0x10, 0x00, 0x03, 0x00))])
    }

    @Test func garbageIsSkippedAndCountedNeverTrusted() {
        var p = EscPosStatusParser()
        p.expect(.printer)
        // 0xFF, 0x11 (XON), 0x13 (XOFF), 0x80: none match a status pattern. Then the real answer.
        let ev = p.feed([0xFF, 0x11, 0x13, 0x80, 0x1A])
        #expect(ev == [.realtime(.printer, 0x1A)])
        #expect(p.garbageBytes == 4)
    }

    @Test func truncatedBlockIsDroppedAndNextByteReexamined() {
        var p = EscPosStatusParser()
        p.expect(.printer)
        // Block start 0x10, one body byte, then 0x12 (bit4 set: cannot be a body byte) -> real-time reply.
        let ev = p.feed([0x10, 0x00, 0x12])
        #expect(ev == [.realtime(.printer, 0x12)])
        #expect(p.garbageBytes == 2)
    }

    @Test func resetForgetsOutstandingRequests() {
        var p = EscPosStatusParser()
        p.expect(.printer)
        p.reset()
        #expect(p.feed([0x12]).isEmpty)
        #expect(p.garbageBytes == 1)
    }

    @Test func randomBytesNeverCrashAndNeverInventEvents() {
        var p = EscPosStatusParser()
        var rng = SystemRandomNumberGenerator()
        var fed = 0
        for _ in 0..<2000 {
            let chunk = (0..<Int.random(in: 0...7, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            fed += chunk.count
            for ev in p.feed(chunk) {
                // Nothing was requested, so no real-time reply may come out; blocks must match the GS a pattern.
                guard case .automatic(let blk) = ev else {
                    Issue.record("invented \(ev)")
                    continue
                }
                let b = blk.bytes
                #expect(b.0 & 0x93 == 0x10 && b.1 & 0x90 == 0 && b.2 & 0x90 == 0 && b.3 & 0x90 == 0)
            }
        }
        #expect(p.outstanding == 0)
        #expect(p.garbageBytes > 0 && p.garbageBytes <= fed)
    }
}

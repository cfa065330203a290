import Testing

@testable import QuayVoice

@Suite struct WAVCodecTests {
    @Test func roundTrip() throws {
        let a = PCMAudio(rate: 22_050, samples: [0, 1, -1, 32767, -32768, 1234])
        let bytes = WAVCodec.encode(a)
        #expect(bytes.count == 44 + 12)
        #expect(try WAVCodec.decode(bytes) == a)
    }

    @Test func stereoIsDownmixedAndOtherRatesResampled() throws {
        var bytes = WAVCodec.encode(PCMAudio(rate: 44_100, samples: [100, 300, -200, -400]))
        // Patch the header to 2 channels (block align 4, byte rate doubled): two stereo frames.
        bytes[22] = 2
        bytes[32] = 4
        let byteRate = 44_100 * 4
        for i in 0..<4 { bytes[28 + i] = UInt8((byteRate >> (8 * i)) & 0xFF) }
        let pcm = try WAVCodec.decode(bytes)
        #expect(pcm.samples == [200, -300])
        let long = PCMAudio(rate: 44_100, samples: Array(repeating: 1000, count: 44_100))
        let r = long.resampled(to: 22_050)
        #expect(r.rate == 22_050 && r.samples.count == 22_050 && r.samples.allSatisfy { $0 == 1000 })
    }

    @Test func badFilesAreTypedErrors() throws {
        #expect(throws: WAVCodec.Failure.notWAV) { try WAVCodec.decode(Array("hello world!".utf8)) }
        var eight = WAVCodec.encode(PCMAudio(samples: [1, 2]))
        eight[34] = 8
        #expect(throws: WAVCodec.Failure.unsupported("8-bit")) { try WAVCodec.decode(eight) }
        let cut = Array(WAVCodec.encode(PCMAudio(samples: [1, 2]))[0..<30])
        #expect(throws: WAVCodec.Failure.truncated) { try WAVCodec.decode(cut) }
        // A size field claiming more than is there: take what is there, never read past the end.
        var long = WAVCodec.encode(PCMAudio(samples: [5, 6, 7]))
        long[40] = 0xF0
        #expect(try WAVCodec.decode(long).samples == [5, 6, 7])
    }

    @Test func trimVolumeAndSilence() {
        let a = PCMAudio(samples: [0, 10, 5000, -6000, 20, 0])
        #expect(a.trimmed().samples == [5000, -6000])
        #expect(a.scaled(0.5).samples == [0, 5, 2500, -3000, 10, 0])
        #expect(PCMAudio.silence(milliseconds: 100).samples.count == 2205)
        #expect(Chime.make().rms > 0.05)
        let f = PCMAudio(samples: Array(repeating: 1000, count: 1000)).faded(milliseconds: 2)
        #expect(f.samples.first == 0 && f.samples.last == 0 && f.samples[500] == 1000 && f.samples[22] == 500)
    }
}

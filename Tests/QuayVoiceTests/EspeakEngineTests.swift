import Foundation
import QuayCore
import Testing

@testable import QuayVoice

/// espeak-ng renders Vietnamese speech (not silence) through ChildProcess; a missing binary is a typed error.
@Suite struct EspeakEngineTests {
    @Test func rendersVietnameseSpeech() throws {
        let e = EspeakEngine(scratchDir: NSTemporaryDirectory())
        let pcm = try e.render("Mời công dân có số", .vi)
        #expect(pcm.rate == PCMAudio.standardRate)
        #expect(pcm.seconds > 0.5 && pcm.seconds < 5)
        #expect(pcm.rms > 0.02)
        #expect(throws: VoiceError.noEngine(.km)) { try e.render("មួយ", .km) }
    }

    @Test func missingProgramIsAnEngineFailure() {
        let e = EspeakEngine(path: "/nonexistent/espeak-ng", scratchDir: NSTemporaryDirectory())
        #expect {
            try e.render("một", .vi)
        } throws: { ($0 as? VoiceError)?.code == "engine-failed" }
    }

    @Test func commandEngineReadsWAVFromStdout() throws {
        // A TTS command that writes a WAV on stdout: sox generating a tone of the length of the text.
        let c = CommandEngine(
            argv: ["/bin/sh", "-c", "n=$(wc -c); sox -n -r 22050 -b 16 -c 1 -t wav - synth 0.$n sine 440"],
            languages: [.vi], scratchDir: NSTemporaryDirectory(), timeoutSeconds: 5)
        let pcm = try c.render("abc", .vi)
        #expect(abs(pcm.seconds - 0.3) < 0.01)
        let slow = CommandEngine(
            argv: ["/bin/sh", "-c", "sleep 5"], languages: [.vi], scratchDir: NSTemporaryDirectory(), timeoutSeconds: 0.5)
        #expect {
            try slow.render("x", .vi)
        } throws: { ($0 as? VoiceError)?.description.contains("timedOut") == true }
    }
}

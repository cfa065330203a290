import Foundation
import QuayCore
import Testing

@testable import QuayVoice

/// The shipped placeholder Khmer clip set and assembling announcements from clips.
@Suite(.serialized) struct ClipAssemblyTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .path

    /// Generated once per test process by scripts/voice/make-khmer-placeholder.sh (espeak-ng).
    static let placeholder: String = {
        let dir = NSTemporaryDirectory() + "quay-km-clips-\(getpid())"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: repo + "/scripts/voice/make-khmer-placeholder.sh")
        p.arguments = [dir]
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try? p.run()
        p.waitUntilExit()
        return dir + "/manifest.toml"
    }()

    @Test func placeholderCoversEveryKhmerCall() throws {
        let set = try ClipSet.load(manifest: Self.placeholder)
        #expect(set.language == .km && set.placeholder)
        for style in NumberReadingStyle.allCases {
            let c = AnnouncementComposer(style: style)
            #expect(set.missing(c.vocabulary(.km, catalog: .builtIn, prefixes: ["A", "B"])) == [])
        }
        for clip in set.clips.values { #expect(clip.rms > 0.01 && clip.seconds > 0.1) }
    }

    @Test func assembledCallIsChimeClipsAndGaps() async throws {
        let renderer = VoiceRenderer(engines: [:])
        let set = try await renderer.loadClips(manifest: Self.placeholder)
        let units = AnnouncementComposer(style: .digits).units(.call, .km, catalog: .builtIn, ticket: "A015", counter: "3")
        #expect(await renderer.prepare(units, .km) == [])
        let pcm = try await renderer.assemble(
            Announcement(kind: .call, ticket: "t1", label: "A015", parts: [.init(language: .km, units: units)], at: 0))
        // Exactly: chime + gap, then each clip, 160 ms around phrases and 60 ms between words.
        let g = VoiceRenderer.Gaps()
        var expected = Chime.make().samples.count + PCMAudio.silence(milliseconds: g.afterChimeMs).samples.count
        for (i, u) in units.enumerated() {
            expected += set.clips[u.text]!.samples.count
            if i > 0 {
                let edge = u.kind == .phrase || units[i - 1].kind == .phrase
                expected += PCMAudio.silence(milliseconds: edge ? g.aroundPhrasesMs : g.betweenWordsMs).samples.count
            }
        }
        #expect(pcm.samples.count == expected)
        // The first phrase starts right after the chime and its gap: its clip, faded in over 4 ms (88 samples).
        let start = Chime.make().samples.count + PCMAudio.silence(milliseconds: g.afterChimeMs).samples.count
        let clip = set.clips["សូមអញ្ជើញលេខ"]!.samples
        #expect(Array(pcm.samples[(start + 88)..<(start + 400)]) == Array(clip[88..<400]))
        #expect(pcm.samples[start] == 0 && clip[0] != 0)
    }

    @Test func freeKhmerTextNeedsEveryWordRecorded() async throws {
        let renderer = VoiceRenderer(engines: [:])
        _ = try await renderer.loadClips(manifest: Self.placeholder)
        let ok = Announcement(kind: .say, ticket: nil, label: "say", parts: [.init(language: .km, units: [.phrase("មួយ ពីរ")])], at: 0)
        #expect(try await renderer.assemble(ok).seconds > 0.3)
        let bad = Announcement(kind: .say, ticket: nil, label: "say", parts: [.init(language: .km, units: [.phrase("មួយ សួស្តី")])], at: 0)
        await #expect(throws: VoiceError.missingClip(language: .km, text: "សួស្តី")) { try await renderer.assemble(bad) }
        // A call is not refused for an unrecorded word: it is spoken without it, and the word is reported.
        let call = Announcement(
            kind: .call, ticket: "t", label: "call", parts: [.init(language: .km, units: [.word("មួយ"), .word("សួស្តី"), .word("ពីរ")])],
            at: 0)
        let (pcm, missing) = await renderer.assembleSkipping(call)
        #expect(missing == [.missingClip(language: .km, text: "សួស្តី")])
        let withBoth = try await renderer.assemble(
            Announcement(
                kind: .call, ticket: "t", label: "call", parts: [.init(language: .km, units: [.word("មួយ"), .word("ពីរ")])], at: 0))
        #expect(
            pcm.samples.count == withBoth.samples.count + PCMAudio.silence(milliseconds: VoiceRenderer.Gaps().betweenWordsMs).samples.count)
    }

    @Test func brokenManifestsNameTheClip() throws {
        let dir = NSTemporaryDirectory() + "quay-bad-clips-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(WAVCodec.encode(PCMAudio(samples: Array(repeating: 3000, count: 4000)))).write(to: URL(fileURLWithPath: dir + "/ok.wav"))
        try Data("not a wav at all".utf8).write(to: URL(fileURLWithPath: dir + "/bad.wav"))
        let m = dir + "/manifest.toml"
        try "language = \"km\"\n[clips]\n\"មួយ\" = \"ok.wav\"\n\"ពីរ\" = \"gone.wav\"\n\"បី\" = \"bad.wav\"\n".write(
            toFile: m, atomically: true, encoding: .utf8)
        do {
            _ = try ClipSet.load(manifest: m)
            Issue.record("a manifest with a missing clip loaded")
        } catch {
            #expect(error.problems.count == 2)
            #expect(error.description.contains("gone.wav") && error.description.contains("'ពីរ'"))
            #expect(error.description.contains("bad.wav") && error.description.contains("'បី'"))
        }
        try "language = \"km\"\nvoice = 1\n[clips]\n".write(toFile: m, atomically: true, encoding: .utf8)
        #expect(throws: ClipSetError.self) { try ClipSet.load(manifest: m) }
    }
}

import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing
@testable import QuayControl

/// The NDJSON framing: `LineFramer` alone, and `LineFrameDecoder` (its NIO adapter) through NIO's
/// `ByteToMessageDecoderVerifier`, which feeds every input whole, byte by byte and in random chunks.
@Suite("Line framing")
struct LineFrameDecoderTests {
    private func line(_ s: String) -> Frame { .line(ByteBuffer(string: s)) }

    @Test("LineFrameDecoder passes ByteToMessageDecoderVerifier")
    func verifier() throws {
        let max = 16
        try ByteToMessageDecoderVerifier.verifyDecoder(
            stringInputOutputPairs: [
                ("{\"id\":1}\n", [line("{\"id\":1}")]),
                ("a\r\nb\n\n", [line("a"), line("b"), line("")]),
                ("\r\n", [line("")]),
                ("0123456789abcdef\n", [line("0123456789abcdef")]),
                ("0123456789abcdefX\nnext\n", [.tooLong, line("next")]),
                ("0123456789abcde\r\n", [line("0123456789abcde")]),
                ("0123456789abcdef\r\n", [.tooLong]),
                (String(repeating: "x", count: 100) + "\nok\n", [.tooLong, line("ok")]),
                (
                    String(repeating: "y", count: 40) + "\n" + String(repeating: "z", count: 40) + "\nok\n",
                    [.tooLong, .tooLong, line("ok")]
                ),
            ],
            decoderFactory: { LineFrameDecoder(maxLength: max) })
    }

    @Test("a truncated last line is dropped at EOF")
    func truncatedLast() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(LineFrameDecoder(maxLength: 64)))
        try channel.writeInbound(ByteBuffer(string: "done\npart"))
        #expect(try channel.readInbound(as: Frame.self) == line("done"))
        #expect(try channel.finish().isClean == true)
    }

    @Test("LineFramer buffers at most maxLength bytes and scans a long line once, whatever the chunking")
    func framerBounds() {
        var framer = LineFramer(maxLength: 8)
        var frames: [LineFramer.Frame] = []
        for _ in 0..<1000 {
            frames += framer.feed([UInt8](repeating: 0x41, count: 3))
            #expect(framer.bufferedCount <= 8)
        }
        frames += framer.feed(Array("\nhi\r\n".utf8))
        #expect(frames == [.tooLong, .line(Array("hi".utf8))])
        frames = framer.feed(Array("tail".utf8))
        framer.finish()
        #expect(frames.isEmpty && framer.bufferedCount == 0)
    }
}

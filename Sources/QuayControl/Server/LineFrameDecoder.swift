import NIOCore

/// One inbound frame of the NDJSON protocol.
public enum Frame: Sendable, Equatable {
    case line(ByteBuffer)
    /// A line exceeded the limit; its bytes were discarded.
    case tooLong
}

/// Splits a byte stream at "\n" (a trailing "\r" is dropped). Never buffers more than `maxLength` bytes of one
/// line: longer lines produce `.tooLong` once and are skipped up to their newline. The framing itself is
/// `LineFramer` (NIO-free, fuzzed); this adapts it to a NIO pipeline.
public struct LineFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = Frame
    public var maxLength: Int { framer.maxLength }
    private var framer: LineFramer

    public init(maxLength: Int) { framer = LineFramer(maxLength: maxLength) }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard buffer.readableBytes > 0 else { return .needMoreData }
        let frames = buffer.withUnsafeReadableBytes { framer.feed($0) }
        buffer.moveReaderIndex(to: buffer.writerIndex)
        for frame in frames {
            switch frame {
            case .line(let bytes): context.fireChannelRead(wrapInboundOut(.line(context.channel.allocator.buffer(bytes: bytes))))
            case .tooLong: context.fireChannelRead(wrapInboundOut(.tooLong))
            }
        }
        return .needMoreData
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        _ = try decode(context: context, buffer: &buffer)
        // A truncated last line (client closed mid-request) is dropped: there is nobody to answer.
        framer.finish()
        return .needMoreData
    }
}

import NIOCore

/// One inbound frame of the NDJSON protocol.
public enum Frame: Sendable, Equatable {
    case line(ByteBuffer)
    /// A line exceeded the limit; its bytes were discarded.
    case tooLong
}

/// Splits a byte stream at "\n" (a trailing "\r" is dropped). Never buffers more than `maxLength` bytes of one
/// line: longer lines produce `.tooLong` once and are skipped up to their newline.
public struct LineFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = Frame
    public let maxLength: Int
    private var discarding = false
    /// Bytes at the start of the buffer already searched for "\n": a long line arriving in many reads is
    /// scanned once, not once per read.
    private var scanned = 0

    public init(maxLength: Int) { self.maxLength = maxLength }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        if let nl = view[(view.startIndex + min(scanned, view.count))...].firstIndex(of: 0x0A) {
            scanned = 0
            let len = nl - buffer.readerIndex
            if discarding {
                buffer.moveReaderIndex(forwardBy: len + 1)
                discarding = false
                return .continue
            }
            guard var line = buffer.readSlice(length: len) else { return .needMoreData }
            buffer.moveReaderIndex(forwardBy: 1)
            if line.readableBytesView.last == 0x0D { line.moveWriterIndex(to: line.writerIndex - 1) }
            context.fireChannelRead(wrapInboundOut(len > maxLength ? .tooLong : .line(line)))
            return .continue
        }
        scanned = view.count
        if buffer.readableBytes > maxLength {
            if !discarding {
                discarding = true
                context.fireChannelRead(wrapInboundOut(.tooLong))
            }
            buffer.moveReaderIndex(to: buffer.writerIndex)
            scanned = 0
        }
        return .needMoreData
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        // A truncated last line (client closed mid-request) is dropped: there is nobody to answer.
        buffer.moveReaderIndex(to: buffer.writerIndex)
        scanned = 0
        return .needMoreData
    }
}

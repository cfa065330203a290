import NIOCore

/// Closes a hall connection that has not sent a complete HTTP request head within `timeout` of connecting
/// (idle sockets, slow-loris clients). Once a head is complete (an empty line after the request line and headers)
/// it stops watching: Hummingbird's idle timeout covers keep-alive connections between requests, and a WebSocket
/// page is kept alive and checked by pings.
final class HallRequestTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let timeout: TimeAmount
    private var timer: Scheduled<Void>?
    private var headComplete = false
    /// Bytes (other than "\r") on the current header line; a "\n" ending an empty line ends the head.
    private var lineLength = 0
    private var sawLine = false

    init(timeout: TimeAmount) { self.timeout = timeout }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { disarm() }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !headComplete {
            let bytes = unwrapInboundIn(data)
            for b in bytes.readableBytesView {
                switch b {
                case UInt8(ascii: "\n"):
                    if lineLength == 0 && sawLine { headComplete = true }
                    sawLine = true
                    lineLength = 0
                case UInt8(ascii: "\r"):
                    break
                default:
                    lineLength += 1
                }
                if headComplete { break }
            }
            if headComplete { disarm() }
        }
        context.fireChannelRead(data)
    }

    private func arm(_ context: ChannelHandlerContext) {
        guard timer == nil, !headComplete else { return }
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: timeout) {
            loopBound.value.close(promise: nil)
        }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }
}

import NIOCore

/// Closes a connection that has sent nothing for `timeout`. Added first in every control connection's pipeline
/// and removed when the connection turns into a `watch` stream (which legitimately never sends again).
final class IdleCloseHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    static let name = "quay-idle-close"

    let timeout: TimeAmount
    private var lastRead = NIODeadline.now()
    private var timer: Scheduled<Void>?

    init(timeout: TimeAmount) { self.timeout = timeout }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context, after: timeout) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if timer == nil { arm(context, after: timeout) }
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lastRead = .now()
        context.fireChannelRead(data)
    }

    private func arm(_ context: ChannelHandlerContext, after delay: TimeAmount) {
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: delay) {
            let (handler, context) = loopBound.value
            handler.fire(context)
        }
    }

    private func fire(_ context: ChannelHandlerContext) {
        let idle = NIODeadline.now() - lastRead
        if idle >= timeout {
            timer = nil
            context.close(promise: nil)
        } else {
            arm(context, after: timeout - idle)
        }
    }
}

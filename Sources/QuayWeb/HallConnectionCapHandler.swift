import NIOCore

/// First handler of every hall connection. An admitted connection holds one slot of the shared
/// `HallConnectionLimiter` (taken in `HallChildChannel.setup`) and gives it back when it closes; a refused one
/// is closed as soon as it is active and nothing it sends is processed.
final class HallConnectionCapHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let limiter: HallConnectionLimiter
    private var holdsSlot: Bool
    private let admitted: Bool

    init(limiter: HallConnectionLimiter, admitted: Bool) {
        self.limiter = limiter
        self.admitted = admitted
        self.holdsSlot = admitted
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if !admitted && context.channel.isActive { context.close(promise: nil) }
    }

    func channelActive(context: ChannelHandlerContext) {
        guard admitted else {
            context.close(promise: nil)
            return
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        releaseSlot()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { releaseSlot() }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if admitted { context.fireChannelRead(data) }
    }

    private func releaseSlot() {
        if holdsSlot {
            holdsSlot = false
            limiter.release()
        }
    }
}

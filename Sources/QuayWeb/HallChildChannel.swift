import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// The hall server's child channel: Hummingbird's HTTP1 + WebSocket upgrade channel behind two guards at the
/// head of the pipeline, the connection cap and the request-head timeout.
///
/// The cap is decided once per connection in `setup` (on the connection's event loop): a refused connection gets
/// only a handler that closes it and is never handed to Hummingbird (which would log a failed upgrade for each:
/// a connect flood would flood the log). Setup itself never fails: a failed child setup would end the accept loop.
struct HallChildChannel<Base: ServerChildChannel>: ServerChildChannel {
    struct Value: ServerChildChannelValue {
        /// nil: refused by the cap.
        let base: Base.Value?
        let channel: any Channel
    }

    let base: Base
    let limiter: HallConnectionLimiter
    let requestTimeout: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let admitted = limiter.acquire()
        let requestTimeout = self.requestTimeout
        let added = channel.eventLoop.makeCompletedFuture {
            do {
                try channel.pipeline.syncOperations.addHandler(HallConnectionCapHandler(limiter: limiter, admitted: admitted))
            } catch {
                if admitted { limiter.release() }  // the handler that would give the slot back is not there
                throw error
            }
            if admitted { try channel.pipeline.syncOperations.addHandler(HallRequestTimeoutHandler(timeout: requestTimeout)) }
        }
        guard admitted else {
            return added.map { Value(base: nil, channel: channel) }.recover { _ in Value(base: nil, channel: channel) }
        }
        let base = self.base
        return added.flatMap {
            base.setup(channel: channel, logger: logger).map { Value(base: $0, channel: channel) }
        }
    }

    func handle(value: Value, logger: Logger) async {
        guard let inner = value.base else { return }
        await base.handle(value: inner, logger: logger)
    }
}

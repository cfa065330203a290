import Hummingbird
import HummingbirdWebSocket

/// A set of pages and endpoints served beside the hall display on the same port (the kiosk screen, …), each in
/// its own file; `HallServer` registers every group it is given.
public protocol WebRouteGroup: Sendable {
    func register(on router: Router<BasicWebSocketRequestContext>)
}

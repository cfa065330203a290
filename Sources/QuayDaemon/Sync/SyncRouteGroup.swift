import Hummingbird
import HummingbirdWebSocket
import QuaySync
import QuayWeb

/// Mounts the `/sync/v1/` routes on quayd's web server beside the hall and kiosk pages.
struct SyncRouteGroup: WebRouteGroup {
    let server: SyncServer

    func register(on router: Router<BasicWebSocketRequestContext>) { server.register(on: router) }
}

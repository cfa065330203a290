import Foundation
import Logging
import QuayControl
import QuayCore
import QuayDevices
import QuayStore
import QuaySystem
import ServiceLifecycle
import UnixSignals

/// How `quayd run` was started.
public struct RunOptions: Sendable {
    public var configFile: String?
    public var demo = false
    public var demoTraffic = true
    public var socketPath: String?
    public var stateDir: String?
    public init() {}
}

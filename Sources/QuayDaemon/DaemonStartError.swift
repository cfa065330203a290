import Foundation
import Logging
import QuayControl
import QuayCore
import QuayDevices
import QuayStore
import QuaySystem
import ServiceLifecycle
import UnixSignals

public enum DaemonStartError: Error, CustomStringConvertible {
    case config(ConfigError)
    case stateDir(String, String)
    case other(String)
    public var description: String {
        switch self {
        case .config(let e): "\(e)"
        case .stateDir(let d, let why): "cannot create state directory \(d): \(why)"
        case .other(let s): s
        }
    }
}

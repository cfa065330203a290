import Foundation
import Logging
import QuaySystem

/// Builds the voice station when `[voice] enabled = true`: scratch files for engine renders and aplay go to
/// `<state dir>/voice` (0700), the spool directory is created when configured.
enum VoiceWiring {
    static func station(state: DaemonState, logger: Logger) -> VoiceStation? {
        let config = state.config
        guard config.voice.enabled else { return nil }
        let scratch = (config.stateDir as NSString).appendingPathComponent("voice")
        do { try PrivateFile.makeDirectory(scratch, mode: 0o700) } catch {
            logger.error("voice scratch directory unavailable; quayd runs without voice", metadata: ["error": "\(error)"])
            return nil
        }
        if let spool = config.voice.spoolDir {
            do { try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true) } catch {
                logger.error("voice spool directory unavailable", metadata: ["path": "\(spool)", "error": "\(error)"])
            }
        }
        return VoiceStation(config: config.voice, scratchDir: scratch, registry: state.registry, logger: logger)
    }
}

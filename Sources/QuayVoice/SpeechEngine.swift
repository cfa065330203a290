import QuayCore

/// Renders one unit of speech. Blocking (child processes, files): called only on the renderer's own thread.
public protocol SpeechEngine: Sendable {
    var name: String { get }
    func render(_ text: String, _ lang: Language) throws(VoiceError) -> PCMAudio
}

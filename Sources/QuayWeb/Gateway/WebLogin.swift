/// The answer to a sign-in on the web pages. A wrong password, an unknown or disabled name all get `.refused`
/// (no hint which); `.locked` says until when (epoch seconds) after too many failures in a row.
public enum WebLogin: Sendable, Equatable {
    case ok(WebPrincipal)
    case refused
    case locked(until: Double)
}

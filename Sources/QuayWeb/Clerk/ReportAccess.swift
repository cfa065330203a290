/// How `/report` is made and who may open it without signing in (ReportRoute).
public struct ReportAccess: Sendable {
    /// The page or a download for the query parameters, as `principal` (a signed-in technician or admin).
    public var render: @Sendable ([String: String], WebPrincipal) async -> ReportPageReply
    /// Serve the page without sign-in while no technician or admin web account exists (quayd sets it only when the
    /// web server listens on loopback: nobody else can reach it then).
    public var openWithoutAccounts: Bool
    /// Longest a report may take (a year's report with its PDF is well under a second).
    public var timeout: Duration

    public init(
        render: @escaping @Sendable ([String: String], WebPrincipal) async -> ReportPageReply, openWithoutAccounts: Bool,
        timeout: Duration = .seconds(20)
    ) {
        (self.render, self.openWithoutAccounts, self.timeout) = (render, openWithoutAccounts, timeout)
    }
}

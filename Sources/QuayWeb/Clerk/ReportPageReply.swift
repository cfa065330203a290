/// What the daemon answers for `/report` (ReportRoute): the page or a file, or an error text.
public struct ReportPageReply: Sendable {
    public var status: Int
    public var contentType: String
    /// A download's file name (Content-Disposition: attachment); nil for the page itself.
    public var filename: String?
    public var body: [UInt8]

    public init(status: Int, contentType: String, filename: String? = nil, body: [UInt8]) {
        (self.status, self.contentType, self.filename, self.body) = (status, contentType, filename, body)
    }
}

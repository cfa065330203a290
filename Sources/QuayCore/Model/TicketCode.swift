/// The text in a ticket's QR code: `QUAY1|<ticket id>|<number>|<check>`. A scanner at a counter reads it to
/// recall or transfer the ticket; the check (FNV-1a 32 of the rest, 8 hex digits) rejects misreads and
/// hand-made codes. Parsing never trusts the input.
public struct TicketCode: Sendable, Equatable {
    public var ticketID: String
    public var number: String

    public init(ticketID: String, number: String) {
        self.ticketID = ticketID
        self.number = number
    }

    public var text: String {
        let body = "QUAY1|\(ticketID)|\(number)"
        return body + "|" + Self.check(body)
    }

    public enum ParseError: Error, Sendable, Equatable {
        case notATicketCode
        case badCheck
    }

    public static func parse(_ raw: String) throws(ParseError) -> TicketCode {
        let s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = s.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == "QUAY1", !parts[1].isEmpty, !parts[2].isEmpty, parts[1].count <= 64, parts[2].count <= 16 else {
            throw .notATicketCode
        }
        let body = parts[0...2].joined(separator: "|")
        guard parts[3].lowercased() == check(body) else { throw .badCheck }
        return TicketCode(ticketID: parts[1], number: parts[2])
    }

    static func check(_ s: String) -> String {
        var h: UInt32 = 0x811C_9DC5
        for b in s.utf8 {
            h ^= UInt32(b)
            h = h &* 0x0100_0193
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}

import Foundation

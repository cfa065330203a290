/// Every way a dossier operation can be refused. `code` is a stable wire code for the control protocol.
public enum DossierError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidTransition(dossier: String, from: DossierStatus, to: DossierStatus)
    case invalidReceiptCode(ReceiptCodeError)
    case invalidDate(String)
    case missingField(String)
    case invalidArgument(String)
    case unknownDossier(String)
    case duplicateReceiptCode(String)

    public var code: String {
        switch self {
        case .invalidTransition: "invalid-transition"
        case .invalidReceiptCode: "invalid-receipt-code"
        case .invalidDate: "invalid-date"
        case .missingField: "missing-field"
        case .invalidArgument: "invalid-argument"
        case .unknownDossier: "unknown-dossier"
        case .duplicateReceiptCode: "duplicate-receipt-code"
        }
    }

    public var description: String {
        switch self {
        case .invalidTransition(let d, let f, let t): "dossier \(d) is \(f.rawValue): cannot become \(t.rawValue)"
        case .invalidReceiptCode(let e): "invalid receipt code: \(e)"
        case .invalidDate(let s): "invalid date '\(s)'"
        case .missingField(let f): "missing \(f)"
        case .invalidArgument(let m): m
        case .unknownDossier(let k): "no dossier '\(k)'"
        case .duplicateReceiptCode(let c): "receipt code \(c) already exists"
        }
    }
}

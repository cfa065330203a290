// libFuzzer target: what quayd parses from scans and files, on arbitrary input: scanned codes (ScanPayload.classify
// with the CCCD chip-ID QR, ticket QR and receipt codes), receipt-code normalisation and masking, and the dossier
// CSV importer with the built-in mapping (and the raw CSV reader with a small record limit).
// Built by scripts/fuzz.sh with Sources/QuayCore. Fails (abort) on a crash, a broken bound and any single call
// slower than 50 ms of CPU.
import Foundation

private let check = FuzzTiming.check
private let require = FuzzTiming.require

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if FuzzTiming.installExitReport() { _ = ScanPayload.classify("warm-up") }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)

    var t = FuzzTiming.cpuNanos()
    if size <= 4096 {  // a scanner line is at most 4 KiB (ScanLineDecoder's limit)
        _ = ScanPayload.classify(text)
        _ = try? CCCDCard.parse(text)
        _ = try? TicketCode.parse(text)
        if let code = try? ReceiptCode.parseScan(text) {
            _ = ReceiptCode.mask(code, citizenName: text)
        }
        _ = try? ReceiptCode.normalize(text)
        _ = ReceiptCode.initials(text)
        check("scan parsers", FuzzTiming.cpuNanos() - t, size)
    }

    t = FuzzTiming.cpuNanos()
    let mapping = DossierSampleData.mapping  // what [dossiers] uses unless a center maps its own columns
    let result = DossierImporter.importCSV(bytes, mapping: mapping, site: SiteID(rawValue: "fuzz")!, firstSeq: 1)
    require(result.dossiers.count <= result.rowsRead, "\(result.dossiers.count) dossiers from \(result.rowsRead) rows")
    check("DossierImporter", FuzzTiming.cpuNanos() - t, size)

    t = FuzzTiming.cpuNanos()
    var reader = CSVReader(maxRecordBytes: 256)
    var records = 0
    reader.feed(bytes) { _ in records += 1 }
    reader.finish { _ in records += 1 }
    check("CSVReader", FuzzTiming.cpuNanos() - t, size)
    return 0
}

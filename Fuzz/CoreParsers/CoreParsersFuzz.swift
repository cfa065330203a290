// libFuzzer target: what quayd parses from scans and files, on arbitrary input: scanned codes (ScanPayload.classify
// with the CCCD chip-ID QR, ticket QR and receipt codes), receipt-code normalisation and masking, and the dossier
// CSV importer with the built-in mapping (and the raw CSV reader with a small record limit).
// Built by scripts/fuzz.sh with Sources/QuayCore. Fails (abort) on a crash, a broken bound and any single call
// slower than 50 ms of CPU.
import Foundation

nonisolated(unsafe) private var slowestNanos: UInt64 = 0
nonisolated(unsafe) private var reportInstalled = false

private func check(_ what: String, _ nanos: UInt64, _ size: Int) {
    if nanos > slowestNanos { slowestNanos = nanos }
    if nanos > FuzzTiming.limitNanos {
        FuzzTiming.report("FUZZ-SLOW \(what) took \(nanos / 1_000_000) ms on a \(size)-byte input (limit 50 ms)\n")
        abort()
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if !reportInstalled {
        reportInstalled = true
        atexit { FuzzTiming.reportSlowest(slowestNanos) }
        _ = ScanPayload.classify("warm-up")
    }
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
    if result.dossiers.count > result.rowsRead {
        FuzzTiming.report("FUZZ-INVARIANT \(result.dossiers.count) dossiers from \(result.rowsRead) rows\n")
        abort()
    }
    check("DossierImporter", FuzzTiming.cpuNanos() - t, size)

    t = FuzzTiming.cpuNanos()
    var reader = CSVReader(maxRecordBytes: 256)
    var records = 0
    reader.feed(bytes) { _ in records += 1 }
    reader.finish { _ in records += 1 }
    check("CSVReader", FuzzTiming.cpuNanos() - t, size)
    return 0
}

import Testing
@testable import QuayCore

@Suite("Dossier receipt codes")
struct DossierReceiptCodeTests {
    @Test(arguments: [
        ("  h56.22-261125-0001\t", "H56.22-261125-0001"),
        ("000.00.12.H56-261125-0001", "000.00.12.H56-261125-0001"),
        ("bn2026/00042", "BN2026/00042"),
        ("ABCDE", "ABCDE"),
        ("a_b:c-d.e/f", "A_B:C-D.E/F"),
    ])
    func normalises(raw: String, expected: String) throws {
        #expect(try ReceiptCode.normalize(raw) == expected)
    }

    @Test func refusesGarbage() {
        #expect(throws: ReceiptCodeError.empty) { try ReceiptCode.normalize(" \t ") }
        #expect(throws: ReceiptCodeError.tooShort(length: 4, minimum: 5)) { try ReceiptCode.normalize("ab12") }
        #expect(throws: ReceiptCodeError.tooLong(length: 65, maximum: 64)) { try ReceiptCode.normalize(String(repeating: "A", count: 65)) }
        #expect(throws: ReceiptCodeError.invalidCharacter(" ", offset: 3)) { try ReceiptCode.normalize("ABC DEF") }
        #expect(throws: ReceiptCodeError.controlCharacter(offset: 3)) { try ReceiptCode.normalize("ABC\u{1D}DEF") }
        #expect(throws: ReceiptCodeError.controlCharacter(offset: 2)) { try ReceiptCode.normalize("AB\u{0}CDEF") }
        #expect(throws: ReceiptCodeError.controlCharacter(offset: 1)) { try ReceiptCode.normalize("A\u{200B}BCDEF") }
        #expect(throws: ReceiptCodeError.invalidCharacter("Đ", offset: 0)) { try ReceiptCode.normalize("Đ12345") }
        #expect(throws: ReceiptCodeError.invalidCharacter("'", offset: 5)) { try ReceiptCode.normalize("ABCDE' OR 1=1") }
    }

    @Test(arguments: [
        ("]Q1H56.22-261125-0001\r\n", "H56.22-261125-0001"),
        ("]C0bn2026/00042\r", "BN2026/00042"),
        ("]d2ABCDE123\n", "ABCDE123"),
        ("\u{2}ABCDE123\u{3}", "ABCDE123"),
        ("ABCDE123", "ABCDE123"),
        ("]E0 00012345 \r\n", "00012345"),
    ])
    func parsesScannerOutput(raw: String, expected: String) throws {
        #expect(try ReceiptCode.parseScan(raw) == expected)
    }

    @Test func scanStillRefusesGarbage() {
        #expect(throws: ReceiptCodeError.self) { try ReceiptCode.parseScan("]Q1\r\n") }
        #expect(throws: ReceiptCodeError.self) { try ReceiptCode.parseScan("]Q1ABC\u{1B}[2JDEF\r\n") }
    }

    @Test(arguments: [
        ("Nguyễn Văn Ánh", "N.V.A"),
        ("nguyễn văn ánh", "N.V.A"),
        ("Đặng Thị Ngọc Ước", "Đ.T.N.U"),
        ("đỗ  hữu   ích", "Đ.H.I"),
        ("Trần", "T"),
        ("  Ông Ích Khiêm  ", "O.I.K"),
        ("Lê Thị Ẩn Ơn Ữ", "L.T.A.O"),
        ("", ""),
    ])
    func vietnameseInitials(name: String, expected: String) {
        #expect(ReceiptCode.initials(name) == expected)
    }

    @Test func decomposedNameGivesSameInitials() {
        let nfd = "Nguye\u{302}\u{303}n Va\u{306}n A\u{301}nh"
        #expect(ReceiptCode.initials(nfd) == "N.V.A")
    }

    @Test func masking() {
        #expect(ReceiptCode.mask("H56.22-261125-1234", citizenName: "Nguyễn Văn Ánh") == "•••• 1234 N.V.A")
        #expect(ReceiptCode.mask("BN2026/0042-X", citizenName: "Đặng Thị Ngọc") == "•••• 042X Đ.T.N")
        #expect(ReceiptCode.mask("ABCDE", citizenName: "") == "•••• BCDE")
    }

    @Test func phoneNumbers() {
        #expect(PhoneNumber.normalize("0912 345 678") == "0912345678")
        #expect(PhoneNumber.normalize("+84 912.345.678") == "0912345678")
        #expect(PhoneNumber.normalize("84912345678") == "0912345678")
        #expect(PhoneNumber.normalize("(024) 3825-1234") == "02438251234")
        #expect(PhoneNumber.normalize("912345678") == nil)
        #expect(PhoneNumber.normalize("+1 555 0100") == nil)
        #expect(PhoneNumber.normalize("09123x5678") == nil)
    }
}

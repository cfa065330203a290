import Testing
@testable import QuayDevices

@Suite("ASCII folding for ASCII-only signs")
struct ASCIIFoldingTests {
    @Test(
        "Vietnamese loses its marks, keeps its letters; đ becomes d",
        arguments: [
            ("Mời số A015 đến quầy 3", "Moi so A015 den quay 3"),
            ("ĐĂNG KÝ HỘ TỊCH", "DANG KY HO TICH"),
            ("Người dân chờ: 12", "Nguoi dan cho: 12"),
            ("Quầy\tsố 5\n", "Quay so 5 "),
        ])
    func vietnamese(input: String, expected: String) {
        #expect(ASCIIFolding.fold(input) == expected)
    }

    @Test("Khmer becomes one replacement per run; printable ASCII only")
    func khmer() {
        #expect(ASCIIFolding.fold("A015 សូមអញ្ជើញ 3") == "A015 ? 3")
        #expect(ASCIIFolding.fold("A015 សូមអញ្ជើញ", replacement: "") == "A015 ")
        let out = ASCIIFolding.fold("x\u{01}\u{04}y😀")
        #expect(out.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F })
    }
}

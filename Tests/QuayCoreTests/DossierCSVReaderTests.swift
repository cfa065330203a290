import Testing
@testable import QuayCore

@Suite("Dossier CSV reader")
struct DossierCSVReaderTests {
    func rows(_ s: String, delimiter: Character = ",") -> [[String]] {
        CSVReader.parse(s, delimiter: delimiter.asciiValue!).map(\.fields)
    }

    @Test func plainFieldsLFAndCRLF() {
        #expect(rows("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(rows("a,b,c\r\n1,2,3\r\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(rows("a,b\r1,2") == [["a", "b"], ["1", "2"]])
        #expect(rows("a,b\n1,2") == [["a", "b"], ["1", "2"]])
    }

    @Test func emptyFieldsAndEmptyLines() {
        #expect(rows(",,\n") == [["", "", ""]])
        #expect(rows("a\n\n\r\n\nb\n") == [["a"], ["b"]])
        #expect(rows("a,\n,b\n") == [["a", ""], ["", "b"]])
        #expect(rows("") == [])
        #expect(rows("\"\"\n") == [[""]])
    }

    @Test func quotedFields() {
        #expect(rows("\"a,b\",c\n") == [["a,b", "c"]])
        #expect(rows("\"say \"\"hi\"\"\",x\n") == [["say \"hi\"", "x"]])
        #expect(rows("\"\"\"\"\n") == [["\""]])
        #expect(rows("\"line1\nline2\",x\r\n\"crlf\r\ninside\",y\r\n") == [["line1\nline2", "x"], ["crlf\r\ninside", "y"]])
        #expect(rows("x,\"\"\n") == [["x", ""]])
    }

    @Test func vietnameseText() {
        #expect(
            rows("Họ tên,Trạng thái\nNguyễn Văn Ánh,\"Đang xử lý\"\n") == [["Họ tên", "Trạng thái"], ["Nguyễn Văn Ánh", "Đang xử lý"]])
    }

    @Test func byteOrderMarkIsSkippedOnlyAtStart() {
        #expect(rows("\u{FEFF}a,b\n1,2\n") == [["a", "b"], ["1", "2"]])
        #expect(rows("a,\u{FEFF}b\n") == [["a", "\u{FEFF}b"]])
    }

    @Test func semicolonAndTab() {
        #expect(rows("a;b,c\n", delimiter: ";") == [["a", "b,c"]])
        #expect(rows("a\tb\n", delimiter: "\t") == [["a", "b"]])
    }

    @Test func lenientQuotes() {
        let r = CSVReader.parse("5\" screen,x\n\"ab\"c,d\nok,1\n")
        #expect(r.map(\.fields) == [["5\" screen", "x"], ["abc", "d"], ["ok", "1"]])
        #expect(r.map(\.issue) == [nil, .textAfterClosingQuote(field: 0), nil])
    }

    @Test func unterminatedQuoteIsReportedAtEnd() {
        let r = CSVReader.parse("a,b\n\"never closed,c\nd\n")
        #expect(r.count == 2)
        #expect(r[1].issue == .unterminatedQuote)
        #expect(r[1].fields == ["never closed,c\nd\n"])
    }

    @Test func lineNumbersCountPhysicalLines() {
        let r = CSVReader.parse("h1,h2\r\n\r\n\"multi\r\nline\",x\r\nnext,y\nlast,z")
        #expect(r.map(\.line) == [1, 3, 5, 6])
        #expect(r.map(\.index) == [0, 1, 2, 3])
    }

    /// Every split point of a document must give the same records (CRLF, "" and BOM across chunks).
    @Test func chunkBoundariesDoNotMatter() {
        let doc = Array("\u{FEFF}a,\"b\"\"c\"\r\n\"x\r\ny\",z\r\n\r\nlast,\"\"\r\n".utf8)
        let whole = CSVReader.parse(String(decoding: doc, as: UTF8.self))
        for cut in 0...doc.count {
            var r = CSVReader()
            var got: [CSVRecord] = []
            r.feed(Array(doc[..<cut])) { got.append($0) }
            r.feed(Array(doc[cut...])) { got.append($0) }
            r.finish { got.append($0) }
            #expect(got == whole, "cut at \(cut)")
        }
        var bytewise = CSVReader()
        var got: [CSVRecord] = []
        for b in doc { bytewise.feed([b]) { got.append($0) } }
        bytewise.finish { got.append($0) }
        #expect(got == whole)
        #expect(whole.map(\.fields) == [["a", "b\"c"], ["x\r\ny", "z"], ["last", ""]])
    }

    @Test func recordLimit() {
        var r = CSVReader(maxRecordBytes: 8)
        var got: [CSVRecord] = []
        r.feed(Array("0123456789abc,x\nok\n".utf8)) { got.append($0) }
        r.finish { got.append($0) }
        #expect(got.count == 2)
        #expect(got[0].issue == .recordTooLong(limit: 8))
        #expect(got[1].fields == ["ok"] && got[1].issue == nil)
    }

    @Test func invalidUTF8IsDetectable() {
        var r = CSVReader()
        var got: [CSVRecord] = []
        r.feed([0x61, 0x2C, 0xC3, 0x28, 0x0A]) { got.append($0) }
        #expect(got[0].validField(0) == "a")
        #expect(got[0].validField(1) == nil)
        #expect(got[0].field(1) == "\u{FFFD}(")
    }

    @Test func writerEscapes() {
        #expect(CSVWriter.escape("plain") == "plain")
        #expect(CSVWriter.escape("a,b") == "\"a,b\"")
        #expect(CSVWriter.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.escape("x\ny") == "\"x\ny\"")
        let line = CSVWriter.line(["a,b", "\"q\"", "Đà Nẵng"])
        #expect(rows(line) == [["a,b", "\"q\"", "Đà Nẵng"]])
    }
}

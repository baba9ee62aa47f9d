import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaDocuments

/// What we write is opened by other programs: python-docx and openpyxl (installed by
/// .ci/run) read it back; LibreOffice, where installed, converts it to PDF.
@Suite struct DocumentsTests {

    static func stateDocument() -> OfficialDocument {
        let heading = DocumentHeading(
            style: .state, superiorBody: DocumentFormat.superiorBody("Ủy ban nhân dân tỉnh Kon Tum", style: .state, province: "Kon Tum"),
            issuingBody: "SỞ LAO ĐỘNG, THƯƠNG BINH VÀ XÃ HỘI",
            number: DocumentNumber(sequence: 5, type: .proposal, issuer: "SLĐTBXH").text(.state),
            placeAndDate: DocumentFormat.placeAndDate(province: "Tỉnh Kon Tum", date: LocalDate("2026-01-05")!))
        return OfficialDocument(
            heading: heading, title: "TỜ TRÌNH", summary: "Về việc đề nghị tặng Cờ thi đua của UBND tỉnh",
            blocks: [.dashed(["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", "Căn cứ Nghị định số 152/2025/NĐ-CP"]),
                     .heading("I. Kết quả"), .paragraph("Khối thi đua đã tổ chức bình xét & suy tôn <đúng> quy định."),
                     .numbered(["Sở Y tế", "Sở Nội vụ"]),
                     .table(DocumentTable(headers: ["TT", "Đơn vị", "Điểm"], rows: [["1", "Sở Y tế", "98,50"], ["", "Tổng", "98,50"]],
                                          widths: [1, 6, 2], boldRows: [1], numericColumns: [2]))],
            signatures: [Signature(authority: heading.forHeadPrefix + " GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC", name: "Nguyễn Văn An")],
            recipients: ["UBND tỉnh", "Sở Nội vụ", "Lưu: VT"])
    }

    static func partyDocument() -> OfficialDocument {
        let heading = DocumentHeading(
            style: .party, superiorBody: DocumentFormat.superiorBody(nil, style: .party, province: "Lạng Sơn"),
            issuingBody: "CỤM THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH",
            number: DocumentNumber(sequence: 24, type: .report, issuer: "BTCTU").text(.party),
            placeAndDate: DocumentFormat.placeAndDate(province: "Lạng Sơn", date: LocalDate("2020-02-14")!))
        return OfficialDocument(heading: heading, title: "GIAO ƯỚC THI ĐUA", summary: "Năm 2020",
                                blocks: [.paragraph("Các đơn vị thống nhất giao ước.")],
                                signatures: (1...3).map { Signature(title: "TRƯỞNG BAN", name: "Người \($0)", unit: "ĐƠN VỊ \($0)") },
                                recipients: ["Ban Thi đua - Khen thưởng tỉnh"])
    }

    @Test func stateDocxOpensInPythonDocxWithTheDecree30Header() throws {
        let file = try temporaryFile("docx", try DocxWriter.write(Self.stateDocument()))
        let report = try python("""
            import docx, sys
            from docx.shared import Mm
            d = docx.Document(sys.argv[1])
            s = d.sections[0]
            assert round(s.page_width.mm) == 210 and round(s.page_height.mm) == 297, (s.page_width.mm, s.page_height.mm)
            assert round(s.left_margin.mm) == 30 and round(s.right_margin.mm) == 15 and round(s.top_margin.mm) == 20, s.left_margin.mm
            head = d.tables[0]
            left = [p.text for p in head.cell(0, 0).paragraphs]
            right = [p.text for p in head.cell(0, 1).paragraphs]
            assert left[0] == "ỦY BAN NHÂN DÂN TỈNH KON TUM", left
            assert left[1] == "SỞ LAO ĐỘNG, THƯƠNG BINH VÀ XÃ HỘI" and head.cell(0, 0).paragraphs[1].runs[0].bold, left
            assert "Số: 05/TTr-SLĐTBXH" in left, left
            assert right[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", right
            assert right[1] == "Độc lập - Tự do - Hạnh phúc" and head.cell(0, 1).paragraphs[1].runs[0].underline, right
            assert right[2] == "Kon Tum, ngày 05 tháng 01 năm 2026" and head.cell(0, 1).paragraphs[2].runs[0].italic, right
            texts = [p.text for p in d.paragraphs]
            assert "TỜ TRÌNH" in texts and "Khối thi đua đã tổ chức bình xét & suy tôn <đúng> quy định." in texts, texts
            numbered = [p for p in d.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
            assert [p.text for p in numbered] == ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", "Căn cứ Nghị định số 152/2025/NĐ-CP", "Sở Y tế", "Sở Nội vụ"], [p.text for p in numbered]
            grid = d.tables[1]
            assert [c.text for c in grid.rows[0].cells] == ["TT", "Đơn vị", "Điểm"]
            assert grid.cell(2, 1).text == "Tổng" and grid.cell(2, 1).paragraphs[0].runs[0].bold
            closing = d.tables[2]
            assert closing.cell(0, 0).paragraphs[0].text == "Nơi nhận:", closing.cell(0, 0).text
            assert closing.cell(0, 0).paragraphs[-1].text == "- Lưu: VT."
            sign = [p.text for p in closing.cell(0, 1).paragraphs]
            assert sign[0] == "KT. GIÁM ĐỐC" and sign[-1] == "Nguyễn Văn An", sign
            fonts = {r.font.name for p in d.paragraphs for r in p.runs}
            for t in d.tables:
                for row in t.rows:
                    for c in row.cells:
                        fonts |= {r.font.name for p in c.paragraphs for r in p.runs}
            assert fonts == {"Times New Roman"}, fonts
            sizes = {r.font.size.pt for p in d.paragraphs for r in p.runs if r.font.size}
            assert 14.0 in sizes, sizes
            assert s.different_first_page_header_footer and "PAGE" in s.header._element.xml
            print("ok")
            """, file)
        #expect(report == "ok")
    }

    @Test func partyDocxCarriesThePartyHeadingAndNumber() throws {
        let file = try temporaryFile("docx", try DocxWriter.write(Self.partyDocument()))
        let report = try python("""
            import docx, sys
            d = docx.Document(sys.argv[1])
            head = d.tables[0]
            left = [p.text for p in head.cell(0, 0).paragraphs]
            right = [p.text for p in head.cell(0, 1).paragraphs]
            assert left == ["TỈNH ỦY LẠNG SƠN", "CỤM THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH", "*", "Số 24-BC/BTCTU"], left
            assert right == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Lạng Sơn, ngày 14 tháng 02 năm 2020"], right
            assert head.cell(0, 1).paragraphs[0].runs[0].font.size.pt == 15
            all_text = "\\n".join(p.text for p in d.paragraphs)
            assert "CỘNG HÒA" not in all_text and "Độc lập" not in all_text
            signers = d.tables[1]
            assert len(signers.rows) == 2 and signers.cell(1, 0).paragraphs[0].text == "ĐƠN VỊ 3", [c.text for c in signers.rows[1].cells]
            assert d.paragraphs[-2].text == "Nơi nhận:" and d.paragraphs[-1].text == "- Ban Thi đua - Khen thưởng tỉnh."
            print("ok")
            """, file)
        #expect(report == "ok")
    }

    @Test func sameDocumentGivesTheSameBytes() throws {
        #expect(try DocxWriter.write(Self.stateDocument()) == DocxWriter.write(Self.stateDocument()))
    }

    static func rankingWorkbook() -> Workbook {
        Workbook(sheets: [Worksheet(
            name: "Xếp hạng: 2020/?",
            columnWidths: [6, 40, 12, 10],
            rows: [
                [.text("BẢNG TỔNG HỢP ĐIỂM VÀ XẾP HẠNG NĂM 2020", .title)],
                [.text("TT", .header), .text("Đơn vị", .header), .text("Điểm", .header), .text("Hạng", .header)],
                [.text("", .header), .text("", .header), .text("Tổng", .header), .text("", .header)],
                [.number(1, .integer), .text("Ủy ban Kiểm tra Tỉnh ủy"), .number(98.5), .number(1, .integer)],
                [.number(2, .integer), .text("Báo Lạng Sơn"), .number(97.25), .number(2, .integer)],
                [.empty, .text("Tổng cộng", .boldCell), .number(195.75, .boldDecimal), .empty],
            ],
            merges: [CellRange(reference: "A1:D1")!, CellRange(reference: "A2:A3")!, CellRange(reference: "B2:B3")!]),
        ])
    }

    @Test func xlsxOpensInOpenpyxlWithMergesWidthsAndStyles() throws {
        let file = try temporaryFile("xlsx", try XlsxWriter.write(Self.rankingWorkbook()))
        let report = try python("""
            import openpyxl, sys
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.worksheets[0]
            assert ws.title == "Xếp hạng 2020", ws.title
            assert ws["A1"].value == "BẢNG TỔNG HỢP ĐIỂM VÀ XẾP HẠNG NĂM 2020" and ws["A1"].font.b and ws["A1"].font.sz == 14
            assert sorted(str(r) for r in ws.merged_cells.ranges) == ["A1:D1", "A2:A3", "B2:B3"], ws.merged_cells.ranges
            assert ws.column_dimensions["B"].width == 40
            assert ws["B2"].font.b and ws["B2"].border.left.style == "thin"
            assert ws["C4"].value == 98.5 and ws["C4"].number_format == "0.00"
            assert ws["C6"].value == 195.75 and ws["B6"].font.b
            assert ws["B5"].value == "Báo Lạng Sơn" and ws["B5"].font.name == "Times New Roman"
            print("ok")
            """, file)
        #expect(report == "ok")
    }

    @Test func xlsxReaderReadsBackWhatTheWriterWrote() throws {
        let sheets = try XlsxReader.read(try XlsxWriter.write(Self.rankingWorkbook()))
        #expect(sheets.count == 1)
        let rows = sheets[0].rows
        #expect(rows[0][0] == ReadCell(kind: .text, raw: "BẢNG TỔNG HỢP ĐIỂM VÀ XẾP HẠNG NĂM 2020", formula: false))
        #expect(rows[3].map(\.raw) == ["1", "Ủy ban Kiểm tra Tỉnh ủy", "98.5", "1"])
        #expect(rows[5][0] == .empty && rows[5][2].raw == "195.75")
        #expect(Set(sheets[0].merges.map(\.reference)) == ["A1:D1", "A2:A3", "B2:B3"])
    }

    /// A sheet part above libxml2's 10 MB lookup limit (openpyxl writes 100 000 people as
    /// a 50 MB part of inline strings) is read like a small one.
    @Test func xlsxReaderReadsASheetPartAboveTenMegabytes() throws {
        // Setup: a workbook whose sheet is replaced by 11 MB of inline-string rows.
        let small = try XlsxWriter.write(Workbook(sheets: [Worksheet(name: "Cán bộ", rows: [[.text("x")]])]))
        var parts = try OfficeZip.read(small, limit: 100_000_000)
        let rows = 50_000
        var xml = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        xml.reserveCapacity(rows * 300)
        for row in 1...rows {
            xml += "<row r=\"\(row)\"><c r=\"A\(row)\" t=\"inlineStr\"><is><t>Nguy&#7877;n V&#259;n An \(row)</t></is></c>"
                + "<c r=\"B\(row)\" t=\"inlineStr\"><is><t>Ban T&#7893; ch&#7913;c T&#7881;nh &#7911;y</t></is></c><c r=\"C\(row)\"><v>\(1960 + row % 40)</v></c></row>"
        }
        xml += "</sheetData></worksheet>"
        #expect(xml.utf8.count > 10_000_000)
        parts["xl/worksheets/sheet1.xml"] = Data(xml.utf8)
        let file = try OfficeZip.write(parts.map { (path: $0.key, xml: String(decoding: $0.value, as: UTF8.self)) })

        // Act
        let sheet = try #require(try XlsxReader.read(file).first)

        // Check
        #expect(sheet.rows.count == rows)
        #expect(sheet.rows[rows - 1].map(\.raw) == ["Nguyễn Văn An \(rows)", "Ban Tổ chức Tỉnh ủy", String(1960 + rows % 40)])
    }

    @Test func xlsxReaderReadsAFileWrittenByOpenpyxl() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("office.xlsx").path
        _ = try python("""
            import openpyxl, sys, datetime
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "Đơn vị"
            ws.append(["Tên đơn vị", "Viết tắt", "Ngày", "Điểm"])
            ws.append(["  Ban Tổ chức Tỉnh ủy ", "BTCTU", datetime.date(2020, 2, 14), 12])
            ws.append([None, None, None, None])
            ws.append(["Sở Y tế", "SYT", "14/02/2020", "=D2+1"])
            ws.merge_cells("A6:B6")
            ws["A6"] = "Ghi chú"
            wb.save(sys.argv[1])
            print("ok")
            """, path)
        let sheets = try XlsxReader.read(try Data(contentsOf: URL(fileURLWithPath: path)))
        let rows = sheets[0].rows
        #expect(sheets[0].name == "Đơn vị")
        #expect(rows[1][0].raw == "  Ban Tổ chức Tỉnh ủy ")
        #expect(rows[1][2].kind == .number)  // a date is a serial number in the file
        #expect(rows[3][2] == ReadCell(kind: .text, raw: "14/02/2020", formula: false))
        #expect(rows[3][3].formula)
        #expect(sheets[0].merges.map(\.reference) == ["A6:B6"])
    }

    /// A 26 KB file that unpacks to one cell of millions of characters (it held a server for
    /// half a minute and came back whole in the preview) is refused once a cell passes Excel's
    /// own limit, as an inline string, a shared string or a string of many runs.
    @Test func aCellLongerThanExcelAllowsIsRefused() throws {
        let small = try XlsxWriter.write(Workbook(sheets: [Worksheet(name: "Cán bộ", rows: [[.text("x")]])]))
        let long = String(repeating: "A", count: XlsxReader.maximumCellCharacters + 1)
        let half = String(repeating: "B", count: XlsxReader.maximumCellCharacters / 2 + 1)
        let main = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
        let inline = "<worksheet \(main)><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\(long)</t></is></c></row></sheetData></worksheet>"
        let runs = "<worksheet \(main)><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><r><t>\(half)</t></r><r><t>\(half)</t></r></is></c></row></sheetData></worksheet>"
        for sheet in [inline, runs] {
            var parts = try OfficeZip.read(small, limit: 100_000_000)
            parts["xl/worksheets/sheet1.xml"] = Data(sheet.utf8)
            let file = try OfficeZip.write(parts.map { (path: $0.key, xml: String(decoding: $0.value, as: UTF8.self)) })
            #expect(throws: OfficeFileError.cellTooLong(XlsxReader.maximumCellCharacters)) { try XlsxReader.read(file) }
        }
        var parts = try OfficeZip.read(small, limit: 100_000_000)
        parts["xl/sharedStrings.xml"] = Data("<sst \(main) count=\"1\" uniqueCount=\"1\"><si><t>\(long)</t></si></sst>".utf8)
        let shared = try OfficeZip.write(parts.map { (path: $0.key, xml: String(decoding: $0.value, as: UTF8.self)) })
        #expect(throws: OfficeFileError.cellTooLong(XlsxReader.maximumCellCharacters)) { try XlsxReader.read(shared) }
        // At the limit, the cell is read.
        parts["xl/worksheets/sheet1.xml"] = Data(inline.replacingOccurrences(of: long, with: String(long.dropLast())).utf8)
        parts["xl/sharedStrings.xml"] = nil
        let exact = try OfficeZip.write(parts.map { (path: $0.key, xml: String(decoding: $0.value, as: UTF8.self)) })
        #expect(try XlsxReader.read(exact).first?.rows.first?.first?.raw.count == XlsxReader.maximumCellCharacters)
    }

    @Test func aFileThatIsNotAPackageIsRefusedInVietnamese() {
        #expect(throws: OfficeFileError.notAPackage) { try XlsxReader.read(Data("Tên,Viết tắt\n".utf8)) }
        #expect(OfficeFileError.notAPackage.description.contains("không phải là tệp Excel"))
    }

    @Test func cellReferencesRoundTrip() {
        #expect(CellReference.columnName(0) == "A" && CellReference.columnName(25) == "Z" && CellReference.columnName(26) == "AA")
        #expect(CellReference.parse("AB12")! == (11, 27))
        #expect(CellReference.parse("12") == nil && CellReference.parse("A0") == nil && CellReference.parse("XFE1") == nil)
    }

    @Test(.enabled(if: DocumentsTests.libreOffice != nil))
    func libreOfficeConvertsTheDocxToAOnePagePDF() throws {
        let file = try temporaryFile("docx", try DocxWriter.write(Self.partyDocument()))
        let pdf = try PDFConverter(executable: Self.libreOffice!).convert(docx: try Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        #expect(PDFConverter.pageCount(pdf) == 1)
    }

    static let libreOffice = PDFConverter.find()
}

// MARK: - Helpers

func temporaryFile(_ ext: String, _ data: Data) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-\(UUID().uuidString).\(ext)")
    try data.write(to: url)
    return url.path
}

/// Runs a Python check on a file; returns its last line of output.
func python(_ script: String, _ argument: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, argument]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    if process.terminationStatus != 0 {
        Issue.record("python3 failed: \(String(decoding: err, as: UTF8.self))")
    }
    return text.split(separator: "\n").last.map(String.init) ?? ""
}

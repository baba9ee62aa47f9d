@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaDocuments
import VaporTesting

extension AppTests {
    /// The documents of a bloc year, from the demo data: the Lạng Sơn cluster of Party agencies
    /// signed its 2020 pact on 14/02/2020 at Trường Chính trị Hoàng Văn Thụ, its head that year.
    @Suite struct DocumentTests {

        struct LangSon {
            let bloc: BlocModel
            let school: UUID
            let head: String
            func api(_ url: SiteURL.API) -> String { SiteURL.api(url).path }
            func page(_ part: SiteURL.YearPart) -> String { SiteURL.year(bloc.id!, 2020, part).path }

            static func make(_ app: Application) async throws -> LangSon {
                let bloc = try await app.bloc(named: "Cụm thi đua các cơ quan đảng tỉnh", province: "Lạng Sơn")
                let school = try await app.unit(named: "Trường Chính trị Hoàng Văn Thụ", province: "Lạng Sơn")
                return LangSon(bloc: bloc, school: school.id!, head: try await app.makeUser("test.tct", roles: [.unitOfficer(unit: school.id!)]).token)
            }
        }

        /// The text of a DOCX's body, paragraph by paragraph.
        static func paragraphs(_ docx: Data) throws -> [String] {
            let parts = try OfficeZip.read(docx, limit: 50_000_000)
            let xml = String(decoding: try #require(parts["word/document.xml"]), as: UTF8.self)
            return xml.components(separatedBy: "</w:p>").map { paragraph in
                paragraph.components(separatedBy: "<w:t xml:space=\"preserve\">").dropFirst()
                    .map { $0.components(separatedBy: "</w:t>")[0] }.joined()
            }.filter { !$0.isEmpty }.map { $0.replacingOccurrences(of: "&amp;", with: "&") }
        }

        @Test func thePactOfAPartyClusterCarriesThePartyHeadingTheProvinceDateAndItsBasis() async throws {
            try await withTestApp { app in
                let langSon = try await LangSon.make(app)
                var docx = Data()
                try await app.send(.GET, langSon.api(.pactDocument(langSon.bloc.id!, 2020))) { res in
                    #expect(res.status == .ok, "\(res.text.prefix(300))")
                    #expect(res.headers.contentType == DocumentFile.docxType)
                    docx = Data(buffer: res.body)
                }
                let lines = try Self.paragraphs(docx)
                #expect(Array(lines.prefix(6)) == ["TỈNH ỦY LẠNG SƠN", "CỤM THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH", "*", "Số      -GƯTĐ/TCT",
                                                   "ĐẢNG CỘNG SẢN VIỆT NAM", "Lạng Sơn, ngày 14 tháng 02 năm 2020"])
                #expect(!lines.contains { $0.contains("CỘNG HÒA XÃ HỘI") || $0.contains("Hoàng Văn Thụ, ngày") })
                #expect(lines.contains("GIAO ƯỚC THI ĐUA") && lines.contains("Năm 2020"))
                #expect(lines.contains { $0.hasPrefix("Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003") })
                #expect(lines.contains(PactWording.commitments[0]))
                #expect(lines.contains("BẢNG TIÊU CHÍ CHẤM ĐIỂM") == false && lines.contains { $0.hasSuffix("BẢNG TIÊU CHÍ CHẤM ĐIỂM") })
                // Every member signs: its name in capitals over its signer's.
                #expect(lines.contains("TRƯỜNG CHÍNH TRỊ HOÀNG VĂN THỤ") && lines.contains("Thủ trưởng TCT"))
                #expect(lines.contains("Nơi nhận:"))
            }
        }

        @Test func issuingThePactNumbersItOnceAndShowsTheIssuedFileUnchanged() async throws {
            try await withTestApp { app in
                let langSon = try await LangSon.make(app)
                let issue = langSon.api(.pactIssue(langSon.bloc.id!, 2020))
                // Only the head of the year issues.
                try await app.send(.POST, issue, as: .token(try await app.makeUser("test.ubkttu.ls", roles: [
                    .unitOfficer(unit: try await app.unit(named: "Ủy ban Kiểm tra Tỉnh ủy", province: "Lạng Sơn").id!)]).token)) { res in
                    #expect(res.status == .forbidden)
                }
                struct Issued: Decodable { var number: String; var sha256: String; var size: Int; var issuedAt: String }
                var issued: Issued?
                try await app.send(.POST, issue, as: .token(langSon.head)) { res in
                    #expect(res.status == .created, "\(res.text)")
                    issued = try res.json(Issued.self)
                }
                #expect(issued?.number == "Số 01-GƯTĐ/TCT")
                var first = Data()
                try await app.send(.GET, langSon.api(.pactDocument(langSon.bloc.id!, 2020))) { res in first = Data(buffer: res.body) }
                #expect(ContentStore.sha256(first) == issued?.sha256)
                #expect(try Self.paragraphs(first).contains("Số 01-GƯTĐ/TCT"))
                // A signer's title changing afterwards does not change the issued document.
                let signature = try #require(try await PactSignatureModel.query(on: app.db).filter(\.$unit.$id == langSon.school).first())
                signature.signerPosition = "Giám đốc"
                try await signature.save(on: app.db)
                try await app.send(.GET, langSon.api(.pactDocument(langSon.bloc.id!, 2020))) { res in
                    #expect(Data(buffer: res.body) == first)
                }
                // No second number; the refusal says why.
                try await app.send(.POST, issue, as: .token(langSon.head)) { res in
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.text.contains("đã được phát hành"))
                }
                #expect(try await IssuedDocumentModel.query(on: app.db).count() == 1)
                let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "issue").all()
                #expect(audit.count == 1 && audit[0].resourceType == "document")
            }
        }

        @Test func aPactNotSignedByEveryMemberIsNotIssued() async throws {
            try await withTestApp { app in
                let year = try await YearFixture.make(app)
                _ = try await year.openFromTemplate()
                let response = try await year.send(.POST, year.api(.pactIssue(year.bloc.id!, 2027)), as: year.head, status: .unprocessableEntity)
                #expect(response.text.contains("chưa ký giao ước"))
                #expect(try await IssuedDocumentModel.query(on: app.db).count() == 0)
                // The draft downloads, without a number.
                let draft = try await year.send(.GET, year.api(.pactDocument(year.bloc.id!, 2027)), as: year.head, status: .ok)
                #expect(try Self.paragraphs(Data(buffer: draft.body)).contains { $0.hasPrefix("Số ") && $0.hasSuffix("-GƯTĐ/UBKTTU") })
            }
        }

        @Test func theRankingSpreadsheetHoldsThePublishedTotals() async throws {
            try await withTestApp { app in
                let langSon = try await LangSon.make(app)
                struct Ranking: Decodable {
                    struct Result: Decodable { var rows: [Row] }
                    struct Row: Decodable { var name: String; var final: Double; var rank: Int }
                    var result: Result
                }
                var ranking: Ranking?
                try await app.send(.GET, langSon.api(.ranking(langSon.bloc.id!, 2020))) { res in ranking = try? res.json(Ranking.self) }
                var xlsx = Data()
                try await app.send(.GET, langSon.api(.rankingSpreadsheet(langSon.bloc.id!, 2020))) { res in
                    #expect(res.status == .ok)
                    #expect(res.headers.contentType == DocumentFile.xlsxType)
                    xlsx = Data(buffer: res.body)
                }
                let sheet = try #require(try XlsxReader.read(xlsx).first)
                #expect(sheet.rows[1][0].raw == "BẢNG TỔNG HỢP ĐIỂM VÀ XẾP HẠNG NĂM 2020")
                let body = sheet.rows.dropFirst(5)
                let expected = try #require(ranking).result.rows
                #expect(body.count == expected.count && expected.count == 9)
                for (row, want) in zip(body, expected) {
                    #expect(row[1].raw == want.name)
                    #expect(Double(row[row.count - 2].raw) == want.final)
                }
                #expect(sheet.merges.contains(CellRange(firstRow: 3, firstColumn: 1, lastRow: 4, lastColumn: 1)))
            }
        }

        @Test func pagesOfferTheirDocumentsAndThePrintedPactFollowsTheFormat() async throws {
            try await withTestApp { app in
                let langSon = try await LangSon.make(app)
                try await app.send(.GET, langSon.page(.pact), as: .token(langSon.head)) { res in
                    #expect(res.text.contains(langSon.page(.pactDocx)))
                    #expect(res.text.contains("Cấp số và phát hành giao ước"))
                    #expect(res.text.contains(PDFSupport.available ? langSon.page(.pactPDF) : "chưa cài LibreOffice"))
                }
                try await app.send(.GET, langSon.page(.pactPrint), as: .token(langSon.head)) { res in
                    #expect(res.text.contains("ĐẢNG CỘNG SẢN VIỆT NAM") && res.text.contains("TỈNH ỦY LẠNG SƠN"))
                    #expect(res.text.contains("Lạng Sơn, ngày 14 tháng 02 năm 2020"))
                    #expect(!res.text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
                }
                try await app.send(.GET, langSon.page(.ranking), as: .token(langSon.head)) { res in
                    #expect(res.text.contains(langSon.page(.rankingXlsx)) && res.text.contains(langSon.page(.rankingDocx)))
                }
                try await app.send(.GET, langSon.page(.rankingDocx), as: .token(langSon.head)) { res in
                    #expect(res.status == .ok)
                    let lines = try Self.paragraphs(Data(buffer: res.body))
                    #expect(lines.contains("BẢNG TỔNG HỢP ĐIỂM VÀ XẾP HẠNG") && lines.contains("ĐẢNG CỘNG SẢN VIỆT NAM"))
                    // A cluster's document is signed by its Cụm trưởng (docs/GLOSSARY.md).
                    #expect(lines.contains("ĐƠN VỊ CỤM TRƯỞNG") && !lines.contains { $0.contains("TRƯỞNG KHỐI") })
                }
                // The unit's own sheet: its items, its scores, its evidence, the totals.
                try await app.send(.GET, langSon.page(.sheet(langSon.school)), as: .token(langSon.head)) { res in
                    #expect(res.text.contains(langSon.page(.sheetXlsx(langSon.school))))
                }
                try await app.send(.GET, langSon.page(.sheetXlsx(langSon.school)), as: .token(langSon.head)) { res in
                    #expect(res.status == .ok)
                    let sheet = try #require(try XlsxReader.read(Data(buffer: res.body)).first)
                    #expect(sheet.rows[1][0].raw == "BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM 2020")
                    let total = try #require(sheet.rows.last)
                    #expect(total[1].raw == "Tổng điểm" && Double(total[3].raw) != nil && Double(total[4].raw) != nil)
                    #expect(sheet.rows.contains { $0.count > 5 && $0[5].raw.contains("Báo cáo tổng kết 2020 - TCT.pdf") })
                }
                // The plan and the table as documents in the head's (Party) format.
                try await app.send(.GET, langSon.page(.overview), as: .token(langSon.head)) { res in
                    #expect(res.text.contains(langSon.page(.planDocx)))
                }
                try await app.send(.GET, langSon.page(.planDocx), as: .token(langSon.head)) { res in
                    let lines = try Self.paragraphs(Data(buffer: res.body))
                    #expect(lines.contains("KẾ HOẠCH") && lines.contains("ĐẢNG CỘNG SẢN VIỆT NAM"))
                    #expect(lines.contains("Hội nghị ký kết giao ước thi đua năm 2020"))
                    #expect(lines.contains("Trường Chính trị Hoàng Văn Thụ"))
                }
                try await app.send(.GET, langSon.page(.tableDocx), as: .token(langSon.head)) { res in
                    let lines = try Self.paragraphs(Data(buffer: res.body))
                    #expect(lines.contains("BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA") && lines.contains("Tổng điểm"))
                }
                try await app.send(.GET, langSon.page(.tableXlsx), as: .token(langSon.head)) { res in
                    #expect(res.status == .ok)
                    let sheet = try #require(try XlsxReader.read(Data(buffer: res.body)).first)
                    #expect(sheet.rows[3].map(\.raw) == ["Mã", "Nội dung tiêu chí", "Loại", "Điểm", "Người chấm", "Cần minh chứng"])
                }
            }
        }
    }
}

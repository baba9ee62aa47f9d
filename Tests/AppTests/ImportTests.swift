@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaDocuments
import VaporTesting

extension AppTests {
    /// A provincial officer imports units from the files offices have: a TCVN3 CSV with a bad
    /// row is previewed and refused whole; a clean XLSX is previewed, then written at once.
    @Suite struct ImportTests {
        /// The CSV as a TCVN3 office saves it (bytes from glibc's TCVN5712-1 encoder).
        static let tcvn3CSV = Data(("Tªn ®¬n vÞ,Tªn viÕt t¾t,Lo¹i ®¬n vÞ,C¬ quan cÊp trªn,Ngµy b¾t ®Çu\r\n"
            + "Së Tµi chÝnh,STC,C¬ quan nhµ n\u{AD}íc,UBND tØnh L¹ng S¬n,01/01/2020\r\n"
            + "Së X©y dùng,BAO,C¬ quan nhµ n\u{AD}íc,,32/13/2020\r\n").unicodeScalars.map { UInt8($0.value) })

        static func workbook() throws -> Data {
            try XlsxWriter.write(Workbook(sheets: [Worksheet(name: "Đơn vị", rows: [
                UnitImport.columns.map { .text($0.label, .header) },
                [.text("  Sở Tài chính  ".decomposedStringWithCanonicalMapping), .text("STC"), .text("Cơ quan nhà nước"),
                 .text("UBND tỉnh Lạng Sơn"), .number(43831, .integer), .empty],
                [.empty],
                [.text("Sở Xây dựng"), .text("SXD"), .text("Cơ quan nhà nước"), .empty, .text("15/03/2021"), .empty],
            ])]))
        }

        func post(_ app: Application, _ path: String, cookie: String, csrf: String, file: Data, name: String) async throws -> TestingHTTPResponse {
            let boundary = "b\(UUID().uuidString)"
            var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n".utf8)
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(file)
            body.append(Data("\r\n--\(boundary)--\r\n".utf8))
            var response: TestingHTTPResponse?
            try await app.send(.POST, path, as: .browser(cookie: cookie), beforeRequest: { req in
                req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                req.body = ByteBuffer(data: body)
            }) { response = $0 }
            return response!
        }

        /// The page's main part, for a failed expectation's message.
        func main(_ html: String) -> String {
            String(html[(html.range(of: "<main")?.lowerBound ?? html.startIndex)...].prefix(3000))
        }

        func sha(in html: String) -> String? {
            html.range(of: "name=\"sha256\" value=\"").map { String(html[$0.upperBound...].prefix(64)) }
        }

        @Test func unitsArePreviewedRowByRowAndWrittenAllOrNothing() async throws {
            try await withTestApp { app in
                let province = try #require(try await ProvinceModel.query(on: app.db).filter(\.$code == "LSN").first()).id!
                _ = try await app.makeUser("test.tinh.lsn.nhap", roles: [.provincialOfficer(province: province)])
                let cookie = try await signIn(app, "test.tinh.lsn.nhap")
                let csrf = try await csrfToken(app, cookie: cookie)
                let before = try await UnitModel.query(on: app.db).filter(\.$province.$id == province).count()

                // The TCVN3 CSV: read as Vietnamese, its bad row shown with its reasons, nothing to confirm.
                let refused = try await post(app, SiteURL.unitImport(province).path, cookie: cookie, csrf: csrf, file: Self.tcvn3CSV, name: "don-vi.csv")
                #expect(refused.status == .ok)
                #expect(refused.text.contains("bảng mã TCVN3"))
                #expect(refused.text.contains("Sở Tài chính | STC | Cơ quan nhà nước | UBND tỉnh Lạng Sơn"))
                #expect(refused.text.contains("Ngày bắt đầu hoạt động «32/13/2020» không đọc được"))
                #expect(refused.text.contains("Tên viết tắt «BAO» đã được một đơn vị khác trong tỉnh sử dụng"))
                #expect(sha(in: refused.text) == nil && !refused.text.contains("vào danh mục</button>"))
                // Confirming that file anyway writes nothing.
                let refusedSHA = ContentStore.sha256(Self.tcvn3CSV)
                try await app.send(.POST, SiteURL.unitImportCommit(province).path, as: .browser(cookie: cookie), beforeRequest: { req in
                    try req.content.encode(["_csrf": csrf, "sha256": refusedSHA], as: .urlEncodedForm)
                }) { res in
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.text.contains("Còn 1 dòng bị từ chối"))
                }
                #expect(try await UnitModel.query(on: app.db).filter(\.$province.$id == province).count() == before)

                // The XLSX: spaces, NFD and an Excel date are fine; both rows are written at once.
                let good = try await post(app, SiteURL.unitImport(province).path, cookie: cookie, csrf: csrf, file: try Self.workbook(), name: "don-vi.xlsx")
                #expect(good.text.contains("2 dòng hợp lệ, 0 dòng bị từ chối, 1 dòng trống bỏ qua."))
                #expect(good.text.contains("chữ có dấu dạng tổ hợp (NFD) đã chuẩn hóa"))
                let confirmed = try #require(self.sha(in: good.text))
                try await app.send(.POST, SiteURL.unitImportCommit(province).path, as: .browser(cookie: cookie), beforeRequest: { req in
                    try req.content.encode(["_csrf": csrf, "sha256": confirmed], as: .urlEncodedForm)
                }) { res in
                    #expect(res.status == .ok)
                    #expect(res.text.contains("Đã ghi 2 đơn vị vào danh mục."))
                }
                let stored = try #require(try await UnitModel.query(on: app.db).filter(\.$shortName == "STC").filter(\.$province.$id == province).first())
                #expect(Array(stored.name.unicodeScalars) == Array("Sở Tài chính".unicodeScalars))
                #expect(stored.validFrom == "2020-01-01" && stored.kind == UnitKind.stateAgency.rawValue)
                #expect(try await UnitModel.query(on: app.db).filter(\.$province.$id == province).count() == before + 2)
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "import").count() == 1)

                // The export reads back as an import of the same units.
                try await app.send(.GET, SiteURL.unitExport(province).path, as: .browser(cookie: cookie)) { res in
                    #expect(res.status == .ok)
                    let sheet = try #require(try XlsxReader.read(Data(buffer: res.body)).first)
                    let rows = sheet.rows.map { $0.map(\.raw) }
                    let preview = UnitImport.preview(rows, provinceID: province, shortNamesInProvince: [])
                    #expect(preview.canCommit && preview.accepted.count == before + 2)
                }
            }
        }

        @Test func aFileThatIsNotASpreadsheetIsRefusedInVietnamese() async throws {
            try await withTestApp { app in
                let province = try #require(try await ProvinceModel.query(on: app.db).filter(\.$code == "LSN").first()).id!
                _ = try await app.makeUser("test.tinh.lsn.nhap2", roles: [.provincialOfficer(province: province)])
                let cookie = try await signIn(app, "test.tinh.lsn.nhap2")
                let csrf = try await csrfToken(app, cookie: cookie)
                let old = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
                let response = try await post(app, SiteURL.unitImport(province).path, cookie: cookie, csrf: csrf, file: old, name: "cu.xls")
                #expect(response.status == .unprocessableEntity)
                #expect(response.text.contains("Tệp Excel 97-2003 (.xls) chưa đọc được"))
                let broken = try await post(app, SiteURL.unitImport(province).path, cookie: cookie, csrf: csrf,
                                            file: Data([0x50, 0x4B, 0x03, 0x04, 0x00]), name: "hong.xlsx")
                #expect(broken.text.contains("không mở được gói nén"))
                // An image renamed .xlsx, an empty file, a Windows-1258 CSV as Excel saves it.
                let image = try await post(app, SiteURL.unitImport(province).path, cookie: cookie, csrf: csrf,
                                           file: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("0000".utf8)), name: "anh.xlsx")
                #expect(image.status == .unprocessableEntity && image.text.contains("Tệp này là ảnh PNG, không phải .xlsx hay .csv."))
                let empty = try await post(app, SiteURL.unitImport(province).path, cookie: cookie, csrf: csrf, file: Data(), name: "rong.csv")
                #expect(empty.status == .unprocessableEntity && empty.text.contains("Tệp trống (0 byte); hãy chọn tệp có dữ liệu."))
                // Bytes of Windows-1258 written as the Latin-1 characters they are (tones as combining bytes).
                let cp1258 = Data(("T\u{EA}n \u{F0}\u{F5}n vi\u{F2},Ten viet tat,Loai don vi,Co quan cap tren,Ngay bat dau\r\n"
                    + "S\u{F5}\u{D2} T\u{E0}i nguy\u{EA}n,STNMT,C\u{F5} quan nh\u{E0} n\u{FD}\u{F5}\u{EC}c,,01/01/2020\r\n")
                    .unicodeScalars.map { UInt8($0.value) })
                let decoded = try await post(app, SiteURL.unitImport(province).path, cookie: cookie, csrf: csrf, file: cp1258, name: "cp1258.csv")
                #expect(decoded.text.contains("bảng mã Windows-1258: 1 dòng dữ liệu"), "\(decoded.text.prefix(3000))")
                #expect(decoded.text.contains("Sở Tài nguyên"))
            }
        }

        /// The import pages are the province's: another province's officer and a unit's are refused
        /// at the page, with the province's words.
        @Test func anotherProvincesOfficerCannotOpenTheImportPages() async throws {
            try await withTestApp { app in
                let langSon = try #require(try await ProvinceModel.query(on: app.db).filter(\.$code == "LSN").first()).id!
                let khanhHoa = try #require(try await ProvinceModel.query(on: app.db).filter(\.$code == "KHA").first()).id!
                let other = try await app.makeUser("test.tinh.kha.nhap", roles: [.provincialOfficer(province: khanhHoa)]).token
                let unit = try await app.makeUser("test.donvi.nhap", roles: [
                    .unitOfficer(unit: try await app.unit(named: "Ủy ban Kiểm tra Tỉnh ủy", province: "Lạng Sơn").id!)]).token
                for path in [SiteURL.unitImport(langSon).path, SiteURL.peopleImport(langSon).path] {
                    for token in [other, unit] {
                        try await app.send(.GET, path, as: .token(token)) { res in
                            #expect(res.status == .forbidden, "\(path): \(res.status)")
                        }
                    }
                }
                try await app.send(.GET, SiteURL.peopleImport(langSon).path, as: .token(other)) { res in
                    #expect(res.text.contains("Bạn chỉ quản lý được cán bộ của tỉnh mình."))
                }
            }
        }

        @Test func peopleAreImportedWithTheirPostsAllAtOnce() async throws {
            try await withTestApp { app in
                let province = try #require(try await ProvinceModel.query(on: app.db).filter(\.$code == "LSN").first()).id!
                _ = try await app.makeUser("test.tinh.lsn.nhap3", roles: [.provincialOfficer(province: province)])
                let cookie = try await signIn(app, "test.tinh.lsn.nhap3")
                let csrf = try await csrfToken(app, cookie: cookie)
                let people = try await PersonModel.query(on: app.db).count()
                let file = try XlsxWriter.write(Workbook(sheets: [Worksheet(name: "Cán bộ", rows: [
                    PersonImport.columns.map { .text($0.label, .header) },
                    [.text("Hoàng Thị Lan"), .text("Nữ"), .number(1988, .integer), .text("Công chức"), .empty, .text("BTCTU"),
                     .text("Chuyên viên"), .text("01/03/2024")],
                    [.text("Vi Văn Sơn"), .text("Nam"), .number(1979, .integer), .text("Viên chức"), .empty,
                     .text("Báo Lạng Sơn"), .text("Phóng viên"), .number(45292, .integer)],
                ])]))
                let preview = try await post(app, SiteURL.peopleImport(province).path, cookie: cookie, csrf: csrf, file: file, name: "can-bo.xlsx")
                #expect(preview.text.contains("2 dòng hợp lệ, 0 dòng bị từ chối"), "\(preview.text.prefix(2000))")
                let confirmed = try #require(self.sha(in: preview.text))
                // The confirmation pressed twice at the same instant: the file is checked again in
                // the writers' turn, so the second finds the people registered and writes nothing.
                let answers = try await simultaneously(2) { _ in
                    var answer = (HTTPStatus.internalServerError, "")
                    try await app.send(.POST, SiteURL.peopleImportCommit(province).path, as: .browser(cookie: cookie), beforeRequest: { req in
                        try req.content.encode(["_csrf": csrf, "sha256": confirmed], as: .urlEncodedForm)
                    }) { res in answer = (res.status, res.text) }
                    return answer
                }
                #expect(answers.map(\.0).sorted { $0.code < $1.code } == [.ok, .unprocessableEntity], "\(answers.map(\.0))")
                #expect(answers.contains { $0.1.contains("Đã ghi 2 cán bộ vào danh mục.") })
                #expect(answers.contains { $0.1.contains("Còn 2 dòng bị từ chối") }, "\(answers.map { main($0.1) })")
                #expect(try await PersonModel.query(on: app.db).count() == people + 2)
                let lan = try #require(try await PersonModel.query(on: app.db).filter(\.$fullName == "Hoàng Thị Lan").first())
                let posts = try await AssignmentModel.query(on: app.db).filter(\.$person.$id == lan.id!).all()
                #expect(posts.count == 1 && posts[0].position == "Chuyên viên" && posts[0].validFrom == "2024-03-01")

                // The same file again: every row is refused as already registered, nothing written.
                let again = try await post(app, SiteURL.peopleImport(province).path, cookie: cookie, csrf: csrf, file: file, name: "can-bo.xlsx")
                #expect(again.text.contains("0 dòng hợp lệ, 2 dòng bị từ chối"), "\(again.text.prefix(2000))")
                #expect(again.text.contains("«Hoàng Thị Lan», sinh năm 1988 đã có trong danh mục của"))
                #expect(try await PersonModel.query(on: app.db).count() == people + 2)
            }
        }

        /// Khen thưởng đã có: the province's list of past awards becomes each unit's history,
        /// once; a unit officer cannot write it.
        @Test func pastAwardsAreImportedIntoTheHistoriesOnce() async throws {
            try await withTestApp { app in
                // Setup: the Lạng Sơn officer, and a CSV as offices save it (";", a date as text, one as a serial).
                let province = try #require(try await ProvinceModel.query(on: app.db).filter(\.$code == "LSN").first()).id!
                let unit = try await app.unit(named: "Ban Tổ chức Tỉnh ủy", province: "Lạng Sơn")
                _ = try await app.makeUser("test.tinh.lsn.khen", roles: [.provincialOfficer(province: province)])
                let cookie = try await signIn(app, "test.tinh.lsn.khen")
                let csrf = try await csrfToken(app, cookie: cookie)
                let csv = Data(("Tập thể, cá nhân được khen;Đơn vị;Danh hiệu, hình thức;Năm thành tích;Số quyết định;Ngày quyết định\r\n"
                    + "Ban Tổ chức Tỉnh ủy;BTCTU;Bằng khen của Chủ tịch UBND tỉnh;2018;312/QĐ-UBND;20/02/2019\r\n"
                    + "Ban Tổ chức Tỉnh ủy;BTCTU;Tập thể lao động xuất sắc;2019;45/QĐ-UBND;43850\r\n").utf8)
                let before = try await AwardRecordModel.query(on: app.db).count()

                // Act: preview, then confirm.
                let preview = try await post(app, SiteURL.awardHistoryImport(province).path, cookie: cookie, csrf: csrf, file: csv,
                                             name: "khen-thuong.csv")
                #expect(preview.text.contains("2 dòng hợp lệ, 0 dòng bị từ chối"), "\(preview.text.prefix(3000))")
                let confirmed = try #require(self.sha(in: preview.text))
                // The confirmation pressed twice at the same instant: written once, the other refused.
                let statuses = try await simultaneously(2) { _ in
                    var status = HTTPStatus.internalServerError
                    try await app.send(.POST, SiteURL.awardHistoryImportCommit(province).path, as: .browser(cookie: cookie),
                                       beforeRequest: { req in
                        try req.content.encode(["_csrf": csrf, "sha256": confirmed], as: .urlEncodedForm)
                    }) { res in
                        status = res.status
                        if res.status == .ok { #expect(res.text.contains("Đã ghi 2 khen thưởng"), "\(res.text.prefix(2000))") }
                    }
                    return status
                }
                #expect(statuses.sorted { $0.code < $1.code } == [.ok, .unprocessableEntity] || statuses.sorted { $0.code < $1.code } == [.ok, .conflict],
                        "\(statuses)")

                // Check: the records, the unit's history, and a second import refused row by row.
                let records = try await AwardRecordModel.query(on: app.db).filter(\.$subjectID == unit.id!).sort(\.$year).all()
                #expect(try await AwardRecordModel.query(on: app.db).count() == before + 2)
                #expect(records.map(\.code) == ["bang_khen_tinh_tap_the", "ttldxs"] && records.map(\.decisionDate) == ["2019-02-20", "2020-01-20"])
                try await app.send(.GET, SiteURL.unitAwards(unit.id!).path, as: .browser(cookie: cookie)) { res in
                    #expect(res.status == .ok && res.text.contains("312/QĐ-UBND"), "\(res.text.prefix(2000))")
                }
                let again = try await post(app, SiteURL.awardHistoryImport(province).path, cookie: cookie, csrf: csrf, file: csv,
                                           name: "khen-thuong.csv")
                #expect(again.text.contains("0 dòng hợp lệ, 2 dòng bị từ chối") && again.text.contains("đã có trong hồ sơ khen thưởng"))
                let officer = try await app.makeUser("test.donvi.btctu.khen", roles: [.unitOfficer(unit: unit.id!)])
                try await app.send(.GET, SiteURL.awardHistoryImport(province).path, as: .token(officer.token)) { res in
                    #expect(res.status == .forbidden)
                }
            }
        }
        /// Xếp loại đã có: a unit's and a person's rating from one file, checked by the page's
        /// rule, written at once and audited; the same file again changes nothing and says so.
        @Test func ratingsAreImportedByThePagesRule() async throws {
            try await withTestApp { app in
                // Setup: the Lạng Sơn officer; a unit and someone with a post there, rated for the post's first year.
                let province = try #require(try await ProvinceModel.query(on: app.db).filter(\.$code == "LSN").first()).id!
                let unit = try await app.unit(named: "Ban Tổ chức Tỉnh ủy", province: "Lạng Sơn")
                let job = try #require(try await AssignmentModel.query(on: app.db).filter(\.$unit.$id == unit.id!).first())
                let person = try #require(try await PersonModel.find(job.$person.id, on: app.db))
                let year = try #require(LocalDate(job.validFrom)).year
                let officer = try await app.makeUser("test.tinh.lsn.xeploai", roles: [.provincialOfficer(province: province)])
                let cookie = try await signIn(app, "test.tinh.lsn.xeploai")
                let csrf = try await csrfToken(app, cookie: cookie)
                let csv = Data(("\"Tập thể, cá nhân\",Đơn vị,Số định danh,Năm,Xếp loại\r\n"
                    + "Ban Tổ chức Tỉnh ủy,,,\(year),HTXSNV\r\n"
                    + "\(person.fullName),BTCTU,\(person.nationalID ?? ""),\(year),Hoàn thành tốt nhiệm vụ\r\n"
                    + "\(person.fullName),BTCTU,\(person.nationalID ?? ""),2010,HTNV\r\n").utf8)
                let audits = try await AuditEntryModel.query(on: app.db).count()

                // Act: a file with a year the person did not work is refused whole; without it, written.
                let refused = try await post(app, SiteURL.ratingImport(province).path, cookie: cookie, csrf: csrf, file: csv, name: "xep-loai.csv")
                #expect(refused.text.contains("2 dòng hợp lệ, 1 dòng bị từ chối") && refused.text.contains("không công tác tại đơn vị nào trong năm 2010"),
                        "\(main(refused.text))")
                let good = Data(String(decoding: csv, as: UTF8.self).components(separatedBy: "\r\n").prefix(3).joined(separator: "\r\n").utf8)
                let preview = try await post(app, SiteURL.ratingImport(province).path, cookie: cookie, csrf: csrf, file: good, name: "xep-loai.csv")
                let confirmed = try #require(self.sha(in: preview.text), "\(main(preview.text))")
                try await app.send(.POST, SiteURL.ratingImportCommit(province).path, as: .browser(cookie: cookie), beforeRequest: { req in
                    try req.content.encode(["_csrf": csrf, "sha256": confirmed], as: .urlEncodedForm)
                }) { res in #expect(res.status == .ok && res.text.contains("Đã ghi 2 xếp loại"), "\(main(res.text))") }

                // Check: the ratings as the file says, in the audit log; the same file again changes nothing.
                let rated = try await AnnualRatingModel.query(on: app.db).filter(\.$year == year).all()
                #expect(rated.first { $0.subjectID == unit.id! }?.rating == "htxsnv" && rated.first { $0.subjectID == person.id! }?.rating == "httnv")
                #expect(try await AuditEntryModel.query(on: app.db).count() > audits)
                let again = try await post(app, SiteURL.ratingImport(province).path, cookie: cookie, csrf: csrf, file: good, name: "xep-loai.csv")
                #expect(again.text.contains("Đã có xếp loại này năm \(year); không đổi."), "\(main(again.text))")
                // Confirmed again (ten at once), it writes nothing and says so; one import entry in the audit log.
                let imports = try await AuditEntryModel.query(on: app.db).filter(\.$action == "import").count()
                let statuses = try await simultaneously(10) { _ in
                    var status = HTTPStatus.internalServerError
                    try await app.send(.POST, SiteURL.ratingImportCommit(province).path, as: .browser(cookie: cookie), beforeRequest: { req in
                        try req.content.encode(["_csrf": csrf, "sha256": confirmed], as: .urlEncodedForm)
                    }) { res in
                        status = res.status
                        #expect(res.text.contains("Không có gì để ghi"), "\(main(res.text))")
                    }
                    return status
                }
                #expect(statuses.allSatisfy { $0 == .conflict }, "\(statuses)")
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "import").count() == imports)
                // The API previews the same file; a unit officer may not import the province's ratings.
                try await app.send(.POST, SiteURL.api(.provinceImport(province, "ratings")).path, as: .token(officer.token), beforeRequest: { req in
                    req.headers.contentType = HTTPMediaType(type: "text", subType: "csv")
                    req.body = ByteBuffer(data: good)
                }) { res in #expect(res.status == .ok && res.text.contains("\"kind\":\"ratings\"") && res.text.contains("\"canCommit\":true")) }
                let unitOfficer = try await app.makeUser("test.donvi.btctu.xeploai", roles: [.unitOfficer(unit: unit.id!)])
                try await app.send(.GET, SiteURL.ratingImport(province).path, as: .token(unitOfficer.token)) { res in
                    #expect(res.status == .forbidden)
                }
            }
        }

        /// A TCVN3 CSV typed badly: a group whose items disagree, a number out of range.
        static let tcvn3Table = Data(("STT,Néi dung tiªu chÝ,§iÓm tèi ®a,§¬n vÞ chÊm\r\nI,Thùc hiÖn nhiÖm vô chÝnh trÞ,60,\r\n"
            + "1,ChØ tiªu chuyªn m«n,\"47,5\",§¬n vÞ tù chÊm\r\n2,C¶i c¸ch hµnh chÝnh,\"12,5\",TØnh chÊm\r\n"
            + "II,C«ng t¸c thi ®ua,40,\r\n3,Phong trµo thi ®ua,1000000,Tr\u{AD}ëng khèi chÊm\r\n").unicodeScalars.map { UInt8($0.value) })

        /// A year's table as an office's XLSX has it: a merged title above the header, a row of
        /// column numbers, numbering restarted in each section, points as text with a decimal
        /// comma, a group total by formula, «Trưởng khối chấm» merged down two items.
        static func tableWorkbook() throws -> Data {
            let file = try XlsxWriter.write(Workbook(sheets: [Worksheet(name: "Bảng điểm", rows: [
                [.text("BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA NĂM 2027", .title), .empty, .empty, .empty],
                [.text("STT", .header), .text("Nội dung tiêu chí", .header), .text("Điểm tối đa", .header), .text("Đơn vị chấm", .header)],
                [.text("(1)"), .text("(2)"), .text("(3)"), .text("(4)")],
                [.text("I"), .text("Thực hiện nhiệm vụ chính trị"), .number(70), .empty],
                [.text("1"), .text("Kết quả nhiệm vụ chuyên môn được giao"), .text("50"), .text("Đơn vị tự chấm")],
                [.text("2"), .text("Cải cách hành chính".decomposedStringWithCanonicalMapping), .number(20), .text("Tỉnh chấm")],
                [.text("II"), .text("Công tác thi đua, khen thưởng"), .number(30), .empty],
                [.text("1"), .text("Tham gia hoạt động của khối"), .text("17,5"), .text("Trưởng khối chấm")],
                [.text("2"), .text("Thực hiện chế độ báo cáo"), .text("12,5"), .empty],
                [.empty],
                [.text("III"), .text("ĐIỂM THƯỞNG (tối đa 5 điểm)"), .number(5), .empty],
                [.text("1"), .text("Sáng kiến được công nhận"), .number(2), .empty],
                [.empty, .text("Tổng cộng"), .number(100), .empty],
            ], merges: [CellRange(reference: "A1:D1")!, CellRange(reference: "D8:D9")!])]))
            // The group's total as Excel saves a formula: the formula and its last value.
            var parts = try OfficeZip.read(file, limit: 10_000_000)
            var sheet = String(decoding: parts["xl/worksheets/sheet1.xml"]!, as: UTF8.self)
            let cell = try #require(sheet.range(of: "<c r=\"C4\""))
            let value = try #require(sheet.range(of: "<v>", range: cell.upperBound..<sheet.endIndex))
            sheet.insert(contentsOf: "<f>SUM(C5:C6)</f>", at: value.lowerBound)
            parts["xl/worksheets/sheet1.xml"] = Data(sheet.utf8)
            return try OfficeZip.write(parts.map { (path: $0.key, xml: String(decoding: $0.value, as: UTF8.self)) })
        }

        /// Bảng tiêu chí from the office's file: every bad file refused whole, a good one
        /// written through the editor's save; refused once the pact has locked the table.
        @Test func aYearsTableIsImportedFromTheOfficeFileOnlyWhileItIsADraft() async throws {
            try await withTestApp { app in
                // Setup: 2027 opened from the template (9 criteria), its head signed in.
                let year = try await YearFixture.make(app)
                _ = try await year.openFromTemplate()
                let id = year.bloc.id!
                let cookie = try await signIn(app, "test.ubkttu")
                let csrf = try await csrfToken(app, cookie: cookie)
                let path = SiteURL.year(id, 2027, .tableImport).path
                let criteria = try await CriterionModel.query(on: app.db).count()
                let codes = { try await year.send(.GET, year.api(.blocYearTable(id, 2027)), as: year.head, status: .ok)
                    .json(YearFixture.TableBody.self).criteria.map(\.code) }
                let before = try await codes()
                try await app.send(.GET, SiteURL.year(id, 2027, .table).path, as: .browser(cookie: cookie)) { res in
                    #expect(res.text.contains("href=\"\(path)\""))
                }

                // Act and check: bad files are refused, each with its reason, and write nothing.
                let empty = try await post(app, path, cookie: cookie, csrf: csrf, file: Data(), name: "trong.xlsx")
                #expect(empty.status == .unprocessableEntity && empty.text.contains("Tệp trống (0 byte); hãy chọn tệp có dữ liệu."))
                let binary = try await post(app, path, cookie: cookie, csrf: csrf, file: Data("%PDF-1.4\n\u{0}\u{1}".utf8), name: "bang.pdf")
                #expect(binary.status == .unprocessableEntity && binary.text.contains("Tệp này là tệp PDF, không phải .xlsx hay .csv."))
                let legacy = try await post(app, path, cookie: cookie, csrf: csrf, file: Self.tcvn3Table, name: "bang-diem.csv")
                #expect(legacy.status == .ok && legacy.text.contains("bảng mã TCVN3"), "\(main(legacy.text))")
                #expect(legacy.text.contains("1 | Chỉ tiêu chuyên môn | 47,5 | Đơn vị tự chấm"))
                #expect(legacy.text.contains("Nhóm II ghi tối đa 40 điểm nhưng các tiêu chí trong nhóm cộng lại 0 điểm"))
                #expect(legacy.text.contains("«1000000» vượt giới hạn"))
                #expect(sha(in: legacy.text) == nil)
                try await app.send(.POST, SiteURL.year(id, 2027, .tableImportCommit).path, as: .browser(cookie: cookie), beforeRequest: { req in
                    try req.content.encode(["_csrf": csrf, "sha256": ContentStore.sha256(Self.tcvn3Table)], as: .urlEncodedForm)
                }) { res in
                    #expect(res.status == .unprocessableEntity && res.text.contains("Còn 2 dòng bị từ chối"))
                }
                #expect(try await CriterionModel.query(on: app.db).count() == criteria)
                #expect(try await codes() == before)

                // The office's XLSX reads whole, then replaces the table at once.
                let good = try await post(app, path, cookie: cookie, csrf: csrf, file: try Self.tableWorkbook(), name: "bang-diem.xlsx")
                #expect(good.text.contains("9 dòng dữ liệu, 9 dòng hợp lệ, 0 dòng bị từ chối, 2 dòng trống bỏ qua."), "\(main(good.text))")
                let confirmed = try #require(sha(in: good.text))
                try await app.send(.POST, SiteURL.year(id, 2027, .tableImportCommit).path, as: .browser(cookie: cookie), beforeRequest: { req in
                    try req.content.encode(["_csrf": csrf, "sha256": confirmed], as: .urlEncodedForm)
                }) { res in
                    #expect(res.status == .ok && res.text.contains("Đã ghi bảng tiêu chí gồm 7 tiêu chí."), "\(main(res.text))")
                }
                #expect(try await codes() == ["I", "I.1", "I.2", "II", "II.1", "II.2", "III.1"])
                let scorers = try await CriterionModel.query(on: app.db).filter(\.$code ~~ ["I.2", "II.1", "II.2", "III.1"]).all()
                    .reduce(into: [String: String]()) { $0[$1.code] = "\($1.scorer) \($1.kind)" }
                #expect(scorers == ["I.2": "province base", "II.1": "head base", "II.2": "head base", "III.1": "self bonus"])
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "import").filter(\.$resourceType == "scoring_table").count() == 1)

                // Once every member signed and the pact is locked, an import is refused with the reason.
                for (short, token) in year.officers {
                    try await year.send(.POST, year.api(.blocYearSignature(id, 2027, year.units[short]!)), as: token,
                                        json: ["signerName": "Nguyễn Văn \(short)", "signerPosition": "Trưởng ban"], status: .created)
                }
                try await year.send(.POST, year.api(.blocYearTransitions(id, 2027)), as: year.head, json: ["transition": "sign_pact"], status: .ok)
                let locked = try await post(app, path, cookie: cookie, csrf: csrf, file: try Self.tableWorkbook(), name: "bang-diem.xlsx")
                #expect(locked.status == .conflict && locked.text.contains("đã khóa khi ký giao ước"), "\(main(locked.text))")
                try await app.send(.GET, path, as: .token(year.outsider)) { res in #expect(res.status == .forbidden) }
                #expect(try await codes() == ["I", "I.1", "I.2", "II", "II.1", "II.2", "III.1"])
            }
        }
        /// The imports on the API: the preview as JSON (validated against openapi.yaml), then
        /// the commit of that upload by its SHA-256; a refused file commits nothing.
        @Test func theAPIPreviewsAsJSONAndCommitsThePreviewedUpload() async throws {
            try await withTestApp { app in
                // Setup: the Lạng Sơn officer with a token, and a year whose head imports a table.
                let province = try #require(try await ProvinceModel.query(on: app.db).filter(\.$code == "LSN").first()).id!
                let officer = try await app.makeUser("test.tinh.lsn.api", roles: [.provincialOfficer(province: province)])
                let before = try await UnitModel.query(on: app.db).filter(\.$province.$id == province).count()
                let year = try await YearFixture.make(app)
                _ = try await year.openFromTemplate()
                func preview(_ url: SiteURL.API, token: String, file: Data, type: HTTPMediaType) async throws -> ImportAPIController.PreviewDTO {
                    var body: ImportAPIController.PreviewDTO?
                    try await app.send(.POST, SiteURL.api(url).path, as: .token(token), beforeRequest: { req in
                        req.headers.contentType = type
                        req.body = ByteBuffer(data: file)
                    }) { res in
                        #expect(res.status == .ok, "\(res.text.prefix(1000))")
                        body = try res.json(ImportAPIController.PreviewDTO.self)
                    }
                    return try #require(body)
                }
                func commit(_ url: SiteURL.API, token: String, sha256: String, status: HTTPStatus) async throws -> String {
                    var text = ""
                    try await app.send(.POST, SiteURL.api(url).path, as: .token(token), beforeRequest: { req in
                        try req.content.encode(["sha256": sha256], as: .json)
                    }) { res in
                        #expect(res.status == status, "\(res.text.prefix(1000))")
                        text = res.text
                    }
                    return text
                }
                let xlsx = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")

                // Act and check: the TCVN3 CSV as the raw body is refused row by row, and its commit writes nothing.
                let refused = try await preview(.provinceImport(province, "units"), token: officer.token, file: Self.tcvn3CSV,
                                                type: HTTPMediaType(type: "text", subType: "csv"))
                #expect(refused.format == "CSV" && refused.encoding.hasPrefix("TCVN3") && !refused.canCommit)
                #expect(refused.total == 2 && refused.refused == 1 && refused.rows.map(\.line) == [2, 3])
                #expect(refused.rows[1].problems.contains { $0.contains("«32/13/2020» không đọc được") })
                let problem = try await commit(.provinceImportCommit(province, "units"), token: officer.token, sha256: refused.sha256,
                                               status: .unprocessableEntity)
                #expect(problem.contains("Còn 1 dòng bị từ chối"))
                #expect(try await UnitModel.query(on: app.db).filter(\.$province.$id == province).count() == before)

                // A clean XLSX is written whole; the same route refuses a unit officer.
                let good = try await preview(.provinceImport(province, "units"), token: officer.token, file: try Self.workbook(), type: xlsx)
                #expect(good.canCommit && good.accepted == 2 && good.skipped == 1)
                let written = try await commit(.provinceImportCommit(province, "units"), token: officer.token, sha256: good.sha256, status: .ok)
                #expect(written.contains("\"written\":2"))
                #expect(try await UnitModel.query(on: app.db).filter(\.$province.$id == province).count() == before + 2)
                try await app.send(.POST, SiteURL.api(.provinceImport(province, "units")).path, as: .token(year.outsider), beforeRequest: { req in
                    req.headers.contentType = xlsx
                    req.body = ByteBuffer(data: try Self.workbook())
                }) { res in #expect(res.status == .forbidden) }

                // A body that says multipart but is not (what a fuzzer sends) is the sender's mistake, not a 500.
                for broken in ["--x\r\nContent-Disposition form-data\r\n\r\nabc", "garbage without a boundary", ""] {
                    try await app.send(.POST, SiteURL.api(.provinceImport(province, "people")).path, as: .token(officer.token), beforeRequest: { req in
                        req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=x")
                        req.body = ByteBuffer(string: broken)
                    }) { res in
                        #expect(res.status == .unprocessableEntity || res.status == .badRequest, "\(broken): \(res.status) \(res.text.prefix(400))")
                        #expect(res.headers.contentType?.subType == "problem+json")
                    }
                }

                // An empty boundary would stop the process in the multipart parser (a precondition):
                // refused before any reader, for the API and for a signed-in page alike.
                let browserUser = try await app.makeUser("test.xem.lsn.boundary", roles: [.provincialOfficer(province: province)])
                let cookie = try await signIn(app, browserUser.user.username)
                for header in ["multipart/form-data; boundary=", "multipart/form-data; boundary=\" \""] {
                    for auth in [TestActor.token(officer.token), .browser(cookie: cookie)] {
                        try await app.send(.POST, SiteURL.api(.provinceImport(province, "ratings")).path, as: auth, beforeRequest: { req in
                            req.headers.replaceOrAdd(name: .contentType, value: header)
                            req.body = ByteBuffer(string: "--\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nx\r\n----\r\n")
                        }) { res in
                            #expect(res.status == .unprocessableEntity, "\(header): \(res.status) \(res.text.prefix(300))")
                            #expect(res.text.contains("ranh giới (boundary) trống"))
                        }
                    }
                }

                // The year's table, by its head.
                let table = try await preview(.tableImport(year.bloc.id!, 2027), token: year.head, file: try Self.tableWorkbook(), type: xlsx)
                #expect(table.kind == "table" && table.canCommit && table.refused == 0)
                let replaced = try await commit(.tableImportCommit(year.bloc.id!, 2027), token: year.head, sha256: table.sha256, status: .ok)
                #expect(replaced.contains("Đã ghi bảng tiêu chí gồm 7 tiêu chí."))
            }
        }
    }
}


@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaDocuments
import VaporTesting

extension AppTests {
    /// The documents of the year-end conference: its minutes, each closed session's
    /// ballot-count minutes (refused before close, as the tally is), and the blank ballot.
    @Suite struct ConferenceDocumentTests {
        typealias Room = VotingTests.Room
        struct Issued: Decodable { var number: String; var sha256: String }

        static func paragraphs(_ docx: Data) throws -> [String] { try DocumentTests.paragraphs(docx) }

        /// The cell after a label in a two-column table: the count the label names.
        static func value(after label: String, in lines: [String]) -> String? {
            lines.firstIndex(of: label).flatMap { $0 + 1 < lines.count ? lines[$0 + 1] : nil }
        }

        @Test func theLangSonMinutesCarryThePartyHeadingTheRollCallAndBothElectionsThenTakeTheNextNumbers() async throws {
            try await withTestApp { app in
                let langSon = try await DocumentTests.LangSon.make(app)
                let year = try #require(try await BlocYearModel.query(on: app.db).filter(\.$bloc.$id == langSon.bloc.id!)
                    .filter(\.$year == 2020).first())
                let conference = try #require(try await ConferenceModel.query(on: app.db).filter(\.$blocYear.$id == year.id!).first())
                let sessions = try await BallotSessionModel.query(on: app.db).filter(\.$conference.$id == conference.id!).sort(\.$openedAt).all()
                #expect(sessions.count == 2)
                let members = try sessions[0].spec.members
                let minutes = langSon.api(.minutesDocument(langSon.bloc.id!, 2020, conference.id!))

                var draft = Data()
                try await app.send(.GET, minutes, as: .token(langSon.head)) { res in
                    #expect(res.status == .ok, "\(res.text.prefix(300))")
                    #expect(res.headers.contentType == DocumentFile.docxType)
                    draft = Data(buffer: res.body)
                }
                var lines = try Self.paragraphs(draft)
                #expect(Array(lines.prefix(6)) == ["TỈNH ỦY LẠNG SƠN", "CỤM THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH", "*", "Số      -BB/TCT",
                                                   "ĐẢNG CỘNG SẢN VIỆT NAM", "Lạng Sơn, ngày 30 tháng 12 năm 2020"])
                #expect(lines.contains("BIÊN BẢN") && lines.contains("Hội nghị tổng kết năm 2020 của Cụm thi đua các cơ quan đảng tỉnh"))
                #expect(lines.contains("Có mặt \(members)/\(members) đơn vị thành viên; vắng 0 đơn vị."))
                #expect(lines.filter { $0 == "Có mặt" }.count == members + 1)   // and the column's header
                #expect(lines.contains("Bầu Cụm trưởng, Cụm phó năm 2021"))
                #expect(lines.contains("1. Bầu Cụm trưởng năm 2021") && lines.contains("2. Bầu Cụm phó năm 2021"))
                #expect(lines.filter { $0 == "Tổng số thành viên: \(members); có mặt, được bỏ phiếu: \(members)." }.count == 2)
                #expect(lines.contains("Số phiếu thu về: \(members) (\(members) phiếu điện tử, 0 phiếu giấy); hợp lệ: \(members); không hợp lệ: 0."))
                #expect(lines.contains("Ngưỡng: " + ThresholdRule.common.sentence))
                #expect(lines.filter { $0 == "100,00%" }.count == 2 && lines.filter { $0 == "Trúng" }.count == 2)
                #expect(lines.contains("Ủy ban Kiểm tra Tỉnh ủy") && lines.contains("Báo Lạng Sơn"))
                #expect(lines.contains("THƯ KÝ HỘI NGHỊ") && lines.contains("CHỦ TRÌ HỘI NGHỊ") && lines.contains(conference.chair))

                // The ballot count of the first election, then the minutes: 01 and 02 of the head's BB series.
                let count = langSon.api(.ballotCountIssue(langSon.bloc.id!, 2020, sessions[0].id!))
                var first: Issued?
                try await app.send(.POST, count, as: .token(langSon.head)) { res in
                    #expect(res.status == .created, "\(res.text)")
                    first = try res.json(Issued.self)
                }
                #expect(first?.number == "Số 01-BB/TCT")
                var issued: Issued?
                try await app.send(.POST, langSon.api(.minutesIssue(langSon.bloc.id!, 2020, conference.id!)), as: .token(langSon.head)) { res in
                    #expect(res.status == .created, "\(res.text)")
                    issued = try res.json(Issued.self)
                }
                #expect(issued?.number == "Số 02-BB/TCT")
                var stored = Data()
                try await app.send(.GET, minutes, as: .token(langSon.head)) { res in stored = Data(buffer: res.body) }
                #expect(ContentStore.sha256(stored) == issued?.sha256)
                lines = try Self.paragraphs(stored)
                #expect(lines[3] == "Số 02-BB/TCT" && lines.contains("Chi tiết tại Biên bản kiểm phiếu số 01-BB/TCT."))
                // Issued once: a second issue is refused and numbers nothing.
                try await app.send(.POST, langSon.api(.minutesIssue(langSon.bloc.id!, 2020, conference.id!)), as: .token(langSon.head)) { res in
                    #expect(res.status == .conflict)
                    #expect(res.text.contains("đã được phát hành"))
                }
                #expect(try await IssuedDocumentModel.query(on: app.db).filter(\.$type == DocumentType.minutes.rawValue).count() == 2)
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "issue").count() == 2)
            }
        }

        @Test(.enabled(if: PDFSupport.available, "LibreOffice is not installed"))
        func theBallotCountMinutesAreOfferedAsPDFThroughLibreOffice() async throws {
            try await withTestApp { app in
                let langSon = try await DocumentTests.LangSon.make(app)
                let year = try #require(try await BlocYearModel.query(on: app.db).filter(\.$bloc.$id == langSon.bloc.id!)
                    .filter(\.$year == 2020).first())
                let session = try #require(try await BallotSessionModel.query(on: app.db).filter(\.$yearID == year.id!).first())
                try await app.send(.GET, langSon.page(.countPDF(session.id!)), as: .token(langSon.head)) { res in
                    #expect(res.status == .ok, "\(res.text.prefix(300))")
                    #expect(res.headers.contentType == DocumentFile.pdfType)
                    let pdf = Data(buffer: res.body)
                    #expect(pdf.starts(with: Array("%PDF".utf8)))
                    // Counts, candidates, rule, reasoning and the committee's signatures: one or two A4 pages.
                    #expect((1...2).contains(PDFConverter.pageCount(pdf)))
                }
            }
        }

        @Test func theBallotCountMinutesAreRefusedBeforeCloseAndCarryTheCountsAfter() async throws {
            try await withTestApp { app in
                let room = try await Room.make(app)
                let fixture = room.fixture
                let (bloc, year) = (fixture.bloc.id!, fixture.year)
                let candidates = Array(room.members.prefix(2))
                let session = try await room.open(candidates: candidates).json(VotingTests.Session.self)
                let names = try await UnitModel.query(on: app.db).filter(\.$id ~~ candidates).all()
                    .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }

                // The blank ballot, while open: the candidates in ballot order, a box each, how to mark, no number, no voter.
                let ballot = try await fixture.send(.GET, fixture.api(.paperBallot(bloc, year, session.id)), as: fixture.head, status: .ok)
                let ballotLines = try Self.paragraphs(Data(buffer: ballot.body))
                #expect(ballotLines.contains("PHIẾU BẦU") && ballotLines[3] == "ĐẢNG CỘNG SẢN VIỆT NAM", "\(ballotLines.prefix(6))")
                #expect(!ballotLines.contains { $0.hasPrefix("Số") })
                let order = session.candidates.compactMap { names[$0] }
                #expect(ballotLines.filter { order.contains($0) } == order)
                #expect(ballotLines.contains("Đánh dấu (X) vào ô «Đồng ý» của tối đa 1 đơn vị (số lượng cần chọn: 1)."))
                #expect(!ballotLines.contains { $0.contains("Đại biểu") })
                let again = try await fixture.send(.GET, fixture.api(.paperBallot(bloc, year, session.id)), as: fixture.head, status: .ok)
                #expect(Data(buffer: again.body) == Data(buffer: ballot.body))

                // Before close, the ballot count is refused to everyone, on every route; nothing is numbered.
                try await room.vote(session.id, as: room.present[0], for: [candidates[0]])
                for token in [fixture.head, fixture.provincial, app.adminToken] {
                    try await fixture.send(.GET, fixture.api(.ballotCountDocument(bloc, year, session.id)), as: token, status: .conflict)
                    try await fixture.send(.GET, SiteURL.year(bloc, year, .countDocx(session.id)).path, as: token, status: .conflict)
                }
                try await fixture.send(.POST, fixture.api(.ballotCountIssue(bloc, year, session.id)), as: fixture.head, status: .conflict)
                // The minutes' draft says the session is open, without a count; they are not issued while it is.
                let open = try await fixture.send(.GET, fixture.api(.minutesDocument(bloc, year, room.conference)), as: fixture.head, status: .ok)
                let openLines = try Self.paragraphs(Data(buffer: open.body))
                #expect(openLines.contains("Phiên bỏ phiếu chưa kết thúc; kết quả chỉ có sau khi kết thúc."))
                #expect(!openLines.contains { $0.contains("Số phiếu thu về") })
                let refused = try await fixture.send(.POST, fixture.api(.minutesIssue(bloc, year, room.conference)), as: fixture.head,
                                                     status: .conflict)
                #expect(refused.text.contains("chưa kết thúc"))
                #expect(try await IssuedDocumentModel.query(on: app.db).count() == 0)

                // Two units on paper (one void), the rest electronically for the first candidate.
                struct Paper: Encodable, Sendable {
                    struct Votes: Encodable, Sendable { var unitID: UUID; var votes: Int }
                    var units: [UUID]; var collected: Int; var invalid: Int; var votes: [Votes]
                }
                let paperUnits = Array(room.present.dropFirst().prefix(2))
                try await fixture.send(.POST, fixture.api(.ballotPaper(bloc, year, session.id)), as: fixture.head,
                                       json: Paper(units: paperUnits, collected: 2, invalid: 1, votes: [.init(unitID: candidates[0], votes: 1)]),
                                       status: .ok)
                for unit in room.present.dropFirst(3) { try await room.vote(session.id, as: unit, for: [candidates[0]]) }
                let result = try #require(try await room.close(session.id).json(VotingTests.Session.self).result)

                let page = try await fixture.send(.GET, SiteURL.year(bloc, year, .conference(room.conference)).path, as: fixture.head, status: .ok)
                #expect(page.text.contains(SiteURL.year(bloc, year, .countDocx(session.id)).path))
                #expect(page.text.contains("Cấp số và phát hành biên bản kiểm phiếu") && page.text.contains("Tải biên bản hội nghị (DOCX)"))
                let closed = try await fixture.send(.GET, SiteURL.year(bloc, year, .countDocx(session.id)).path, as: fixture.head, status: .ok)
                let lines = try Self.paragraphs(Data(buffer: closed.body))
                #expect(lines.contains("BIÊN BẢN KIỂM PHIẾU") && lines[2] == "*" && lines[3] == "Số      -BB/UBKTTU", "\(lines.prefix(6))")
                #expect(lines[5] == "Khánh Hòa, ngày 28 tháng 12 năm 2027")
                #expect(Self.value(after: "Tổng số đơn vị thành viên", in: lines) == "\(room.members.count)")
                #expect(Self.value(after: "Số đơn vị có mặt, được bỏ phiếu", in: lines) == "\(room.present.count)")
                #expect(Self.value(after: "Số phiếu thu về", in: lines) == "\(result.cast)")
                #expect(Self.value(after: "Số phiếu hợp lệ", in: lines) == "\(result.valid)" && result.valid == room.present.count - 1)
                #expect(Self.value(after: "Số phiếu không hợp lệ", in: lines) == "1")
                #expect(Self.value(after: "Trong đó: phiếu giấy (1 đợt do Tổ kiểm phiếu kiểm)", in: lines) == "2")
                #expect(Self.value(after: names[candidates[0]]!, in: lines) == "\(result.lines[0].votes)")
                #expect(lines.contains("IV. PHIẾU GIẤY") && lines.contains { $0.contains("Trúng khi được quá 1/2 tổng số đơn vị thành viên đồng ý") })
                #expect(lines.contains("TỔ TRƯỞNG TỔ KIỂM PHIẾU") && lines.contains("Trần Văn Cường") && lines.contains("Phạm Thị Dung"))

                var issued: Issued?
                try await app.send(.POST, fixture.api(.ballotCountIssue(bloc, year, session.id)), as: .token(fixture.head)) { res in
                    #expect(res.status == .created, "\(res.text)")
                    issued = try res.json(Issued.self)
                }
                #expect(issued?.number == "Số 01-BB/UBKTTU")
                let stored = try await fixture.send(.GET, fixture.api(.ballotCountDocument(bloc, year, session.id)), as: fixture.provincial, status: .ok)
                #expect(ContentStore.sha256(Data(buffer: stored.body)) == issued?.sha256)
            }
        }
    }
}

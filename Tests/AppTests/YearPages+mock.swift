@testable import App
import Foundation
import ThiDuaCore
import ThiDuaDocuments

/// Fixed contexts of a year's pages: the year, its calendar, the pact and its print, a
/// registration, the scoring table, the conferences.
extension PageMock {
    static let year: [PageMock] = [
        PageMock("year") {
            YearController.OverviewPage(
                head: Mock.head("Năm thi đua 2026"), bloc: Link(label: "Khối thi đua các cơ quan Đảng tỉnh", href: Mock.blocPath),
                province: Link(label: "Tỉnh Khánh Hòa", href: "/tinh/\(Mock.idText(1))"), year: 2026, state: "pact_signed",
                stateLabel: "Đã ký giao ước", headUnit: Link(label: "Ủy ban Kiểm tra Tỉnh ủy", href: "/don-vi/\(Mock.idText(3))"),
                deputyUnit: nil, headTitle: "Trưởng khối", deputyTitle: "Khối phó", canLead: true,
                transitions: [.init(value: "in_progress", label: "Chuyển sang: Đang thực hiện", reopen: false, disabled: nil),
                              .init(value: "planning", label: "Quay lại: Lập kế hoạch", reopen: true, disabled: "Cần nêu lý do")],
                transitionAction: Mock.yearPath + "/buoc",
                dates: [.init(label: "Hạn đăng ký thi đua", value: "31/03/2026"), .init(label: "Hội nghị tổng kết", value: "28/12/2026")],
                pactPlace: "Nha Trang",
                history: [.init(at: "15/02/2026 09:00", text: "Lập kế hoạch → Đã ký giao ước", reason: nil, actor: "donvi.kha.ubkttu")],
                plan: [.init(title: "Hội nghị ký giao ước", when: "15/02/2026", owner: "Ủy ban Kiểm tra Tỉnh ủy", notes: "Tại hội trường A",
                             removeAction: Mock.yearPath + "/ke-hoach/\(Mock.idText(12))/xoa")],
                movements: [.init(title: "Thi đua chào mừng Đại hội Đảng bộ tỉnh", scope: "Khối", kind: "Theo đợt",
                                  when: "01/03/2026 – 30/09/2026", body: "Ủy ban Kiểm tra Tỉnh ủy", document: "Kế hoạch số 5/KH-KT",
                                  criteria: "Mục I.1")],
                members: [.init(unit: Link(label: "Ủy ban Kiểm tra Tỉnh ủy", href: "/don-vi/\(Mock.idText(3))"), signed: true, registered: true,
                                acknowledged: true, registration: Mock.yearPath + "/dang-ky/\(Mock.idText(3))"),
                          .init(unit: Link(label: "Báo Khánh Hòa", href: "/don-vi/\(Mock.idText(4))"), signed: false, registered: false,
                                acknowledged: false, registration: nil)],
                signedCount: 1, registeredCount: 1, tableName: "Bảng điểm khối Đảng năm 2026", criteriaCount: 9,
                links: ["ranking": Mock.yearPath + "/xep-hang", "table": Mock.yearPath + "/bang-diem", "sheets": Mock.yearPath + "/cham-diem",
                        "print": Mock.yearPath + "/in", "planDocx": Mock.yearPath + "/ke-hoach.docx", "plan": Mock.yearPath + "/ke-hoach",
                        "pact": Mock.yearPath + "/giao-uoc", "movements": Mock.yearPath + "/phong-trao", "midYear": Mock.yearPath + "/so-ket",
                        "ics": Mock.yearPath + "/lich.ics", "dates": Mock.yearPath + "/ngay", "conferences": Mock.yearPath + "/hoi-nghi",
                        "calendar": Mock.yearPath + "/lich"],
                feedURL: "http://127.0.0.1:8080/lich/mock.ics", errors: ["Còn 1 đơn vị chưa ký: Báo Khánh Hòa."], typedReason: "")
        },
        PageMock("calendar") {
            YearController.CalendarPage(
                head: Mock.head("Lịch năm 2026"), heading: "Lịch thi đua năm 2026", back: Mock.yearPath,
                entries: [.init(day: "15/02/2026", title: "Ký giao ước thi đua", details: "Các đơn vị thành viên ký", location: "Nha Trang"),
                          .init(day: "31/03/2026", title: "Hạn đăng ký thi đua", details: nil, location: nil)],
                icsHref: Mock.yearPath + "/lich.ics", feedURL: "http://127.0.0.1:8080/lich/mock.ics")
        },
        PageMock("pact") {
            PactController.PactPage(
                head: Mock.head("Giao ước thi đua năm 2026"), heading: "Giao ước thi đua năm 2026", back: Mock.yearPath, year: 2026,
                stateLabel: "Lập kế hoạch", open: true, canLead: true, pactDate: "15/02/2026", pactPlace: "Nha Trang",
                units: [.init(unitID: Mock.idText(3), name: "Ủy ban Kiểm tra Tỉnh ủy", shortName: "UBKTTU", targets: ["Hoàn thành 100% kế hoạch kiểm tra"],
                              targetsText: "Hoàn thành 100% kế hoạch kiểm tra", signed: true, signer: "Nguyễn Văn An (Chủ nhiệm)",
                              signedAt: "15/02/2026", canSign: false, signAction: Mock.yearPath + "/giao-uoc/\(Mock.idText(3))/ky",
                              signerName: "Nguyễn Văn An", signerPosition: "Chủ nhiệm", errors: []),
                        .init(unitID: Mock.idText(4), name: "Báo Khánh Hòa", shortName: "BKH", targets: [], targetsText: "", signed: false,
                              signer: nil, signedAt: nil, canSign: true, signAction: Mock.yearPath + "/giao-uoc/\(Mock.idText(4))/ky",
                              signerName: "", signerPosition: "", errors: ["Cần họ tên người ký."])],
                targetsAction: Mock.yearPath + "/giao-uoc/chi-tieu", targetErrors: [], printHref: Mock.yearPath + "/giao-uoc/in",
                tableHref: Mock.yearPath + "/bang-diem", signedCount: 1, docxHref: Mock.yearPath + "/giao-uoc.docx", pdfHref: nil,
                pdfNote: "Bản PDF có khi văn bản được cấp số.", issuedNumber: nil, issueAction: Mock.yearPath + "/giao-uoc/cap-so")
        },
        PageMock("registration") {
            RegistrationController.RegistrationPage(
                head: Mock.head("Đăng ký thi đua năm 2026"), heading: "Đăng ký thi đua năm 2026 — Báo Khánh Hòa", back: Mock.yearPath,
                unit: Link(label: "Báo Khánh Hòa", href: "/don-vi/\(Mock.idText(4))"), editable: true,
                action: Mock.yearPath + "/dang-ky/\(Mock.idText(4))",
                collectiveOptions: [Mock.option("tap_the_lao_dong_xuat_sac", "Tập thể lao động xuất sắc", selected: true),
                                    Mock.option("co_thi_dua_tinh", "Cờ thi đua của UBND tỉnh")],
                individualOptions: [Mock.option("", "—"), Mock.option("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở")],
                people: [.init(id: Mock.idText(5), name: "Trần Thị Bình", position: "Tổng Biên tập", title: "chien_si_thi_dua_co_so")],
                errors: [], submitted: "20/03/2026", acknowledged: nil, headTitle: "Trưởng khối", canAcknowledge: true,
                acknowledgeAction: Mock.yearPath + "/dang-ky/\(Mock.idText(4))/xac-nhan", deadline: "31/03/2026")
        },
        PageMock("document-print") {
            let heading = DocumentHeading(style: .party, superiorBody: "TỈNH ỦY KHÁNH HÒA", issuingBody: "KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG",
                                          number: "Số 01/GƯ-KTĐ", placeAndDate: "Nha Trang, ngày 15 tháng 02 năm 2026")
            let document = OfficialDocument(
                heading: heading, title: "GIAO ƯỚC THI ĐUA NĂM 2026", summary: "Khối thi đua các cơ quan Đảng tỉnh",
                blocks: [.heading("I. MỤC TIÊU"), .paragraph("Các đơn vị thi đua hoàn thành xuất sắc nhiệm vụ."), .note("(kèm bảng tiêu chí)"),
                         .numbered(["Hoàn thành kế hoạch", "Báo cáo đúng hạn"]), .dashed(["Ủy ban Kiểm tra Tỉnh ủy"]),
                         .table(DocumentTable(headers: ["TT", "Tiêu chí", "Điểm"], rows: [["1", "Nhiệm vụ chính trị", "70"], ["", "Tổng", "100"]],
                                              boldRows: [1]))],
                signatures: [Signature(authority: "T/M", title: "TRƯỞNG KHỐI", name: "Nguyễn Văn An", unit: "Ủy ban Kiểm tra Tỉnh ủy")],
                recipients: ["Các đơn vị thành viên", "Lưu"])
            return DocumentPrintPage(document, pageTitle: "Giao ước thi đua năm 2026",
                                     downloads: [Link(label: "Tải .docx", href: Mock.yearPath + "/giao-uoc.docx")])
        },
        PageMock("table", variant: "year") { tableEditor(editable: true) },
        PageMock("table", variant: "locked") { tableEditor(editable: false) },
        PageMock("import", variant: "table") {
            ImportController.ImportPage(
                head: Mock.head("Nhập bảng tiêu chí từ tệp"), heading: "Nhập bảng tiêu chí năm 2026 của Khối thi đua các cơ quan Đảng tỉnh từ tệp Excel hoặc CSV",
                noun: "bảng tiêu chí", back: Link(label: "Bảng tiêu chí năm 2026", href: Mock.yearPath + "/bang-diem"),
                action: Mock.yearPath + "/bang-diem/nhap", commitAction: Mock.yearPath + "/bang-diem/nhap/ghi",
                columns: TableImport.columns.map { $0.label + ($0.required ? "" : " (không bắt buộc)") },
                hint: ImportController.Subject.table.hint, errors: [], previewed: true,
                summary: "Tệp XLSX, bảng mã Unicode: 3 dòng dữ liệu, 2 dòng hợp lệ, 1 dòng bị từ chối.", fileProblems: [],
                rows: [.init(line: 4, cells: ["I", "Thực hiện nhiệm vụ chính trị", "60"], problems: [
                           "Nhóm I ghi tối đa 60 điểm nhưng các tiêu chí trong nhóm cộng lại 50 điểm."], notes: []),
                       .init(line: 5, cells: ["1", "Kết quả nhiệm vụ chuyên môn", "27,5", "Đơn vị tự chấm"], problems: [], notes: []),
                       .init(line: 6, cells: ["2", "Cải cách hành chính", "22,5", "Tỉnh chấm"], problems: [],
                             notes: ["chữ có dấu dạng tổ hợp (NFD) đã chuẩn hóa"])],
                hiddenAccepted: 0, sha256: nil, canCommit: false, commitLabel: ImportController.Subject.table.commitLabel(0), done: nil)
        },
        PageMock("conferences") {
            ConferenceController.ListPage(
                head: Mock.head("Hội nghị năm 2026"), heading: "Hội nghị năm 2026", back: Mock.yearPath, stateLabel: "Hội nghị",
                conferences: [.init(label: "Hội nghị tổng kết", href: Mock.yearPath + "/hoi-nghi/\(Mock.idText(20))", when: "28/12/2026",
                                    place: "Nha Trang", sessions: 2)],
                canLead: true, scheduleAction: Mock.yearPath + "/hoi-nghi",
                kinds: [Mock.option("year_end", "Hội nghị tổng kết", selected: true), Mock.option("mid_year", "Hội nghị sơ kết")],
                form: ConferenceInput(kind: "year_end", heldOn: "2026-12-28", place: "Nha Trang", chair: "Nguyễn Văn An", secretary: "Lê Văn Cường",
                                      tallyCommittee: "Phạm Thị Dung", agenda: "Tổng kết\nBầu Trưởng khối"),
                errors: [], nextYear: 2027, headTitle: "Trưởng khối", deputyTitle: "Khối phó",
                nextOffices: [.init(role: "Trưởng khối", unit: "Báo Khánh Hòa", basis: "bầu tại hội nghị 28/12/2026")],
                nominations: [.init(title: "Suy tôn đơn vị dẫn đầu", outcome: "Ủy ban Kiểm tra Tỉnh ủy", href: Mock.yearPath + "/hoi-nghi/\(Mock.idText(20))")],
                canRecognise: true, recogniseAction: Mock.yearPath + "/hoi-nghi/cong-nhan",
                members: [Mock.option(Mock.idText(4), "Báo Khánh Hòa")], recogniseErrors: [])
        },
        PageMock("conference") { conferenceConsole() },
    ]

    static func tableEditor(editable: Bool) -> TableController.EditorPage {
        TableController.EditorPage(
            head: Mock.head("Bảng điểm năm 2026"), heading: "Bảng tiêu chí chấm điểm năm 2026",
            intro: editable ? nil : "Bảng đã khóa theo giao ước; sửa cần nêu lý do.",
            back: Link(label: "Năm thi đua 2026", href: Mock.yearPath), editable: editable, action: Mock.yearPath + "/bang-diem",
            name: "Bảng điểm khối Đảng năm 2026", declaredTotal: "100", bonusCap: "5", needsReason: !editable, reason: "",
            errors: editable ? [] : ["Tổng điểm các tiêu chí (90) khác tổng đã khai (100)."],
            outline: [.init(code: "I", title: "Thực hiện nhiệm vụ chính trị", kind: "Nhóm", points: "70", scorer: "", evidence: false,
                            guidance: nil, depth: 0, group: true),
                      .init(code: "1", title: "Kết quả nhiệm vụ chuyên môn", kind: "Tiêu chí", points: "50", scorer: "Đơn vị tự chấm",
                            evidence: true, guidance: "Theo báo cáo năm", depth: 1, group: false)],
            baseTotal: "100",
            rows: [.init(code: "1", parentCode: "I", title: "Kết quả nhiệm vụ chuyên môn", kind: "base", maximum: "50", perEvent: "", cap: "",
                         scorer: "self", evidence: true, guidance: "Theo báo cáo năm")],
            kinds: [Mock.option("group", "Nhóm"), Mock.option("base", "Tiêu chí", selected: true)],
            scorers: [Mock.option("self", "Đơn vị tự chấm", selected: true), Mock.option("head", "Trưởng khối chấm")],
            copy: editable ? .init(action: Mock.yearPath + "/bang-diem/sao-chep", sources: [Mock.option(Mock.idText(9), "Bảng điểm khối Đảng (mẫu)")]) : nil,
            changes: editable ? [] : [.init(at: "01/03/2026 10:00", actor: "donvi.kha.ubkttu", reason: "Sửa lỗi chính tả", summary: "1 tiêu chí đổi tên")],
            printHref: Mock.yearPath + "/bang-diem/in",
            variants: [Mock.option("self_review", "Tự chấm, Trưởng khối thẩm định", selected: true), Mock.option("cross", "Chấm chéo")],
            tieBreakSlots: [.init(number: 1, options: [Mock.option("more_bonus", "Nhiều điểm thưởng hơn", selected: true)])],
            bands: "Xuất sắc từ 95", normalise: false, disagreementPercent: "10", rulesSummary: "Tự chấm; hòa điểm: nhiều điểm thưởng hơn.",
            downloads: [Link(label: "Tải .xlsx", href: Mock.yearPath + "/bang-diem.xlsx")],
            importHref: editable ? Mock.yearPath + "/bang-diem/nhap" : nil)
    }

    static func conferenceConsole() -> ConferenceController.ConsolePage {
        typealias Console = ConferenceController.ConsolePage
        let conference = Mock.yearPath + "/hoi-nghi/\(Mock.idText(20))"
        let candidate = Console.Candidate(unitID: Mock.idText(3), name: "Ủy ban Kiểm tra Tỉnh ủy", rank: "1", checked: true, count: "5")
        let session = Console.Session(
            title: "Suy tôn đơn vị dẫn đầu", purpose: "Suy tôn", round: 1, open: false, turnout: 7, eligible: 8,
            screenHref: conference + "/phien/\(Mock.idText(21))/man-hinh", boardHref: conference + "/phien/\(Mock.idText(21))/bang-tin",
            closeAction: conference + "/phien/\(Mock.idText(21))/dong", paperAction: conference + "/phien/\(Mock.idText(21))/phieu-giay",
            nextRoundAction: conference + "/phien/\(Mock.idText(21))/vong-sau", needsFurtherRound: false, quorumNeeded: 6,
            elected: ["Ủy ban Kiểm tra Tỉnh ủy"], outcome: "Ủy ban Kiểm tra Tỉnh ủy được suy tôn (5/8 phiếu, quá 1/2).",
            notVoted: [Console.Candidate(unitID: Mock.idText(4), name: "Báo Khánh Hòa", rank: nil, checked: false)],
            candidates: [candidate], errors: [], collected: "", invalid: "", reason: "", paperTyped: false,
            documents: .init(ballotDocx: conference + "/phien/\(Mock.idText(21))/phieu.docx", countDocx: conference + "/phien/\(Mock.idText(21))/kiem-phieu.docx",
                             countPDF: nil, countNumber: nil, countIssueAction: conference + "/phien/\(Mock.idText(21))/cap-so"))
        return Console(
            head: Mock.head("Hội nghị tổng kết năm 2026"), heading: "Hội nghị tổng kết năm 2026", back: Mock.yearPath + "/hoi-nghi",
            kind: "Hội nghị tổng kết", when: "28/12/2026", place: "Nha Trang", chair: "Nguyễn Văn An", secretary: "Lê Văn Cường",
            committee: ["Phạm Thị Dung", "Hoàng Văn Em"], agenda: ["Tổng kết năm 2026", "Bầu Trưởng khối năm 2027"], canLead: true,
            attendees: [.init(unitID: Mock.idText(3), name: "Ủy ban Kiểm tra Tỉnh ủy", present: true, delegate: "Nguyễn Văn An"),
                        .init(unitID: Mock.idText(4), name: "Báo Khánh Hòa", present: false, delegate: "")],
            presentCount: 1, memberCount: 2, attendanceAction: conference + "/diem-danh", attendanceErrors: [],
            sessions: [session], openAction: conference + "/phien",
            purposes: [Mock.option("acclaim", "Suy tôn", selected: true), Mock.option("elect_head", "Bầu Trưởng khối")],
            bases: [Mock.option("members", "tổng số thành viên", selected: true), Mock.option("present", "số có mặt")],
            effects: [Mock.option("next_year", "Có hiệu lực năm sau", selected: true)],
            candidates: [candidate], rotation: ["Báo Khánh Hòa"], headTitle: "Trưởng khối", deputyTitle: "Phó trưởng khối",
            openForm: BallotOpenForm(purpose: "acclaim", title: "Suy tôn đơn vị dẫn đầu", candidates: [Mock.idText(3)], seats: "1", maxChoices: "1",
                                     shareNumerator: "1", shareDenominator: "2", strict: "1", base: "members", quorumNumerator: "2",
                                     quorumDenominator: "3", ruleSource: "Quy chế khối, Điều 8", effect: "next_year"),
            openErrors: [], yearEnd: true, atConference: true, flagAction: conference + "/co-luan-luu", flagFrom: "Ủy ban Kiểm tra Tỉnh ủy",
            flagTo: nil, flagOptions: [Mock.option(Mock.idText(4), "Báo Khánh Hòa")], flagErrors: [],
            minutes: .init(docx: conference + "/bien-ban.docx", pdf: nil, pdfNote: "Bản PDF có khi biên bản được cấp số.", number: nil,
                           issueAction: conference + "/bien-ban/cap-so", errors: []))
    }
}

@testable import App
import Foundation
import ThiDuaCore

/// Fixed contexts of the scoring pages (the sheets, a sheet, the ranking, the analysis) and
/// of the voting pages (ballots, a ballot, the screen, the bulletin board).
extension PageMock {
    static let scoring: [PageMock] = [
        PageMock("sheets") {
            ScoringController.OverviewPage(
                head: Mock.head("Chấm điểm năm 2026"), heading: "Chấm điểm năm 2026", back: Mock.yearPath, roundLabel: "Cả năm",
                headTitle: "Trưởng khối", otherRound: Link(label: "Sơ kết 6 tháng", href: Mock.yearPath + "/cham-diem?dot=so-ket"),
                open: true, closedMessage: "", deadline: "30/11/2026", variant: "Tự chấm, Trưởng khối thẩm định",
                rows: [.init(unit: "Ủy ban Kiểm tra Tỉnh ủy", href: Mock.yearPath + "/cham-diem/\(Mock.idText(3))", status: "Đã gửi",
                             selfTotal: "96,5", reviewedTotal: nil, missingEvidence: 1),
                       .init(unit: "Báo Khánh Hòa", href: nil, status: "Chưa chấm", selfTotal: nil, reviewedTotal: nil, missingEvidence: nil)],
                rankingHref: Mock.yearPath + "/xep-hang", analysisHref: Mock.yearPath + "/phan-tich", midYear: false,
                movements: [.init(title: "Thi đua chào mừng Đại hội Đảng bộ tỉnh", when: "01/03/2026 – 30/09/2026", kind: "Theo đợt")],
                targets: [.init(unit: "Ủy ban Kiểm tra Tỉnh ủy", targets: ["Hoàn thành 100% kế hoạch kiểm tra"])])
        },
        PageMock("sheet") {
            typealias Sheet = ScoringController.SheetPage
            let evidence = Sheet.Evidence(name: "bao-cao-2026.pdf", href: Mock.yearPath + "/minh-chung/\(Mock.idText(30))", version: 1,
                                          size: "1,2 MB", kind: "PDF")
            return Sheet(
                head: Mock.head("Bảng tự chấm điểm"), heading: "Bảng tự chấm điểm năm 2026 — Ủy ban Kiểm tra Tỉnh ủy", back: Mock.yearPath + "/cham-diem",
                unit: "Ủy ban Kiểm tra Tỉnh ủy", roundLabel: "Cả năm", headTitle: "Trưởng khối", dot: "", status: "Bị trả lại", statusCode: "returned",
                version: 3, deadline: "30/11/2026", extendedTo: "05/12/2026", extensionReason: "Chờ số liệu quý IV",
                returnedReason: "Thiếu minh chứng mục 1.", canScore: true, canReview: false, canConclude: false, canExtend: false,
                windowMessage: nil,
                rows: [.init(id: Mock.idText(31), code: "I", title: "Thực hiện nhiệm vụ chính trị", depth: 0, group: true, kind: "Nhóm tiêu chí", limit: "70",
                             hint: "", scorer: nil, reasonHint: "", evidenceRequired: false, missingEvidence: false, selfText: "", reviewText: "",
                             reviewReason: "", changed: false, selfEditable: false, reviewEditable: false, storedText: nil, evidence: [], guidance: nil),
                       .init(id: Mock.idText(32), code: "1", title: "Kết quả nhiệm vụ chuyên môn", depth: 1, group: false, kind: "Tiêu chí chấm điểm", limit: "50",
                             hint: "0 – 50", scorer: "Đơn vị tự chấm", reasonHint: "Nêu lý do khi đổi điểm", evidenceRequired: true,
                             missingEvidence: false, selfText: "48,5", reviewText: "47", reviewReason: "Một chỉ tiêu chưa đạt", changed: true,
                             selfEditable: true, reviewEditable: false, storedText: "48", evidence: [evidence], guidance: "Theo báo cáo năm")],
                selfTotal: "96,5", reviewedSelfItems: "95", reviewTotal: "95", errors: ["Bảng đã được sửa ở nơi khác."], conflict: true,
                actions: ["self": Mock.yearPath + "/cham-diem/\(Mock.idText(3))/tu-cham", "submit": Mock.yearPath + "/cham-diem/\(Mock.idText(3))/gui",
                          "upload": Mock.yearPath + "/cham-diem/\(Mock.idText(3))/minh-chung", "review": Mock.yearPath + "/cham-diem/\(Mock.idText(3))/tham-dinh",
                          "return": Mock.yearPath + "/cham-diem/\(Mock.idText(3))/tra-lai", "finalise": Mock.yearPath + "/cham-diem/\(Mock.idText(3))/ket-luan",
                          "reopen": Mock.yearPath + "/cham-diem/\(Mock.idText(3))/mo-lai", "extend": Mock.yearPath + "/cham-diem/\(Mock.idText(3))/gia-han"],
                uploadOptions: [Mock.option(Mock.idText(32), "1. Kết quả nhiệm vụ chuyên môn", selected: true)],
                history: [.init(at: "20/11/2026 10:00", text: "Trả lại", reason: "Thiếu minh chứng mục 1.", actor: "donvi.kha.bkh")],
                oldEvidence: [Sheet.Evidence(name: "bao-cao-cu.pdf", href: Mock.yearPath + "/minh-chung/\(Mock.idText(33))", version: 0, size: "900 KB", kind: "PDF")],
                limit: "20 MB", downloads: [Link(label: "Tải .xlsx", href: Mock.yearPath + "/cham-diem/\(Mock.idText(3)).xlsx")])
        },
        PageMock("ranking") {
            ScoringController.RankingPage(
                head: Mock.head("Xếp hạng năm 2026"), heading: "Kết quả xếp hạng năm 2026", back: Mock.yearPath, published: true, version: 2,
                groupTitles: [Link(label: "I", href: "#nhom-I"), Link(label: "II", href: "#nhom-II")],
                rows: [.init(rank: 1, unit: "Ủy ban Kiểm tra Tỉnh ủy", groups: [.init(label: "I", points: "68"), .init(label: "II", points: "28")], bonus: "1,5", deductions: "-1", final: "96,5",
                             classification: "Xuất sắc", disqualifiers: nil, tied: false, canLead: true, priority: nil),
                       .init(rank: 2, unit: "Báo Khánh Hòa", groups: [.init(label: "I", points: "60"), .init(label: "II", points: "25")], bonus: "0", deductions: "0", final: "85",
                             classification: "Tốt", disqualifiers: "Tập thể bị kỷ luật", tied: true, canLead: false, priority: "Nhiều nữ hơn")],
                ties: ["Báo Khánh Hòa và Đài Phát thanh Khánh Hòa bằng điểm; xếp theo: nhiều điểm thưởng hơn."],
                leader: "Ủy ban Kiểm tra Tỉnh ủy", chart: "<svg role=\"img\" aria-label=\"Biểu đồ\"></svg>", canPublish: true,
                missing: [], publishAction: Mock.yearPath + "/xep-hang/cong-bo",
                versions: [.init(version: 2, at: "26/12/2026 09:00", by: "donvi.kha.ubkttu", reason: "Sửa điểm thưởng", current: true,
                                 order: "UBKTTU, BKH"),
                           .init(version: 1, at: "25/12/2026 09:00", by: "donvi.kha.ubkttu", reason: nil, current: false, order: "BKH, UBKTTU")],
                errors: [], downloads: [Link(label: "Tải .xlsx", href: Mock.yearPath + "/xep-hang.xlsx")], typedReason: "")
        },
        PageMock("analysis") {
            ScoringController.AnalysisPage(
                head: Mock.head("Phân tích năm 2026"), heading: "Phân tích chấm điểm năm 2026", back: Mock.yearPath,
                differences: [.init(unit: "Báo Khánh Hòa", selfTotal: "92", reviewed: "85", difference: "-7", inflated: true)],
                items: [.init(code: "1", title: "Kết quả nhiệm vụ chuyên môn", count: 3)],
                missing: [.init(unit: "Báo Khánh Hòa", items: "1, 3")],
                disagreements: [.init(unit: "Báo Khánh Hòa", item: "2", range: "12 – 18")], cross: true)
        },
    ]

    static let voting: [PageMock] = [
        PageMock("ballots") {
            BallotController.ListPage(head: Mock.head("Bỏ phiếu", section: "ballots", user: "phieu.kha.bkh", registry: false, ballots: true, pending: nil),
                                      rows: [.init(title: "Bầu Trưởng khối năm 2027", bloc: "Khối thi đua các cơ quan Đảng tỉnh",
                                                   href: "/bo-phieu/\(Mock.idText(21))")])
        },
        PageMock("ballot") {
            BallotController.BallotPage(
                head: Mock.head("Phiếu bầu", section: "ballots", user: "phieu.kha.bkh", registry: false, ballots: true, pending: nil),
                title: "Bầu Trưởng khối năm 2027", bloc: "Khối thi đua các cơ quan Đảng tỉnh", purpose: "Bầu Trưởng khối", round: 1,
                maxChoices: 1, approveEach: false,
                choices: [.init(unitID: Mock.idText(3), name: "Ủy ban Kiểm tra Tỉnh ủy", checked: false),
                          .init(unitID: Mock.idText(4), name: "Báo Khánh Hòa", checked: false)],
                action: "/bo-phieu/\(Mock.idText(21))", voted: false, receipt: nil, screenHref: "/bo-phieu/\(Mock.idText(21))/man-hinh",
                errors: ["Chọn nhiều nhất 1 đơn vị."])
        },
        PageMock("ballot", variant: "voted") {
            BallotController.BallotPage(
                head: Mock.head("Phiếu bầu", section: "ballots", user: "phieu.kha.bkh", registry: false, ballots: true, pending: nil),
                title: "Suy tôn đơn vị dẫn đầu", bloc: "Khối thi đua các cơ quan Đảng tỉnh", purpose: "Suy tôn", round: 1,
                maxChoices: 1, approveEach: true, choices: [], action: "/bo-phieu/\(Mock.idText(22))", voted: true,
                receipt: "K7Q2-9XZ4", screenHref: "/bo-phieu/\(Mock.idText(22))/man-hinh", errors: [])
        },
        PageMock("ballot-screen") {
            BallotController.ScreenPage(
                head: Mock.head("Kết quả bỏ phiếu", user: nil, registry: false, pending: nil), title: "Bầu Trưởng khối năm 2027",
                bloc: "Khối thi đua các cơ quan Đảng tỉnh", purpose: "Bầu Trưởng khối", round: 1, open: false, turnout: 7, eligible: 8, members: 8,
                candidates: ["Ủy ban Kiểm tra Tỉnh ủy", "Báo Khánh Hòa"], rule: "quá 1/2 tổng số thành viên, túc số 2/3",
                lines: [.init(name: "Báo Khánh Hòa", votes: 5, passed: true, elected: true, tied: false),
                        .init(name: "Ủy ban Kiểm tra Tỉnh ủy", votes: 2, passed: false, elected: false, tied: false)],
                counts: ["Phiếu phát ra: 8", "Phiếu thu về: 7", "Phiếu hợp lệ: 7"], reasoning: ["5/8 > 1/2: đạt."], paper: false,
                withoutQuorum: nil, elected: ["Báo Khánh Hòa"], outcome: "Báo Khánh Hòa trúng cử Trưởng khối năm 2027.",
                boardHref: "/bo-phieu/\(Mock.idText(21))/bang-tin", headTitle: "Trưởng khối", refresh: false,
                countDocx: "/bo-phieu/\(Mock.idText(21))/kiem-phieu.docx")
        },
        PageMock("ballot-screen", variant: "open") {
            BallotController.ScreenPage(
                head: Mock.head("Kết quả bỏ phiếu", user: nil, registry: false, pending: nil), title: "Bầu Trưởng khối năm 2027",
                bloc: "Khối thi đua các cơ quan Đảng tỉnh", purpose: "Bầu Trưởng khối", round: 1, open: true, turnout: 3, eligible: 8, members: 8,
                candidates: ["Ủy ban Kiểm tra Tỉnh ủy", "Báo Khánh Hòa"], rule: "quá 1/2 tổng số thành viên, túc số 2/3", lines: [], counts: [],
                reasoning: [], paper: false, withoutQuorum: nil, elected: [], outcome: nil, boardHref: "/bo-phieu/\(Mock.idText(21))/bang-tin",
                headTitle: "Trưởng khối", refresh: true, countDocx: "/bo-phieu/\(Mock.idText(21))/kiem-phieu.docx")
        },
        PageMock("bulletin") {
            BallotController.BoardPage(
                head: Mock.head("Bảng tin phiếu", section: "ballots", user: "phieu.kha.bkh", registry: false, ballots: true, pending: nil),
                title: "Bầu Trưởng khối năm 2027", back: "/bo-phieu/\(Mock.idText(21))/man-hinh",
                hashes: [String(repeating: "0f", count: 32), String(repeating: "a1", count: 32)], code: "K7Q2-9XZ4", checked: true,
                found: true, error: nil)
        },
    ]
}

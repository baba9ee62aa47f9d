@testable import App
import Foundation
import ThiDuaCore

/// Fixed contexts of the award pages: a subject's history and check, the proposals, a
/// proposal, the statistics, the eligibility list.
extension PageMock {
    static let condition = AwardPages.SubjectPage.Condition(
        label: "Hai năm liền «Tập thể lao động xuất sắc»", outcome: "pass", outcomeLabel: "Đạt",
        records: ["2024: Tập thể lao động xuất sắc (QĐ 15/QĐ-UBND)", "2025: Tập thể lao động xuất sắc (QĐ 9/QĐ-UBND)"],
        citation: "Điều 27 khoản 1 Luật Thi đua, khen thưởng 2022",
        alternatives: [[.init(label: "Một sáng kiến được công nhận", outcome: "review", outcomeLabel: "Cần xem lại", records: [],
                              citation: "Điều 27 khoản 1 điểm b", alternatives: [])]])

    static let awards: [PageMock] = [
        PageMock("awards-subject") {
            typealias Subject = AwardPages.SubjectPage
            return Subject(
                head: Mock.head("Khen thưởng của Ủy ban Kiểm tra Tỉnh ủy", section: "awards"), heading: "Khen thưởng của Ủy ban Kiểm tra Tỉnh ủy",
                subjectLink: Link(label: "Ủy ban Kiểm tra Tỉnh ủy", href: "/don-vi/\(Mock.idText(3))"),
                ratings: [.init(cells: ["2025", "Hoàn thành xuất sắc nhiệm vụ", "Tỉnh ủy"])],
                discipline: [],
                initiatives: [.init(cells: ["2025", "Số hóa hồ sơ kiểm tra", "Hội đồng sáng kiến tỉnh"])],
                history: [.init(cells: ["2025", "Tập thể lao động xuất sắc", "9/QĐ-UBND", "10/01/2026"])],
                offices: [.init(cells: ["2026", "Trưởng khối", "Ủy ban Kiểm tra Tỉnh ủy"])],
                standings: [.init(cells: ["2025", "Khối thi đua các cơ quan Đảng tỉnh", "1"])],
                individual: false,
                forms: [.init(title: "Thêm xếp loại", action: "/khen-thuong/tap-the/\(Mock.idText(3))/xep-loai",
                              addForm: Mock.group([.number("year", "Năm", "2026")]))],
                checkAction: "/khen-thuong/tap-the/\(Mock.idText(3))/kiem-tra",
                awardOptions: [Mock.option("co_thi_dua_tinh", "Cờ thi đua của UBND tỉnh", selected: true)], checkYear: "2026", checkDate: "2026-12-28",
                check: .init(summary: "Đủ điều kiện Cờ thi đua của UBND tỉnh năm 2026", outcome: "pass", ruleID: "ldtt@152/2025/NĐ-CP",
                             legalBasis: ["Luật Thi đua, khen thưởng 2022", "Nghị định 152/2025/NĐ-CP"], conditions: [condition]),
                errors: [])
        },
        PageMock("proposals") {
            AwardPages.ProposalsPage(
                head: Mock.head("Tờ trình khen thưởng", section: "awards"),
                rows: [.init(title: Link(label: "Đề nghị khen thưởng năm 2026", href: "/khen-thuong/to-trinh/\(Mock.idText(60))"), kind: "Cuối năm",
                             year: 2026, status: "Đã gửi")],
                canCreate: true, action: "/khen-thuong/to-trinh",
                addForm: Mock.group([.text("title", "Tiêu đề", "", required: true), .number("year", "Năm", "2026")]))
        },
        PageMock("proposal") {
            typealias Proposal = AwardPages.ProposalPage
            let dto = ProposalDTO(
                id: Mock.id(60), kind: "year_end", provinceID: Mock.province, authorUnitID: Mock.unit, blocID: Mock.bloc, year: 2026,
                title: "Đề nghị khen thưởng năm 2026", status: "returned", statusLabel: "Bị trả lại", submittedOn: "2026-12-29",
                returnReason: "Thiếu biên bản bình xét.", lines: [], warnings: [], council: nil, decision: nil, history: [])
            return Proposal(
                head: Mock.head("Đề nghị khen thưởng năm 2026", section: "awards"), proposal: dto,
                lines: [.init(id: Mock.idText(61), recipient: Link(label: "Ủy ban Kiểm tra Tỉnh ủy", href: "/khen-thuong/tap-the/\(Mock.idText(3))"),
                              award: "Cờ thi đua của UBND tỉnh", summary: "Dẫn đầu khối năm 2026", status: "Bị trả lại", statusValue: "returned",
                              returnReason: "Thiếu biên bản bình xét.", outcome: "pass", outcomeLabel: "Đủ điều kiện",
                              explanation: ["Dẫn đầu khối, được suy tôn tại hội nghị 28/12/2026."],
                              removeAction: "/khen-thuong/to-trinh/\(Mock.idText(60))/dong/\(Mock.idText(61))/xoa")],
                warnings: ["Số Cờ thi đua vượt 20% số đơn vị của khối."],
                history: [.init(action: "return", from: "Đã gửi", to: "Bị trả lại", reason: "Thiếu biên bản bình xét.", actor: "tinh.kha")],
                errors: [], canEdit: true, canDecide: false, status: "returned", addAction: "/khen-thuong/to-trinh/\(Mock.idText(60))/dong",
                addForm: Mock.group([.select("award", "Danh hiệu", [("co_thi_dua_tinh", "Cờ thi đua của UBND tỉnh")], selected: [])]),
                actions: ["submit": "/khen-thuong/to-trinh/\(Mock.idText(60))/gui", "receive": "/khen-thuong/to-trinh/\(Mock.idText(60))/tiep-nhan",
                          "return": "/khen-thuong/to-trinh/\(Mock.idText(60))/tra-lai", "to": "/khen-thuong/to-trinh/\(Mock.idText(60))/chuyen",
                          "decide": "/khen-thuong/to-trinh/\(Mock.idText(60))/quyet-dinh", "record": "/khen-thuong/to-trinh/\(Mock.idText(60))/ghi"],
                today: "2026-12-30", decisionIssuer: "Chủ tịch UBND tỉnh",
                recipientDownloads: [Link(label: "Danh sách (.xlsx)", href: "/khen-thuong/to-trinh/\(Mock.idText(60))/danh-sach.xlsx")])
        },
        PageMock("award-statistics") {
            AwardPages.StatisticsPage(
                head: Mock.head("Thống kê khen thưởng", section: "awards", user: "tinh.kha"), heading: "Thống kê khen thưởng — Tỉnh Khánh Hòa",
                year: "2025", action: "/tinh/\(Mock.idText(1))/thong-ke",
                statistics: AwardStatistics(total: 3, collective: 2, individual: 1,
                                            byYear: [.init(key: "2025", label: "2025", count: 3)],
                                            byBloc: [.init(key: Mock.idText(2), label: "Khối thi đua các cơ quan Đảng tỉnh", count: 3)],
                                            byUnit: [.init(key: Mock.idText(3), label: "Ủy ban Kiểm tra Tỉnh ủy", count: 2)],
                                            byForm: [.init(key: "co_thi_dua_tinh", label: "Cờ thi đua của UBND tỉnh", count: 1)],
                                            byGender: [.init(key: "female", label: "Nữ", count: 1)]),
                charts: [.init(title: "Theo năm", height: 40, bars: [.init(label: "2025", count: 3, y: 0, width: 300, textY: 14)])])
        },
        PageMock("eligibility-list") {
            AwardListController.Page(
                head: Mock.head("Danh sách đủ điều kiện", section: "awards", user: "tinh.kha"), action: "/khen-thuong/danh-sach",
                addForm: Mock.group([.select("award", "Danh hiệu", [("co_thi_dua_tinh", "Cờ thi đua của UBND tỉnh")], selected: ["co_thi_dua_tinh"]),
                                     .number("year", "Năm", "2026")]),
                errors: [], checked: true, title: "Cờ thi đua của UBND tỉnh năm 2026", summary: "1 đủ, 1 cần xem lại trong 2 đơn vị.",
                filters: [Link(label: "Tất cả", href: "/khen-thuong/danh-sach?award=co_thi_dua_tinh&year=2026"),
                          Link(label: "Đủ", href: "/khen-thuong/danh-sach?award=co_thi_dua_tinh&year=2026&outcome=pass")],
                orders: [Link(label: "Theo tên", href: "/khen-thuong/danh-sach?award=co_thi_dua_tinh&year=2026&order=name")],
                download: "/khen-thuong/danh-sach.xlsx?award=co_thi_dua_tinh&year=2026",
                lines: [.init(number: 1, name: "Ủy ban Kiểm tra Tỉnh ủy", detail: "Khối thi đua các cơ quan Đảng tỉnh", outcome: "pass",
                              outcomeLabel: "Đủ", conditions: [condition], link: "/khen-thuong/tap-the/\(Mock.idText(3))")])
        },
    ]
}

@testable import App
import Foundation
import ThiDuaCore

/// Fixed contexts of the registry pages (province, unit, bloc, person, programme, past year).
extension PageMock {
    static let event = LineageView.EventRow(
        date: "01/07/2025", kind: "Hợp nhất", decision: "Nghị quyết số 202/2025/QH15",
        before: [NameLink(label: "Báo Ninh Thuận", href: "/don-vi/\(Mock.idText(6))"), NameLink(label: "Báo Khánh Hòa (cũ)", href: nil)],
        after: [NameLink(label: "Báo và Phát thanh, Truyền hình Khánh Hòa", href: "/don-vi/\(Mock.idText(3))")],
        detail: "Hợp nhất hai cơ quan báo chí", relation: "nguồn")

    static let registry: [PageMock] = [
        PageMock("province") {
            ProvinceController.ShowPage(
                head: Mock.head("Tỉnh Khánh Hòa", section: "provinces"),
                province: Province(id: Mock.province, code: "KHA", name: "Khánh Hòa", existence: DatePeriod(from: Mock.day("1989-07-01"))),
                fullName: "Tỉnh Khánh Hòa", edit: Control(label: "Sửa", href: "/tinh/\(Mock.idText(1))/sua", disabled: nil),
                unitsLink: "/don-vi?province=\(Mock.idText(1))", programmeLink: "/tinh/\(Mock.idText(1))/chuong-trinh",
                importLink: Control(label: "Nhập đơn vị", href: "/tinh/\(Mock.idText(1))/nhap", disabled: nil),
                importPeopleLink: nil,
                awardStatisticsLink: Control(label: "Thống kê khen thưởng", href: "/tinh/\(Mock.idText(1))/thong-ke", disabled: nil),
                importAwardsLink: Control(label: "Nhập khen thưởng", href: "/tinh/\(Mock.idText(1))/nhap-khen-thuong", disabled: "Chưa có năm nào"),
                blocs: [Link(label: "Khối thi đua các cơ quan Đảng tỉnh", href: Mock.blocPath)],
                history: [event])
        },
        PageMock("unit") {
            UnitController.ShowPage(
                head: Mock.head("Báo và Phát thanh, Truyền hình Khánh Hòa", section: "units"),
                unit: OrgUnit(id: Mock.unit, provinceID: Mock.province, name: "Báo và Phát thanh, Truyền hình Khánh Hòa", shortName: "BPTTH",
                              kind: .press, parentBody: "Tỉnh ủy Khánh Hòa", existence: DatePeriod(from: Mock.day("2025-07-01"))),
                kindLabel: "Cơ quan báo chí", documentStyle: "Đảng", province: Link(label: "Tỉnh Khánh Hòa", href: "/tinh/\(Mock.idText(1))"),
                from: "01/07/2025", to: nil, edit: Control(label: "Sửa", href: "/don-vi/\(Mock.idText(3))/sua", disabled: nil),
                awardsLink: "/khen-thuong/tap-the/\(Mock.idText(3))",
                asOf: .init(date: "2025-06-01", dateText: "01/06/2025", nameThen: "Báo Ninh Thuận",
                            carriers: [NameLink(label: "Báo Ninh Thuận", href: "/don-vi/\(Mock.idText(6))")], existed: false, isItself: false),
                history: [event],
                memberships: [.init(bloc: Link(label: "Khối thi đua các cơ quan Đảng tỉnh", href: Mock.blocPath), from: "01/07/2025", to: "")],
                offices: [.init(year: 2026, role: "Khối phó", bloc: Link(label: "Khối thi đua các cơ quan Đảng tỉnh", href: Mock.blocPath))],
                staff: [.init(person: NameLink(label: "Trần Thị Bình", href: "/can-bo/\(Mock.idText(5))"), position: "Tổng Biên tập",
                              from: "01/07/2025", to: "")])
        },
        PageMock("bloc") {
            BlocController.ShowPage(
                head: Mock.head("Khối thi đua các cơ quan Đảng tỉnh"),
                bloc: Bloc(id: Mock.bloc, provinceID: Mock.province, kind: .bloc, name: "Khối thi đua các cơ quan Đảng tỉnh",
                           decisionReference: "Quyết định số 12/QĐ-UBND", decisionDate: Mock.day("2025-07-15"),
                           validity: DatePeriod(from: Mock.day("2025-07-15"))),
                kindLabel: "Khối thi đua", headTitle: "Trưởng khối", deputyTitle: "Khối phó",
                province: Link(label: "Tỉnh Khánh Hòa", href: "/tinh/\(Mock.idText(1))"), from: "15/07/2025", to: nil,
                decisionDate: "15/07/2025", edit: Control(label: "Sửa", href: Mock.blocPath + "/sua", disabled: nil),
                at: "2026-11-22", atText: "22/11/2026",
                members: [.init(unit: Link(label: "Ủy ban Kiểm tra Tỉnh ủy", href: "/don-vi/\(Mock.idText(3))"), shortName: "UBKTTU",
                                from: "15/07/2025", to: "", office: "Trưởng khối"),
                          .init(unit: Link(label: "Báo Khánh Hòa", href: "/don-vi/\(Mock.idText(4))"), shortName: "BKH",
                                from: "15/07/2025", to: "", office: nil)],
                offices: [.init(year: 2026, head: Link(label: "Ủy ban Kiểm tra Tỉnh ủy", href: "/don-vi/\(Mock.idText(3))"), deputy: nil,
                                basis: "bầu tại hội nghị 30/12/2025")],
                history: [.init(unit: Link(label: "Báo Ninh Thuận", href: "/don-vi/\(Mock.idText(6))"), from: "01/01/2020", to: "30/06/2025",
                                open: false, endAction: Mock.blocPath + "/thanh-vien/\(Mock.idText(7))/ket-thuc")],
                canManageMembers: true, addAction: Mock.blocPath + "/thanh-vien",
                addForm: Mock.group([.select("unitID", "Đơn vị", [(Mock.idText(6), "Báo Ninh Thuận")], selected: []),
                                     .date("from", "Từ ngày", "2026-01-01", required: true)]),
                today: "2026-11-22",
                years: [Link(label: "Năm 2025", href: Mock.blocPath + "/nam/2025")],
                thisYear: Link(label: "Năm thi đua 2026", href: Mock.yearPath),
                nextYears: [Link(label: "Mở năm 2027", href: Mock.blocPath + "/nam/2027/mo")],
                recordedYears: [Link(label: "2024 (ghi lại)", href: Mock.blocPath + "/nam-da-qua/2024")],
                recordableYears: [Link(label: "2023", href: Mock.blocPath + "/nam-da-qua/2023")])
        },
        PageMock("person") {
            PersonController.ShowPage(
                head: Mock.head("Trần Thị Bình", section: "people"),
                person: Person(id: Mock.person, fullName: "Trần Thị Bình", gender: .female, birthYear: 1978, category: .cadre,
                               nationalID: "056178000123"),
                genderLabel: "Nữ", categoryLabel: "Cán bộ", maskedNationalID: "0561••••0123",
                edit: Control(label: "Sửa", href: "/can-bo/\(Mock.idText(5))/sua", disabled: nil),
                awardsLink: "/khen-thuong/ca-nhan/\(Mock.idText(5))",
                assignments: [.init(unit: NameLink(label: "Báo Khánh Hòa", href: "/don-vi/\(Mock.idText(4))"), position: "Tổng Biên tập",
                                    from: "01/07/2025", to: "")],
                addAction: "/can-bo/\(Mock.idText(5))/cong-tac",
                addForm: Mock.group([.text("position", "Chức vụ", "", required: true)]))
        },
        PageMock("programme") {
            ProgrammeController.ProgrammePage(
                head: Mock.head("Chương trình thi đua năm 2026", section: "provinces", user: "tinh.kha"),
                province: Link(label: "Tỉnh Khánh Hòa", href: "/tinh/\(Mock.idText(1))"), year: 2026, years: [2025, 2026, 2027],
                blocs: [.init(bloc: Link(label: "Khối thi đua các cơ quan Đảng tỉnh", href: Mock.blocPath), year: Link(label: "2026", href: Mock.yearPath),
                              state: "Chấm điểm", opened: true, head: "Ủy ban Kiểm tra Tỉnh ủy", members: 8,
                              unsigned: ["Báo Khánh Hòa"], unregistered: []),
                        .init(bloc: Link(label: "Cụm thi đua số 1", href: "/khoi/\(Mock.idText(8))"), year: Link(label: "Mở năm 2026", href: "/khoi/\(Mock.idText(8))/nam/2026/mo"),
                              state: "Chưa mở", opened: false, head: nil, members: 5, unsigned: [], unregistered: [])],
                stateCounts: [Link(label: "Chấm điểm: 1", href: "#scoring")],
                templates: [.init(name: Link(label: "Bảng điểm khối Đảng (mẫu)", href: "/tinh/\(Mock.idText(1))/bang-diem/\(Mock.idText(9))"),
                                  total: "100", criteria: 9)],
                movements: [.init(title: "Thi đua chào mừng Đại hội Đảng bộ tỉnh", kind: "Theo đợt", when: "01/03/2026 – 30/09/2026",
                                  body: "Tỉnh", document: "Kế hoạch số 5/KH-UBND")],
                canWrite: true, newTemplate: "/tinh/\(Mock.idText(1))/bang-diem/moi", newMovement: "/tinh/\(Mock.idText(1))/phong-trao/moi")
        },
        PageMock("bloc-history") {
            BlocHistoryPages.Page(
                head: Mock.head("Năm 2024 đã qua", user: "tinh.kha"), bloc: Link(label: "Khối thi đua các cơ quan Đảng tỉnh", href: Mock.blocPath),
                year: 2024, headTitle: "Trưởng khối", deputyTitle: "Khối phó",
                recorded: RecordedYearDTO(id: Mock.id(10), blocID: Mock.bloc, year: 2024, source: "Báo cáo tổng kết số 3/BC-KT ngày 28/12/2024",
                                          recordedBy: "tinh.kha",
                                          standings: [.init(unitID: Mock.unit, unitNameThen: "Ủy ban Kiểm tra Tỉnh ủy", rank: 1, points: "98,5")],
                                          head: .init(unitID: Mock.unit, unitNameThen: "Ủy ban Kiểm tra Tỉnh ủy"), deputy: nil,
                                          awards: [.init(id: Mock.id(11), unitID: Mock.unit, unitNameThen: "Ủy ban Kiểm tra Tỉnh ủy", awardCode: "co_thi_dua_tinh",
                                                         awardName: "Cờ thi đua của UBND tỉnh", decisionNumber: "15/QĐ-UBND", decisionDate: "2025-01-10")]),
                canRecord: false, refusal: "Năm 2024 đã được ghi lại.", action: Mock.blocPath + "/nam-da-qua/2024", errors: [],
                source: "", rows: [.init(unitID: Mock.idText(3), name: "Ủy ban Kiểm tra Tỉnh ủy", rank: "1", points: "98,5")],
                heads: [Mock.option(Mock.idText(3), "Ủy ban Kiểm tra Tỉnh ủy", selected: true)], deputies: [Mock.option("", "—")],
                awardRows: [.init(units: [Mock.option(Mock.idText(3), "Ủy ban Kiểm tra Tỉnh ủy")], codes: [Mock.option("co_thi_dua_tinh", "Cờ thi đua của UBND tỉnh")],
                                  number: "", date: "")],
                historyLinks: [Link(label: "Khen thưởng của Ủy ban Kiểm tra Tỉnh ủy", href: "/khen-thuong/tap-the/\(Mock.idText(3))")])
        },
    ]
}

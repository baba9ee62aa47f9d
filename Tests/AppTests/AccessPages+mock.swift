@testable import App
import Fluent
import Foundation
import ThiDuaCore

/// Fixed contexts of the shared pages (home, lists, forms, errors, confirmations) and of the
/// access pages (sign-in, account, users, audit), for the snapshot tests.
extension PageMock {
    static let access: [PageMock] = [
        PageMock("signin") {
            AuthController.SignInPage(head: Mock.head("Đăng nhập", section: "", user: nil, registry: false, pending: nil),
                                      formCSRF: Mock.csrf, username: "donvi.kha.ubkttu", next: "/khoi",
                                      message: "Phiên làm việc đã hết hạn, xin đăng nhập lại.", error: "Tên đăng nhập hoặc mật khẩu không đúng.")
        },
        PageMock("account") {
            AuthController.AccountPage(
                head: Mock.head("Tài khoản", section: "account"), username: "donvi.kha.ubkttu", displayName: "Nguyễn Văn An",
                roles: ["Cán bộ đơn vị — Ủy ban Kiểm tra Tỉnh ủy"], sessions: 2,
                tokens: [.init(name: "máy chủ báo cáo", prefix: "tdk_ab12", created: "01/11/2026 08:00", lastUsed: "20/11/2026 09:30",
                               revoked: false, revokeAction: "/tai-khoan/khoa/\(Mock.idText(41))/thu-hoi"),
                         .init(name: "cũ", prefix: "tdk_cd34", created: "01/01/2026 08:00", lastUsed: nil, revoked: true,
                               revokeAction: "/tai-khoan/khoa/\(Mock.idText(42))/thu-hoi")],
                newToken: "tdk_ab12.mock-token-shown-once",
                passwordForm: Mock.group([.password("current", "Mật khẩu hiện tại"), .password("new", "Mật khẩu mới", hint: "Ít nhất 12 ký tự")],
                                         errors: ["Mật khẩu hiện tại không đúng."]),
                tokenForm: Mock.group([.text("name", "Tên khóa", "", required: true)]),
                passwordChanged: true)
        },
        PageMock("reset") {
            AuthController.ResetPage(head: Mock.head("Đặt lại mật khẩu", section: "", user: nil, registry: false, pending: nil),
                                     formCSRF: Mock.csrf, username: "donvi.kha.ubkttu", action: "/dat-lai-mat-khau/mock",
                                     form: Mock.group([.password("new", "Mật khẩu mới")], errors: ["Liên kết đã hết hạn."]))
        },
        PageMock("user") {
            UserAdminController.UserPage(
                head: Mock.head("Người dùng donvi.kha.ubkttu", section: "users", user: "tinh.kha", users: true, audit: true),
                username: "donvi.kha.ubkttu", displayName: "Nguyễn Văn An", disabled: false, created: "01/01/2026 08:00",
                roles: [.init(label: "Cán bộ đơn vị — Ủy ban Kiểm tra Tỉnh ủy", removeAction: "/quan-tri/nguoi-dung/mock/vai-tro/1/xoa")],
                resetLink: "http://127.0.0.1:8080/dat-lai-mat-khau/mock",
                roleAction: "/quan-tri/nguoi-dung/mock/vai-tro",
                roleForm: Mock.group([.select("role", "Vai trò", [("unit_officer", "Cán bộ đơn vị"), ("viewer", "Người xem")], selected: ["viewer"])]),
                disableAction: "/quan-tri/nguoi-dung/mock/khoa", enableAction: "/quan-tri/nguoi-dung/mock/mo",
                resetAction: "/quan-tri/nguoi-dung/mock/dat-lai", isSelf: false)
        },
        PageMock("audit") {
            AuditController.AuditPage(
                head: Mock.head("Nhật ký", section: "audit", user: "admin", users: true, audit: true, pending: nil),
                verdict: "Chuỗi nhật ký nguyên vẹn (2 mục).", intact: true, actor: "", actions: AuditWords.choices(AuditWords.actions, selected: "sign"),
                types: AuditWords.choices(AuditWords.types, selected: nil), from: "2026-11-01", to: "",
                rows: [.init(sequence: 2, at: "21/11/2026 10:00", actor: "donvi.kha.ubkttu", role: AuditWords.roles("unit_officer"), action: AuditWords.action("sign"),
                             resource: "pact \(Mock.idText(2))/2026", changes: "signer: Nguyễn Văn An", address: "127.0.0.1"),
                       .init(sequence: 1, at: "20/11/2026 09:00", actor: "tinh.kha", role: AuditWords.roles("provincial_officer"), action: AuditWords.action("open"),
                             resource: "year \(Mock.idText(2))/2026", changes: "state: planning", address: "127.0.0.1")],
                pagination: Pagination(metadata: PageMetadata(page: 1, per: 50, total: 2), base: "/quan-tri/nhat-ky", parameters: ["from": "2026-11-01"]))
        },
        PageMock("home") {
            typealias Home = HomeController.HomePage
            return Home(
                head: Mock.head("Việc cần làm", section: "home", flash: "Đã ký giao ước thi đua năm 2026."),
                today: "22/11/2026", pending: 3,
                sections: [.init(heading: "Khối thi đua các cơ quan Đảng tỉnh — năm 2026", href: Mock.yearPath, note: "Bước hiện tại: Chấm điểm",
                                 items: [.init(text: "Tự chấm điểm", href: Mock.yearPath + "/cham-diem/\(Mock.idText(3))", deadline: "30/11/2026",
                                               overdue: false, done: false),
                                         .init(text: "Đăng ký thi đua", href: Mock.yearPath + "/dang-ky/\(Mock.idText(3))", deadline: "31/03/2026",
                                               overdue: true, done: false),
                                         .init(text: "Ký giao ước", href: Mock.yearPath + "/giao-uoc", deadline: nil, overdue: false, done: true)])],
                states: [.init(state: "scoring", label: "Chấm điểm", years: [Link(label: "Khối thi đua các cơ quan Đảng tỉnh — năm 2026", href: Mock.yearPath)])],
                late: [.init(text: "Báo Khánh Hòa chưa đăng ký thi đua", href: Mock.yearPath, deadline: "31/03/2026", overdue: true, done: false)],
                proposals: [.init(text: "Tờ trình khen thưởng năm 2026 chờ thẩm định", href: "/khen-thuong/to-trinh/\(Mock.idText(60))",
                                  deadline: nil, overdue: false, done: false)],
                provinces: [Link(label: "Tỉnh Khánh Hòa", href: "/tinh/\(Mock.idText(1))")],
                published: [Link(label: "Xếp hạng Khối thi đua các cơ quan Đảng tỉnh năm 2025", href: Mock.blocPath + "/nam/2025/xep-hang")],
                showSearch: true,
                overview: .init(provinces: 2, blocs: 4, units: 31, people: 12, reorganisations: 5))
        },
        PageMock("list") {
            ListPage(head: Mock.head("Đơn vị", section: "units"), heading: "Đơn vị, cơ quan", intro: "Các đơn vị thành viên của khối, cụm.",
                     action: "/don-vi", query: "bao",
                     filters: [.init(name: "kind", label: "Loại", options: [Mock.option("", "Tất cả"), Mock.option("press", "Cơ quan báo chí", selected: true)])],
                     sortLabel: "Tên", descending: false, newLink: Link(label: "Thêm đơn vị", href: "/don-vi/moi"),
                     columns: ["Tên", "Viết tắt", "Tỉnh"],
                     rows: [.init(cells: [.init(text: "Báo Khánh Hòa", href: "/don-vi/\(Mock.idText(3))", note: "đến 30/06/2025"),
                                          .init(text: "BKH", href: nil, note: nil), .init(text: "Khánh Hòa", href: "/tinh/\(Mock.idText(1))", note: nil)])],
                     pagination: Pagination(metadata: PageMetadata(page: 2, per: 20, total: 61), base: "/don-vi", parameters: ["q": "bao", "kind": "press"]),
                     emptyMessage: "Không có đơn vị nào.")
        },
        PageMock("form") {
            var field = FormPage.Field.text("shortName", "Tên viết tắt", "B K", required: true, hint: "Chữ in hoa, không dấu cách")
            field.error = "Tên viết tắt không được có dấu cách."
            return FormPage(head: Mock.head("Sửa đơn vị", section: "units"), heading: "Sửa đơn vị Báo Khánh Hòa",
                            action: "/don-vi/\(Mock.idText(3))/sua", submitLabel: "Lưu", cancel: Link(label: "Hủy", href: "/don-vi/\(Mock.idText(3))"),
                            errors: ["Tên viết tắt không được có dấu cách."],
                            fields: [.text("name", "Tên đơn vị", "Báo Khánh Hòa", required: true), field,
                                     .date("from", "Từ ngày", "2025-07-01"), .number("staff", "Biên chế", "42"),
                                     .select("kind", "Loại", Choices.unitKinds(), selected: ["press"]),
                                     .textarea("note", "Ghi chú", "Sáp nhập từ hai báo.")])
        },
        PageMock("error") {
            ErrorPage(head: Mock.head("Không khóa được giao ước"), status: 422,
                      detail: "Còn 2 đơn vị chưa ký giao ước: Báo Khánh Hòa, Đài Phát thanh Khánh Hòa.",
                      errors: ["Báo Khánh Hòa chưa ký.", "Đài Phát thanh Khánh Hòa chưa ký."])
        },
        PageMock("confirm") {
            ConfirmPage(head: Mock.head("Khóa giao ước"), heading: "Khóa giao ước", question: "Khóa giao ước thi đua năm 2026?",
                        consequences: ["Bảng tiêu chí không sửa được nữa, trừ khi có lý do.", "Các đơn vị bắt đầu tự chấm điểm."],
                        typed: [.init(label: "Lý do", value: "Đủ chữ ký")], action: Mock.yearPath + "/buoc",
                        fields: [("to", "in_progress"), ("reason", "Đủ chữ ký"), ("empty", nil)], confirmLabel: "Xác nhận khóa",
                        cancel: Mock.yearPath)
        },
        PageMock("import") {
            ImportController.ImportPage(
                head: Mock.head("Nhập đơn vị", section: "units", user: "tinh.kha"), heading: "Nhập đơn vị từ tệp", noun: "đơn vị",
                back: Link(label: "Tỉnh Khánh Hòa", href: "/tinh/\(Mock.idText(1))"), action: "/tinh/\(Mock.idText(1))/nhap",
                commitAction: "/tinh/\(Mock.idText(1))/nhap/ghi", exportHref: "/tinh/\(Mock.idText(1))/xuat.xlsx",
                columns: ["Tên", "Viết tắt", "Loại"], hint: ImportController.Subject.units.hint, errors: [], previewed: true, summary: "2 dòng: 1 hợp lệ, 1 có lỗi.",
                fileProblems: [],
                rows: [.init(line: 2, cells: ["Báo Khánh Hòa", "BKH", "press"], problems: [], notes: ["đã có, sẽ cập nhật"]),
                       .init(line: 3, cells: ["", "X", "press"], problems: ["Thiếu tên đơn vị."], notes: [])],
                hiddenAccepted: 0, sha256: String(repeating: "ab", count: 32), canCommit: false, commitLabel: "Ghi 1 đơn vị", done: nil)
        },
        PageMock("notifications") {
            NotificationController.NotificationsPage(
                head: Mock.head("Thông báo", section: "notifications", unread: 1),
                rows: [.init(text: "Ủy ban Kiểm tra Tỉnh ủy: bảng điểm Khối thi đua các cơ quan Đảng tỉnh năm 2026 bị trả lại. Lý do: Thiếu minh chứng mục 1.",
                             href: Mock.yearPath + "/cham-diem/\(Mock.idText(3))", at: "20/11/2026 10:00", unread: true,
                             readAction: "/thong-bao/\(Mock.idText(50))/da-doc"),
                       .init(text: "Khối thi đua các cơ quan Đảng tỉnh năm 2026 chuyển sang bước «Chấm điểm».", href: Mock.yearPath,
                             at: "01/11/2026 08:00", unread: false, readAction: "/thong-bao/\(Mock.idText(51))/da-doc")],
                unread: 1, readAllAction: "/thong-bao/da-doc")
        },
        PageMock("notifications", variant: "empty") {
            NotificationController.NotificationsPage(head: Mock.head("Thông báo", section: "notifications", unread: nil), rows: [], unread: 0,
                                                     readAllAction: "/thong-bao/da-doc")
        },
    ]
}

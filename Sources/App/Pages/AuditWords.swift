import ThiDuaCore

/// The audit log's codes in the words of the glossary (docs/GLOSSARY.md): the page shows an
/// entry's action, object and role in Vietnamese; the stored, hashed record keeps its codes and
/// is shown beside them as stored (`translate="no"`).
enum AuditWords {
    static let actions: [String: String] = [
        "create": "Tạo mới", "update": "Sửa", "delete": "Xóa", "import": "Nhập dữ liệu", "link": "Gắn",
        "transition": "Chuyển bước", "score": "Chấm điểm", "vote": "Bỏ phiếu", "attendance": "Điểm danh",
        "paper_batch": "Nhập phiếu giấy", "return_lines": "Trả lại đề nghị", "issue": "Ban hành văn bản",
        "extend": "Gia hạn", "publish": "Công bố", "correct": "Đính chính",
        "enable": "Mở lại tài khoản", "disable": "Khóa tài khoản",
        "sign_in": "Đăng nhập", "sign_in_failed": "Đăng nhập sai", "sign_in_throttled": "Đăng nhập bị tạm chặn",
        "sign_in_disabled": "Đăng nhập tài khoản đã khóa", "sign_out": "Đăng xuất", "sign_out_everywhere": "Đăng xuất mọi nơi",
        "token_created": "Tạo mã truy cập", "token_revoked": "Thu hồi mã truy cập",
        "role_granted": "Cấp quyền", "role_revoked": "Thu hồi quyền",
        "reset_link_created": "Tạo liên kết đặt lại mật khẩu", "password_reset": "Đặt lại mật khẩu",
        "password_changed": "Đổi mật khẩu", "denied": "Bị từ chối", "csrf_refused": "Từ chối biểu mẫu không hợp lệ",
        "upload": "Tải lên", "replace": "Thay tệp",
        // A sheet's and a proposal's steps (SheetAction, ProposalAction) are stored by their codes.
        "submit": "Nộp, gửi", "return": "Trả lại", "finalise": "Hoàn tất thẩm định", "reopen": "Mở lại",
        "receive": "Tiếp nhận", "to_council": "Trình Hội đồng", "record_vote": "Ghi kết quả Hội đồng",
        "decide": "Ghi quyết định khen thưởng",
    ]

    static let types: [String: String] = [
        "province": "Tỉnh", "unit": "Đơn vị", "units": "Đơn vị", "reorganisation": "Sắp xếp tổ chức", "bloc": "Khối, cụm",
        "membership": "Thành viên khối, cụm", "bloc_office": "Trưởng, phó khối, cụm", "person": "Cán bộ", "people": "Cán bộ",
        "assignment": "Chức vụ", "account": "Tài khoản", "session": "Phiên đăng nhập", "api_token": "Mã truy cập",
        "password": "Mật khẩu", "request": "Yêu cầu", "application": "Hệ thống",
        "bloc_year": "Năm thi đua", "plan_activity": "Hoạt động trong kế hoạch", "movement": "Phong trào",
        "year_movement": "Phong trào của năm", "scoring_table": "Bảng tiêu chí", "pact_targets": "Chỉ tiêu giao ước",
        "pact_signature": "Chữ ký giao ước", "registration": "Đăng ký thi đua", "score_sheet": "Bảng điểm",
        "evidence": "Minh chứng", "ranking": "Xếp hạng", "conference": "Hội nghị", "ballot_session": "Phiên bỏ phiếu",
        "annual_rating": "Xếp loại hằng năm", "discipline": "Kỷ luật", "initiative": "Sáng kiến",
        "award_proposal": "Tờ trình đề nghị khen thưởng", "award_proposal_line": "Dòng đề nghị khen thưởng",
        "award_decision": "Quyết định khen thưởng", "award_record": "Khen thưởng đã nhận", "award_history": "Khen thưởng đã nhận",
        "award_parameters": "Tham số khen thưởng", "document": "Văn bản", "bloc_history_year": "Năm đã qua của khối",
        "sample_fact": "Dữ liệu mẫu", "sample_history": "Dữ liệu mẫu (đo hiệu năng)",
    ]

    static func action(_ code: String) -> String { actions[code] ?? "Thao tác khác" }
    static func type(_ code: String) -> String { types[code] ?? "Đối tượng khác" }

    /// "unit_officer,voter" → "Cán bộ TĐKT đơn vị, Người bỏ phiếu"; the system's own writes.
    static func roles(_ codes: String) -> String {
        codes.split(separator: ",").map { code in
            code == "system" ? "Hệ thống" : RoleKind(rawValue: String(code))?.label ?? "Vai trò khác"
        }.joined(separator: ", ")
    }

    /// The filters' choices: the label shown, the code searched.
    static func choices(_ labels: [String: String], selected: String?) -> [SelectOption] {
        [SelectOption(value: "", label: "Tất cả", selected: selected == nil)]
            // Two codes may share a word («Cán bộ»): the code orders them, so the list is the same every time.
            + labels.sorted { (VietnameseText.sortKey($0.value), $0.key) < (VietnameseText.sortKey($1.value), $1.key) }
                .map { SelectOption(value: $0.key, label: $0.value, selected: $0.key == selected) }
    }
}

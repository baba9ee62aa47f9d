import Fluent
import Foundation
import ThiDuaCore

/// The demo told straight (issue 16 part 7): the facts the demo adds to the seeds so that it
/// can be played are marked as sample data (`SampleFacts`), each with what of it is invented.
/// docs/DEMO-AUDIT.md lists every fact with its seed line or "sample".
extension DemoData {
    enum SampleNote {
        static let members = "Đơn vị này không được báo cáo gốc nêu là thành viên: bản demo thêm vào cho đủ số thành viên báo cáo nêu."
        static let mergedMembers = "Đơn vị hình thành sau sắp xếp năm 2025: bản demo cho vào khối thay các đơn vị cũ."
        static let offices = "Báo cáo gốc không nêu Trưởng, Phó năm này: bản demo đặt ra để có đơn vị dẫn đầu hôm nay."
        static let yearPlan = "Báo cáo gốc không nêu các mốc, địa điểm ký kết và kế hoạch hoạt động: bản demo đặt ra."
        static let yearScores = "Báo cáo gốc chỉ nói hội nghị đã thông báo kết quả chấm điểm, không nêu điểm: điểm và thứ hạng do bản demo đặt ra."
        static let movements = "Báo cáo gốc chỉ nêu cụm có 12 phong trào thi đua chuyên đề: tên, ngày và văn bản của phong trào do bản demo đặt ra."
        static let planned = "Năm thi đua do bản demo đặt ra (không có trong báo cáo gốc)."
        static let awardDecision = "Báo cáo gốc nêu đề nghị khen thưởng; số và ngày quyết định do bản demo đặt ra."
        static let historyRanking = "Báo cáo gốc nêu Trưởng khối và cờ thi đua, không nêu thứ hạng: thứ hạng do bản demo đặt ra."
    }
}

extension DemoData.Loader {
    func sample(_ subject: SampleFacts.Subject, _ ids: [UUID], _ note: String) async throws {
        try await SampleFacts.mark(subject, ids, note: note, on: store.db, auditor: store.auditor)
    }

    /// Marks the memberships of the given units (demo keys) in a bloc.
    func sampleMembers(_ bloc: UUID, _ province: String, _ keys: [String], _ note: String = DemoData.SampleNote.members) async throws {
        let unitIDs = keys.compactMap { units[province]?[$0] }
        let rows = try await MembershipModel.query(on: store.db).filter(\.$bloc.$id == bloc).filter(\.$unit.$id ~~ unitIDs).all()
        try await sample(.membership, rows.compactMap(\.id), note)
    }

    /// Marks a bloc's head and deputy of the given years.
    func sampleOffices(_ bloc: UUID, years: [Int], _ note: String = DemoData.SampleNote.offices) async throws {
        let rows = try await BlocOfficeModel.query(on: store.db).filter(\.$bloc.$id == bloc).filter(\.$year ~~ years).all()
        try await sample(.blocOffice, rows.compactMap(\.id), note)
    }
}

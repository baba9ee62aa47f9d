import Fluent
import Foundation
import ThiDuaCore

/// The awards the seeds report, for 2020: seed 000 (Ninh Thuận) the bloc proposed Cờ thi đua
/// for Báo Ninh Thuận and Bằng khen for Văn phòng Tỉnh ủy; seed 004 (Kon Tum) Cờ thi đua of
/// the province for Sở Lao động, Thương binh và Xã hội and Bằng khen of the Chairman for Sở Văn
/// hóa, Thể thao và Du lịch, Đài Phát thanh - Truyền hình tỉnh and Trường Cao đẳng Cộng đồng
/// tỉnh. The seeds report the proposals; the decisions' numbers and days are invented.
extension DemoData.Loader {
    mutating func seedAwards() async throws {
        let awards: [(province: String, bloc: String, unit: String, code: AwardCode, decision: String, date: String)] = [
            ("NTH", "Khối thi đua các cơ quan Đảng tỉnh", "BAO", .provinceFlag, "Quyết định số 215/QĐ-UBND (dữ liệu mẫu)", "2021-02-05"),
            ("NTH", "Khối thi đua các cơ quan Đảng tỉnh", "VPTU", .provinceMeritCollective, "Quyết định số 216/QĐ-UBND (dữ liệu mẫu)", "2021-02-05"),
            ("KTM", "Khối thi đua các cơ quan tham mưu quản lý nhà nước về văn hóa - xã hội", "SLDTBXH", .provinceFlag,
             "Quyết định số 120/QĐ-UBND (dữ liệu mẫu)", "2021-02-25"),
            ("KTM", "Khối thi đua các cơ quan tham mưu quản lý nhà nước về văn hóa - xã hội", "SVHTTDL", .provinceMeritCollective,
             "Quyết định số 121/QĐ-UBND (dữ liệu mẫu)", "2021-02-25"),
            ("KTM", "Khối thi đua các cơ quan tham mưu quản lý nhà nước về văn hóa - xã hội", "DAI", .provinceMeritCollective,
             "Quyết định số 121/QĐ-UBND (dữ liệu mẫu)", "2021-02-25"),
            ("KTM", "Khối thi đua các cơ quan tham mưu quản lý nhà nước về văn hóa - xã hội", "CDCD", .provinceMeritCollective,
             "Quyết định số 121/QĐ-UBND (dữ liệu mẫu)", "2021-02-25"),
        ]
        for award in awards {
            guard let unit = units[award.province]?[award.unit], let province = provinceIDs[award.province] else { continue }
            let bloc = try await BlocModel.query(on: store.db).filter(\.$province.$id == province).filter(\.$name == award.bloc).first()
            let record = AwardRecordModel(subject: .collective, subjectID: unit, unitID: unit, blocID: bloc?.id, provinceID: province,
                                          code: award.code, year: 2020, decisionNumber: award.decision,
                                          decisionDate: LocalDate(award.date)!, basis: AwardBasis(years: [2020]))
            try await record.create(on: store.db)
            try await sample(.awardDecision, [record.id!], DemoData.SampleNote.awardDecision)
            try await store.auditor.record(on: store.db, action: "create", type: "award_record", id: record.id?.uuidString,
                                           after: ["unit": award.unit, "code": record.code, "year": "2020", "decision": award.decision])
        }
    }
}

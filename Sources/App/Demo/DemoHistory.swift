import Fluent
import Foundation
import ThiDuaCore

/// History that awards stand on (issue 14 part 9), in the demo: the 2025 changes to the
/// Party bodies as dated reorganisation events, commune-level units and a cluster of
/// communes after the district level ended, and a past year of an ended bloc recorded from
/// its report. Everything here not named by the seeds is sample data, said so in its text.
extension DemoData {
    /// The provincial Đảng ủy Khối ended in early 2025 (Kết luận 121-KL/TW, 24/01/2025); their
    /// Party organisations passed to the Đảng ủy các cơ quan Đảng tỉnh and the Đảng ủy Ủy ban
    /// nhân dân tỉnh. DOMAIN.md §6 marks the names and days VERIFY per province: they are data
    /// here (one row a province, its own day and decision), never a rule of the code.
    struct PartyCommitteeChange {
        var province: String
        /// The Đảng ủy Khối of the province (demo unit keys) that ended.
        var ended: [String]
        var effective: String
        var decision: String
    }

    static let partyCommittees2025: [PartyCommitteeChange] = [
        PartyCommitteeChange(province: "NTH", ended: ["DUKCQDN"], effective: "2025-02-01",
                             decision: "Quyết định của Bộ Chính trị, Ban Thường vụ Tỉnh ủy Ninh Thuận theo Kết luận 121-KL/TW ngày 24/01/2025 (dữ liệu mẫu: ngày, số cần xác minh)"),
        PartyCommitteeChange(province: "LSN", ended: ["DUKCCQ", "DUKDN"], effective: "2025-02-01",
                             decision: "Quyết định của Ban Thường vụ Tỉnh ủy Lạng Sơn theo Kết luận 121-KL/TW ngày 24/01/2025 (dữ liệu mẫu: ngày, số cần xác minh)"),
        PartyCommitteeChange(province: "HNA", ended: ["DUKCCQ", "DUKDN"], effective: "2025-02-01",
                             decision: "Quyết định của Ban Thường vụ Tỉnh ủy Hà Nam theo Kết luận 121-KL/TW ngày 24/01/2025 (dữ liệu mẫu: ngày, số cần xác minh)"),
    ]

    /// The two committees that took over (names as DOMAIN.md gives them).
    static let partyCommittees: [UnitSpec] = [
        UnitSpec(key: "DUCCQD", name: "Đảng ủy các cơ quan Đảng tỉnh", shortName: "ĐUCCQĐ", kind: .partyAgency),
        UnitSpec(key: "DUUBND", name: "Đảng ủy Ủy ban nhân dân tỉnh", shortName: "ĐUUBND", kind: .partyAgency),
    ]

    /// Sample data: some communes, wards and the special zone of Khánh Hòa after 1/7/2025, and
    /// the cluster the province groups them in (its composition is invented).
    static let communes: [(key: String, name: String, kind: UnitKind)] = [
        ("PNT", "Phường Nha Trang", .ward),
        ("PBNT", "Phường Bắc Nha Trang", .ward),
        ("XVN", "Xã Vạn Ninh", .commune),
        ("DKTS", "Đặc khu Trường Sa", .specialZone),
    ]
    static let communeCluster = "Cụm thi đua số 1 các xã, phường, đặc khu (dữ liệu mẫu)"
}

extension DemoData.Loader {
    /// Each province's Đảng ủy Khối split into the two new committees on its day; the new
    /// committees join the blocs the old ones were in.
    mutating func partyCommittees2025() async throws {
        for change in DemoData.partyCommittees2025 {
            let day = LocalDate(change.effective)!
            var targets: [UUID] = []
            for spec in DemoData.partyCommittees {
                targets.append(try await unit(change.province, spec, from: day))
            }
            for key in change.ended {
                guard let source = units[change.province]?[key] else { continue }
                try await store.record(unitEvent: ReorganisationEvent(
                    kind: .split, effectiveDate: day, decisionReference: change.decision, sources: [source], targets: targets,
                    note: "Đảng ủy Khối kết thúc hoạt động; tổ chức đảng chuyển về hai đảng ủy mới"))
                counts.events += 1
            }
        }
        try await join("NTH", "Khối thi đua các cơ quan Đảng tỉnh", ["DUCCQD", "DUUBND"])
        try await join("LSN", "Cụm thi đua các cơ quan đảng tỉnh", ["DUCCQD", "DUUBND"])
        try await join("HNA", "Khối thi đua các Ban xây dựng Đảng và cơ quan trực thuộc Tỉnh ủy", ["DUCCQD", "DUUBND"])
    }

    /// Communes after the district level ended (1/7/2025), in a cluster of their own.
    mutating func communeCluster() async throws {
        let start = DemoData.provinceMergerDate
        for commune in DemoData.communes {
            try await unit("KHA", DemoData.UnitSpec(key: commune.key, name: commune.name, shortName: commune.key, kind: commune.kind,
                                                    parentBody: "Ủy ban nhân dân tỉnh {tỉnh}"), from: start)
        }
        let cluster = try await bloc("KHA", .cluster, DemoData.communeCluster, from: start.iso, to: nil,
                                     members: DemoData.communes.map(\.key))
        try await office(cluster, 2025, .head, "KHA", "PNT", basis: .recognised)
        try await sampleMembers(cluster, "KHA", DemoData.communes.map(\.key), "Cụm xã, phường do bản demo đặt ra.")
        try await sampleOffices(cluster, years: [2025])
    }

    /// Seed 000's year 2020 of Ninh Thuận's bloc (ended 30/6/2025), as the province would record
    /// it: the seed names the head (Báo Ninh Thuận) and its Cờ; the ranking is sample data.
    mutating func recordedHistory() async throws {
        guard let bloc = try await BlocModel.query(on: store.db).filter(\.$province.$id == provinceIDs["NTH"]!)
            .filter(\.$name == "Khối thi đua các cơ quan Đảng tỉnh").first() else { return }
        let history = BlocHistoryYearModel(blocID: bloc.id!, year: 2020,
                                           source: "Báo cáo tổng kết công tác thi đua năm 2020 của Khối (xếp hạng: dữ liệu mẫu)",
                                           recordedBy: store.auditor.actorName, at: Date(timeIntervalSince1970: 1_609_459_200))
        try await history.create(on: store.db)
        try await sample(.historyRanking, [history.id!], DemoData.SampleNote.historyRanking)
        for (rank, key) in ["BAO", "VPTU", "BTCTU", "UBKTTU"].enumerated() {
            try await BlocHistoryStandingModel(historyID: history.id!, standing: RecordedYear.Standing(unitID: units["NTH"]![key]!, rank: rank + 1))
                .create(on: store.db)
        }
        try await store.auditor.record(on: store.db, action: "create", type: "bloc_history_year", id: history.id?.uuidString,
                                       after: ["blocID": bloc.id!.uuidString, "year": "2020", "source": history.source])
    }
}

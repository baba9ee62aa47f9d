import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The demo province data: the blocs of the five seed reports (shared/seeds) with their
/// members, heads and deputies, and the 2025 reorganisation applied to them.
///
/// What the seeds name is used as written. What they do not name is invented so that the
/// blocs are whole, and marked `invented: true` (or said so in a comment) right here, in the
/// demo source. Dates of founding are the provinces' re-establishment dates as commonly
/// given; the exact days of the early-2025 mergers of Party boards and of the press differ by
/// province and are approximated as 1 March and 1 June 2025 (invented).
enum DemoData {
    static func isDatabaseEmpty(_ db: any Database) async throws -> Bool {
        try await ProvinceModel.query(on: db).count() == 0
    }

    /// Loads everything in one transaction: either all of it is there, or none.
    @discardableResult
    static func load(into app: Application) async throws -> String {
        let filesDirectory = app.thidua.config.filesDirectory
        return try await app.write { db in
            var loader = Loader(store: RegistryStore(db: db, auditor: .system("Dữ liệu mẫu")), filesDirectory: filesDirectory)
            try await loader.run()
            return loader.summary
        }
    }

    static let provinceMergerDate = LocalDate(year: 2025, month: 7, day: 1)!
    static let provinceMergerDecision = "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh"
    /// Invented day (provinces merged their Party propaganda and mass-mobilisation boards
    /// between February and March 2025).
    static let partyBoardMergerDate = LocalDate(year: 2025, month: 3, day: 1)!
    /// Invented day (the press mergers of CV 1373 fell around June 2025).
    static let pressMergerDate = LocalDate(year: 2025, month: 6, day: 1)!

    struct ProvinceSpec {
        var code: String
        var name: String
        var kind: ProvinceKind = .province
        var founded: String
        /// The province it merged into on 1 July 2025, if any.
        var mergedInto: String?
    }

    static let provinces: [ProvinceSpec] = [
        ProvinceSpec(code: "NTH", name: "Ninh Thuận", founded: "1992-04-01", mergedInto: "KHA"),
        ProvinceSpec(code: "KHA", name: "Khánh Hòa", founded: "1989-07-01"),
        ProvinceSpec(code: "LSN", name: "Lạng Sơn", founded: "1978-12-29"),
        ProvinceSpec(code: "KTM", name: "Kon Tum", founded: "1991-08-12", mergedInto: "QNG"),
        ProvinceSpec(code: "QNG", name: "Quảng Ngãi", founded: "1989-07-01"),
        ProvinceSpec(code: "HNA", name: "Hà Nam", founded: "1997-01-01", mergedInto: "NBH"),
        ProvinceSpec(code: "NDH", name: "Nam Định", founded: "1997-01-01", mergedInto: "NBH"),
        ProvinceSpec(code: "NBH", name: "Ninh Bình", founded: "1992-04-01"),
    ]

    /// The Party agencies every demo province has (invented where no seed names them). The
    /// name may carry `{tỉnh}`, replaced by the province's name.
    struct UnitSpec {
        var key: String
        var name: String
        var shortName: String
        var kind: UnitKind
        var parentBody: String = "Tỉnh ủy {tỉnh}"
    }

    static let partyAgencies: [UnitSpec] = [
        UnitSpec(key: "VPTU", name: "Văn phòng Tỉnh ủy", shortName: "VPTU", kind: .partyAgency),
        UnitSpec(key: "BTCTU", name: "Ban Tổ chức Tỉnh ủy", shortName: "BTCTU", kind: .partyAgency),
        UnitSpec(key: "UBKTTU", name: "Ủy ban Kiểm tra Tỉnh ủy", shortName: "UBKTTU", kind: .partyAgency),
        UnitSpec(key: "BTGTU", name: "Ban Tuyên giáo Tỉnh ủy", shortName: "BTGTU", kind: .partyAgency),
        UnitSpec(key: "BDVTU", name: "Ban Dân vận Tỉnh ủy", shortName: "BDVTU", kind: .partyAgency),
        UnitSpec(key: "TCT", name: "Trường Chính trị tỉnh", shortName: "TCT", kind: .partyAgency),
        UnitSpec(key: "BAO", name: "Báo {tỉnh}", shortName: "BAO", kind: .press),
        UnitSpec(key: "DAI", name: "Đài Phát thanh - Truyền hình {tỉnh}", shortName: "PTTH", kind: .press,
                 parentBody: "Ủy ban nhân dân tỉnh {tỉnh}"),
    ]

    struct Loader {
        let store: RegistryStore
        var provinceIDs: [String: UUID] = [:]
        var provinceNames: [String: String] = [:]
        var provinceFounded: [String: LocalDate] = [:]
        /// Units by province code and key.
        var units: [String: [String: UUID]] = [:]
        var counts = (units: 0, blocs: 0, memberships: 0, people: 0, events: 0)

        /// Where the demo's evidence files go (the app's `data/files`).
        let filesDirectory: String

        init(store: RegistryStore, filesDirectory: String) {
            self.store = store
            self.filesDirectory = filesDirectory
        }

        var summary: String {
            "\(provinceIDs.count) tỉnh, \(counts.blocs) khối/cụm, \(counts.units) đơn vị, \(counts.memberships) lượt thành viên, \(counts.people) cán bộ, \(counts.events) sự kiện sắp xếp"
        }

        mutating func run() async throws {
            for spec in DemoData.provinces {
                let province = Province(code: spec.code, name: spec.name, kind: spec.kind,
                                        existence: DatePeriod(from: LocalDate(spec.founded)!))
                _ = try await store.save(province)
                provinceIDs[spec.code] = province.id
                provinceNames[spec.code] = spec.name
                provinceFounded[spec.code] = province.existence.from
            }
            for spec in DemoData.provinces where spec.code != "NDH" {
                for agency in DemoData.partyAgencies {
                    try await unit(spec.code, agency)
                }
            }
            try await seedUnitsAndBlocs()
            try await reorganise2025()
            try await seedYears()
            // Awards (issue 14)
            try await seedAwards()
            // History that awards stand on (issue 14 part 9): communes in a cluster, a recorded past year.
            try await communeCluster()
            try await recordedHistory()
        }

        // MARK: Units and blocs of the seeds

        mutating func seedUnitsAndBlocs() async throws {
            // Seed 000: Ninh Thuận, "Khối thi đua các cơ quan Đảng tỉnh", 8 units, head 2020
            // Báo Ninh Thuận, head 2021 Ủy ban kiểm tra Tỉnh ủy.
            try await unit("NTH", UnitSpec(key: "DUKCQDN", name: "Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh",
                                           shortName: "ĐUKCQDN", kind: .partyAgency))
            let ninhThuan = try await bloc("NTH", .bloc, "Khối thi đua các cơ quan Đảng tỉnh", from: "2020-01-01", to: "2025-06-30",
                                           members: ["BDVTU", "BTCTU", "BTGTU", "VPTU", "UBKTTU", "DUKCQDN", "TCT", "BAO"])
            try await office(ninhThuan, 2020, .head, "NTH", "BAO")
            try await office(ninhThuan, 2021, .head, "NTH", "UBKTTU")

            // Seed 002: Lạng Sơn, "Cụm Thi đua các cơ quan đảng tỉnh", 9 units; 2020 head Trường
            // Chính trị Hoàng Văn Thụ, deputy Ủy ban Kiểm tra; 2021 head Ủy ban Kiểm tra, deputy
            // Báo Lạng Sơn. The other six members are invented.
            try await rename("LSN", "TCT", to: "Trường Chính trị Hoàng Văn Thụ")
            try await unit("LSN", UnitSpec(key: "BNCTU", name: "Ban Nội chính Tỉnh ủy", shortName: "BNCTU", kind: .partyAgency)) // invented
            try await unit("LSN", UnitSpec(key: "DUKCCQ", name: "Đảng ủy Khối các cơ quan tỉnh", shortName: "ĐUKCCQ", kind: .partyAgency)) // invented
            try await unit("LSN", UnitSpec(key: "DUKDN", name: "Đảng ủy Khối Doanh nghiệp tỉnh", shortName: "ĐUKDN", kind: .partyAgency)) // invented
            let langSon = try await bloc("LSN", .cluster, "Cụm thi đua các cơ quan đảng tỉnh", from: "2020-01-01", to: nil,
                                         members: ["TCT", "UBKTTU", "BAO",
                                                   /* invented: */ "VPTU", "BTCTU", "BTGTU", "BDVTU", "BNCTU", "DUKCCQ"])
            try await office(langSon, 2020, .head, "LSN", "TCT")
            try await office(langSon, 2020, .deputy, "LSN", "UBKTTU")
            try await sampleMembers(langSon, "LSN", ["VPTU", "BTCTU", "BTGTU", "BDVTU", "BNCTU", "DUKCCQ"])
            // 2021's head and deputy come from the election at the conference of 30/12/2020
            // (DemoYears), as the seed reports it.

            // Seed 004: Kon Tum, bloc of State advisory agencies on culture and society, 9
            // departments; 2020 head Sở Lao động, Thương binh và Xã hội; 2021 head Ban Dân tộc,
            // deputy Đài Phát thanh - Truyền hình tỉnh.
            let departments: [(String, String, String, UnitKind, Bool)] = [
                ("SLDTBXH", "Sở Lao động, Thương binh và Xã hội", "SLĐTBXH", .stateAgency, false),
                ("BDT", "Ban Dân tộc", "BDT", .stateAgency, false),
                ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", .stateAgency, false),
                ("CDCD", "Trường Cao đẳng Cộng đồng Kon Tum", "CĐCĐ", .school, false),
                ("SYT", "Sở Y tế", "SYT", .stateAgency, true),
                ("SGDDT", "Sở Giáo dục và Đào tạo", "SGDĐT", .stateAgency, true),
                ("STTTT", "Sở Thông tin và Truyền thông", "STTTT", .stateAgency, true),
                ("SKHCN", "Sở Khoa học và Công nghệ", "SKHCN", .stateAgency, true),
                ("SNV", "Sở Nội vụ", "SNV", .stateAgency, true),
            ]
            for (key, name, short, kind, _) in departments {
                try await unit("KTM", UnitSpec(key: key, name: name, shortName: short, kind: kind,
                                               parentBody: "Ủy ban nhân dân tỉnh Kon Tum"))
            }
            let konTum = try await bloc("KTM", .bloc, "Khối thi đua các cơ quan tham mưu quản lý nhà nước về văn hóa - xã hội",
                                        from: "2020-01-01", to: "2025-06-30",
                                        members: ["SLDTBXH", "BDT", "DAI", "SVHTTDL", "CDCD",
                                                  /* invented: */ "SYT", "SGDDT", "STTTT", "SKHCN"])
            try await office(konTum, 2020, .head, "KTM", "SLDTBXH")
            try await office(konTum, 2021, .head, "KTM", "BDT")
            try await office(konTum, 2021, .deputy, "KTM", "DAI")
            try await sampleMembers(konTum, "KTM", ["SYT", "SGDDT", "STTTT", "SKHCN"])

            // Seed 003: Hà Nam, "Khối Thi đua các Ban xây dựng Đảng và cơ quan trực thuộc Tỉnh
            // ủy"; 2023 head Ban Tổ chức Tỉnh ủy; 2024 head Ủy ban Kiểm tra Tỉnh ủy, deputy Đảng ủy
            // Khối Doanh nghiệp tỉnh. Văn phòng Tỉnh ủy and Ban Tổ chức are named in the report;
            // the rest of the membership is invented. Đảng ủy Khối các cơ quan tỉnh is named only
            // as the organiser of a festival, not as a member: its membership is sample too.
            try await unit("HNA", UnitSpec(key: "DUKDN", name: "Đảng ủy Khối Doanh nghiệp tỉnh", shortName: "ĐUKDN", kind: .partyAgency))
            try await unit("HNA", UnitSpec(key: "DUKCCQ", name: "Đảng ủy Khối các cơ quan tỉnh", shortName: "ĐUKCCQ", kind: .partyAgency))
            try await unit("HNA", UnitSpec(key: "BNCTU", name: "Ban Nội chính Tỉnh ủy", shortName: "BNCTU", kind: .partyAgency)) // invented
            let haNam = try await bloc("HNA", .bloc, "Khối thi đua các Ban xây dựng Đảng và cơ quan trực thuộc Tỉnh ủy",
                                       from: "2023-01-01", to: "2025-06-30",
                                       members: ["VPTU", "BTCTU", "UBKTTU", "DUKDN", "DUKCCQ",
                                                 /* invented: */ "BTGTU", "BDVTU", "BNCTU", "TCT", "BAO"])
            try await office(haNam, 2023, .head, "HNA", "BTCTU")
            try await office(haNam, 2024, .head, "HNA", "UBKTTU")
            try await office(haNam, 2024, .deputy, "HNA", "DUKDN")
            try await sampleMembers(haNam, "HNA", ["DUKCCQ", "BTGTU", "BDVTU", "BNCTU", "TCT", "BAO"])

            // People named by the seeds, then one invented TĐKT officer in each bloc member.
            try await person("Đặng Đình Thoảng", .male, "HNA", "BTCTU", "Trưởng ban", from: "2020-10-01")
            try await person("Hà Hồng Duy", .male, "KTM", "BDT", "Phó Trưởng ban", from: "2019-01-01")
            try await person("Đinh Quốc Tuấn", .male, "KTM", "BDT", "Trưởng ban", from: "2019-01-01")
            try await officers(for: [("NTH", ninhThuan), ("LSN", langSon), ("KTM", konTum), ("HNA", haNam)])
        }

        // MARK: 2025

        mutating func reorganise2025() async throws {
            let reorganised = ["NTH", "KHA", "LSN", "KTM", "QNG", "HNA", "NBH"]
            for code in reorganised {
                // Ban Tuyên giáo + Ban Dân vận → Ban Tuyên giáo và Dân vận Tỉnh ủy.
                try await merge(code, ["BTGTU", "BDVTU"], into: UnitSpec(
                    key: "BTGDVTU", name: "Ban Tuyên giáo và Dân vận Tỉnh ủy", shortName: "BTGDVTU", kind: .partyAgency),
                    on: DemoData.partyBoardMergerDate, decision: "Quyết định của Ban Thường vụ Tỉnh ủy (dữ liệu mẫu)")
                // Báo + Đài → Báo và Phát thanh, Truyền hình.
                try await merge(code, ["BAO", "DAI"], into: UnitSpec(
                    key: "BPTTH", name: "Báo và Phát thanh, Truyền hình {tỉnh}", shortName: "BPTTH", kind: .press),
                    on: DemoData.pressMergerDate, decision: "Theo Công văn 1373 ngày 27/6/2025 (dữ liệu mẫu)")
            }
            // History that awards stand on (issue 14 part 9): the Đảng ủy Khối ended in early 2025.
            try await partyCommittees2025()
            // Kon Tum's State departments reorganised on 1 March 2025 (dates as in most
            // provinces; the decision numbers are invented).
            let konTumDecision = "Quyết định của UBND tỉnh Kon Tum về sắp xếp các sở (dữ liệu mẫu)"
            try await absorb("KTM", ["SLDTBXH"], into: "SNV", on: DemoData.partyBoardMergerDate, decision: konTumDecision)
            try await absorb("KTM", ["STTTT"], into: "SKHCN", on: DemoData.partyBoardMergerDate, decision: konTumDecision)
            try await rename("KTM", "BDT", to: "Sở Dân tộc và Tôn giáo", shortName: "SDTTG",
                             on: DemoData.partyBoardMergerDate, decision: konTumDecision)
            // The merged units join the blocs their predecessors were in, until the bloc ends.
            try await join("NTH", "Khối thi đua các cơ quan Đảng tỉnh", ["BTGDVTU", "BPTTH"])
            try await join("LSN", "Cụm thi đua các cơ quan đảng tỉnh", ["BTGDVTU", "BPTTH"])
            try await join("HNA", "Khối thi đua các Ban xây dựng Đảng và cơ quan trực thuộc Tỉnh ủy", ["BTGDVTU", "BPTTH"])

            // 1 July 2025: Ninh Thuận into Khánh Hòa, Kon Tum into Quảng Ngãi, Hà Nam and Nam
            // Định into Ninh Bình; each old province's agencies merge into the new one's.
            for (target, sources) in [("KHA", ["NTH"]), ("QNG", ["KTM"]), ("NBH", ["HNA", "NDH"])] {
                try await store.record(provinceEvent: ReorganisationEvent(
                    kind: .merge, effectiveDate: DemoData.provinceMergerDate, decisionReference: DemoData.provinceMergerDecision,
                    sources: sources.map { provinceIDs[$0]! } + [provinceIDs[target]!], targets: [provinceIDs[target]!],
                    note: "Tỉnh \(sources.map { provinceNames[$0]! }.joined(separator: ", ")) nhập vào tỉnh \(provinceNames[target]!)"))
                counts.events += 1
                for source in sources { try await mergeAgencies(of: source, into: target) }
            }
            // The Khánh Hòa bloc of Party agencies after the merger (invented composition).
            let khanhHoa = try await bloc("KHA", .bloc, "Khối thi đua các cơ quan Đảng tỉnh", from: "2025-07-01", to: nil,
                                          members: ["VPTU", "BTCTU", "UBKTTU", "BTGDVTU", "TCT", "BPTTH"])
            try await office(khanhHoa, 2025, .head, "KHA", "BTCTU", basis: .recognised)
            // Invented: 2026 head and deputy, so that the demo has a bloc head officer today.
            try await office(khanhHoa, 2026, .head, "KHA", "UBKTTU")
            try await office(khanhHoa, 2026, .deputy, "KHA", "BPTTH")
            try await sampleMembers(khanhHoa, "KHA", ["VPTU", "BTCTU", "UBKTTU", "BTGDVTU", "TCT", "BPTTH"],
                                    "Thành phần khối sau khi hợp nhất tỉnh do bản demo đặt ra.")
            try await sampleOffices(khanhHoa, years: [2025, 2026])
        }

        /// Each still-active agency of the old province merges into its namesake in the new
        /// one (created as an invented unit if the demo has none).
        mutating func mergeAgencies(of source: String, into target: String) async throws {
            for (key, id) in (units[source] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let model = try await store.unit(id)
                guard model.validTo == nil else { continue }
                if units[target]?[key] == nil {
                    let name = model.name.replacingOccurrences(of: provinceNames[source]!, with: provinceNames[target]!)
                    try await unit(target, UnitSpec(key: key, name: name, shortName: model.shortName,
                                                    kind: UnitKind(rawValue: model.kind)!,
                                                    parentBody: model.parentBody?.replacingOccurrences(
                                                        of: provinceNames[source]!, with: provinceNames[target]!) ?? ""))
                }
                try await absorbAcross(id, into: units[target]![key]!)
            }
        }

        // MARK: Building blocks

        /// A unit of the province from `from` (by default since the province, or 2000, began).
        @discardableResult
        mutating func unit(_ province: String, _ spec: UnitSpec, from: LocalDate? = nil) async throws -> UUID {
            let name = spec.name.replacingOccurrences(of: "{tỉnh}", with: provinceNames[province]!)
            let parent = spec.parentBody.replacingOccurrences(of: "{tỉnh}", with: provinceNames[province]!)
            let start = from ?? max(provinceFounded[province]!, LocalDate(year: 2000, month: 1, day: 1)!)
            let unit = OrgUnit(provinceID: provinceIDs[province]!, name: name, shortName: spec.shortName, kind: spec.kind,
                               parentBody: parent.isEmpty ? nil : parent, existence: DatePeriod(from: start))
            _ = try await store.save(unit)
            units[province, default: [:]][spec.key] = unit.id
            counts.units += 1
            return unit.id
        }

        mutating func rename(_ province: String, _ key: String, to name: String, shortName: String? = nil,
                             on date: LocalDate? = nil, decision: String? = nil) async throws {
            let id = units[province]![key]!
            if let date, let decision {
                try await store.record(unitEvent: ReorganisationEvent(
                    kind: .rename, effectiveDate: date, decisionReference: decision, sources: [id], targets: [id],
                    newName: name, newShortName: shortName))
                counts.events += 1
            } else {
                // A correction of the demo's generic name, not a reorganisation.
                let model = try await store.unit(id)
                var unit = model.core
                unit.name = name
                _ = try await store.save(unit)
            }
        }

        mutating func merge(_ province: String, _ keys: [String], into spec: UnitSpec, on date: LocalDate,
                            decision: String) async throws {
            let sources = keys.compactMap { units[province]?[$0] }
            guard sources.count == keys.count else { return }
            let target = try await unit(province, spec, from: date)
            try await store.record(unitEvent: ReorganisationEvent(
                kind: .merge, effectiveDate: date, decisionReference: decision, sources: sources, targets: [target]))
            counts.events += 1
        }

        mutating func absorb(_ province: String, _ keys: [String], into key: String, on date: LocalDate,
                             decision: String) async throws {
            let target = units[province]![key]!
            try await store.record(unitEvent: ReorganisationEvent(
                kind: .merge, effectiveDate: date, decisionReference: decision,
                sources: keys.map { units[province]![$0]! } + [target], targets: [target]))
            counts.events += 1
        }

        mutating func absorbAcross(_ source: UUID, into target: UUID) async throws {
            try await store.record(unitEvent: ReorganisationEvent(
                kind: .merge, effectiveDate: DemoData.provinceMergerDate,
                decisionReference: "Quyết định hợp nhất cơ quan theo \(DemoData.provinceMergerDecision) (dữ liệu mẫu)",
                sources: [source, target], targets: [target]))
            counts.events += 1
        }

        mutating func bloc(_ province: String, _ kind: BlocKind, _ name: String, from: String, to: String?,
                           members: [String]) async throws -> UUID {
            let bloc = Bloc(provinceID: provinceIDs[province]!, kind: kind, name: name,
                            validity: DatePeriod(from: LocalDate(from)!, to: to.flatMap(LocalDate.init)))
            _ = try await store.save(bloc)
            counts.blocs += 1
            for key in members {
                _ = try await store.save(Membership(blocID: bloc.id, unitID: units[province]![key]!,
                                                    period: DatePeriod(from: bloc.validity.from, to: bloc.validity.to)))
                counts.memberships += 1
            }
            return bloc.id
        }

        /// Adds merged units to a bloc from the day they began, until the bloc ends (sample data:
        /// no seed reports a bloc after 2024).
        mutating func join(_ province: String, _ blocName: String, _ keys: [String]) async throws {
            guard let bloc = try await BlocModel.query(on: store.db).filter(\.$province.$id == provinceIDs[province]!)
                .filter(\.$name == blocName).first() else { return }
            for key in keys {
                guard let id = units[province]?[key] else { continue }
                let unit = try await store.unit(id).core
                let membership = try await store.save(Membership(blocID: bloc.id!, unitID: id,
                                                                 period: DatePeriod(from: unit.existence.from, to: bloc.core.validity.to),
                                                                 note: "Đơn vị hình thành sau sắp xếp năm 2025"))
                try await sample(.membership, [membership.id!], DemoData.SampleNote.mergedMembers)
                counts.memberships += 1
            }
        }

        func office(_ bloc: UUID, _ year: Int, _ role: BlocOfficeRole, _ province: String, _ key: String,
                    basis: BlocOfficeBasis = .elected) async throws {
            try await store.save(BlocOffice(blocID: bloc, year: year, role: role, unitID: units[province]![key]!,
                                            basis: basis))
        }

        mutating func person(_ name: String, _ gender: Gender, _ province: String, _ key: String, _ position: String,
                             from: String, birthYear: Int? = nil, category: StaffCategory = .cadre) async throws {
            let person = Person(fullName: name, gender: gender, birthYear: birthYear, category: category)
            _ = try await store.save(person)
            _ = try await store.save(Assignment(personID: person.id, unitID: units[province]![key]!, position: position,
                                                period: DatePeriod(from: LocalDate(from)!)))
            counts.people += 1
        }

        /// One TĐKT officer per bloc member: invented people, named from common Vietnamese
        /// family, middle and given names.
        mutating func officers(for blocs: [(String, UUID)]) async throws {
            let family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
            let middle: [(String, Gender)] = [("Thị", .female), ("Văn", .male), ("Thị Thu", .female), ("Minh", .male),
                                              ("Thị Ngọc", .female), ("Đức", .male), ("Thị Hồng", .female), ("Quốc", .male)]
            let given = ["An", "Bình", "Châu", "Dung", "Đào", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Khánh", "Lan",
                         "Linh", "Mai", "Nam", "Ngọc", "Nhung", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang",
                         "Trung", "Tú", "Uyên", "Việt", "Yến", "Ánh", "Ơn", "Ưng"]
            var index = 0
            for (province, blocID) in blocs {
                for membership in try await store.memberships(ofBloc: blocID) {
                    let (middleName, gender) = middle[index % middle.count]
                    let name = "\(family[index % family.count]) \(middleName) \(given[(index * 7) % given.count])"
                    let person = Person(fullName: name, gender: gender, birthYear: 1975 + (index * 3) % 25,
                                        category: .civilServant)
                    _ = try await store.save(person)
                    _ = try await store.save(Assignment(
                        personID: person.id, unitID: membership.$unit.id,
                        position: "Chuyên viên phụ trách thi đua, khen thưởng",
                        period: DatePeriod(from: LocalDate(membership.validFrom)!)))
                    counts.people += 1
                    index += 1
                }
                _ = province
            }
        }
    }
}

import Fluent
import Foundation
import ThiDuaCore

/// The years of the demo blocs. Seed 002 (Lạng Sơn, 2020): the cluster ran "12 phong trào
/// thi đua chuyên đề" and signed its pact; the movements' titles, the table and the dates
/// are invented in the shape such documents take. Khánh Hòa 2026 is invented: a year being
/// planned, with some members still to sign and register, as the province would watch it.
extension DemoData.Loader {
    mutating func seedYears() async throws {
        try await langSon2020()
        try await khanhHoa2026()
    }

    /// A moment in Vietnam time, for signatures and submissions.
    func moment(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text + "+07:00")!
    }

    static func templateRows(groupTitles: [String], extra: [CriterionRow] = []) -> [CriterionRow] {
        [CriterionRow(code: "I", title: groupTitles[0], kind: "group", maximum: "60"),
         CriterionRow(code: "1", parentCode: "I", title: "Hoàn thành chỉ tiêu, nhiệm vụ chính trị được giao trong năm", kind: "base",
                      maximum: "40", evidenceRequired: true, guidance: "Căn cứ báo cáo tổng kết năm của đơn vị"),
         CriterionRow(code: "2", parentCode: "I", title: "Cải cách hành chính, ứng dụng công nghệ thông tin, chuyển đổi số", kind: "base",
                      maximum: "20"),
         CriterionRow(code: "II", title: groupTitles[1], kind: "group", maximum: "40"),
         CriterionRow(code: "3", parentCode: "II", title: "Tổ chức, hưởng ứng các phong trào thi đua của khối, cụm", kind: "base",
                      maximum: "15", scorer: "head"),
         CriterionRow(code: "4", parentCode: "II", title: "Thực hiện chế độ thông tin, báo cáo công tác thi đua, khen thưởng", kind: "base",
                      maximum: "10", scorer: "head"),
         CriterionRow(code: "5", parentCode: "II", title: "Xây dựng tổ chức đảng, đoàn thể trong sạch, vững mạnh", kind: "base",
                      maximum: "15", evidenceRequired: true),
         CriterionRow(code: "T1", title: "Có mô hình, sáng kiến được cấp có thẩm quyền công nhận", kind: "bonus", maximum: "3",
                      perEvent: "1", evidenceRequired: true),
         CriterionRow(code: "T2", title: "Được Trung ương, tỉnh khen thưởng đột xuất", kind: "bonus", maximum: "2", perEvent: "1"),
         CriterionRow(code: "D1", title: "Gửi báo cáo, hồ sơ chậm so với thời hạn", kind: "deduction", perEvent: "-0,5", cap: "-3",
                      scorer: "head"),
         CriterionRow(code: "L1", title: "Có tập thể, cá nhân bị kỷ luật từ khiển trách trở lên", kind: "disqualifier",
                      scorer: "province")] + extra
    }

    func template(_ province: String, name: String) async throws -> ScoringTableModel {
        let table = try TableDraft.build(rows: Self.templateRows(groupTitles: ["Thực hiện nhiệm vụ chính trị, chuyên môn",
                                                                               "Công tác thi đua, khen thưởng và xây dựng tổ chức"]),
                                         declaredTotal: "100", bonusCap: "5")
        let model = ScoringTableModel()
        model.$province.id = provinceIDs[province]!
        try await store.save(table, name: name, into: model, year: nil, reason: nil, now: moment("2020-01-02T08:00:00"))
        return model
    }

    func blocID(_ province: String, _ name: String) async throws -> BlocModel {
        try await BlocModel.query(on: store.db).filter(\.$province.$id == provinceIDs[province]!).filter(\.$name == name).first()!
    }

    mutating func langSon2020() async throws {
        let template = try await template("LSN", name: "Bảng tiêu chí thi đua các cụm, khối cơ quan đảng (mẫu của tỉnh)")
        let bloc = try await blocID("LSN", "Cụm thi đua các cơ quan đảng tỉnh")
        let year = try await store.open(bloc: bloc, year: 2020, head: nil, deputy: nil, source: .template(template.id!),
                                        today: LocalDate("2020-01-06")!, now: moment("2020-01-06T08:00:00"))
        try await store.save(dates: YearDates(pactDate: LocalDate("2020-02-14"), pactPlace: "Trường Chính trị Hoàng Văn Thụ",
                                              registrationDeadline: LocalDate("2020-02-28"), midYearDate: LocalDate("2020-07-10"),
                                              selfScoreDeadline: LocalDate("2020-12-10"), conferenceDate: LocalDate("2020-12-30")),
                             of: year)
        let members = try await store.members(of: year, today: LocalDate("2020-01-06")!)
        let memberIDs = Set(members.map(\.membership.$unit.id))
        // The seed counts twelve thematic movements (seed 002 line 12); their titles, dates and
        // documents here are sample data. A movement celebrating a day runs up to it; the
        // national movements of several years keep their national launch and end, and are the
        // province's to carry out, not campaigns of the cluster.
        let cluster = "Cụm thi đua các cơ quan đảng tỉnh"
        for theme in DemoData.langSonMovements2020 {
            let national = theme.national != nil
            let movement = Movement(provinceID: provinceIDs["LSN"]!, scope: national ? .province : .bloc, blocID: national ? nil : bloc.id,
                                    kind: .thematic, title: theme.title,
                                    launchedOn: LocalDate(theme.launched)!, endsOn: LocalDate(theme.ends),
                                    launchingBody: theme.national ?? cluster, documentReference: theme.document)
            if national {
                try await store.save(movement, linkTo: nil, members: [])
                try await store.link(movement.id, to: year)
            } else {
                try await store.save(movement, linkTo: year, members: memberIDs)
            }
            try await sample(.movement, [movement.id], DemoData.SampleNote.movements)
        }
        try await store.add(PlanActivity(title: "Hội nghị ký kết giao ước thi đua năm 2020", startsOn: LocalDate("2020-02-14")!,
                                         ownerUnitID: units["LSN"]!["TCT"]), to: year, members: memberIDs)
        try await store.add(PlanActivity(title: "Sơ kết 6 tháng phong trào thi đua của cụm", startsOn: LocalDate("2020-07-10")!,
                                         ownerUnitID: units["LSN"]!["TCT"]), to: year, members: memberIDs)
        try await store.add(PlanActivity(title: "Hội nghị tổng kết, bầu Cụm trưởng năm 2021", startsOn: LocalDate("2020-12-30")!,
                                         ownerUnitID: units["LSN"]!["TCT"]), to: year, members: memberIDs)
        for (index, member) in members.enumerated() {
            try await store.sign(PactSignature(unitID: member.membership.$unit.id, signerName: "Thủ trưởng \(member.membership.unit.shortName)",
                                               signerPosition: "Thủ trưởng đơn vị",
                                               signedAt: moment("2020-02-14T09:\(String(format: "%02d", index)):00")),
                                 in: year, members: memberIDs)
            try await store.register(Registration(unitID: member.membership.$unit.id, collectiveTitle: .excellentCollective, individuals: []),
                                     in: year, members: memberIDs, day: LocalDate("2020-02-20")!, now: moment("2020-02-20T10:00:00"))
        }
        // Each step logged on its day: the pact locked at the signing, the work started after
        // the registration deadline, the mid-year review at the sơ kết.
        for (transition, day, time): (YearTransition, String, String) in [(.signPact, "2020-02-14", "11:00"), (.start, "2020-03-02", "08:00"),
                                                                           (.reviewMidYear, "2020-07-10", "16:00")] {
            try await store.apply(transition, to: year, reason: nil, today: LocalDate(day)!, now: moment("\(day)T\(time):00"))
        }
        try await sample(.yearPlan, [year.id!], DemoData.SampleNote.yearPlan)
        try await sample(.yearScores, [year.id!], DemoData.SampleNote.yearScores)
        try await scoreLangSon2020(year, members: members)
    }

    /// The seed's conference of 30/12/2020 "announced the scoring results of the units": each
    /// member scored itself with its report attached, the head reviewed, the ranking was
    /// published. The points are invented; Ủy ban Kiểm tra, elected head for 2021, leads.
    func scoreLangSon2020(_ year: BlocYearModel, members: [(membership: MembershipModel, nameThen: String)]) async throws {
        try await store.apply(.openScoring, to: year, reason: nil, today: LocalDate("2020-12-01")!, now: moment("2020-12-01T08:00:00"))
        let table = try await store.table(ofYear: year.id!)!
        let core = table.core
        let code = Dictionary(uniqueKeysWithValues: core.criteria.map { ($0.code, $0.id) })
        let order = ["UBKTTU": 0, "TCT": 1, "BAO": 2, "BTCTU": 3, "VPTU": 4, "BTGTU": 5, "BDVTU": 6, "BNCTU": 7, "ĐUKCCQ": 8]
        for member in members {
            let rank = order[member.membership.unit.shortName] ?? 8
            let own: SheetValues = [
                code["1"]!: ItemScore(points: Points(hundredths: 4000 - rank * 75)),
                code["2"]!: ItemScore(points: Points(integerLiteral: 20 - rank / 2)),
                code["5"]!: ItemScore(points: Points(integerLiteral: 15 - rank / 4)),
                code["T1"]!: ItemScore(events: rank < 3 ? 2 : 0),
            ]
            let sheet = try await store.ensureSheet(of: year.id!, unit: member.membership.$unit.id, round: .annual, now: moment("2020-12-05T08:00:00"))
            try await store.write(own, stage: .selfScore, into: sheet, now: moment("2020-12-05T09:00:00"))
            let report = DemoEvidence.pdf(title: "Bao cao tong ket thi dua nam 2020", unit: VietnameseText.searchKey(member.nameThen))
            for item in ["1", "5"] + (rank < 3 ? ["T1"] : []) {
                _ = try await store.attach(report, name: "Báo cáo tổng kết 2020 - \(member.membership.unit.shortName).pdf", kind: .pdf,
                                           to: sheet, criterion: code[item]!, directory: filesDirectory, now: moment("2020-12-05T09:30:00"))
            }
            try SheetRules.checkSubmission(own, table: core, evidence: [code["1"]!, code["5"]!, code["T1"]!],
                                           today: LocalDate("2020-12-08")!, deadline: year.dates.selfScoreDeadline, extendedTo: nil)
            try await store.move(sheet, .submit, reason: nil, now: moment("2020-12-08T10:00:00"))
            let review: SheetValues = [code["3"]!: ItemScore(points: Points(integerLiteral: 15 - rank / 3)),
                                       code["4"]!: ItemScore(points: Points(integerLiteral: 10 - rank / 4)),
                                       code["D1"]!: ItemScore(events: rank == 8 ? 1 : 0)]
            var reasons = [code["3"]!: "Theo sổ theo dõi tham gia hoạt động của cụm", code["4"]!: "Theo sổ theo dõi báo cáo"]
            if rank == 8 { reasons[code["D1"]!] = "Báo cáo 6 tháng gửi chậm" }
            try await store.write(review, reasons: reasons, stage: .review, into: sheet, now: moment("2020-12-20T15:00:00"))
            try await store.move(sheet, .finalise, reason: nil, now: moment("2020-12-22T15:00:00"))
        }
        let sheets = try await store.sheets(of: year.id!, round: .annual)
        let values = try await store.finalValues(of: sheets, peerSheets: sheets, table: core, rules: table.rankingRules)
        let names = Dictionary(members.map { ($0.membership.$unit.id, $0.nameThen) }, uniquingKeysWith: { a, _ in a })
        let result = Ranking.compute(table: core, rules: table.rankingRules,
                                     sheets: sheets.map { UnitSheet(unitID: $0.$unit.id, name: names[$0.$unit.id] ?? "", values: values[$0.$unit.id] ?? [:]) })
        _ = try await store.publish(result, of: year, reason: nil, now: moment("2020-12-30T09:00:00"))
        try await store.apply(.holdConference, to: year, reason: nil, today: LocalDate("2020-12-30")!, now: moment("2020-12-30T08:00:00"))
        try await langSonConference2020(year, members: members)
    }

    /// Seed 002: the conference of 30/12/2020 "bầu Ủy ban Kiểm tra Tỉnh ủy làm Cụm trưởng, Báo
    /// Lạng Sơn làm Phó trưởng cụm năm 2021" and signed the 2021 pact. The place, the chair,
    /// the secretary, the tally committee, the roll call and the ballots are sample data:
    /// every member present, every ballot in favour.
    func langSonConference2020(_ year: BlocYearModel, members: [(membership: MembershipModel, nameThen: String)]) async throws {
        let units = self.units["LSN"]!
        let conference = try await store.schedule(
            ConferenceDraft(kind: .yearEnd, heldOn: LocalDate("2020-12-30")!, place: "Trường Chính trị Hoàng Văn Thụ (dữ liệu mẫu)",
                            chair: "Lãnh đạo Trường Chính trị Hoàng Văn Thụ, đơn vị Cụm trưởng (dữ liệu mẫu)",
                            secretary: "Cán bộ TĐKT Trường Chính trị Hoàng Văn Thụ (dữ liệu mẫu)",
                            tallyCommittee: ["Đại diện Ủy ban Kiểm tra Tỉnh ủy (dữ liệu mẫu)", "Đại diện Báo Lạng Sơn (dữ liệu mẫu)"],
                            agenda: ["Tổng kết công tác thi đua, khen thưởng năm 2020", "Thông báo kết quả chấm điểm các đơn vị trong cụm",
                                     "Bầu Cụm trưởng, Cụm phó năm 2021", "Phát động và ký kết giao ước thi đua năm 2021"]),
            year: year, now: moment("2020-12-30T08:00:00"))
        let everyone = members.map(\.membership.$unit.id)
        try await store.record(everyone.map { Attendance(unitID: $0, present: true, delegate: "") }, of: conference)
        var generator = SystemRandomNumberGenerator()
        for (purpose, key, time) in [(BallotPurpose.electHead, "UBKTTU", "15:00"), (.electDeputy, "BAO", "15:20")] {
            let spec = BallotSpec(purpose: purpose, candidates: [units[key]!], seats: 1, maxChoices: 1, rule: .common,
                                  eligible: Set(everyone), members: everyone.count, memberUnits: Set(everyone))
            let title = purpose == .electHead ? "Bầu Cụm trưởng năm 2021" : "Bầu Cụm phó năm 2021"
            let session = try await store.open(spec, title: title, effect: .elect, previous: nil, conference: conference,
                                               now: moment("2020-12-30T\(time):00"))
            let ballots = everyone.map { unit in
                let code = ReceiptCode.make(from: (0..<ReceiptCode.length).map { _ in UInt8.random(in: 0...255, using: &generator) })
                return BallotCast(session: session.id!, unit: unit, choices: [units[key]!],
                                  receiptHash: RegistryStore.receiptHash(code), auditor: store.auditor)
            }
            for outcome in try await store.cast(ballots) { try outcome.get() }
            _ = try await store.close(session.id!, reasonWithoutQuorum: nil, blocID: year.$bloc.id, year: 2020,
                                      now: moment("2020-12-30T\(time):10"))
        }
    }

    mutating func khanhHoa2026() async throws {
        let template = try await template("KHA", name: "Bảng tiêu chí thi đua khối các cơ quan Đảng tỉnh (mẫu của tỉnh)")
        let bloc = try await blocID("KHA", "Khối thi đua các cơ quan Đảng tỉnh")
        let today = LocalDate("2026-01-05")!
        let year = try await store.open(bloc: bloc, year: 2026, head: nil, deputy: nil, source: .template(template.id!),
                                        today: today, now: moment("2026-01-05T08:00:00"))
        try await store.save(dates: YearDates(pactDate: LocalDate("2026-02-26"), pactPlace: "Hội trường Ủy ban Kiểm tra Tỉnh ủy",
                                              registrationDeadline: LocalDate("2026-03-15"), midYearDate: LocalDate("2026-07-10"),
                                              selfScoreDeadline: LocalDate("2026-11-30"), conferenceDate: LocalDate("2026-12-18")),
                             of: year)
        let members = try await store.members(of: year, today: today)
        let memberIDs = Set(members.map(\.membership.$unit.id))
        try await sample(.yearPlan, [year.id!], DemoData.SampleNote.planned)
        let provincial = Movement(provinceID: provinceIDs["KHA"]!, scope: .province, kind: .thematic,
                                  title: "Thi đua đẩy mạnh chuyển đổi số, xây dựng chính quyền số tỉnh Khánh Hòa năm 2026",
                                  launchedOn: LocalDate("2026-02-03")!, endsOn: LocalDate("2026-11-30"),
                                  launchingBody: "UBND tỉnh Khánh Hòa", documentReference: "Kế hoạch số 25/KH-UBND (dữ liệu mẫu)")
        try await store.save(provincial, linkTo: nil, members: [])
        try await store.link(provincial.id, to: year)
        let regular = Movement(provinceID: provinceIDs["KHA"]!, scope: .bloc, blocID: bloc.id, kind: .regular,
                               title: "Thi đua hoàn thành xuất sắc nhiệm vụ chính trị năm 2026",
                               launchedOn: LocalDate("2026-02-26")!, launchingBody: "Khối thi đua các cơ quan Đảng tỉnh",
                               documentReference: "Kế hoạch số 01/KH-KTĐ (dữ liệu mẫu)")
        try await store.save(regular, linkTo: year, members: memberIDs)
        try await sample(.movement, [provincial.id, regular.id], DemoData.SampleNote.planned)
        try await store.add(PlanActivity(title: "Hội nghị ký kết giao ước thi đua năm 2026", startsOn: LocalDate("2026-02-26")!,
                                         ownerUnitID: units["KHA"]!["UBKTTU"]), to: year, members: memberIDs)
        try await store.add(PlanActivity(title: "Hội thao các cơ quan Đảng tỉnh chào mừng Ngày Thể thao Việt Nam",
                                         startsOn: LocalDate("2026-03-27")!, endsOn: LocalDate("2026-03-28"),
                                         ownerUnitID: units["KHA"]!["BPTTH"]), to: year, members: memberIDs)
        try await store.add(PlanActivity(title: "Sơ kết 6 tháng, trao đổi kinh nghiệm chuyển đổi số", startsOn: LocalDate("2026-07-10")!),
                            to: year, members: memberIDs)
        try await store.replaceTargets([PactTarget(unitID: units["KHA"]!["TCT"]!, text: "100% học viên tốt nghiệp các lớp trung cấp lý luận chính trị"),
                                        PactTarget(unitID: units["KHA"]!["BPTTH"]!, text: "Hoàn thành hợp nhất Báo và Đài, phát sóng ổn định 24/24 giờ")],
                                       of: year, unitID: nil, members: memberIDs)
        // Four of six have signed and two have registered: the province sees who has not.
        for (index, member) in members.prefix(4).enumerated() {
            try await store.sign(PactSignature(unitID: member.membership.$unit.id, signerName: "Thủ trưởng \(member.membership.unit.shortName)",
                                               signerPosition: "Thủ trưởng đơn vị",
                                               signedAt: moment("2026-02-26T09:\(String(format: "%02d", index)):00")),
                                 in: year, members: memberIDs)
        }
        for member in members.prefix(2) {
            try await store.register(Registration(unitID: member.membership.$unit.id, collectiveTitle: .excellentCollective, individuals: []),
                                     in: year, members: memberIDs, day: LocalDate("2026-03-10")!, now: moment("2026-03-10T10:00:00"))
        }
    }
}

extension DemoData {
    /// A movement of the Lạng Sơn cluster's 2020 (sample data: the seed gives only their count).
    struct MovementSpec {
        var title: String
        var launched: String
        var ends: String
        /// The national body that launched it, for a national long-running movement the province
        /// carries out; nil for the cluster's own.
        var national: String? = nil
        var document: String
    }

    static let langSonMovements2020: [MovementSpec] = [
        // Lạng Sơn's XVII provincial Party congress sat in the autumn of 2020 (a day of its own, not a fixed one).
        MovementSpec(title: "Thi đua lập thành tích chào mừng Đại hội Đảng bộ tỉnh Lạng Sơn lần thứ XVII, nhiệm kỳ 2020 - 2025",
                     launched: "2020-02-14", ends: "2020-10-31", document: "Kế hoạch số 1/KH-CTĐ (dữ liệu mẫu)"),
        MovementSpec(title: "Thi đua chào mừng kỷ niệm 90 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2020)",
                     launched: "2020-01-06", ends: "2020-02-03", document: "Kế hoạch số 2/KH-CTĐ (dữ liệu mẫu)"),
        // Chỉ thị 05-CT/TW (15/5/2016) is long-running; the cluster's movement is its topic of
        // the year (the "chuyên đề năm 2020" of seed 001 line 10).
        MovementSpec(title: "Thi đua học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, chuyên đề năm 2020",
                     launched: "2020-02-14", ends: "2020-12-15",
                     document: "Kế hoạch số 10/KH-CTĐ thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị (dữ liệu mẫu)"),
        MovementSpec(title: "Thi đua cải cách hành chính, ứng dụng công nghệ thông tin trong cơ quan đảng năm 2020",
                     launched: "2020-02-14", ends: "2020-12-15", document: "Kế hoạch số 3/KH-CTĐ (dữ liệu mẫu)"),
        MovementSpec(title: "Thi đua phòng, chống dịch Covid-19 trong các cơ quan đảng",
                     launched: "2020-03-02", ends: "2020-12-15", document: "Kế hoạch số 4/KH-CTĐ (dữ liệu mẫu)"),
        MovementSpec(title: "Thi đua làm tốt công tác dân vận trong các cơ quan đảng năm 2020",
                     launched: "2020-02-14", ends: "2020-12-15", document: "Kế hoạch số 5/KH-CTĐ (dữ liệu mẫu)"),
        MovementSpec(title: "Thi đua nâng cao chất lượng công tác kiểm tra, giám sát năm 2020",
                     launched: "2020-02-14", ends: "2020-12-15", document: "Kế hoạch số 6/KH-CTĐ (dữ liệu mẫu)"),
        MovementSpec(title: "Thi đua đổi mới nội dung, phương thức tuyên truyền năm 2020",
                     launched: "2020-02-14", ends: "2020-12-15", document: "Kế hoạch số 7/KH-CTĐ (dữ liệu mẫu)"),
        MovementSpec(title: "Thi đua nâng cao chất lượng đào tạo, bồi dưỡng lý luận chính trị năm 2020",
                     launched: "2020-02-14", ends: "2020-12-15", document: "Kế hoạch số 8/KH-CTĐ (dữ liệu mẫu)"),
        // Named in seed 000 line 11 (another province), a national movement carried out locally;
        // its launch day here is sample data.
        MovementSpec(title: "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở giai đoạn 2019 - 2025",
                     launched: "2019-01-01", ends: "2025-12-31", national: "Thủ tướng Chính phủ",
                     document: "Theo Đề án văn hóa công sở (Quyết định số 1847/QĐ-TTg ngày 27/12/2018); ngày phát động: dữ liệu mẫu"),
        MovementSpec(title: "Cả nước chung sức xây dựng nông thôn mới giai đoạn 2011 - 2020",
                     launched: "2011-09-20", ends: "2020-12-31", national: "Thủ tướng Chính phủ",
                     document: "Quyết định số 1620/QĐ-TTg ngày 20/9/2011 của Thủ tướng Chính phủ"),
        MovementSpec(title: "Thi đua chào mừng kỷ niệm 75 năm Cách mạng Tháng Tám và Quốc khánh 2/9",
                     launched: "2020-06-01", ends: "2020-09-02", document: "Kế hoạch số 9/KH-CTĐ (dữ liệu mẫu)"),
    ]
}

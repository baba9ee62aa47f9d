import Fluent
import Foundation
import SQLKit
import ThiDuaCore
import Vapor

/// A synthetic history of provinces, units and their staff — ratings, initiatives, discipline
/// and the awards they led to — to measure the eligibility checks at a national size
/// (`bench/eligibility.sh`). Everything it writes is sample data and says so: provinces
/// «Tỉnh mẫu NN» (codes MAUNN), units «Đơn vị mẫu …», decisions «(dữ liệu mẫu)». It adds
/// provinces after the sample ones already there, so one database can grow from a province's
/// size to the nation's and the same people be checked at both. Deterministic for a seed.
struct SampleHistory {
    struct Size: Sendable {
        var provinces: Int
        var unitsPerProvince: Int
        var peoplePerUnit: Int
        var seed: UInt64 = 1
    }

    /// What was written, and some ids to check (the first province's, the same at any size).
    struct Summary: Sendable {
        var provinces = 0, units = 0, reorganisations = 0, people = 0, ratings = 0, awards = 0, initiatives = 0, discipline = 0
        var samplePeople: [UUID] = []
        var sampleUnits: [UUID] = []
    }

    /// The years every person has a rating for; checks judge the last one.
    static let years = 2021...2025
    static let codePrefix = "MAU"

    let size: Size

    /// Writes `size.provinces` more sample provinces, one transaction each (its rows and one
    /// audit entry with its counts), and reports progress after each.
    func write(into app: Application, progress: (Int, Summary) -> Void = { _, _ in }) async throws -> Summary {
        let existing = try await ProvinceModel.query(on: app.db).filter(\.$code >= Self.codePrefix).filter(\.$code < Self.codePrefix + "Z").count()
        var summary = Summary()
        for index in existing..<(existing + size.provinces) {
            // A mixed start per province: SplitMix64 steps by a constant, so seeds one step
            // apart would give the same ids shifted by one.
            var mixer = SplitMix64(seed: size.seed ^ (UInt64(index) << 32))
            let seed = mixer.nextValue(), size = size
            let counts = try await app.write { db in
                // Ten million rows under random-id indexes: SQLite's default 2 MB page cache would
                // re-read index pages for every insert. A bigger cache for this connection only.
                if let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" {
                    try await sql.raw("PRAGMA cache_size = -1048576").run()
                }
                var writer = Writer(db: db, random: SplitMix64(seed: seed), size: size)
                try await writer.province(number: index + 1)
                try await writer.flush()
                try await Auditor.system("Dữ liệu mẫu (đo hiệu năng)").record(
                    on: db, action: "create", type: "sample_history", id: writer.code,
                    after: ["units": String(writer.summary.units), "people": String(writer.summary.people),
                            "ratings": String(writer.summary.ratings), "awards": String(writer.summary.awards)])
                return writer.summary
            }
            summary.add(counts, keepSamples: summary.samplePeople.isEmpty)
            progress(index - existing + 1, summary)
        }
        return summary
    }

    /// Rows of one table waiting to be inserted. Plain SQL inserts with bound values (the
    /// drivers encode them as Fluent does): Fluent's reflection per model was 80 µs a row.
    struct Rows {
        let table: String
        let columns: [String]
        var values: [[any Encodable & Sendable]] = []

        mutating func insert(on db: any Database) async throws {
            guard let sql = db as? any SQLDatabase else { throw CLIError("Cơ sở dữ liệu không hỗ trợ SQL.") }
            let perStatement = max(1, 30_000 / columns.count)
            var start = 0
            while start < values.count {
                let end = min(values.count, start + perStatement)
                var insert = sql.insert(into: SQLIdentifier(table)).columns(columns)
                for row in values[start..<end] { insert = insert.values(row.map { SQLBind($0) }) }
                try await insert.run()
                start = end
            }
            values.removeAll(keepingCapacity: true)
        }
    }

    /// Builds one province's rows and inserts them in batches.
    private struct Writer {
        let db: any Database
        var random: SplitMix64
        let size: Size
        var summary = Summary()
        var code = ""
        // In the order of their foreign keys.
        var people = Rows(table: "people", columns: ["id", "full_name", "gender", "birth_year", "category", "national_id", "search_key", "sort_key"])
        var assignments = Rows(table: "assignments", columns: ["id", "person_id", "unit_id", "position", "valid_from", "valid_to"])
        var initiatives = Rows(table: "initiatives", columns: ["id", "person_id", "title", "year", "level", "recognition", "used_by", "recorded_by"])
        var ratings = Rows(table: "annual_ratings", columns: ["id", "subject", "subject_id", "year", "rating", "recorded_by", "recorded_at"])
        var awards = Rows(table: "award_records", columns: ["id", "subject", "subject_id", "unit_id", "bloc_id", "province_id", "gender", "code",
                                                           "year", "decision_id", "decision_number", "decision_date", "basis_years",
                                                           "basis_initiatives", "proposal_line_id"])
        var discipline = Rows(table: "discipline_records", columns: ["id", "subject", "subject_id", "kind", "date", "closed_on", "reference", "recorded_by"])
        let recordedAt = Date(timeIntervalSince1970: 1_764_547_200)

        init(db: any Database, random: SplitMix64, size: Size) {
            self.db = db
            self.random = random
            self.size = size
        }

        mutating func province(number: Int) async throws {
            code = "\(SampleHistory.codePrefix)\(Self.twoDigits(number))"
            let province = Province(id: uuid(), code: code, name: "Tỉnh mẫu \(Self.twoDigits(number))",
                                    existence: DatePeriod(from: LocalDate(year: 2000, month: 1, day: 1)!))
            try await ProvinceModel(province).create(on: db)
            summary.provinces += 1
            let units = (1...size.unitsPerProvince).map { u in
                OrgUnit(id: uuid(), provinceID: province.id, name: "Đơn vị mẫu \(u) tỉnh mẫu \(number)",
                        shortName: "ĐVM\(u)", kind: .stateAgency, existence: DatePeriod(from: LocalDate(year: 2000, month: 1, day: 1)!))
            }
            for chunk in stride(from: 0, to: units.count, by: 500) {
                try await units[chunk..<min(units.count, chunk + 500)].map(UnitModel.init).create(on: db)
            }
            for (u, unit) in units.enumerated() {
                staff(of: unit, province: province.id)
                collective(unit, province: province.id)
                summary.units += 1
                if summary.sampleUnits.count < 200, u % max(1, size.unitsPerProvince / 200) == 0 || u % 20 == 1 { summary.sampleUnits.append(unit.id) }
                if people.values.count >= 5000 { try await flush() }
            }
            try await flush()
            // The 2025 reorganisation, as the registry records it: one unit in twenty absorbed
            // by the next on 1/7/2025, so histories reach back through predecessors.
            let store = RegistryStore(db: db, auditor: .system("Dữ liệu mẫu (đo hiệu năng)"))
            for first in stride(from: 0, to: units.count - 1, by: 20) {
                let (source, target) = (units[first].id, units[first + 1].id)
                try await store.record(unitEvent: ReorganisationEvent(
                    id: uuid(), kind: .merge, effectiveDate: LocalDate(year: 2025, month: 7, day: 1)!,
                    decisionReference: "Quyết định số \(first + 1)/QĐ-UBND ngày 25/6/2025 (dữ liệu mẫu)",
                    sources: [source, target], targets: [target]))
                summary.reorganisations += 1
            }
        }

        static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

        /// A unit's own ratings and its Tập thể lao động tiên tiến years.
        mutating func collective(_ unit: OrgUnit, province: UUID) {
            for year in SampleHistory.years {
                let rating = self.rating()
                ratings.values.append([uuid(), AwardSubject.collective.rawValue, unit.id, year, rating.rawValue, "Dữ liệu mẫu", recordedAt])
                summary.ratings += 1
                if rating >= .good {
                    award(.advancedCollective, subject: .collective, id: unit.id, unit: unit.id, province: province, gender: nil,
                          year: year, basis: [year])
                }
            }
        }

        /// The staff of a unit: a post since some year, a rating a year, LĐTT for the good years,
        /// CSTĐCS for an excellent year standing on an initiative not used before, Bằng khen
        /// of the Chairman for two CSTĐCS years in a row, and now and then a discipline.
        mutating func staff(of unit: OrgUnit, province: UUID) {
            for _ in 0..<size.peoplePerUnit {
                let gender: Gender = random.next(2) == 0 ? .female : .male
                let id = uuid(), name = name(gender)
                people.values.append([id, name, gender.rawValue, 1965 + random.next(35), StaffCategory.civilServant.rawValue, String?.none,
                                      VietnameseText.searchKey(name), VietnameseText.personSortKey(name)])
                let since = 2005 + random.next(18)
                assignments.values.append([uuid(), id, unit.id, "Chuyên viên", LocalDate(year: since, month: 1 + random.next(12), day: 1)!.iso, String?.none])
                summary.people += 1
                if summary.samplePeople.count < 2000, random.next(max(1, size.unitsPerProvince * size.peoplePerUnit / 2000)) == 0 {
                    summary.samplePeople.append(id)
                }
                var initiative: (id: UUID, year: Int)?
                if random.next(100) < 15 {
                    let made = (id: uuid(), year: 2019 + random.next(7))
                    initiatives.values.append([made.id, id, "Sáng kiến mẫu \(summary.initiatives + 1)", made.year, InitiativeLevel.agency.rawValue,
                                               "Quyết định công nhận (dữ liệu mẫu)", UUID?.none, "Dữ liệu mẫu"])
                    summary.initiatives += 1
                    initiative = made
                }
                var soldierYears: [Int] = []
                for year in SampleHistory.years where year >= since {
                    let rating = self.rating()
                    ratings.values.append([uuid(), AwardSubject.individual.rawValue, id, year, rating.rawValue, "Dữ liệu mẫu", recordedAt])
                    summary.ratings += 1
                    guard rating >= .good, random.next(100) < 95 else { continue }
                    award(.advancedWorker, subject: .individual, id: id, unit: unit.id, province: province, gender: gender, year: year, basis: [year])
                    if rating == .excellent, let used = initiative, used.year <= year, random.next(2) == 0 {
                        award(.baseEmulationSoldier, subject: .individual, id: id, unit: unit.id, province: province, gender: gender,
                              year: year, basis: [year], initiatives: [used.id])
                        initiative = nil
                        soldierYears.append(year)
                    }
                }
                if let last = soldierYears.last, soldierYears.contains(last - 1), random.next(10) < 3 {
                    award(.provinceMeritIndividual, subject: .individual, id: id, unit: unit.id, province: province, gender: gender,
                          year: last, basis: [last - 1, last])
                }
                if random.next(100) == 0 {
                    discipline.values.append([uuid(), AwardSubject.individual.rawValue, id, DisciplineKind.reprimand.rawValue,
                                              LocalDate(year: 2023, month: 1 + random.next(12), day: 10)!.iso, String?.none,
                                              "Quyết định kỷ luật (dữ liệu mẫu)", "Dữ liệu mẫu"])
                    summary.discipline += 1
                }
            }
        }

        mutating func award(_ code: AwardCode, subject: AwardSubject, id: UUID, unit: UUID, province: UUID, gender: Gender?,
                            year: Int, basis: [Int], initiatives: [UUID] = []) {
            awards.values.append([uuid(), subject.rawValue, id, unit, UUID?.none, province, gender?.rawValue, code.rawValue, year, UUID?.none,
                                  "Quyết định số \(100 + random.next(900))/QĐ (dữ liệu mẫu)",
                                  LocalDate(year: year + 1, month: 2 + random.next(3), day: 1 + random.next(28))!.iso,
                                  basis.map(String.init).joined(separator: ","), initiatives.map(\.uuidString).joined(separator: ","), UUID?.none])
            summary.awards += 1
        }

        /// HTXSNV 25 %, HTTNV 62 %, HTNV 10 %, KHTNV 3 %: about four awards a person over the five years.
        mutating func rating() -> TaskRating {
            switch random.next(100) {
            case ..<25: .excellent
            case ..<87: .good
            case ..<97: .completed
            default: .notCompleted
            }
        }

        static let familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
        static let middleNames: [Gender: [String]] = [.female: ["Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Minh"],
                                                      .male: ["Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh"]]
        static let givenNames: [Gender: [String]] = [
            .female: ["An", "Chi", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Phương", "Thảo", "Trang", "Yến", "Ánh"],
            .male: ["Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Khoa", "Long", "Nam", "Quân", "Sơn", "Tâm", "Tuấn", "Việt", "Đông"],
        ]

        mutating func name(_ gender: Gender) -> String {
            let middles = Self.middleNames[gender]!, givens = Self.givenNames[gender]!
            return "\(Self.familyNames[random.next(Self.familyNames.count)]) \(middles[random.next(middles.count)]) \(givens[random.next(givens.count)])"
        }

        mutating func uuid() -> UUID {
            let a = random.nextValue(), b = random.nextValue()
            var bytes = withUnsafeBytes(of: (a, b)) { Array($0) }
            bytes[6] = (bytes[6] & 0x0F) | 0x40 // version 4
            bytes[8] = (bytes[8] & 0x3F) | 0x80 // RFC 4122 variant
            return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        }

        mutating func flush() async throws {
            try await people.insert(on: db)
            try await assignments.insert(on: db)
            try await initiatives.insert(on: db)
            try await ratings.insert(on: db)
            try await awards.insert(on: db)
            try await discipline.insert(on: db)
        }
    }
}

extension SampleHistory.Summary {
    mutating func add(_ other: Self, keepSamples: Bool) {
        provinces += other.provinces; units += other.units; reorganisations += other.reorganisations; people += other.people; ratings += other.ratings
        awards += other.awards; initiatives += other.initiatives; discipline += other.discipline
        if keepSamples {
            samplePeople += other.samplePeople
            sampleUnits += other.sampleUnits
        }
    }

    var text: String {
        "\(provinces) tỉnh, \(units) đơn vị (\(reorganisations) lần sáp nhập), \(people) người, \(ratings) lượt xếp loại, \(awards) lượt khen thưởng, \(initiatives) sáng kiến, \(discipline) kỷ luật"
    }
}

/// SplitMix64: a small seeded generator, so a seed always writes the same history.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func nextValue() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 { nextValue() }

    /// A value in 0..<bound (bound ≥ 1).
    mutating func next(_ bound: Int) -> Int { Int(nextValue() % UInt64(max(1, bound))) }
}

/// `thidua sample-history --provinces N [--units U] [--people P] [--seed S] [--samples FILE]`:
/// adds N sample provinces of U units of P people each (defaults: a province of today's size,
/// 700 units of 105 people; 34 provinces are the nation's 2.5 million) and writes the ids to
/// check to FILE ("person <id>" / "unit <id>" lines).
struct SampleHistoryCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "provinces", help: "Số tỉnh mẫu thêm vào (1…100)")
        var provinces: Int?
        @Option(name: "units", help: "Số đơn vị mỗi tỉnh (1…5000, mặc định 700)")
        var units: Int?
        @Option(name: "people", help: "Số người mỗi đơn vị (1…2000, mặc định 105)")
        var people: Int?
        @Option(name: "seed", help: "Hạt giống ngẫu nhiên (mặc định 1)")
        var seed: Int?
        @Option(name: "samples", help: "Tệp ghi mã người và đơn vị để đo")
        var samples: String?
    }

    var help: String { "Thêm dữ liệu mẫu cỡ lớn để đo hiệu năng: sample-history --provinces N [--units U] [--people P]" }

    func run(using context: CommandContext, signature: Signature) async throws {
        func checked(_ value: Int?, _ range: ClosedRange<Int>, default fallback: Int, _ label: String) throws -> Int {
            let value = value ?? fallback
            guard range.contains(value) else { throw CLIError("\(label) phải từ \(range.lowerBound) đến \(range.upperBound).") }
            return value
        }
        let size = SampleHistory.Size(provinces: try checked(signature.provinces, 1...100, default: 1, "Số tỉnh"),
                                      unitsPerProvince: try checked(signature.units, 1...5000, default: 700, "Số đơn vị mỗi tỉnh"),
                                      peoplePerUnit: try checked(signature.people, 1...2000, default: 105, "Số người mỗi đơn vị"),
                                      seed: UInt64(try checked(signature.seed, 0...Int(Int32.max), default: 1, "Hạt giống")))
        let app = context.application
        try await app.autoMigrate()
        let started = Date()
        let console = context.console
        let summary = try await SampleHistory(size: size).write(into: app) { done, so in
            console.info("Đã thêm \(done)/\(size.provinces) tỉnh: \(so.text) (\(Int(Date().timeIntervalSince(started))) giây)")
        }
        if let path = signature.samples {
            let lines = summary.samplePeople.map { "person \($0.uuidString)" } + summary.sampleUnits.map { "unit \($0.uuidString)" }
            guard FileManager.default.createFile(atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8)) else {
                throw CLIError("Không ghi được tệp «\(path)».")
            }
        }
        console.info("Đã thêm dữ liệu mẫu: \(summary.text).")
    }
}

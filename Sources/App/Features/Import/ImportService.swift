import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Nhập, xuất dữ liệu: the one path of the import page, the API and `thidua import|export`.
/// A file is read into Unicode rows (XLSX or CSV, legacy encodings detected and converted),
/// previewed row by row, and written only when no row is refused, in one transaction. The
/// uploaded file is kept under its SHA-256 between the preview and the confirmation, so what
/// is written is exactly what was previewed.
struct ImportService: Sendable {
    let app: Application
    let db: any Database
    let auditor: Auditor
    /// The signed-in user's permission check; the CLI runs as the installation's operator.
    let authorize: @Sendable (Action, Resource) throws -> Void

    init(req: Request) {
        app = req.application
        db = req.db
        auditor = req.auditor
        authorize = { [req] in try req.authorize($0, $1) }
    }

    init(app: Application, auditor: Auditor) {
        self.app = app
        db = app.db
        self.auditor = auditor
        authorize = { _, _ in }
    }

    /// The same service reading through `db` (a write's transaction).
    private init(app: Application, db: any Database, auditor: Auditor, authorize: @escaping @Sendable (Action, Resource) throws -> Void) {
        self.app = app
        self.db = db
        self.auditor = auditor
        self.authorize = authorize
    }

    /// The file as rows of Unicode text, and what it was.
    struct Table: Sendable {
        var rows: [[String]]
        var format: String
        var encoding: LegacyEncoding
        /// The rows are Unicode already (a CSV decoded from its bytes); else Core converts them.
        var converted = false
    }

    static let maximumFileBytes = 64 * 1_048_576

    static func read(_ data: Data) throws -> Table {
        guard data.count <= maximumFileBytes else {
            throw DomainError.invalid(field: "file", "Tệp lớn hơn \(maximumFileBytes / 1_048_576) MB; hãy chia nhỏ tệp.")
        }
        guard !data.isEmpty else { throw DomainError.invalid(field: "file", "Tệp trống (0 byte); hãy chọn tệp có dữ liệu.") }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw DomainError.invalid(field: "file", "Tệp Excel 97-2003 (.xls) chưa đọc được; hãy mở bằng Excel và lưu lại thành .xlsx hoặc .csv.")
        }
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            let sheets: [ReadSheet]
            do {
                sheets = try XlsxReader.read(data, maximumRows: ImportRules.maximumRows + 100)
            } catch let error as OfficeFileError {
                throw DomainError.invalid(field: "file", error.description)
            }
            guard let sheet = sheets.first(where: { !$0.rows.isEmpty }) else {
                throw DomainError.invalid(field: "file", "Tệp Excel không có trang tính nào có dữ liệu.")
            }
            let raw = Self.filledDown(sheet.rows.map { $0.map(\.raw) }, merges: sheet.merges)
            // One decision for the whole sheet: a short cell alone can read either way. Core
            // converts the cells (and notes which it changed).
            return Table(rows: raw, format: "XLSX", encoding: LegacyText.detect(raw.joined().joined(separator: " ")))
        }
        // Files offices send by mistake, known by their first bytes (a text file never starts so).
        let signatures: [(bytes: [UInt8], kind: String)] = [([0x89, 0x50, 0x4E, 0x47], "ảnh PNG"), ([0xFF, 0xD8, 0xFF], "ảnh JPEG"),
                                                           (Array("%PDF".utf8), "tệp PDF"), (Array("GIF8".utf8), "ảnh GIF")]
        if let known = signatures.first(where: { data.starts(with: $0.bytes) }) {
            throw DomainError.invalid(field: "file", "Tệp này là \(known.kind), không phải .xlsx hay .csv.")
        }
        if data.prefix(512).contains(0) && !(data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])) {
            throw DomainError.invalid(field: "file", "Tệp không phải .xlsx hay .csv (có byte 0 của tệp nhị phân).")
        }
        // Legacy bytes come back converted; the rows are Unicode from here on.
        let decoded = LegacyText.decode(bytes: Array(data))
        let rows = CSV.rows(decoded.text)
        let limit = XlsxReader.maximumCellCharacters
        if rows.contains(where: { $0.contains { $0.utf16.count > limit } }) {
            throw DomainError.invalid(field: "file", OfficeFileError.cellTooLong(limit).description)
        }
        if let mismatch = ImportRules.columnMismatch(rows) { throw DomainError.invalid(field: "file", mismatch) }
        return Table(rows: rows, format: "CSV", encoding: decoded.encoding, converted: true)
    }

    /// A cell merged down several rows («Trưởng khối chấm» once for three items) holds its
    /// value in its first row only; each row it covers reads it. Cells merged across columns
    /// (a group's title over the points column) stay where they are.
    static func filledDown(_ rows: [[String]], merges: [CellRange]) -> [[String]] {
        var rows = rows
        for merge in merges where merge.lastRow > merge.firstRow && merge.firstRow < rows.count {
            let column = merge.firstColumn
            guard column < rows[merge.firstRow].count else { continue }
            let value = rows[merge.firstRow][column]
            // Only rows the sheet has: a merge reaching far below the data adds none.
            let last = min(merge.lastRow, rows.count - 1)
            guard last > merge.firstRow else { continue }
            for row in (merge.firstRow + 1)...last {
                while rows[row].count <= column { rows[row].append("") }
                rows[row][column] = value
            }
        }
        return rows
    }

    // MARK: - Previews

    /// A file checked, with the kept upload for the confirmation.
    struct Preview<Item: Sendable>: Sendable {
        var table: Table
        var preview: ImportPreview<Item>
        var sha256: String
    }

    /// Reads and checks; writes nothing but the uploaded file into the content store.
    private func preview<Item>(_ data: Data, check: (Table) async throws -> ImportPreview<Item>) async throws -> Preview<Item> {
        let table = try Self.read(data)
        let sha = try ContentStore.put(data, in: directory)
        return Preview(table: table, preview: try await check(table), sha256: sha)
    }

    /// The upload a confirmation names, checked again as the database is now; refused whole
    /// while any row is refused.
    private func confirmed<Item>(_ sha256: String, check: (Data) async throws -> Preview<Item>) async throws -> Preview<Item> {
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit),
              let data = FileManager.default.contents(atPath: ContentStore.path(of: sha256, in: directory)) else {
            throw DomainError.notFound("Không còn tệp đã xem trước; hãy chọn lại tệp để xem trước.")
        }
        let checked = try await check(data)
        guard checked.preview.canCommit else {
            throw DomainError.invalid(field: "file", checked.preview.fileProblems.first
                ?? "Còn \(checked.preview.refused.count) dòng bị từ chối; sửa tệp rồi xem trước lại. Không dòng nào được ghi.")
        }
        return checked
    }

    private func encoding(_ table: Table) -> LegacyEncoding { table.converted ? .unicode : table.encoding }

    // MARK: - Units

    func previewUnits(_ data: Data, provinceID: UUID) async throws -> Preview<OrgUnit> {
        try authorize(.create, .unit(id: nil, province: provinceID, ended: false))
        let store = RegistryStore(db: db, auditor: auditor)
        _ = try await store.province(provinceID)
        let taken = try await store.shortNames(inProvince: provinceID, excluding: nil)
        return try await preview(data) { table in
            UnitImport.preview(table.rows, encoding: encoding(table), provinceID: provinceID, shortNamesInProvince: taken)
        }
    }

    /// Writes every unit of a previewed file, or nothing.
    func commitUnits(sha256: String, provinceID: UUID) async throws -> Int {
        try await write(sha256, type: "units", provinceID: provinceID, check: { try await $0.previewUnits($1, provinceID: provinceID) }) { store, units in
            for unit in units { _ = try await store.save(unit) }
            return units.count
        }
    }

    /// One transaction for the whole file, and one audit entry beside each row's. The
    /// previewed upload is checked again in the writers' turn, against the database as it is
    /// then: two confirmations at once write the file once, and the second is refused row by
    /// row (its people or awards are on record by then).
    private func write<Item>(_ sha256: String, type: String, provinceID: UUID,
                             check: @escaping @Sendable (ImportService, Data) async throws -> Preview<Item>,
                             _ save: @escaping @Sendable (RegistryStore, [Item]) async throws -> Int) async throws -> Int {
        let (app, auditor, authorize) = (app, auditor, authorize)
        return try await app.write(on: db) { db in
            let inTurn = ImportService(app: app, db: db, auditor: auditor, authorize: authorize)
            let checked = try await inTurn.confirmed(sha256) { try await check(inTurn, $0) }
            let (items, format) = (checked.preview.accepted, checked.table.format)
            let store = RegistryStore(db: db, auditor: auditor)
            let written = try await save(store, items)
            // Nothing appended to the audit log: every row is on record as the file has it
            // (the same file confirmed again); no import entry for a write that wrote nothing.
            guard WriteInProgress.current?.head != nil else {
                throw DomainError.conflict("Không có gì để ghi: mọi dòng của tệp đã có trong hồ sơ đúng như trong tệp (tệp này đã được ghi trước đó).")
            }
            try await auditor.record(on: db, action: "import", type: type, id: provinceID.uuidString,
                                     after: ["rows": String(written), "sha256": sha256, "format": format])
            return written
        }
    }

    // MARK: - People

    /// People with their posts, in units of the province found by short name or name.
    func previewPeople(_ data: Data, provinceID: UUID) async throws -> Preview<PersonImport.Row> {
        let store = RegistryStore(db: db, auditor: auditor)
        _ = try await store.province(provinceID)
        let units = try await UnitModel.query(on: db).filter(\.$province.$id == provinceID).all()
        try authorize(.create, .person(id: nil, units: Set(units.compactMap(\.id)), provinces: [provinceID]))
        let keys = Self.keys(of: units)
        let staff = try await staff(inProvince: provinceID)
        let known = staff.people.flatMap { person in
            (staff.unitsOf[person.id!] ?? []).map { unit in
                PersonImport.Known(fullName: person.fullName, birthYear: person.birthYear, nationalID: person.nationalID, unitID: unit,
                                   unitName: units.first { $0.id == unit }?.name ?? "")
            }
        }
        let year = app.thidua.today().year
        let unitsByID = Dictionary(units.map { ($0.id!, $0.core) }, uniquingKeysWith: { first, _ in first })
        return try await preview(data) { table in
            PersonImport.preview(table.rows, encoding: encoding(table), units: keys, unitsByID: unitsByID, known: known, currentYear: year)
        }
    }

    /// A file names a unit by its short name or its name, typed any way: their search keys.
    private static func keys(of units: [UnitModel]) -> [String: UUID] {
        var keys: [String: UUID] = [:]
        for unit in units {
            keys[VietnameseText.searchKey(unit.shortName)] = unit.id
            keys[VietnameseText.searchKey(unit.name)] = unit.id
        }
        return keys
    }

    /// The people with a post in the province's units, the units each has a post in and the
    /// days of their posts: one statement, by joins on the province rather than a list of ids
    /// (a province of 100 000 people would pass the database's limit of bound values).
    private func staff(inProvince provinceID: UUID) async throws -> (people: [PersonModel], unitsOf: [UUID: Set<UUID>], employment: [UUID: [DatePeriod]]) {
        let posts = try await AssignmentModel.query(on: db).join(UnitModel.self, on: \AssignmentModel.$unit.$id == \UnitModel.$id)
            .join(PersonModel.self, on: \AssignmentModel.$person.$id == \PersonModel.$id)
            .filter(UnitModel.self, \.$province.$id == provinceID).all()
        var people: [PersonModel] = []
        var unitsOf: [UUID: Set<UUID>] = [:]
        var employment: [UUID: [DatePeriod]] = [:]
        for post in posts {
            let person = post.$person.id
            if unitsOf[person] == nil { people.append(try post.joined(PersonModel.self)) }
            unitsOf[person, default: []].insert(post.$unit.id)
            employment[person, default: []].append(post.core.period)
        }
        return (people, unitsOf, employment)
    }

    /// The province's people as the award and rating files name them.
    private func recipients(units: [UnitModel], provinceID: UUID) async throws -> ImportRecipients {
        let staff = try await staff(inProvince: provinceID)
        return ImportRecipients(units: Self.keys(of: units), people: staff.people.map { person in
            ImportRecipients.Person(id: person.id!, fullName: person.fullName, nationalID: person.nationalID,
                                    gender: Gender(rawValue: person.gender), units: staff.unitsOf[person.id!] ?? [],
                                    employment: staff.employment[person.id!] ?? [])
        })
    }

    func commitPeople(sha256: String, provinceID: UUID) async throws -> Int {
        // New people with one new post each, checked by the preview just run again (the
        // post's unit active on its first day; no twin of anyone registered): written in chunks.
        return try await write(sha256, type: "people", provinceID: provinceID,
                               check: { try await $0.previewPeople($1, provinceID: provinceID) }) { store, rows in
            try await store.createAll(rows.map { PersonModel($0.person) })
            try await store.createAll(rows.map { AssignmentModel($0.assignment) })
            return rows.count
        }
    }

    // MARK: - Award history

    /// Khen thưởng đã có: past decisions for the province's units and their people, checked
    /// against the catalogue and against what is on record already.
    func previewAwards(_ data: Data, provinceID: UUID) async throws -> Preview<AwardHistoryImport.Row> {
        try authorize(.decideAward, .awardProvince(province: provinceID))
        let store = RegistryStore(db: db, auditor: auditor)
        _ = try await store.province(provinceID)
        let units = try await UnitModel.query(on: db).filter(\.$province.$id == provinceID).all()
        let existence = Self.existence(of: units)
        let recipients = try await recipients(units: units, provinceID: provinceID)
        let recorded = Set(try await AwardRecordModel.query(on: db).filter(\.$provinceID == provinceID).all().map {
            AwardHistoryImport.key(subjectID: $0.subjectID, code: AwardCode($0.code), year: $0.year)
        })
        let today = app.thidua.today()
        return try await preview(data) { table in
            AwardHistoryImport.preview(table.rows, encoding: encoding(table), recipients: recipients, existence: existence,
                                       catalogue: .standard, recorded: recorded, today: today)
        }
    }

    /// Writes every award of a previewed file as an award record (no decision of ThiDua's:
    /// its number and date are the file's), or nothing.
    func commitAwards(sha256: String, provinceID: UUID) async throws -> Int {
        try await write(sha256, type: "award_history", provinceID: provinceID,
                        check: { try await $0.previewAwards($1, provinceID: provinceID) }) { store, rows in
            for row in rows {
                let record = AwardRecordModel(subject: row.subject, subjectID: row.subjectID, unitID: row.unitID, provinceID: provinceID,
                                              gender: row.gender, code: row.code, year: row.year, decisionNumber: row.decisionNumber,
                                              decisionDate: row.decisionDate, basis: AwardBasis(years: row.basisYears))
                try await record.create(on: store.db)
                try await store.auditor.record(on: store.db, action: "import", type: "award_record", id: record.id?.uuidString,
                                               after: ["subjectID": row.subjectID.uuidString, "code": row.code.rawValue,
                                                       "year": String(row.year), "decision": row.decisionNumber,
                                                       "basisYears": record.basisYears])
            }
            return rows.count
        }
    }

    private static func existence(of units: [UnitModel]) -> [UUID: (name: String, period: DatePeriod)] {
        Dictionary(units.map { ($0.id!, (name: $0.name, period: $0.core.existence)) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: - Ratings

    /// Xếp loại đã có: the annual ratings of the province's units and people, checked by the
    /// rule of the person's and the unit's page, with the ratings on record to say what changes.
    func previewRatings(_ data: Data, provinceID: UUID) async throws -> Preview<RatingImport.Row> {
        try authorize(.recordAchievements, .unit(id: nil, province: provinceID, ended: false))
        let store = RegistryStore(db: db, auditor: auditor)
        _ = try await store.province(provinceID)
        let units = try await UnitModel.query(on: db).filter(\.$province.$id == provinceID).all()
        let recipients = try await recipients(units: units, provinceID: provinceID)
        let recorded = try await ratings(inProvince: provinceID)
        let (existence, today) = (Self.existence(of: units), app.thidua.today())
        return try await preview(data) { table in
            RatingImport.preview(table.rows, encoding: encoding(table), recipients: recipients, existence: existence,
                                 recorded: recorded, today: today)
        }
    }

    /// The ratings on record of the province's units and of the people with a post there.
    private func ratings(inProvince provinceID: UUID) async throws -> [String: TaskRating] {
        let collective = try await AnnualRatingModel.query(on: db).join(UnitModel.self, on: \AnnualRatingModel.$subjectID == \UnitModel.$id)
            .filter(UnitModel.self, \.$province.$id == provinceID).all()
        let individual = try await AnnualRatingModel.query(on: db)
            .join(AssignmentModel.self, on: \AnnualRatingModel.$subjectID == \AssignmentModel.$person.$id)
            .join(UnitModel.self, on: \AssignmentModel.$unit.$id == \UnitModel.$id)
            .filter(UnitModel.self, \.$province.$id == provinceID).all()
        var recorded: [String: TaskRating] = [:]
        for model in collective + individual {
            if let rating = model.core { recorded[RatingImport.key(subjectID: model.subjectID, year: model.year)] = rating.rating }
        }
        return recorded
    }

    /// Writes every rating of a previewed file through the page's own save (a rating of the
    /// same year replaced, audited as a change), or nothing.
    func commitRatings(sha256: String, provinceID: UUID) async throws -> Int {
        let now = app.thidua.now()
        return try await write(sha256, type: "annual_ratings", provinceID: provinceID,
                               check: { try await $0.previewRatings($1, provinceID: provinceID) }) { store, rows in
            // A rating on record as the file has it is left as it is, and not counted.
            let changed = rows.filter { !$0.unchanged }
            for row in changed { _ = try await store.save(row.rating, subject: row.subject, id: row.subjectID, now: now) }
            return changed.count
        }
    }

    // MARK: - A year's scoring table

    /// Bảng tiêu chí from the office's file, for a year whose table is still a draft: whoever
    /// may edit the table now may import it; once the pact locked it, only the editor changes
    /// it, item by item with a reason.
    func previewTable(_ data: Data, context: YearContext) async throws -> Preview<TableImport.Line> {
        try authorize(.leadBloc, context.resource)
        let model = try context.opened()
        guard model.yearState == .planning else {
            throw DomainError.conflict("Bảng tiêu chí năm \(context.year) đã khóa khi ký giao ước (năm đang ở bước «\(model.yearState.label)»); "
                + "không nhập thay cả bảng từ tệp được. Hãy sửa từng tiêu chí trên trang bảng tiêu chí và ghi lý do.")
        }
        return try await preview(data) { table in TableImport.preview(table.rows, encoding: encoding(table)) }
    }

    /// Writes the previewed table through the editor's own save (same checks, same change
    /// log), keeping the ids of criteria whose code stays, or nothing.
    func commitTable(sha256: String, context: YearContext) async throws -> Int {
        let checked = try await confirmed(sha256) { try await previewTable($0, context: context) }
        let model = try context.opened()
        let draft = TableImport.draft(checked.preview.accepted)
        let (format, auditor, now) = (checked.table.format, auditor, app.thidua.now())
        return try await app.write(on: db) { db in
            let store = RegistryStore(db: db, auditor: auditor)
            let table = try await store.saveYearTable(rows: draft.rows, name: nil, declaredTotal: draft.declaredTotal,
                                                      bonusCap: draft.bonusCap, reason: nil, rules: nil, year: model, now: now)
            try await auditor.record(on: db, action: "import", type: "scoring_table", id: table.id?.uuidString,
                                     after: ["rows": String(draft.rows.count), "sha256": sha256, "format": format])
            return draft.rows.count
        }
    }

    /// The province's units as a workbook with the import's columns, so an export imports back.
    func exportUnits(provinceID: UUID) async throws -> Workbook {
        try authorize(.read, .province(id: provinceID))
        let units = try await UnitModel.query(on: db).filter(\.$province.$id == provinceID).sort(\.$sortKey).all()
        var rows: [[SheetCell]] = [UnitImport.columns.map { .text($0.label, .header) }]
        for unit in units {
            rows.append([.text(unit.name), .text(unit.shortName), .text(UnitKind(rawValue: unit.kind)?.label ?? unit.kind),
                         .text(unit.parentBody ?? ""), .text(LocalDate(unit.validFrom)?.vietnamese ?? unit.validFrom),
                         .text(unit.validTo.flatMap(LocalDate.init)?.vietnamese ?? "")])
        }
        return Workbook(sheets: [Worksheet(name: "Đơn vị", columnWidths: [48, 14, 24, 40, 16, 16], rows: rows)])
    }

    private var directory: String {
        (app.thidua.config.filesDirectory as NSString).appendingPathComponent("imports")
    }
}

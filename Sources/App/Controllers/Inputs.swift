import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// What a form or a JSON body sends. Every field is text, so that what was typed comes back
/// to the form unchanged, and every check (with its Vietnamese message) happens in Core.
struct ProvinceInput: Content, Sendable {
    var code: String?
    var name: String?
    var kind: String?
    var validFrom: String?
    var validTo: String?

    func validated(id: UUID = UUID()) throws -> Province {
        try Province.validated(id: id, code: code, name: name, kind: kind, validFrom: validFrom, validTo: validTo)
    }
}

extension ProvinceInput {
    /// The form filled with what is stored, for editing.
    init(_ province: Province) {
        self.init(code: province.code, name: province.name, kind: province.kind.rawValue,
                  validFrom: province.existence.from.iso, validTo: province.existence.to?.iso)
    }
}

struct UnitInput: Content, Sendable {
    var provinceID: String?
    var name: String?
    var shortName: String?
    var kind: String?
    var parentBody: String?
    var validFrom: String?
    var validTo: String?

    func validated(id: UUID = UUID(), store: RegistryStore) async throws -> OrgUnit {
        let province = provinceID.flatMap(UUID.init(uuidString:))
        let taken = try await store.shortNames(inProvince: province, excluding: id)
        return try OrgUnit.validated(id: id, provinceID: province, name: name, shortName: shortName, kind: kind,
                                     parentBody: parentBody, validFrom: validFrom, validTo: validTo,
                                     shortNamesInProvince: taken)
    }
}

extension UnitInput {
    /// The form filled with what is stored, for editing.
    init(_ unit: OrgUnit) {
        self.init(provinceID: unit.provinceID.uuidString, name: unit.name, shortName: unit.shortName,
                  kind: unit.kind.rawValue, parentBody: unit.parentBody, validFrom: unit.existence.from.iso,
                  validTo: unit.existence.to?.iso)
    }
}

/// The provinces a reorganisation touches: its units' provinces, and the receiving one.
enum ReorganisationScope {
    static func provinces(of event: ReorganisationEvent, subject: LineageSubjectKind, on db: any Database) async throws -> Set<UUID> {
        switch subject {
        case .province:
            return event.involved
        case .unit:
            let units = try await UnitModel.query(on: db).filter(\.$id ~~ Array(event.involved)).all()
            return Set(units.map(\.$province.id)).union([event.toProvinceID].compactMap { $0 })
        }
    }
}

extension Bloc {
    /// The bloc as `Authorization` sees it in a year (heads come from the stored offices).
    func resource(year: Int) -> Resource {
        .bloc(id: id, province: provinceID, ended: false, year: year, head: nil, deputy: nil)
    }
}

struct BlocInput: Content, Sendable {
    var provinceID: String?
    var kind: String?
    var name: String?
    var decisionReference: String?
    var decisionDate: String?
    var validFrom: String?
    var validTo: String?

    func validated(id: UUID = UUID()) throws -> Bloc {
        try Bloc.validated(id: id, provinceID: provinceID.flatMap(UUID.init(uuidString:)), kind: kind, name: name,
                           decisionReference: decisionReference, decisionDate: decisionDate,
                           validFrom: validFrom, validTo: validTo)
    }
}

extension BlocInput {
    /// The form filled with what is stored, for editing.
    init(_ bloc: Bloc) {
        self.init(provinceID: bloc.provinceID.uuidString, kind: bloc.kind.rawValue, name: bloc.name,
                  decisionReference: bloc.decisionReference, decisionDate: bloc.decisionDate?.iso,
                  validFrom: bloc.validity.from.iso, validTo: bloc.validity.to?.iso)
    }
}

struct MembershipInput: Content, Sendable {
    var unitID: String?
    var validFrom: String?
    var validTo: String?
    var note: String?

    func validated(id: UUID = UUID(), blocID: UUID) throws -> Membership {
        var issues = IssueCollector()
        let unit = unitID.flatMap(UUID.init(uuidString:))
        issues.check(unit != nil, field: "unitID", "Hãy chọn đơn vị thành viên.")
        let from = TextRules.requiredDate(validFrom, field: "validFrom", label: "Ngày bắt đầu", into: &issues)
        let to = TextRules.optionalDate(validTo, field: "validTo", label: "Ngày kết thúc", into: &issues)
        let note = TextRules.optionalText(note, field: "note", label: "Ghi chú", into: &issues)
        try issues.finish()
        return Membership(id: id, blocID: blocID, unitID: unit!, period: DatePeriod(from: from!, to: to), note: note)
    }
}

struct PersonInput: Content, Sendable {
    var fullName: String?
    var gender: String?
    var birthYear: String?
    var category: String?
    var nationalID: String?
    /// A new person's first post: where they work decides who manages them.
    var unitID: String?
    var position: String?
    var validFrom: String?

    func validated(id: UUID = UUID(), currentYear: Int) throws -> Person {
        try Person.validated(id: id, fullName: fullName, gender: gender, birthYear: birthYear, category: category,
                             nationalID: nationalID, currentYear: currentYear)
    }
}

extension PersonInput {
    /// The form filled with what is stored, for editing.
    init(_ person: Person) {
        self.init(fullName: person.fullName, gender: person.gender.rawValue, birthYear: person.birthYear.map(String.init),
                  category: person.category.rawValue, nationalID: person.nationalID)
    }
}

struct AssignmentInput: Content, Sendable {
    var unitID: String? = nil
    var position: String?
    var validFrom: String?
    var validTo: String?

    func validated(personID: UUID) throws -> Assignment {
        try Assignment.validated(personID: personID, unitID: unitID.flatMap(UUID.init(uuidString:)), position: position,
                                 validFrom: validFrom, validTo: validTo)
    }
}

struct ReorganisationInput: Content, Sendable {
    var kind: String? = nil
    var effectiveDate: String?
    var decisionReference: String?
    var sources: [String]?
    var targets: [String]?
    var newName: String?
    var newShortName: String?
    var toProvinceID: String?
    var note: String?

    func validated() throws -> ReorganisationEvent {
        var issues = IssueCollector()
        let kind = ReorganisationKind(rawValue: kind ?? "")
        issues.check(kind != nil, field: "kind", "Hãy chọn hình thức sắp xếp.")
        let date = TextRules.requiredDate(effectiveDate, field: "effectiveDate", label: "Ngày có hiệu lực", into: &issues)
        let reference = TextRules.requiredName(decisionReference, field: "decisionReference",
                                               label: "Văn bản quyết định", into: &issues)
        func ids(_ texts: [String]?, field: String) -> [UUID] {
            let texts = (texts ?? []).filter { !$0.isEmpty }
            let parsed = texts.compactMap(UUID.init(uuidString:))
            issues.check(parsed.count == texts.count, field: field, "Có mã đơn vị không hợp lệ.")
            return parsed
        }
        let sources = ids(sources, field: "sources")
        var targets = ids(targets, field: "targets")
        issues.check(!sources.isEmpty, field: "sources", "Hãy chọn đơn vị trước khi sắp xếp.")
        if kind == .rename || kind == .transfer { targets = sources }
        let newName = TextRules.optionalText(newName, field: "newName", label: "Tên mới", into: &issues)
        let newShortName = TextRules.optionalText(newShortName, field: "newShortName", label: "Tên viết tắt mới",
                                                  maximum: OrgUnit.maximumShortNameLength, into: &issues)
        let note = TextRules.optionalText(note, field: "note", label: "Ghi chú", maximum: 2000, into: &issues)
        try issues.finish()
        return ReorganisationEvent(kind: kind!, effectiveDate: date!, decisionReference: reference, sources: sources,
                                   targets: targets, newName: newName, newShortName: newShortName,
                                   toProvinceID: toProvinceID.flatMap(UUID.init(uuidString:)), note: note)
    }
}

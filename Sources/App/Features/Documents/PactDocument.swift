import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// The issuing side of a bloc year's documents: they go out under the head unit's name, in
/// its format as of the document's date (the bloc itself has no seal).
struct DocumentIssuer: Sendable {
    let unitID: UUID
    let shortName: String
    let style: DocumentStyle
    let heading: DocumentHeading
    /// Khối or cụm: the words of the head's title in the documents.
    let kind: BlocKind

    static func load(req: Request, context: YearContext, date: LocalDate) async throws -> DocumentIssuer {
        guard let headID = context.head else {
            let kind = context.bloc.core.kind
            throw DomainError.conflict("\(kind.label) chưa có đơn vị \(kind.headTitle) năm \(context.year); văn bản của \(kind.noun) phát hành dưới tên đơn vị \(kind.headTitle).")
        }
        return of(try await req.registry.unit(headID), issuingBody: context.bloc.name, province: context.bloc.province.name, date: date,
                  kind: context.bloc.core.kind)
    }

    /// A unit's documents, or a bloc's under its head (`issuingBody` the bloc's name): the
    /// format by the unit's kind and superior body as of `date`; `kind` the bloc's (khối or cụm).
    static func of(_ unit: UnitModel, issuingBody: String, province: String, date: LocalDate, kind: BlocKind = .bloc) -> DocumentIssuer {
        let unitKind = UnitKind(rawValue: unit.kind) ?? .stateAgency
        let style = DocumentFormat.style(kind: unitKind, superiorBody: unit.parentBody, on: date)
        let heading = DocumentHeading(
            style: style, superiorBody: DocumentFormat.superiorBody(unit.parentBody, style: style, province: province),
            issuingBody: DocumentFormat.uppercased(issuingBody), number: nil,
            placeAndDate: DocumentFormat.placeAndDate(province: province, date: date))
        return DocumentIssuer(unitID: unit.id!, shortName: unit.shortName, style: style, heading: heading, kind: kind)
    }
}

/// Giao ước thi đua as an official document: heading by the head unit's format, number,
/// place and date, legal basis, commitments, each unit's targets, the scoring table and a
/// signature for every member.
struct PactDocument: Sendable {
    var document: OfficialDocument
    let issuer: DocumentIssuer
    let date: LocalDate
    let subject: String
    let year: Int
    /// Member names (as of the pact) and whether each has signed.
    let signed: [String: Bool]

    static func build(req: Request, context: YearContext) async throws -> PactDocument {
        let model = try context.opened()
        let date = model.dates.pactDate ?? req.today
        let issuer = try await DocumentIssuer.load(req: req, context: context, date: date)
        let store = req.registry
        let members = try await context.members(req)
        let targets = try await store.targets(of: model.id!)
        let signatures = Dictionary(try await store.signatures(of: model.id!).map { ($0.$unit.id, $0) }, uniquingKeysWith: { a, _ in a })
        let table = try await store.table(ofYear: model.id!)

        var blocks: [DocumentBlock] = [.dashed(LegalBasis.emulationTexts(on: date).map { $0 + ";" }
                                                + (table.map { ["Căn cứ Bảng tiêu chí chấm điểm thi đua năm \(context.year) (\($0.name))."] } ?? [])),
                                       .paragraph(PactWording.opening(bloc: context.bloc.name, year: context.year)),
                                       .heading("I. NỘI DUNG GIAO ƯỚC"),
                                       .numbered(PactWording.commitments)]
        let perUnit = members.compactMap { member -> (String, [String])? in
            let lines = targets.filter { $0.$unit.id == member.membership.$unit.id }.map(\.text)
            return lines.isEmpty ? nil : (member.nameThen, lines)
        }
        if !perUnit.isEmpty {
            blocks.append(.heading("II. CHỈ TIÊU GIAO ƯỚC CỦA CÁC ĐƠN VỊ"))
            for (unit, lines) in perUnit {
                blocks.append(.paragraph(unit + ":"))
                blocks.append(.dashed(lines))
            }
        }
        let outline = TableController.outline(table?.core)
        if !outline.isEmpty {
            blocks.append(.heading("\(perUnit.isEmpty ? "II" : "III"). BẢNG TIÊU CHÍ CHẤM ĐIỂM"))
            var rows = outline.map { [$0.code, $0.title, $0.points] }
            var bold = Set(outline.enumerated().filter { $0.element.group }.map(\.offset))
            if let table {
                bold.insert(rows.count)
                rows.append(["", "Tổng điểm", Points(hundredths: table.declaredTotal).description])
            }
            blocks.append(.table(DocumentTable(headers: ["Mã", "Nội dung tiêu chí", "Điểm tối đa"], rows: rows,
                                               widths: [2, 10, 3], boldRows: bold, numericColumns: [2])))
        }
        blocks.append(.paragraph(PactWording.closing))

        let signers = members.map { member -> Signature in
            let signature = signatures[member.membership.$unit.id]
            return Signature(title: DocumentFormat.uppercased(signature?.signerPosition ?? "Thủ trưởng đơn vị"),
                             name: signature?.signerName ?? "", unit: DocumentFormat.uppercased(member.nameThen))
        }
        let document = OfficialDocument(
            heading: issuer.heading, title: DocumentType.pact.title, summary: "Năm \(context.year)", blocks: blocks,
            signatures: signers,
            recipients: ["Ban Thi đua - Khen thưởng (Sở Nội vụ) tỉnh", "Các đơn vị thành viên", "Lưu: VT, \(issuer.shortName)"])
        var pact = PactDocument(document: document, issuer: issuer, date: date, subject: "pact:\(model.id!.uuidString)",
                                year: context.year,
                                signed: Dictionary(members.map { ($0.nameThen, signatures[$0.membership.$unit.id] != nil) },
                                                   uniquingKeysWith: { $0 || $1 }))
        pact.number(nil)
        return pact
    }

    /// The pact as a numbered document of the head's register.
    var draft: NumberedDraft {
        NumberedDraft(document: document, issuer: issuer, type: .pact, date: date, subject: subject, name: "Giao ước thi đua \(year)")
    }

    /// Puts the number (or the blank of a draft) in the heading.
    mutating func number(_ number: DocumentNumber?) {
        document.heading.number = number?.text(issuer.style)
            ?? DocumentNumber.blank(type: .pact, issuer: issuer.shortName, style: issuer.style)
    }
}

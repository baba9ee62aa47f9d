import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Biên bản bàn giao cờ luân lưu (DOMAIN.md §7): what the conference recorded of the bloc's
/// rotating flag (who handed it over, who took it) and, where the next year's head is
/// recognised and is another unit, the head's office passing to it. Numbered in the head's
/// "BB" series, as the conference's other minutes.
enum HandoverDocument {
    static func subject(_ conference: UUID) -> String { "handover:\(conference.uuidString)" }

    static func document(_ record: ConferenceRecord, nextHead: String?, headTitle: String) -> OfficialDocument? {
        let conference = record.conference
        guard let to = conference.flagTo else { return nil }
        func party(_ unit: UUID?) -> [String] {
            guard let unit else { return ["Chưa có đơn vị giữ cờ (cờ luân lưu trao lần đầu)."] }
            let delegate = record.roll[unit]?.delegate ?? ""
            return ["Đơn vị: \(record.name(unit))."] + (delegate.isEmpty ? [] : ["Đại diện: \(delegate)."])
        }
        let from = conference.flagFrom
        var blocks: [DocumentBlock] = [
            .paragraph("Hôm nay, ngày \(record.date.vietnamese), tại \(conference.place), trong \(record.conferenceName), "
                       + "các bên tiến hành bàn giao cờ luân lưu của khối như sau:"),
            .heading("I. BÊN GIAO"), .dashed(party(from)),
            .heading("II. BÊN NHẬN"), .dashed(party(to)),
            .heading("III. NỘI DUNG BÀN GIAO"),
            .numbered(["Cờ luân lưu của \(record.bloc), theo kết quả thi đua năm \(record.year) do hội nghị ghi nhận: "
                       + "\(record.name(to)) nhận và giữ cờ."]
                      + (nextHead.map { ["Chức trách \(headTitle) năm \(record.year + 1) chuyển cho \($0) theo kết quả bầu tại hội nghị."] } ?? [])),
            .paragraph("Biên bản được lập tại hội nghị, các bên thống nhất ký tên."),
        ]
        if from == nil { blocks.remove(at: 1); blocks.remove(at: 1) }
        var signatures = [Signature(title: "ĐẠI DIỆN BÊN NHẬN", name: record.roll[to]?.delegate ?? "")]
        if let from { signatures.insert(Signature(title: "ĐẠI DIỆN BÊN GIAO", name: record.roll[from]?.delegate ?? ""), at: 0) }
        signatures.append(Signature(title: "CHỦ TRÌ HỘI NGHỊ", name: conference.chair))
        return OfficialDocument(heading: record.issuer.heading, title: DocumentType.minutes.title,
                                summary: "Bàn giao cờ luân lưu của \(record.bloc)", blocks: blocks, signatures: signatures,
                                recipients: ConferenceDocuments.recipients(record.issuer))
    }
}

extension DocumentService {
    func handoverDraft(context: YearContext, conference id: UUID) async throws -> NumberedDraft {
        let record = try await ConferenceRecord.load(req: req, context: context, conference: id)
        let next = try await req.registry.head(ofBloc: context.bloc.id!, year: context.year + 1).head
        let nextHead = next.flatMap { $0 == context.head ? nil : $0 }
        var nextName: String?
        if let nextHead { nextName = try await req.registry.unit(nextHead).name }
        guard let document = HandoverDocument.document(record, nextHead: nextName, headTitle: context.bloc.core.kind.headTitle) else {
            throw DomainError.conflict("Hội nghị chưa ghi việc trao cờ luân lưu: chưa có biên bản bàn giao.")
        }
        return NumberedDraft(document: document, issuer: record.issuer, type: .minutes, date: record.date,
                             subject: HandoverDocument.subject(id), name: "Biên bản bàn giao cờ luân lưu \(record.year)")
    }

    func handoverFile(context: YearContext, conference id: UUID) async throws -> DocumentFile {
        if let issued = try await issued(subject: HandoverDocument.subject(id)) { return try file(of: issued) }
        return try await file(of: handoverDraft(context: context, conference: id))
    }

    @discardableResult
    func issueHandover(context: YearContext, conference id: UUID) async throws -> IssuedDocumentModel {
        try req.authorize(.leadBloc, context.resource)
        return try await issue(handoverDraft(context: context, conference: id))
    }
}

extension DocumentController {
    static func handoverDocx(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        return try await DocumentService(req: req).handoverFile(context: context, conference: try req.id("conferenceID"))
            .response(DocumentFile.docxType)
    }

    static func handoverPDF(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        return try await DocumentService(req: req).handoverFile(context: context, conference: try req.id("conferenceID"))
            .pdf(on: req).response(DocumentFile.pdfType)
    }

    static func issueHandover(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let id = try req.id("conferenceID")
        do {
            try await DocumentService(req: req).issueHandover(context: context, conference: id)
            return req.redirect(to: context.url(.conference(id)) + "#van-ban")
        } catch let error as DomainError {
            return try await ConferenceController.console(req: req, context: context, conferenceID: id, error: error, failure: .documents)
        }
    }
}

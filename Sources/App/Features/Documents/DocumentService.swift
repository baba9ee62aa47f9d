import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Văn bản: drafts are made on request and never stored; an issued document takes the next
/// number of its issuer's series for its type and year, and its bytes are kept (content store,
/// SHA-256 recorded) so that it is shown again unchanged.
struct DocumentService {
    let req: Request

    /// The pact's DOCX: the issued one if the pact has been issued, else a fresh draft.
    func pactFile(context: YearContext) async throws -> DocumentFile {
        let model = try context.opened()
        if let issued = try await issued(subject: "pact:\(model.id!.uuidString)") {
            return try file(of: issued)
        }
        let pact = try await PactDocument.build(req: req, context: context)
        return DocumentFile(data: try DocxWriter.write(pact.document), name: "Giao ước thi đua \(context.year) - dự thảo.docx",
                            issued: nil)
    }

    /// Issues the pact: checks every member has signed, takes the next number, files the DOCX.
    @discardableResult
    func issuePact(context: YearContext) async throws -> IssuedDocumentModel {
        try req.authorize(.leadBloc, context.resource)
        let pact = try await PactDocument.build(req: req, context: context)
        let already = try await issued(subject: pact.subject) != nil
        try PactRules.checkIssuable(members: pact.signed, alreadyIssued: already)
        let (directory, now, actor) = (req.thidua.config.filesDirectory, req.thidua.now(), req.auditor.actorName)
        let issuer = pact.issuer
        let year = pact.year
        return try await req.write { store in
            let taken = try await IssuedDocumentModel.query(on: store.db).filter(\.$issuerUnitID == issuer.unitID)
                .filter(\.$type == DocumentType.pact.rawValue).filter(\.$year == year).all().map(\.sequence)
            let number = DocumentNumber(sequence: try DocumentNumber.next(after: taken), type: .pact, issuer: issuer.shortName)
            var numbered = pact
            numbered.number(number)
            let data = try DocxWriter.write(numbered.document)
            let sha = try ContentStore.put(data, in: directory)
            let issued = IssuedDocumentModel()
            issued.issuerUnitID = issuer.unitID
            issued.type = number.type.rawValue
            issued.year = year
            issued.sequence = number.sequence
            issued.numberText = number.text(issuer.style)
            issued.subject = pact.subject
            issued.sha256 = sha
            issued.size = data.count
            issued.fileName = "Giao ước thi đua \(year) - \(number.text(issuer.style).replacingOccurrences(of: "/", with: "-")).docx"
            issued.issuedAt = now
            issued.issuedBy = actor
            try await issued.create(on: store.db)
            try await store.auditor.record(on: store.db, action: "issue", type: "document", id: issued.id?.uuidString,
                                           after: ["subject": pact.subject, "number": issued.numberText, "sha256": sha,
                                                   "size": String(data.count), "issuerUnitID": issuer.unitID.uuidString])
            return issued
        }
    }

    func issued(subject: String) async throws -> IssuedDocumentModel? {
        try await IssuedDocumentModel.query(on: req.db).filter(\.$subject == subject).first()
    }

    /// The stored bytes of an issued document, checked against the recorded hash.
    func file(of issued: IssuedDocumentModel) throws -> DocumentFile {
        let path = ContentStore.path(of: issued.sha256, in: req.thidua.config.filesDirectory)
        guard let data = FileManager.default.contents(atPath: path), ContentStore.sha256(data) == issued.sha256 else {
            throw DomainError.notFound("Bản đã phát hành (\(issued.numberText)) không còn nguyên trong kho lưu trữ; hãy báo quản trị viên.")
        }
        return DocumentFile(data: data, name: issued.fileName, issued: issued.numberText)
    }
}

/// A document ready to send: its bytes, its download name, and its number if issued.
struct DocumentFile: Sendable {
    var data: Data
    var name: String
    var issued: String?

    static let docxType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.wordprocessingml.document")
    static let xlsxType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    static let pdfType = HTTPMediaType(type: "application", subType: "pdf")

    func response(_ type: HTTPMediaType) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = type
        headers.replaceOrAdd(name: .contentDisposition, value: EvidenceKind.contentDisposition(name: name, kind: nil))
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    /// The same document as PDF, through LibreOffice, off the event loop.
    func pdf(on req: Request) async throws -> DocumentFile {
        guard let executable = PDFConverter.find() else {
            throw DomainError.conflict(PDFSupport.unavailable)
        }
        let docx = data
        let pdf = try await req.application.threadPool.runIfActive {
            do {
                return try PDFConverter(executable: executable).convert(docx: docx)
            } catch let failure as PDFConverter.Failure {
                throw DomainError.conflict(failure.description)
            }
        }
        return DocumentFile(data: pdf, name: (name as NSString).deletingPathExtension + ".pdf", issued: issued)
    }
}

enum PDFSupport {
    static var available: Bool { PDFConverter.find() != nil }
    static let unavailable = "Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF; hãy tải bản DOCX và in từ Word hoặc LibreOffice."
}

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
        return try await file(of: PactDocument.build(req: req, context: context).draft)
    }

    /// Issues the pact: checks every member has signed, takes the next number, files the DOCX.
    @discardableResult
    func issuePact(context: YearContext) async throws -> IssuedDocumentModel {
        try req.authorize(.leadBloc, context.resource)
        let pact = try await PactDocument.build(req: req, context: context)
        let already = try await issued(subject: pact.subject) != nil
        try PactRules.checkIssuable(members: pact.signed, alreadyIssued: already)
        return try await issue(pact.draft)
    }

    /// A numbered document's DOCX: the issued bytes once it is issued, else the draft.
    func file(of draft: NumberedDraft) async throws -> DocumentFile {
        if let issued = try await issued(subject: draft.subject) {
            return try file(of: issued)
        }
        return DocumentFile(data: try DocxWriter.write(draft.document), name: "\(draft.name) - dự thảo.docx", issued: nil)
    }

    /// Sổ văn bản: gives the draft the next number of its issuer's series for its type and
    /// the calendar year of its date (ND 30, Art. 15: a register runs from 01 January to 31
    /// December), files its DOCX by hash and audits it, in one transaction. The caller has
    /// authorised and checked that the document may be issued.
    func issue(_ draft: NumberedDraft) async throws -> IssuedDocumentModel {
        let (directory, now, actor) = (req.thidua.config.filesDirectory, req.thidua.now(), req.auditor.actorName)
        let (issuer, type, year) = (draft.issuer, draft.type, draft.date.year)
        do {
            return try await req.write { store in
                if let issued = try await IssuedDocumentModel.query(on: store.db).filter(\.$subject == draft.subject).first() {
                    throw DomainError.conflict("Văn bản đã được phát hành, \(issued.numberText); không cấp số lần nữa.")
                }
                let taken = try await IssuedDocumentModel.query(on: store.db).filter(\.$issuerUnitID == issuer.unitID)
                    .filter(\.$type == type.rawValue).filter(\.$year == year).all().map(\.sequence)
                let number = DocumentNumber(sequence: try DocumentNumber.next(after: taken), type: type, issuer: issuer.shortName)
                let text = number.text(issuer.style)
                let data = try DocxWriter.write(draft.numbered(text))
                let sha = try ContentStore.put(data, in: directory)
                let issued = IssuedDocumentModel()
                issued.issuerUnitID = issuer.unitID
                issued.type = type.rawValue
                issued.year = year
                issued.sequence = number.sequence
                issued.numberText = text
                issued.subject = draft.subject
                issued.sha256 = sha
                issued.size = data.count
                issued.fileName = "\(draft.name) - \(text.replacingOccurrences(of: "/", with: "-")).docx"
                issued.issuedAt = now
                issued.issuedBy = actor
                try await issued.create(on: store.db)
                try await store.auditor.record(on: store.db, action: "issue", type: "document", id: issued.id?.uuidString,
                                               after: ["subject": draft.subject, "number": text, "sha256": sha,
                                                       "size": String(data.count), "issuerUnitID": issuer.unitID.uuidString])
                return issued
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two issues at once: the register's unique keys let one through.
            throw DomainError.conflict("Văn bản vừa được cấp số cùng lúc ở nơi khác; hãy tải lại trang rồi thử lại.")
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

/// A document that takes a number when it is issued: what it is of (one issued document a
/// subject), its type, issuer and date (which pick its series), and its layout with the
/// number's place left blank.
struct NumberedDraft: Sendable {
    let document: OfficialDocument
    let issuer: DocumentIssuer
    let type: DocumentType
    let date: LocalDate
    let subject: String
    /// The download name, without the extension: "Giao ước thi đua 2020".
    let name: String

    init(document: OfficialDocument, issuer: DocumentIssuer, type: DocumentType, date: LocalDate, subject: String, name: String) {
        var blank = document
        blank.heading.number = DocumentNumber.blank(type: type, issuer: issuer.shortName, style: issuer.style)
        self.document = blank
        self.issuer = issuer
        self.type = type
        self.date = date
        self.subject = subject
        self.name = name
    }

    /// The document with its number in the heading.
    func numbered(_ text: String) -> OfficialDocument {
        var numbered = document
        numbered.heading.number = text
        return numbered
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
        // One conversion at a time, on a thread of its own: on the application's thread pool
        // (two threads here, where the SQLite driver also runs) a few PDFs at once starved
        // every request's database work and answered 500s; waiting for the turn blocks nothing.
        await Self.conversions.enter()
        let result: Result<Data, any Error> = await withCheckedContinuation { done in
            DispatchQueue.global(qos: .utility).async {
                done.resume(returning: Result { try PDFConverter(executable: executable).convert(docx: docx) })
            }
        }
        await Self.conversions.leave()
        do {
            return DocumentFile(data: try result.get(), name: (name as NSString).deletingPathExtension + ".pdf", issued: issued)
        } catch let failure as PDFConverter.Failure {
            throw DomainError.conflict(failure.description)
        }
    }

    /// LibreOffice conversions take turns as writers do (the same gate type, a gate of its own).
    private static let conversions = WriteGate()
}

enum PDFSupport {
    static var available: Bool { PDFConverter.find() != nil }
    static let unavailable = "Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF; hãy tải bản DOCX và in từ Word hoặc LibreOffice."
}

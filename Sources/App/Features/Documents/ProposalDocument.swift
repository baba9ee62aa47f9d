import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Tờ trình đề nghị khen thưởng with its list: in the author's format as of its date (a
/// bloc's goes out under its head, the bloc's name as the issuing body; a unit's under its
/// own name), numbered in the author's "TTr" series when it is submitted. Each submission is
/// a tờ trình of its own: one returned and sent again takes the next number.
enum ProposalDocument {
    static let listHeaders = ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị công tác", "Hình thức đề nghị", "Tóm tắt thành tích"]

    /// The issued document of the proposal's `submission`-th submission.
    static func subject(_ proposal: UUID, submission: Int) -> String { "proposal:\(proposal.uuidString):\(submission)" }

    static func document(issuer: DocumentIssuer, author: String, bloc: String?, province: String, year: Int, date: LocalDate,
                         rows: [DecisionRecipients.Row], summaries: [String]) -> OfficialDocument {
        let lines = rows.map { ProposalWording.Line(awardName: $0.awardName, collective: $0.collective) }
        let table = rows.enumerated().map { index, row in
            ["\(index + 1)", row.name, row.positionAndUnit, row.awardName, index < summaries.count ? summaries[index] : ""]
        }
        let signer = bloc == nil
            ? Signature(title: "THỦ TRƯỞNG ĐƠN VỊ", name: "")
            : Signature(authority: "\(issuer.heading.onBehalfPrefix) \(DocumentFormat.uppercased(bloc!))", title: "ĐƠN VỊ TRƯỞNG KHỐI", name: "")
        return OfficialDocument(
            heading: issuer.heading, title: DocumentType.proposal.title, summary: ProposalWording.summary(year: year),
            blocks: [.paragraph(ProposalWording.addressee(province: province)),
                     .dashed((LegalBasis.emulationTexts(on: date) + ProposalWording.ownBasis(bloc: bloc, author: author, year: year))
                        .map { $0 + ";" }),
                     .paragraph(ProposalWording.request(author: bloc ?? author, province: province, year: year, lines: lines)),
                     .dashed(ProposalWording.tally(lines)),
                     .heading("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"),
                     table.isEmpty ? .note("Tờ trình chưa có dòng đề nghị nào.")
                        : .table(DocumentTable(headers: listHeaders, rows: table, widths: [2, 8, 9, 7, 9], numericColumns: [0])),
                     .heading("Hồ sơ kèm theo"),
                     .dashed(ProposalWording.attachments(bloc: bloc != nil, year: year)),
                     .paragraph(ProposalWording.closing(province: province))],
            signatures: [signer],
            recipients: ["Như trên", "Sở Nội vụ (Ban Thi đua - Khen thưởng)", "Lưu: VT, \(issuer.shortName)"])
    }
}

extension DocumentService {
    /// How many times the proposal has been submitted (sent to the province).
    func submissions(of proposal: UUID) async throws -> Int {
        try await req.registry.events(ofProposal: proposal).filter { $0.action == ProposalAction.submit.rawValue }.count
    }

    /// The tờ trình of the proposal's `submission`-th submission, dated `date`, with every
    /// line the submission sends (those returned go back as proposed).
    func proposalDraft(_ proposal: AwardProposalModel, submission: Int, date: LocalDate) async throws -> NumberedDraft {
        let store = req.registry
        let author = try await store.unit(proposal.authorUnitID)
        let province = try await store.province(proposal.provinceID).name
        let bloc = proposal.proposalKind == .bloc ? try await store.bloc(proposal.blocID).name : nil
        let issuer = DocumentIssuer.of(author, issuingBody: bloc ?? author.name, province: province, date: date)
        let lines = try await store.lines(of: proposal.id!)
        let rows = try await AwardService(req: req).listRows(lines, on: date)
        let document = ProposalDocument.document(issuer: issuer, author: author.name, bloc: bloc, province: province, year: proposal.year,
                                                 date: date, rows: rows, summaries: lines.map(\.summary))
        return NumberedDraft(document: document, issuer: issuer, type: .proposal, date: date,
                             subject: ProposalDocument.subject(proposal.id!, submission: submission),
                             name: "Tờ trình khen thưởng \(proposal.year)")
    }

    /// The tờ trình as the proposal stands: while the author may change it, the draft of the
    /// next submission; once sent, the one issued with it (a draft dated the submission's day
    /// for one sent before tờ trình were numbered).
    func proposalFile(proposal id: UUID) async throws -> DocumentFile {
        let proposal = try await req.registry.proposal(id)
        try req.authorize(.read, proposal.resource)
        let sent = try await submissions(of: id)
        if proposal.proposalStatus.editable {
            return try await file(of: proposalDraft(proposal, submission: sent + 1, date: req.today))
        }
        return try await file(of: proposalDraft(proposal, submission: sent,
                                                date: proposal.submittedOn.flatMap(LocalDate.init) ?? req.today))
    }
}

extension DocumentController {
    static func proposalDocx(req: Request) async throws -> Response {
        try await DocumentService(req: req).proposalFile(proposal: try req.id("proposalID")).response(DocumentFile.docxType)
    }

    static func proposalPDF(req: Request) async throws -> Response {
        try await DocumentService(req: req).proposalFile(proposal: try req.id("proposalID")).pdf(on: req).response(DocumentFile.pdfType)
    }

    /// The proposal page's links to its tờ trình: DOCX, and PDF where LibreOffice is.
    static func proposalDownloads(_ id: UUID) -> [Link] {
        [Link(label: "Tờ trình và danh sách (DOCX)", href: SiteURL.proposalDocx(id).path)]
            + (PDFSupport.available ? [Link(label: "Tờ trình và danh sách (PDF)", href: SiteURL.proposalPDF(id).path)] : [])
    }
}

import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// What the documents of a conference print: the conference, the roll call of every member,
/// its ballot sessions and, for those closed, the result. A result is read only through
/// `VotingService.result`, the one check that keeps a tally hidden until its session closes.
struct ConferenceRecord: Sendable {
    struct Session: Sendable {
        let model: BallotSessionModel
        let spec: BallotSpec
        /// Nil while the session is open.
        let result: TallyResult?
        let batches: [Batch]
    }
    /// A paper batch as the minutes mark it: how many came in, how many were void, who entered it.
    struct Batch: Sendable { let collected: Int; let invalid: Int; let enteredBy: String }

    let conference: ConferenceModel
    let date: LocalDate
    let issuer: DocumentIssuer
    let bloc: String
    let year: Int
    /// Members in the year's order, with their names as of the year.
    let members: [(unit: UUID, name: String)]
    let roll: [UUID: (present: Bool, delegate: String)]
    let sessions: [Session]

    static func load(req: Request, context: YearContext, conference id: UUID) async throws -> ConferenceRecord {
        let year = try context.opened()
        let store = req.registry
        let conference = try await store.conference(id, of: year.id!)
        let date = LocalDate(conference.heldOn) ?? req.today
        let issuer = try await DocumentIssuer.load(req: req, context: context, date: date)
        let members = try await context.members(req).map { (unit: $0.membership.$unit.id, name: $0.nameThen) }
        let roll = Dictionary(try await store.attendance(of: id).map { ($0.unitID, (present: $0.present, delegate: $0.delegate)) },
                              uniquingKeysWith: { a, _ in a })
        let voting = VotingService(req: req)
        var sessions: [Session] = []
        for model in try await store.sessions(of: id) {
            let result = model.isOpen ? nil : try voting.result(try await BallotFacts.load(req, sessionID: model.id!))
            let batches: [Batch] = result == nil ? [] : try await store.paperBatches(of: model.id!).map { row in
                let batch = try row.batch
                return Batch(collected: batch.collected, invalid: batch.invalid, enteredBy: row.enteredBy)
            }
            sessions.append(Session(model: model, spec: try model.spec, result: result, batches: batches))
        }
        return ConferenceRecord(conference: conference, date: date, issuer: issuer, bloc: context.bloc.name, year: context.year,
                                members: members, roll: roll, sessions: sessions)
    }

    func name(_ unit: UUID) -> String { members.first { $0.unit == unit }?.name ?? "" }

    var kind: ConferenceKind { conference.conferenceKind }

    /// "Hội nghị tổng kết năm 2020 của Cụm thi đua …".
    var conferenceName: String { "\(kind.label) năm \(year) của \(bloc)" }
}

/// Biên bản hội nghị, biên bản kiểm phiếu and phiếu bầu as official documents, in the head
/// unit's format as of the conference's day. The two minutes are numbered in the head's "BB"
/// series; the blank ballot is a form, not a văn bản of the register, and carries no number
/// (DOMAIN.md §7 lists for it only the session, the candidates and the boxes).
enum ConferenceDocuments {
    static func minutesSubject(_ conference: UUID) -> String { "conference-minutes:\(conference.uuidString)" }
    static func countSubject(_ session: UUID) -> String { "ballot-count:\(session.uuidString)" }

    static func recipients(_ issuer: DocumentIssuer) -> [String] {
        ["Ban Thi đua - Khen thưởng (Sở Nội vụ) tỉnh", "Các đơn vị thành viên", "Lưu: VT, \(issuer.shortName)"]
    }

    /// "75,00%": a candidate's votes as a share of the rule's base, in whole hundredths.
    static func share(_ votes: Int, of base: Int) -> String {
        guard base > 0 else { return "" }
        let hundredths = votes * 10_000 / base
        let fraction = hundredths % 100
        return "\(hundredths / 100),\(fraction < 10 ? "0" : "")\(fraction)%"
    }

    static func sessionTitle(_ session: ConferenceRecord.Session) -> String {
        session.model.title + (session.spec.round > 1 && !session.model.title.contains("vòng") ? " (vòng \(session.spec.round))" : "")
    }

    static func verdict(_ line: TallyResult.Line) -> String {
        line.elected ? "Trúng" : line.tied ? "Bằng phiếu, bỏ phiếu vòng sau" : "Không trúng"
    }

    static func elected(_ result: TallyResult, in record: ConferenceRecord) -> String {
        let names = result.elected.map(record.name)
        return names.isEmpty ? "Không có ứng viên trúng." : "Trúng: " + names.joined(separator: "; ") + "."
    }

    /// The counts every result prints, in the words of the minutes.
    static func counts(_ result: TallyResult) -> [(String, String)] {
        [("Tổng số đơn vị thành viên", "\(result.members)"),
         ("Số đơn vị có mặt, được bỏ phiếu", "\(result.eligible)"),
         ("Số phiếu thu về", "\(result.cast)"),
         ("Trong đó: phiếu điện tử", "\(result.electronic)"),
         ("Trong đó: phiếu giấy" + (result.paperBatches > 0 ? " (\(result.paperBatches) đợt do Tổ kiểm phiếu kiểm)" : ""), "\(result.paper)"),
         ("Số phiếu hợp lệ", "\(result.valid)"),
         ("Số phiếu không hợp lệ", "\(result.invalid)"),
         ("Số phiếu đồng ý cần để trúng", "\(result.needed)"),
         ("Túc số (số phiếu phải thu về)", "\(result.quorumNeeded)" + (result.quorumMet ? " (đủ)" : " (chưa đủ)"))]
    }

    static func resultTable(_ result: TallyResult, in record: ConferenceRecord, base: Int) -> DocumentTable {
        DocumentTable(headers: ["TT", "Đơn vị", "Số phiếu đồng ý", "Tỷ lệ", "Đạt ngưỡng", "Kết quả"],
                      rows: result.lines.enumerated().map { index, line in
                          ["\(index + 1)", record.name(line.candidate), "\(line.votes)", share(line.votes, of: base),
                           line.passed ? "Đạt" : "Không đạt", verdict(line)]
                      },
                      widths: [1, 7, 3, 3, 3, 4], numericColumns: [2, 3])
    }

    // MARK: - Biên bản hội nghị

    static func minutes(_ record: ConferenceRecord, countNumbers: [UUID: String]) -> OfficialDocument {
        let conference = record.conference
        let present = record.members.filter { record.roll[$0.unit]?.present == true }
        var blocks: [DocumentBlock] = [
            .paragraph("Thời gian: ngày \(record.date.vietnamese)."),
            .paragraph("Địa điểm: \(conference.place)."),
            .paragraph("Chủ trì: \(conference.chair). Thư ký: \(conference.secretary)."),
            .heading("I. THÀNH PHẦN THAM DỰ"),
            .paragraph("Có mặt \(present.count)/\(record.members.count) đơn vị thành viên; vắng \(record.members.count - present.count) đơn vị."),
            .table(DocumentTable(headers: ["TT", "Đơn vị thành viên", "Có mặt", "Đại biểu dự"],
                                 rows: record.members.enumerated().map { index, member in
                                     let entry = record.roll[member.unit]
                                     return ["\(index + 1)", member.name, entry?.present == true ? "Có mặt" : "Vắng", entry?.delegate ?? ""]
                                 },
                                 widths: [1, 8, 3, 6])),
        ]
        if !conference.committee.isEmpty {
            blocks.append(.paragraph("Tổ kiểm phiếu: " + conference.committee.joined(separator: "; ") + "."))
        }
        blocks.append(.heading("II. NỘI DUNG HỘI NGHỊ"))
        blocks.append(conference.agendaItems.isEmpty ? .paragraph("Hội nghị không ghi chương trình.") : .numbered(conference.agendaItems))
        if !record.sessions.isEmpty {
            blocks.append(.heading("III. KẾT QUẢ BỎ PHIẾU"))
        }
        for (index, session) in record.sessions.enumerated() {
            blocks.append(.heading("\(index + 1). \(sessionTitle(session))"))
            guard let result = session.result else {
                blocks.append(.note("Phiên bỏ phiếu chưa kết thúc; kết quả chỉ có sau khi kết thúc."))
                continue
            }
            // The tally's own reasoning: the counts, the rule in words, the votes needed, the quorum.
            blocks.append(.dashed(result.reasoning))
            blocks.append(.table(resultTable(result, in: record, base: session.spec.thresholdBase)))
            if let reason = result.closedWithoutQuorumReason {
                blocks.append(.note("Kết thúc khi chưa đủ túc số; lý do: \(reason)."))
            }
            blocks.append(.paragraph(elected(result, in: record) + (session.model.outcome.map { " \($0)" } ?? "")))
            if let number = countNumbers[session.model.id!] {
                blocks.append(.note("Chi tiết tại Biên bản kiểm phiếu \(number.replacingOccurrences(of: "Số: ", with: "số ").replacingOccurrences(of: "Số ", with: "số "))."))
            }
        }
        if let to = conference.flagTo {
            let from = conference.flagFrom.map { "\(record.name($0)) trao " } ?? "Trao "
            blocks.append(.heading("\(record.sessions.isEmpty ? "III" : "IV"). TRAO CỜ LUÂN LƯU"))
            blocks.append(.paragraph("\(from)cờ luân lưu của \(record.issuer.kind.noun) cho \(record.name(to))."))
        }
        blocks.append(.paragraph("Biên bản được lập tại hội nghị và đọc lại trước hội nghị."))
        return OfficialDocument(
            heading: record.issuer.heading, title: DocumentType.minutes.title, summary: record.conferenceName, blocks: blocks,
            signatures: [Signature(title: "THƯ KÝ HỘI NGHỊ", name: conference.secretary),
                         Signature(title: "CHỦ TRÌ HỘI NGHỊ", name: conference.chair)],
            recipients: recipients(record.issuer))
    }

    // MARK: - Biên bản kiểm phiếu

    static func ballotCount(_ record: ConferenceRecord, session: ConferenceRecord.Session, result: TallyResult) -> OfficialDocument {
        let conference = record.conference
        let committee = conference.committee
        var blocks: [DocumentBlock] = [
            .paragraph("Ngày \(record.date.vietnamese), tại \(conference.place), \(record.conferenceName) bỏ phiếu kín: "
                       + "\(session.spec.purpose.label)\(session.spec.round > 1 ? ", vòng \(session.spec.round)" : "")."),
            .paragraph(committee.isEmpty ? "Hội nghị không ghi tên Tổ kiểm phiếu." : "Tổ kiểm phiếu gồm:"),
            .numbered(committee),
            .paragraph("Tổ kiểm phiếu đã kiểm phiếu, kết quả như sau:"),
            .heading("I. SỐ PHIẾU"),
            .table(DocumentTable(headers: ["Nội dung", "Số lượng"], rows: counts(result).map { [$0.0, $0.1] },
                                 widths: [9, 3], numericColumns: [1])),
            .heading("II. SỐ PHIẾU ĐỒNG Ý CỦA TỪNG ỨNG VIÊN"),
            .table(resultTable(result, in: record, base: session.spec.thresholdBase)),
            .heading("III. QUY ĐỊNH ÁP DỤNG VÀ CÁCH TÍNH"),
            .dashed(result.reasoning),
        ]
        if !session.batches.isEmpty {
            blocks.append(.heading("IV. PHIẾU GIẤY"))
            blocks.append(.table(DocumentTable(headers: ["Đợt", "Phiếu thu về", "Không hợp lệ", "Người nhập"],
                                               rows: session.batches.enumerated().map { index, batch in
                                                   ["\(index + 1)", "\(batch.collected)", "\(batch.invalid)", batch.enteredBy]
                                               },
                                               widths: [1, 3, 3, 6], numericColumns: [1, 2])))
            blocks.append(.note("Phiếu giấy do Tổ kiểm phiếu kiểm đếm và nhập theo đợt; đã cộng vào kết quả trên."))
        }
        if let reason = result.closedWithoutQuorumReason {
            blocks.append(.note("Kết thúc khi chưa đủ túc số; lý do: \(reason)."))
        }
        blocks.append(.paragraph("Kết luận: " + elected(result, in: record) + (session.model.outcome.map { " \($0)" } ?? "")))
        blocks.append(.paragraph("Biên bản kiểm phiếu được công bố trước hội nghị."))
        // The committee signs, its leader (the first name the conference recorded) first.
        let signatures = committee.enumerated().map { index, name in
            Signature(title: index == 0 ? "TỔ TRƯỞNG TỔ KIỂM PHIẾU" : "THÀNH VIÊN", name: name)
        }
        return OfficialDocument(
            heading: record.issuer.heading, title: "BIÊN BẢN KIỂM PHIẾU", summary: sessionTitle(session), blocks: blocks,
            signatures: signatures, recipients: ["Chủ trì hội nghị", "Lưu: VT, \(record.issuer.shortName)"])
    }

    // MARK: - Phiếu bầu

    /// The blank paper ballot: the purpose, the candidates in ballot order with a box each,
    /// how many may be chosen and how to mark; nothing that names the voter.
    static func blankBallot(_ record: ConferenceRecord, session: ConferenceRecord.Session) -> OfficialDocument {
        let spec = session.spec
        var heading = record.issuer.heading
        heading.numbered = false
        let approveEach = spec.maxChoices == spec.candidates.count
        let how = approveEach
            ? "Đánh dấu (X) vào ô «Đồng ý» của từng đơn vị mà đại biểu tán thành."
            : "Đánh dấu (X) vào ô «Đồng ý» của tối đa \(spec.maxChoices) đơn vị (số lượng cần chọn: \(spec.seats))."
        return OfficialDocument(
            heading: heading, title: "PHIẾU BẦU", summary: sessionTitle(session),
            blocks: [.paragraph("\(spec.purpose.label) — \(record.conferenceName)."),
                     .table(DocumentTable(headers: ["TT", "Tên đơn vị", "Đồng ý"],
                                          rows: spec.candidates.enumerated().map { ["\($0.offset + 1)", record.name($0.element), ""] },
                                          widths: [1, 9, 3])),
                     .heading("Cách ghi phiếu"),
                     .dashed([how,
                              "Không đánh dấu là không đồng ý với đơn vị đó.",
                              (approveEach ? "Phiếu" : "Phiếu đồng ý quá \(spec.maxChoices) đơn vị,")
                                  + " ghi thêm tên hoặc có dấu hiệu riêng là phiếu không hợp lệ.",
                              "Không ghi tên người, tên đơn vị bỏ phiếu."])],
            signatures: [], recipients: [])
    }
}

extension DocumentService {
    /// Biên bản hội nghị as a numbered draft (the number blank), with the numbers of the
    /// ballot-count minutes already issued.
    func minutesDraft(context: YearContext, conference id: UUID) async throws -> NumberedDraft {
        let record = try await ConferenceRecord.load(req: req, context: context, conference: id)
        var numbers: [UUID: String] = [:]
        for session in record.sessions where session.result != nil {
            numbers[session.model.id!] = try await issued(subject: ConferenceDocuments.countSubject(session.model.id!))?.numberText
        }
        return NumberedDraft(document: ConferenceDocuments.minutes(record, countNumbers: numbers), issuer: record.issuer, type: .minutes,
                             date: record.date, subject: ConferenceDocuments.minutesSubject(id),
                             name: "Biên bản \(record.kind.label.lowercased()) \(record.year)")
    }

    func minutesFile(context: YearContext, conference id: UUID) async throws -> DocumentFile {
        if let issued = try await issued(subject: ConferenceDocuments.minutesSubject(id)) { return try file(of: issued) }
        return try await file(of: minutesDraft(context: context, conference: id))
    }

    /// Issues the minutes once every session of the conference has closed: a result still
    /// coming in cannot be in a document that never changes.
    @discardableResult
    func issueMinutes(context: YearContext, conference id: UUID) async throws -> IssuedDocumentModel {
        try req.authorize(.leadBloc, context.resource)
        let draft = try await minutesDraft(context: context, conference: id)
        let open = try await req.registry.sessions(of: id).filter(\.isOpen)
        guard open.isEmpty else {
            throw DomainError.conflict("Còn \(open.count) phiên bỏ phiếu chưa kết thúc; kết thúc các phiên rồi mới phát hành biên bản hội nghị.")
        }
        return try await issue(draft)
    }

    /// The record and the session of a year's conference; with `closed`, the result, read
    /// through the secrecy check: before the session closes that refuses, for everyone.
    private func sessionRecord(context: YearContext, session id: UUID,
                               closed: Bool) async throws -> (ConferenceRecord, ConferenceRecord.Session, TallyResult?) {
        let facts = try await BallotFacts.load(req, sessionID: id)
        try req.authorize(.read, facts.resource)
        guard facts.year.id == (try context.opened()).id else { throw DomainError.notFound("Phiên bỏ phiếu không thuộc năm thi đua này.") }
        let result = closed ? try VotingService(req: req).result(facts) : nil
        let record = try await ConferenceRecord.load(req: req, context: context, conference: facts.session.$conference.id)
        guard let session = record.sessions.first(where: { $0.model.id == id }) else {
            throw DomainError.notFound("Không tìm thấy phiên bỏ phiếu này.")
        }
        return (record, session, result)
    }

    func ballotCountDraft(context: YearContext, session id: UUID) async throws -> NumberedDraft {
        let (record, session, checked) = try await sessionRecord(context: context, session: id, closed: true)
        guard let result = checked else { throw DomainError.conflict("Phiên bỏ phiếu chưa kết thúc; chưa có biên bản kiểm phiếu.") }
        return NumberedDraft(document: ConferenceDocuments.ballotCount(record, session: session, result: result), issuer: record.issuer,
                             type: .minutes, date: record.date, subject: ConferenceDocuments.countSubject(id),
                             name: "Biên bản kiểm phiếu - \(session.model.title)")
    }

    /// Biên bản kiểm phiếu: refused before the session closes, even once issued (it cannot
    /// be issued before).
    func ballotCountFile(context: YearContext, session id: UUID) async throws -> DocumentFile {
        try await file(of: ballotCountDraft(context: context, session: id))
    }

    @discardableResult
    func issueBallotCount(context: YearContext, session id: UUID) async throws -> IssuedDocumentModel {
        try req.authorize(.leadBloc, context.resource)
        return try await issue(ballotCountDraft(context: context, session: id))
    }

    /// Phiếu bầu: the same bytes every time for a session (its ballot is fixed at opening).
    func blankBallotFile(context: YearContext, session id: UUID) async throws -> DocumentFile {
        let (record, session, _) = try await sessionRecord(context: context, session: id, closed: false)
        return DocumentFile(data: try DocxWriter.write(ConferenceDocuments.blankBallot(record, session: session)),
                            name: "Phiếu bầu - \(session.model.title).docx", issued: nil)
    }
}

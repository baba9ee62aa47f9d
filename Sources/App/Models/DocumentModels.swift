import Fluent
import Foundation

/// Văn bản đã phát hành: a numbered document as issued. Its bytes live in the content store
/// under `sha256`, so the document is shown again exactly as it went out.
final class IssuedDocumentModel: Model, @unchecked Sendable {
    static let schema = "issued_documents"

    @ID(key: .id) var id: UUID?
    /// The unit whose series the number belongs to (the bloc's head that year).
    @Field(key: "issuer_unit_id") var issuerUnitID: UUID
    /// `DocumentType` raw value ("KH", "GƯTĐ", …).
    @Field(key: "type") var type: String
    @Field(key: "year") var year: Int
    @Field(key: "sequence") var sequence: Int
    /// As printed: "Số: 01/GƯTĐ-TCT" or "Số 01-GƯTĐ/TCT".
    @Field(key: "number_text") var numberText: String
    /// What the document is of, e.g. "pact:<bloc year id>": one issued document each.
    @Field(key: "subject") var subject: String
    @Field(key: "sha256") var sha256: String
    @Field(key: "size") var size: Int
    @Field(key: "file_name") var fileName: String
    @Field(key: "issued_at") var issuedAt: Date
    @Field(key: "issued_by") var issuedBy: String

    init() {}
}

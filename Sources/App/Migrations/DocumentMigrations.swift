import Fluent

/// Documents (issue 15): the register of issued documents and their numbers.
struct CreateIssuedDocuments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("issued_documents")
            .id()
            .field("issuer_unit_id", .uuid, .required, .references("units", "id"))
            .field("type", .string, .required)
            .field("year", .int, .required)
            .field("sequence", .int, .required)
            .field("number_text", .string, .required)
            .field("subject", .string, .required)
            .field("sha256", .string, .required)
            .field("size", .int, .required)
            .field("file_name", .string, .required)
            .field("issued_at", .datetime, .required)
            .field("issued_by", .string, .required)
            .unique(on: "issuer_unit_id", "type", "year", "sequence", name: "uq_issued_documents_number")
            .unique(on: "subject", name: "uq_issued_documents_subject")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("issued_documents").delete()
    }
}

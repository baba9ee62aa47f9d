import Fluent

// The demo told straight (issue 16 part 7): which facts are sample data.

struct CreateSampleFacts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sample_facts")
            .id()
            .field("subject_type", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("note", .string, .required)
            .unique(on: "subject_type", "subject_id", name: "uq_sample_facts_subject")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("sample_facts").delete() }
}

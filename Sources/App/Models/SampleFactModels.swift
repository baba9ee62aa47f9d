import Fluent
import Foundation
import Vapor

/// Dữ liệu mẫu: a fact the demo added so that it can be played (a score, a leader, a
/// movement's title and dates, a decision's number) that no seed report gives. Kept beside
/// the fact rather than as a column of each table, so one table says for every kind of fact
/// what is sample and why, and real data never carries the flag.
final class SampleFactModel: Model, @unchecked Sendable {
    static let schema = "sample_facts"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_type") var subjectType: String
    @Field(key: "subject_id") var subjectID: UUID
    /// What of the fact is sample, in words for the mark's title.
    @Field(key: "note") var note: String

    init() {}

    init(_ subject: SampleFacts.Subject, _ id: UUID, note: String) {
        subjectType = subject.rawValue
        subjectID = id
        self.note = note
    }
}

/// Which facts are sample data: marked by the demo, asked by the pages (one query a page).
enum SampleFacts {
    /// The kinds of fact that may be sample. The id is the row the page shows the fact from.
    enum Subject: String, CaseIterable, Sendable {
        /// A bloc year's dates, place and plan (id: the year).
        case yearPlan = "bloc_year_plan"
        /// A bloc year's scores and ranking (id: the year).
        case yearScores = "bloc_year_scores"
        case movement
        case blocOffice = "bloc_office"
        case membership = "bloc_membership"
        /// An award record's decision number and day (the award itself is the seed's).
        case awardDecision = "award_record"
        /// A recorded past year's ranking (id: the history year).
        case historyRanking = "bloc_history_year"
    }

    /// The words of the mark, and the title that says what it means.
    static let label = "Dữ liệu mẫu"

    /// Marks facts as sample, with one audit entry each, in the caller's transaction.
    static func mark(_ subject: Subject, _ ids: [UUID], note: String, on db: any Database, auditor: Auditor) async throws {
        for id in ids {
            let fact = SampleFactModel(subject, id, note: note)
            try await fact.create(on: db)
            try await auditor.record(on: db, action: "create", type: "sample_fact", id: fact.id?.uuidString,
                                     after: ["subject": subject.rawValue, "subjectID": id.uuidString, "note": note])
        }
    }

    /// The sample facts among some rows, by kind and id.
    struct Marks: Sendable {
        var notes: [Subject: [UUID: String]] = [:]
        /// The note of a fact, nil when it is not sample data.
        func callAsFunction(_ subject: Subject, _ id: UUID?) -> String? { id.flatMap { notes[subject]?[$0] } }
    }

    /// Which of the given facts are sample data, in one query whatever the kinds asked.
    static func marks(_ wanted: [Subject: [UUID]], on db: any Database) async throws -> Marks {
        let ids = wanted.values.flatMap { $0 }
        guard !ids.isEmpty else { return Marks() }
        let rows = try await SampleFactModel.query(on: db).filter(\.$subjectType ~~ wanted.keys.map(\.rawValue))
            .filter(\.$subjectID ~~ ids).all()
        var marks = Marks()
        for row in rows {
            guard let subject = Subject(rawValue: row.subjectType), wanted[subject]?.contains(row.subjectID) == true else { continue }
            marks.notes[subject, default: [:]][row.subjectID] = row.note
        }
        return marks
    }
}

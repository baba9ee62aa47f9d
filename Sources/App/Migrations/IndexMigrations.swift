import Fluent

/// The indexes the main pages' reads need, found with `EXPLAIN` (QueryBudgetTests'
/// `mainReadsUseIndexes` fails on a read that scans a table it should search).
struct CreateHotReadIndexes: IndexMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        // A bloc's members' names on a day: the lineage as far as it touches them.
        ("idx_participants_subject", "reorganisation_participants", "subject_id"),
        ("idx_reorganisation_events_subject", "reorganisation_events", "subject, effective_date"),
        // A sheet's evidence and history.
        ("idx_evidence_files_sheet", "evidence_files", "sheet_id"),
        ("idx_sheet_events_sheet", "sheet_events", "sheet_id"),
        // A year's steps, plan and targets.
        ("idx_year_transitions_year", "year_transitions", "bloc_year_id"),
        ("idx_plan_activities_year", "plan_activities", "bloc_year_id"),
        ("idx_pact_targets_year", "pact_targets", "bloc_year_id"),
    ]
}

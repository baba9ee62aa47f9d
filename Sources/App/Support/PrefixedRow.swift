import Fluent
import SQLKit

/// A row's columns that start with a prefix, under their names without it: how one
/// statement that joins several tables decodes each table's model.
struct PrefixedRow: SQLRow {
    let row: any SQLRow
    let prefix: String

    var allColumns: [String] { row.allColumns.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) } }
    func contains(column: String) -> Bool { row.contains(column: prefix + column) }
    func decodeNil(column: String) throws -> Bool { try row.decodeNil(column: prefix + column) }
    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D { try row.decode(column: prefix + column, as: D.self) }
}

extension SQLSelectBuilder {
    /// Every column of `M`'s table, renamed with `prefix` so that it meets no other table's.
    func columns<M: Model>(of model: M.Type, prefix: String) -> Self {
        var select = self
        for key in M.keys {
            select = select.column(SQLAlias(SQLColumn(key.description, table: M.schema), as: SQLIdentifier(prefix + key.description)))
        }
        return select
    }
}

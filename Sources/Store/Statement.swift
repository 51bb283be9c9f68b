import CSQLite

/// A compiled SQLite statement, finalised when it goes away.
final class Statement {
    /// The connection, kept alive for as long as the statement is.
    private let database: Database
    /// The raw statement handle.
    private let handle: OpaquePointer
    /// The SQL text, for error messages.
    private let sql: String

    /// Wraps a handle that `database` compiled from `sql`.
    init(database: Database, handle: OpaquePointer, sql: String) {
        self.database = database
        self.handle = handle
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values` to parameters 1, 2, ... in order.
    func bind(_ values: [SQLValue]) throws(StoreError) {
        // SQLITE_TRANSIENT is a C macro for the destructor value -1: copy the text now.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .text(let string): code = sqlite3_bind_text(handle, index, string, -1, transient)
            case .null: code = sqlite3_bind_null(handle, index)
            }
            guard code == SQLITE_OK else { throw database.error(code, "bind '\(sql)'") }
        }
    }

    /// Advances to the next row: true if there is one, false when the statement is done.
    func step() throws(StoreError) -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        guard code == SQLITE_DONE else { throw database.error(code, "step '\(sql)'") }
        return false
    }

    /// The current row's column `index` (from 0).
    func value(at index: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: .integer(sqlite3_column_int64(handle, index))
        case SQLITE_TEXT: .text(String(cString: sqlite3_column_text(handle, index)))
        default: .null
        }
    }

    /// Every column of the current row.
    func row() -> [SQLValue] {
        (0..<sqlite3_column_count(handle)).map { value(at: $0) }
    }
}

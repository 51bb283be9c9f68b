import CSQLite

/// One SQLite connection, with the few calls the store needs and every failure turned
/// into a `StoreError.sqlite` naming the operation.
///
/// A connection belongs to one thread at a time; the store opens one per `Store`.
final class Database {
    /// The raw connection handle.
    private let handle: OpaquePointer

    /// Opens (creating if absent) the file at `path` for reading and writing.
    init(path: String) throws(StoreError) {
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(opened)
            throw .sqlite(operation: "open \(path)", code: code, message: message)
        }
        handle = opened
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Waits up to `milliseconds` for another connection's lock before giving up.
    func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Runs one or more statements that return no rows of interest.
    func execute(_ sql: String) throws(StoreError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code, "exec '\(sql)'") }
    }

    /// Compiles one statement, binding `values` to its parameters `?1`, `?2`...
    func prepare(_ sql: String, _ values: [SQLValue] = []) throws(StoreError) -> Statement {
        var compiled: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &compiled, nil)
        guard code == SQLITE_OK, let compiled else { throw error(code, "prepare '\(sql)'") }
        let statement = Statement(database: self, handle: compiled, sql: sql)
        try statement.bind(values)
        return statement
    }

    /// Runs a statement that changes rows, returning how many it changed.
    @discardableResult
    func run(_ sql: String, _ values: [SQLValue] = []) throws(StoreError) -> Int {
        let statement = try prepare(sql, values)
        while try statement.step() {}
        return Int(sqlite3_changes(handle))
    }

    /// The rows of a query, each row its columns as values.
    func rows(_ sql: String, _ values: [SQLValue] = []) throws(StoreError) -> [[SQLValue]] {
        let statement = try prepare(sql, values)
        var result: [[SQLValue]] = []
        while try statement.step() { result.append(statement.row()) }
        return result
    }

    /// The first column of the first row of a query, or nil if it returned no rows.
    func scalar(_ sql: String, _ values: [SQLValue] = []) throws(StoreError) -> SQLValue? {
        let statement = try prepare(sql, values)
        guard try statement.step() else { return nil }
        return statement.value(at: 0)
    }

    /// A `StoreError.sqlite` for `code`, with the connection's current message.
    func error(_ code: Int32, _ operation: String) -> StoreError {
        .sqlite(operation: operation, code: code, message: String(cString: sqlite3_errmsg(handle)))
    }
}

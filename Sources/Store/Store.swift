import BGPWire
import Glibc

/// The Store target: Brindle's IPAM and cluster model kept in one SQLite file.
///
/// `brindlectl` writes pools, nodes (route reflectors among them), BGP peers, listen ranges
/// for dynamic neighbours, settings, containers and their addresses; `brindled` reads a
/// `ClusterSnapshot` and watches `generation()` to see that something changed. Every write
/// is one `BEGIN IMMEDIATE` transaction that bumps the generation, so several processes may
/// write at once: SQLite serialises them and the unique address key makes a double
/// allocation impossible. The file is in WAL mode, so readers never block the writer.
/// Pools, allocations and node addresses come in both families; BGP peers, listen ranges
/// and router ids stay IPv4.
public final class Store {
    /// The file the store lives in.
    public let path: String
    /// The connection; one per `Store`, used from one thread at a time.
    let database: Database

    /// Opens the store at `path`. With `creating`, a fresh store is made if the file is
    /// absent or empty; without it (readers, the daemon) such a file is refused untouched.
    ///
    /// - Throws: `StoreError.notAStore` for a file that is not SQLite, holds another
    ///   schema, or (not `creating`) is missing or empty; `.corrupt` if `PRAGMA
    ///   quick_check` fails, `.newerSchema` for a store from a newer Brindle. The file is
    ///   never rewritten in any of these cases. A store of an older schema version is
    ///   upgraded in place in one transaction, so it is either wholly migrated or untouched.
    public init(path: String, creating: Bool = true) throws(StoreError) {
        self.path = path
        if !creating { try Self.checkHoldsData(path) }
        database = try Database(path: path)
        database.setBusyTimeout(milliseconds: 10_000)
        try checkIntegrity()
        try database.execute("PRAGMA foreign_keys = ON")
        try prepareSchema()
        try enableWriteAheadLog()
    }

    /// The change counter: it grows by one with every committed write.
    public func generation() throws(StoreError) -> Int64 {
        try database.scalar("SELECT value FROM generation")?.integer ?? 0
    }

    // MARK: - Opening

    /// Refuses a missing or empty file before SQLite would turn it into a database.
    private static func checkHoldsData(_ path: String) throws(StoreError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw .notAStore(path: path, reason: "the file does not exist")
        }
        guard status.st_size > 0 else { throw .notAStore(path: path, reason: "the file is empty") }
    }

    /// Runs `PRAGMA quick_check`; SQLite answers "file is not a database" for garbage.
    private func checkIntegrity() throws(StoreError) {
        let answer: SQLValue?
        do throws(StoreError) {
            answer = try database.scalar("PRAGMA quick_check")
        } catch .sqlite(_, let code, let message) {
            // The low byte is the primary result code: 26 is SQLITE_NOTADB.
            guard code & 0xFF == 26 else { throw .corrupt(path: path, detail: message) }
            throw .notAStore(path: path, reason: message)
        }
        guard let result = answer?.text, result == "ok" else {
            throw .corrupt(path: path, detail: answer?.text ?? "no answer")
        }
    }

    /// Creates the schema in an empty file, upgrades an older store, or checks that a used
    /// file is ours; only a file that is not plainly a current store needs the write lock.
    private func prepareSchema() throws(StoreError) {
        if try pragma("application_id") == Schema.applicationID,
            try pragma("user_version") == Schema.version
        {
            return
        }
        try database.execute("BEGIN IMMEDIATE")
        do throws(StoreError) {
            try createOrCheckSchema()
            try database.execute("COMMIT")
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    /// Decides under the write lock, since another process may have upgraded the file
    /// between the first look and the lock.
    private func createOrCheckSchema() throws(StoreError) {
        let application = try pragma("application_id")
        let version = try pragma("user_version")
        let tables = try database.scalar("SELECT count(*) FROM sqlite_master")?.integer ?? 0

        if application == 0, version == 0, tables == 0 {
            try database.execute("PRAGMA application_id = \(Schema.applicationID)")
            return try upgrade(from: 0)
        }
        guard application == Schema.applicationID else {
            throw .notAStore(path: path, reason: "it holds another application's tables")
        }
        guard version <= Schema.version else { throw .newerSchema(path: path, version: version) }
        guard version >= 1 else {
            throw .notAStore(path: path, reason: "unknown schema version \(version)")
        }
        try upgrade(from: version)
    }

    /// Runs the scripts from `version` to the current one inside the caller's transaction.
    private func upgrade(from version: Int32) throws(StoreError) {
        guard version < Schema.version else { return }
        for script in Schema.scripts[Int(version)...] { try database.execute(script) }
        try database.execute("PRAGMA user_version = \(Schema.version)")
    }

    private func pragma(_ name: String) throws(StoreError) -> Int32 {
        Int32(truncatingIfNeeded: try database.scalar("PRAGMA \(name)")?.integer ?? 0)
    }

    /// Switches the file to WAL once; the mode is kept in the file from then on.
    private func enableWriteAheadLog() throws(StoreError) {
        guard try database.scalar("PRAGMA journal_mode")?.text != "wal" else { return }
        try database.execute("PRAGMA journal_mode = WAL")
    }

    // MARK: - Transactions

    /// Runs `body` in a write transaction that also bumps the generation, rolling back
    /// everything if `body` throws.
    @discardableResult
    func write<Result>(_ body: () throws(StoreError) -> Result) throws(StoreError) -> Result {
        try database.execute("BEGIN IMMEDIATE")
        do throws(StoreError) {
            let result = try body()
            try database.run("UPDATE generation SET value = value + 1")
            try database.execute("COMMIT")
            return result
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` in a read transaction, so that all its queries see one state.
    func read<Result>(_ body: () throws(StoreError) -> Result) throws(StoreError) -> Result {
        try database.execute("BEGIN")
        defer { try? database.execute("COMMIT") }
        return try body()
    }
}

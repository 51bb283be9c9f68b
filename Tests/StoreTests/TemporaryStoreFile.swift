import Foundation

/// A unique store path in the temporary directory, deleted (with its WAL and shared-memory
/// files) when the value goes away.
final class TemporaryStoreFile {
    /// The path of the store file, not created yet.
    let path: String

    init() {
        let name = "brindle-store-\(getpid())-\(UUID().uuidString).db"
        path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
    }

    deinit {
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}

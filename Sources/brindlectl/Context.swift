import Foundation
import Store

/// What every command may use: the store's path and the environment.
struct Context {
    /// The store file, from `--store`, else `BRINDLE_STORE`, else the default.
    let storePath: String
    /// The process environment.
    let environment: [String: String]

    /// Where the store lives when neither `--store` nor `BRINDLE_STORE` says.
    static let defaultStorePath = "/var/lib/brindle/store.db"

    /// Opens the store. Only commands that add something (`creating`) make a new store
    /// and its folder; the others refuse a missing file, so a mistyped path is an error
    /// rather than an empty cluster.
    func openStore(creating: Bool = false) throws -> Store {
        guard creating || FileManager.default.fileExists(atPath: storePath) else {
            throw CommandError.failure(
                "store \(storePath) does not exist (adding a pool or a node creates it)")
        }
        let directory = (storePath as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            try? FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true)
        }
        return try Store(path: storePath, creating: creating)
    }

    /// This host's node name: `BRINDLE_NODE`, else the hostname.
    var localNode: String {
        if let node = environment["BRINDLE_NODE"], !node.isEmpty { return node }
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

import BGPWire
import Foundation
import Testing

@testable import Store

private func expectRefusal(_ path: String, where matches: (StoreError) -> Bool) {
    do throws(StoreError) {
        _ = try Store(path: path)
        Issue.record("store at \(path) was accepted")
    } catch {
        #expect(matches(error), "\(error)")
    }
}

@Test func garbageFileIsRefusedAndKept() throws {
    let file = TemporaryStoreFile()
    let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
    try garbage.write(to: URL(fileURLWithPath: file.path))
    expectRefusal(file.path) {
        guard case .notAStore = $0 else { return false }
        return true
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == garbage)
}

@Test func sqliteFileOfAnotherSchemaIsRefused() throws {
    let file = TemporaryStoreFile()
    try Database(path: file.path).execute(
        "CREATE TABLE recipes (name TEXT); PRAGMA user_version = 1")
    expectRefusal(file.path) {
        $0 == .notAStore(path: file.path, reason: "it holds another application's tables")
    }
    #expect(try Database(path: file.path).scalar("SELECT count(*) FROM recipes") == .integer(0))
}

@Test func storeFromANewerBrindleIsRefused() throws {
    let file = TemporaryStoreFile()
    _ = try Store(path: file.path)
    try Database(path: file.path).execute("PRAGMA user_version = 2")
    expectRefusal(file.path) { $0 == .newerSchema(path: file.path, version: 2) }
}

@Test func damagedStoreIsRefused() throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    try store.addNode(Node(name: "a", address: IPv4Address(192, 0, 2, 1)))
    for third in 0..<200 {
        let cidr = IPv4Prefix(address: IPv4Address(10, UInt8(third), 0, 0), length: 16)!
        try store.addPool(Pool(cidr: cidr))
    }
    try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    // Overwrite the middle of the file (whole b-tree pages) with a pattern no page has.
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file.path))
    try handle.seek(toOffset: 4096)
    try handle.write(contentsOf: Data(repeating: 0xA5, count: 8192))
    try handle.close()
    expectRefusal(file.path) {
        guard case .corrupt = $0 else { return false }
        return true
    }
}

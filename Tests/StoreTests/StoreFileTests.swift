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
    try Database(path: file.path).execute("PRAGMA user_version = \(Schema.version + 1)")
    expectRefusal(file.path) { $0 == .newerSchema(path: file.path, version: Schema.version + 1) }
}

// MARK: - Migration

/// Writes a version-1 store as Brindle 1 left it: its tables, a WAL journal and one
/// row in each table, put in with version 1's SQL.
private func writeVersion1Store(_ path: String) throws {
    let database = try Database(path: path)
    try database.execute(Schema.createVersion1)
    try database.execute(
        """
        PRAGMA application_id = \(Schema.applicationID);
        PRAGMA user_version = 1;
        PRAGMA journal_mode = WAL;
        INSERT INTO nodes VALUES ('a', 168361985, NULL);
        INSERT INTO pools VALUES (167772160, 24, 0, 0, 0);
        INSERT INTO peers VALUES (3221225985, 65000, NULL, 0);
        INSERT INTO containers VALUES ('c1', 'a', '/n', 'brl0');
        INSERT INTO allocations VALUES (167772160, 'c1', 167772160, 24);
        UPDATE generation SET value = 5;
        """)
}

/// The layout of a file as SQLite records it: every table and index with its SQL.
private func layout(_ path: String) throws -> [[SQLValue]] {
    try Database(path: path).rows("SELECT type, name, sql FROM sqlite_master ORDER BY name")
}

@Test(arguments: [true, false])
func version1StoreIsUpgradedInPlaceKeepingItsData(creating: Bool) throws {
    let file = TemporaryStoreFile()
    try writeVersion1Store(file.path)
    let store = try Store(path: file.path, creating: creating)

    let snapshot = try store.snapshot()
    #expect(snapshot.generation == 5)
    #expect(snapshot.nodes == [Node(name: "a", address: IPv4Address(10, 9, 0, 1))])
    #expect(snapshot.pools.map(\.cidr) == [IPPrefix("10.0.0.0/24")!])
    #expect(snapshot.peers == [BGPPeer(address: IPv4Address(192, 0, 2, 1), asNumber: 65000)])
    #expect(snapshot.allocations.map(\.container) == ["c1"])
    #expect(snapshot.listenRanges.isEmpty)

    #expect(try store.database.scalar("PRAGMA user_version") == .integer(Int64(Schema.version)))
    let fresh = TemporaryStoreFile()
    _ = try Store(path: fresh.path)
    #expect(try layout(file.path) == layout(fresh.path))
}

@Test func upgradedStoreTakesTheNewSettings() throws {
    let file = TemporaryStoreFile()
    try writeVersion1Store(file.path)
    let store = try Store(path: file.path)
    try store.setRouteReflector(node: "a", enabled: true)
    try store.addListenRange(ListenRange(prefix: IPv4Prefix("10.9.0.0/24")!, asNumber: 64511))

    let snapshot = try Store(path: file.path).snapshot()
    #expect(snapshot.nodes.map(\.routeReflector) == [true])
    #expect(snapshot.listenRanges.map(\.prefix) == [IPv4Prefix("10.9.0.0/24")!])
    #expect(snapshot.generation == 7)
}

@Test func failedUpgradeLeavesTheVersion1StoreUntouched() throws {
    let file = TemporaryStoreFile()
    try writeVersion1Store(file.path)
    // A stray table named as version 2's makes the last step of the upgrade fail.
    try Database(path: file.path).execute("CREATE TABLE listen_ranges (note TEXT)")
    expectRefusal(file.path) {
        guard case .sqlite = $0 else { return false }
        return true
    }

    let database = try Database(path: file.path)
    #expect(try database.scalar("PRAGMA user_version") == .integer(1))
    let columns = try database.rows("PRAGMA table_info(nodes)").map { $0[1] }
    #expect(columns == [.text("name"), .text("address"), .text("as_number")])
}

/// Writes a version-2 store as Brindle 2 left it: version 1's and 2's scripts, a WAL
/// journal, a reflector node, a listen range and two peers, put in with version 2's SQL.
private func writeVersion2Store(_ path: String) throws {
    let database = try Database(path: path)
    try database.execute(Schema.createVersion1)
    try database.execute(Schema.addRouteReflection)
    try database.execute(
        """
        PRAGMA application_id = \(Schema.applicationID);
        PRAGMA user_version = 2;
        PRAGMA journal_mode = WAL;
        INSERT INTO nodes VALUES ('a', 168361985, NULL, 1, NULL);
        INSERT INTO peers VALUES (3221225985, 65000, NULL, 0);
        INSERT INTO peers VALUES (3221225986, 65001, 'a', 1);
        INSERT INTO listen_ranges VALUES (168361984, 24, 64511, 5);
        UPDATE generation SET value = 9;
        """)
}

@Test(arguments: [true, false])
func version2StoreIsUpgradedInPlaceKeepingItsPeers(creating: Bool) throws {
    let file = TemporaryStoreFile()
    try writeVersion2Store(file.path)
    let store = try Store(path: file.path, creating: creating)

    let snapshot = try store.snapshot()
    #expect(snapshot.generation == 9)
    #expect(snapshot.nodes.map(\.routeReflector) == [true])
    #expect(snapshot.listenRanges.map(\.limit) == [5])
    #expect(
        snapshot.peers == [
            BGPPeer(address: IPv4Address(192, 0, 2, 1), asNumber: 65000),
            BGPPeer(address: IPv4Address(192, 0, 2, 2), asNumber: 65001, node: "a", passive: true),
        ])

    #expect(try store.database.scalar("PRAGMA user_version") == .integer(Int64(Schema.version)))
    let fresh = TemporaryStoreFile()
    _ = try Store(path: fresh.path)
    #expect(try layout(file.path) == layout(fresh.path))
}

@Test func upgradedVersion2StoreTakesPrefixLimits() throws {
    let file = TemporaryStoreFile()
    try writeVersion2Store(file.path)
    let limited = BGPPeer(
        address: IPv4Address(192, 0, 2, 3), asNumber: 65002, maxPrefixes: 50, maxPrefixRestart: 60)
    try Store(path: file.path).addPeer(limited)
    let peers = try Store(path: file.path).peers()
    #expect(peers.last == limited)
    #expect(peers.first?.maxPrefixes == nil)
}

@Test func failedUpgradeLeavesTheVersion2StoreUntouched() throws {
    let file = TemporaryStoreFile()
    try writeVersion2Store(file.path)
    // A stray column named as version 3's makes the last step of the upgrade fail.
    try Database(path: file.path).execute("ALTER TABLE peers ADD COLUMN max_prefix_restart TEXT")
    expectRefusal(file.path) {
        guard case .sqlite = $0 else { return false }
        return true
    }

    let database = try Database(path: file.path)
    #expect(try database.scalar("PRAGMA user_version") == .integer(2))
    let columns = try database.rows("PRAGMA table_info(peers)").map { $0[1] }
    #expect(
        columns == [
            .text("address"), .text("as_number"), .text("node"), .text("passive"),
            .text("max_prefix_restart"),
        ])
}

@Test func damagedStoreIsRefused() throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    try store.addNode(Node(name: "a", address: IPv4Address(192, 0, 2, 1)))
    for third in 0..<200 {
        let cidr = IPv4Prefix(address: IPv4Address(10, UInt8(third), 0, 0), length: 16)!
        try store.addPool(Pool(cidr: .v4(cidr)))
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

/// Writes a version-3 store as Brindle 3 left it: the first three scripts, a WAL journal,
/// a node, a pool with one allocation and a peer with a prefix limit, put in with version
/// 3's SQL.
private func writeVersion3Store(_ path: String) throws {
    let database = try Database(path: path)
    for script in Schema.scripts.prefix(3) { try database.execute(script) }
    try database.execute(
        """
        PRAGMA application_id = \(Schema.applicationID);
        PRAGMA user_version = 3;
        PRAGMA journal_mode = WAL;
        INSERT INTO nodes VALUES ('a', 168361985, 65010, 0, NULL);
        INSERT INTO pools VALUES (167772160, 24, 1, 1, 0);
        INSERT INTO peers VALUES (3221225985, 65000, NULL, 0, 100, 30);
        INSERT INTO containers VALUES ('c1', 'a', '/n', 'brl0');
        INSERT INTO allocations VALUES (167772161, 'c1', 167772160, 24);
        UPDATE generation SET value = 11;
        """)
}

@Test(arguments: [true, false])
func version3StoreIsUpgradedInPlaceKeepingItsData(creating: Bool) throws {
    let file = TemporaryStoreFile()
    try writeVersion3Store(file.path)
    let store = try Store(path: file.path, creating: creating)

    let snapshot = try store.snapshot()
    #expect(snapshot.generation == 11)
    #expect(snapshot.nodes == [Node(name: "a", address: IPv4Address(10, 9, 0, 1), asNumber: 65010)])
    let pool = IPPrefix("10.0.0.0/24")!
    #expect(snapshot.pools == [Pool(cidr: pool, ipip: true, natOutgoing: true)])
    #expect(
        snapshot.allocations == [
            Allocation(address: IPAddress("10.0.0.1")!, container: "c1", pool: pool)
        ])
    #expect(snapshot.peers.map(\.maxPrefixes) == [100])

    #expect(try store.database.scalar("PRAGMA user_version") == .integer(Int64(Schema.version)))
    let fresh = TemporaryStoreFile()
    _ = try Store(path: fresh.path)
    #expect(try layout(file.path) == layout(fresh.path))
}

@Test func upgradedStoreKeepsPeersOnPoolsAndTakesExportAll() throws {
    let file = TemporaryStoreFile()
    try writeVersion3Store(file.path)
    let store = try Store(path: file.path)
    #expect(try store.peers().map(\.export) == [.pools])
    let everything = BGPPeer(address: IPv4Address(192, 0, 2, 9), asNumber: 65009, export: .all)
    try store.addPeer(everything)
    #expect(try Store(path: file.path).peers().last == everything)
}

@Test func upgradedVersion3StoreTakesIPv6() throws {
    let file = TemporaryStoreFile()
    try writeVersion3Store(file.path)
    let store = try Store(path: file.path)
    try store.addPool(Pool(cidr: IPPrefix("fd00:65::/64")!))
    try store.setNodeIPv6Address(node: "a", IPv6Address("2001:db8::a"))
    #expect(try store.allocate(container: "c1", family: .ipv6) == IPAddress("fd00:65::"))

    let snapshot = try Store(path: file.path).snapshot()
    #expect(snapshot.nodes.map(\.ipv6Address) == [IPv6Address("2001:db8::a")])
    #expect(snapshot.allocations.map(\.address.description) == ["10.0.0.1", "fd00:65::"])
    #expect(snapshot.generation == 14)
}

@Test func failedUpgradeLeavesTheVersion3StoreUntouched() throws {
    let file = TemporaryStoreFile()
    try writeVersion3Store(file.path)
    // A stray table named as version 4's makes the upgrade fail after its first steps.
    try Database(path: file.path).execute("CREATE TABLE allocations6 (note TEXT)")
    expectRefusal(file.path) {
        guard case .sqlite = $0 else { return false }
        return true
    }

    let database = try Database(path: file.path)
    #expect(try database.scalar("PRAGMA user_version") == .integer(3))
    let columns = try database.rows("PRAGMA table_info(nodes)").map { $0[1] }
    #expect(!columns.contains(.text("ipv6_address")))
    #expect(
        try database.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'pools6'")
            == .integer(0))
}

import BGPWire
import Testing

@testable import Store

/// Rows brindlectl never writes, put there by hand: every read refuses the store with
/// `StoreError.badRow` naming the table, never a crash and never a guess.
@Suite struct StoreBadRowTests {
    /// A store with a dual-stack container and a node with an IPv6 address.
    func makeStore() throws -> TemporaryStoreFile {
        let file = TemporaryStoreFile()
        let store = try Store(path: file.path)
        try store.addPool(Pool(cidr: IPPrefix("10.65.0.0/24")!))
        try store.addPool(Pool(cidr: IPPrefix("fd00:65::/64")!))
        let address = IPv4Address(10, 0, 0, 1)
        try store.addNode(Node(name: "h1", address: address, ipv6Address: IPv6Address("fd00:1::1")))
        _ = try store.addContainer(
            Container(name: "c1", node: "h1", netns: "/run/netns/c1", hostInterface: "brlc1"),
            addresses: [])
        return file
    }

    static let corruptions: [(sql: String, table: String)] = [
        ("UPDATE pools6 SET address = 'zz00' || substr(address, 5)", "pools6"),
        ("UPDATE allocations6 SET address = 'fd0000660000'", "allocations6"),
        ("UPDATE allocations6 SET address = 12345", "allocations6"),
        ("UPDATE pools6 SET length = 200", "pools6"),
        ("UPDATE pools6 SET length = -1", "pools6"),
        ("UPDATE pools6 SET length = 32", "pools6"),
        ("UPDATE pools6 SET length = 16", "pools6"),
        ("UPDATE pools SET length = 33", "pools"),
        ("UPDATE pools SET address = address + 1", "pools"),
        ("UPDATE allocations SET address = -5", "allocations"),
        ("UPDATE nodes SET ipv6_address = 'nothex'", "nodes"),
        ("UPDATE nodes SET ipv6_address = 'fe800000000000000000000000000001'", "nodes"),
    ]

    @Test(arguments: corruptions)
    func aHandEditedRowRefusesTheStore(sql: String, table: String) throws {
        let file = try makeStore()
        // Foreign keys off, as a hand edit in the sqlite3 shell would have them.
        try Database(path: file.path).execute("PRAGMA foreign_keys = OFF; \(sql)")
        #expect {
            _ = try Store(path: file.path).snapshot()
        } throws: { error in
            guard case .badRow(let named, _) = error as? StoreError else { return false }
            return named == table
        }
    }

    @Test func theMessageSaysWhatAndWhere() throws {
        let file = try makeStore()
        try Database(path: file.path).execute("UPDATE pools6 SET length = 200")
        do {
            _ = try Store(path: file.path).pools()
            Issue.record("a pool of length 200 was read")
        } catch {
            #expect(
                "\(error)"
                    == "the store's pools6 table holds fd00:65::/200, which is not a network"
                    + " prefix; it was changed outside brindlectl")
        }
    }
}

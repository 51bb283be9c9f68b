import BGPWire
import Foundation
import Testing

@testable import Store

/// A store with node `a` (10.9.0.1), pools 10.0.0.0/24 and fd00:65::/126, and container
/// `c1` on node `a` without addresses.
private func dualStackStore(_ file: TemporaryStoreFile) throws -> Store {
    let store = try Store(path: file.path)
    try store.addNode(Node(name: "a", address: IPv4Address(10, 9, 0, 1)))
    try store.addPool(Pool(cidr: prefix("10.0.0.0/24")))
    try store.addPool(Pool(cidr: prefix("fd00:65::/126")))
    try store.database.run("INSERT INTO containers VALUES ('c1', 'a', '/n', 'brl1')")
    return store
}

private func prefix(_ text: String) -> IPPrefix { IPPrefix(text)! }
private func address(_ text: String) -> IPAddress { IPAddress(text)! }
private func ipv6(_ text: String) -> IPv6Address { IPv6Address(text)! }

private func expectError(_ expected: StoreError, _ body: () throws -> Void) {
    #expect(throws: expected) { try body() }
}

// MARK: - Pools

@Test func ipv6PoolsAreListedAfterIPv4OnesInAddressOrder() throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    let pools = [
        Pool(cidr: prefix("fd00:66::/64"), natOutgoing: true),
        Pool(cidr: prefix("10.0.0.0/24"), ipip: true),
        Pool(cidr: prefix("fd00:65::/48"), disabled: true),
        Pool(cidr: prefix("2001:db8:1::/128")),
    ]
    for pool in pools { try store.addPool(pool) }
    #expect(
        try store.pools().map(\.cidr.description)
            == ["10.0.0.0/24", "2001:db8:1::/128", "fd00:65::/48", "fd00:66::/64"])
    #expect(try Store(path: file.path).pools().first { $0.cidr.afi == .ipv6 } == pools[3])
    #expect(try store.pools().last == pools[0])
}

@Test(arguments: [
    ("fe80::/64", "a link-local address (fe80::/10)"),
    ("ff02::/64", "a multicast address (ff00::/8)"), ("::/64", "the unspecified address"),
    ("::1/128", "the loopback address"),
    ("::ffff:a00:0/104", "an IPv4-mapped address (::ffff:0:0/96)"),
    ("::a00:0/104", "an IPv4-compatible address (::/96, deprecated)"),
    ("fec0::/48", "a site-local address (fec0::/10, deprecated)"),
    ("100::/64", "a discard-only address (100::/64)"),
])
func ipv6PoolsOfUnusableAddressesAreRefused(text: String, reason: String) throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    expectError(.unusablePool(prefix(text), reason: reason)) {
        try store.addPool(Pool(cidr: prefix(text)))
    }
    #expect(try store.pools().isEmpty)
}

@Test func ipv6PoolRulesAreChecked() throws {
    let file = TemporaryStoreFile()
    let store = try dualStackStore(file)
    expectError(.ipipNeedsIPv4(prefix("fd00:1::/64"))) {
        try store.addPool(Pool(cidr: prefix("fd00:1::/64"), ipip: true))
    }
    expectError(.poolTooLarge(prefix("fd00::/47"), shortestLength: 48)) {
        try store.addPool(Pool(cidr: prefix("fd00::/47")))
    }
    expectError(.poolExists(prefix("fd00:65::/126"))) {
        try store.addPool(Pool(cidr: prefix("fd00:65::/126")))
    }
    expectError(.poolOverlaps(prefix("fd00:65::/64"), existing: prefix("fd00:65::/126"))) {
        try store.addPool(Pool(cidr: prefix("fd00:65::/64")))
    }
    expectError(.poolOverlaps(prefix("fd00:65::2/127"), existing: prefix("fd00:65::/126"))) {
        try store.addPool(Pool(cidr: prefix("fd00:65::2/127")))
    }
    // 2001:db8::a00:0/104 ends in the bits of 10.0.0.0/8, but families never overlap.
    try store.addPool(Pool(cidr: prefix("2001:db8::a00:0/104")))
    try store.addPool(Pool(cidr: prefix("fd00:65::4/126")))
    #expect(try store.pools().count == 4)
}

@Test func ipv6PoolRemovalIsRefusedWhileAllocated() throws {
    let file = TemporaryStoreFile()
    let store = try dualStackStore(file)
    let cidr = prefix("fd00:65::/126")
    _ = try store.allocate(container: "c1", pool: cidr)
    expectError(.poolInUse(cidr, allocations: 1)) { try store.removePool(cidr) }
    try store.release(address: address("fd00:65::"))
    try store.removePool(cidr)
    expectError(.poolNotFound(cidr)) { try store.removePool(cidr) }
    #expect(try store.pools().map(\.cidr) == [prefix("10.0.0.0/24")])
}

// MARK: - Allocation

@Test func ipv6AllocationTakesTheLowestFreeAddressUntilThePoolIsFull() throws {
    let file = TemporaryStoreFile()
    let store = try dualStackStore(file)
    let cidr = prefix("fd00:65::/126")
    var got: [IPAddress] = []
    for _ in 0..<4 { got.append(try store.allocate(container: "c1", family: .ipv6)) }
    #expect(got.map(\.description) == ["fd00:65::", "fd00:65::1", "fd00:65::2", "fd00:65::3"])
    expectError(.poolExhausted(cidr)) { _ = try store.allocate(container: "c1", pool: cidr) }
    expectError(.noFreeAddress(.ipv6)) { _ = try store.allocate(container: "c1", family: .ipv6) }

    try store.release(address: address("fd00:65::2"))
    try store.release(address: address("fd00:65::"))
    #expect(try store.allocate(container: "c1", pool: cidr) == address("fd00:65::"))
    #expect(try store.allocate(container: "c1", family: .ipv6) == address("fd00:65::2"))
}

@Test func ipv6AllocationFindsAGapFarIntoALargePool() throws {
    let file = TemporaryStoreFile()
    let store = try dualStackStore(file)
    let cidr = prefix("fd00:66::/64")
    try store.addPool(Pool(cidr: cidr))
    // Hex digits sort as numbers only at one width: ::a must come before ::10.
    for text in ["fd00:66::10", "fd00:66::a"] {
        try store.assign(container: "c1", address: address(text))
    }
    for _ in 0..<10 { _ = try store.allocate(container: "c1", pool: cidr) }
    #expect(try store.allocate(container: "c1", pool: cidr) == address("fd00:66::b"))
    #expect(
        try store.allocations().map(\.address.description).suffix(3)
            == ["fd00:66::a", "fd00:66::b", "fd00:66::10"])
}

@Test func poolNilStaysIPv4AndFamilyPicksTheFirstEnabledPool() throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    try store.addNode(Node(name: "a", address: IPv4Address(10, 9, 0, 1)))
    try store.addPool(Pool(cidr: prefix("fd00:1::/64"), disabled: true))
    try store.addPool(Pool(cidr: prefix("fd00:2::/127")))
    try store.database.run("INSERT INTO containers VALUES ('c1', 'a', '/n', 'brl1')")
    expectError(.noFreeAddress(.ipv4)) { _ = try store.allocate(container: "c1", pool: nil) }
    #expect(try store.allocate(container: "c1", family: .ipv6) == address("fd00:2::"))
    #expect(try store.allocate(container: "c1", family: .ipv6) == address("fd00:2::1"))
    expectError(.noFreeAddress(.ipv6)) { _ = try store.allocate(container: "c1", family: .ipv6) }
}

@Test func explicitIPv6AddressMustBeInAnEnabledPoolAndFree() throws {
    let file = TemporaryStoreFile()
    let store = try dualStackStore(file)
    try store.addPool(Pool(cidr: prefix("fd00:99::/64"), disabled: true))
    expectError(.addressNotInPool(address("fd00:1::1"))) {
        try store.assign(container: "c1", address: address("fd00:1::1"))
    }
    expectError(.addressInDisabledPool(address("fd00:99::1"), pool: prefix("fd00:99::/64"))) {
        try store.assign(container: "c1", address: address("fd00:99::1"))
    }
    try store.assign(container: "c1", address: address("fd00:65::3"))
    expectError(.addressTaken(address("fd00:65::3"), container: "c1")) {
        try store.assign(container: "c1", address: address("fd00:65::3"))
    }
    expectError(.addressNotAllocated(address("fd00:65::2"))) {
        try store.release(address: address("fd00:65::2"))
    }
    #expect(try store.allocate(container: "c1", family: .ipv6) == address("fd00:65::"))
}

@Test func successorCarriesAndStopsAtTheLastAddress() {
    #expect(address("fd00::ffff:ffff:ffff:ffff").successor == address("fd00:0:0:1::"))
    #expect(address("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").successor == nil)
    #expect(address("10.0.0.255").successor == address("10.0.1.0"))
    #expect(address("255.255.255.255").successor == nil)
}

// MARK: - Containers

@Test func containerWithoutRequestsGetsOneAddressPerFamilyWithAnEnabledPool() throws {
    let file = TemporaryStoreFile()
    let store = try dualStackStore(file)
    let both = try store.addContainer(Container(name: "c2", node: "a", netns: "/n"), addresses: [])
    #expect(both == [address("10.0.0.0"), address("fd00:65::")])

    try store.addPool(Pool(cidr: prefix("fd00:66::/64"), disabled: true))
    _ = try store.allocate(container: "c1", pool: prefix("fd00:65::/126"))
    _ = try store.allocate(container: "c1", pool: prefix("fd00:65::/126"))
    _ = try store.allocate(container: "c1", pool: prefix("fd00:65::/126"))
    let full = Container(name: "c3", node: "a", netns: "/n")
    expectError(.noFreeAddress(.ipv6)) { _ = try store.addContainer(full, addresses: []) }
    #expect(try store.container(named: "c3") == nil)
    #expect(try store.allocations().count == 5)
}

@Test func containerWithoutAnIPv6PoolGetsIPv4Only() throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    try store.addNode(Node(name: "a", address: IPv4Address(10, 9, 0, 1)))
    try store.addPool(Pool(cidr: prefix("10.0.0.0/24")))
    try store.addPool(Pool(cidr: prefix("fd00:65::/64"), disabled: true))
    let got = try store.addContainer(Container(name: "c1", node: "a", netns: "/n"), addresses: [])
    #expect(got == [address("10.0.0.0")])
}

@Test func containerTakesExplicitRequestsOfBothFamiliesAndReleasesThem() throws {
    let file = TemporaryStoreFile()
    let store = try dualStackStore(file)
    let container = Container(name: "c2", node: "a", netns: "/n")
    let got = try store.addContainer(
        container, addresses: [.pool(prefix("fd00:65::/126")), .address(address("10.0.0.9"))])
    #expect(got == [address("fd00:65::"), address("10.0.0.9")])
    #expect(try store.removeContainer(named: "c2") == [address("10.0.0.9"), address("fd00:65::")])
    #expect(try store.allocations().isEmpty)
}

// MARK: - Nodes

@Test func nodeIPv6AddressIsStoredSetAndCleared() throws {
    let file = TemporaryStoreFile()
    let store = try dualStackStore(file)
    try store.addNode(
        Node(name: "b", address: IPv4Address(10, 9, 0, 2), ipv6Address: ipv6("2001:db8::b")))
    #expect(try store.nodes().map(\.ipv6Address) == [nil, ipv6("2001:db8::b")])

    try store.setNodeIPv6Address(node: "a", ipv6("2001:db8::a"))
    try store.setNodeIPv6Address(node: "a", ipv6("2001:db8::a"))
    #expect(
        try Store(path: file.path).nodes().map(\.ipv6Address) == [
            ipv6("2001:db8::a"), ipv6("2001:db8::b"),
        ])
    try store.setNodeIPv6Address(node: "b", nil)
    try store.setNodeIPv6Address(node: "a", ipv6("2001:db8::b"))
    #expect(try store.nodes().map(\.ipv6Address) == [ipv6("2001:db8::b"), nil])
    expectError(.nodeNotFound("z")) { try store.setNodeIPv6Address(node: "z", nil) }
}

@Test(arguments: [
    ("::", "the unspecified address"), ("::1", "the loopback address"),
    ("fe80::1", "a link-local address (fe80::/10)"),
    ("febf::1", "a link-local address (fe80::/10)"),
    ("ff02::2", "a multicast address (ff00::/8)"),
])
func unusableNodeIPv6AddressesAreRefused(text: String, reason: String) throws {
    let file = TemporaryStoreFile()
    let store = try dualStackStore(file)
    let expected = StoreError.unusableAddress(address(text), reason: reason)
    expectError(expected) {
        try store.addNode(
            Node(name: "b", address: IPv4Address(10, 9, 0, 2), ipv6Address: ipv6(text)))
    }
    expectError(expected) { try store.setNodeIPv6Address(node: "a", ipv6(text)) }
    #expect(try store.nodes().map(\.ipv6Address) == [nil])
}

@Test func nodeIPv6AddressMayNotBeInAPoolOrAnotherNodes() throws {
    let file = TemporaryStoreFile()
    let store = try dualStackStore(file)
    let inPool = ipv6("fd00:65::1")
    expectError(.addressInPool(.v6(inPool), pool: prefix("fd00:65::/126"))) {
        try store.setNodeIPv6Address(node: "a", inPool)
    }
    try store.setNodeIPv6Address(node: "a", ipv6("2001:db8::1"))
    expectError(.nodeAddressInUse(address("2001:db8::1"), node: "a")) {
        try store.addNode(
            Node(name: "b", address: IPv4Address(10, 9, 0, 2), ipv6Address: ipv6("2001:db8::1")))
    }
    try store.addNode(Node(name: "b", address: IPv4Address(10, 9, 0, 2)))
    expectError(.nodeAddressInUse(address("2001:db8::1"), node: "a")) {
        try store.setNodeIPv6Address(node: "b", ipv6("2001:db8::1"))
    }
    expectError(.addressInPool(.v6(inPool), pool: prefix("fd00:65::/126"))) {
        try store.addNode(Node(name: "c", address: IPv4Address(10, 9, 0, 3), ipv6Address: inPool))
    }
}

// MARK: - Snapshot and errors

@Test func snapshotHoldsBothFamilies() throws {
    let file = TemporaryStoreFile()
    let store = try dualStackStore(file)
    try store.setNodeIPv6Address(node: "a", ipv6("2001:db8::a"))
    _ = try store.addContainer(Container(name: "c2", node: "a", netns: "/n"), addresses: [])

    let snapshot = try Store(path: file.path).snapshot()
    #expect(
        snapshot.nodes == [
            Node(name: "a", address: IPv4Address(10, 9, 0, 1), ipv6Address: ipv6("2001:db8::a"))
        ])
    #expect(
        snapshot.pools == [Pool(cidr: prefix("10.0.0.0/24")), Pool(cidr: prefix("fd00:65::/126"))])
    #expect(
        snapshot.allocations == [
            Allocation(address: address("10.0.0.0"), container: "c2", pool: prefix("10.0.0.0/24")),
            Allocation(
                address: address("fd00:65::"), container: "c2", pool: prefix("fd00:65::/126")),
        ])
    #expect(snapshot.generation == 5)
}

@Test func ipv6AddressesAreStoredAsThirtyTwoHexDigits() throws {
    let file = TemporaryStoreFile()
    let store = try dualStackStore(file)
    try store.assign(container: "c1", address: address("fd00:65::3"))
    let rows = try store.database.rows("SELECT address, pool_address FROM allocations6")
    #expect(
        rows == [
            [.text("fd000065000000000000000000000003"), .text("fd000065000000000000000000000000")]
        ])
}

@Test func ipv6ErrorDescriptions() {
    let cases: [(StoreError, String)] = [
        (
            .ipipNeedsIPv4(prefix("fd00::/64")),
            "pool fd00::/64 is IPv6, and IP-in-IP carries only IPv4; add it without ip-in-ip"
        ),
        (
            .poolTooLarge(prefix("fd00::/32"), shortestLength: 48),
            "pool fd00::/32 is too large; an IPv6 pool is /48 to /128"
        ),
        (
            .unusablePool(prefix("fe80::/64"), reason: "a link-local address (fe80::/10)"),
            "pool fe80::/64 cannot hold containers: fe80:: is a link-local address (fe80::/10)"
        ),
        (.noFreeAddress(.ipv6), "no enabled IPv6 pool has a free address"),
        (.noFreeAddress(.ipv4), "no enabled IPv4 pool has a free address"),
        (
            .unusableAddress(address("fe80::1"), reason: "a link-local address (fe80::/10)"),
            "fe80::1 is a link-local address (fe80::/10), not the address of a host or router"
        ),
        (.nodeAddressInUse(address("2001:db8::1"), node: "a"), "address 2001:db8::1 is node a's"),
    ]
    for (error, text) in cases { #expect(error.description == text) }
}

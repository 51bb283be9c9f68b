import BGPWire
import Foundation
import Testing

@testable import Store

/// A store with node `a` (10.9.0.1), pool 10.0.0.0/24 and container `c1` on node `a`
/// holding 10.0.0.0.
private func populatedStore(_ file: TemporaryStoreFile) throws -> Store {
    let store = try Store(path: file.path)
    try store.addNode(Node(name: "a", address: IPv4Address(10, 9, 0, 1)))
    try store.addPool(Pool(cidr: prefix("10.0.0.0/24")))
    _ = try store.addContainer(
        Container(name: "c1", node: "a", netns: "/n"), addresses: [.pool(nil)])
    return store
}

private func prefix(_ text: String) -> IPPrefix { IPPrefix(text)! }
private func address(_ text: String) -> IPAddress { IPAddress(text)! }
private func ipv4(_ text: String) -> IPv4Address { IPv4Address(text)! }

private func expectError(_ expected: StoreError, _ body: () throws -> Void) {
    #expect(throws: expected) { try body() }
}

@Test func freshStoreHasDefaults() throws {
    let file = TemporaryStoreFile()
    let snapshot = try Store(path: file.path).snapshot()
    #expect(snapshot.settings == Settings(asNumber: 64511, nodeMesh: true))
    #expect(snapshot.generation == 0)
    #expect(snapshot.nodes.isEmpty && snapshot.pools.isEmpty && snapshot.peers.isEmpty)
    #expect(snapshot.containers.isEmpty && snapshot.allocations.isEmpty)
}

@Test func reopenedStoreKeepsItsData() throws {
    let file = TemporaryStoreFile()
    _ = try populatedStore(file)
    let snapshot = try Store(path: file.path).snapshot()
    #expect(snapshot.nodes == [Node(name: "a", address: ipv4("10.9.0.1"))])
    #expect(snapshot.pools == [Pool(cidr: prefix("10.0.0.0/24"))])
    #expect(snapshot.allocations.map(\.address) == [address("10.0.0.0")])
}

// MARK: - Allocation

@Test func allocationUsesEveryAddressInOrderIncludingNetworkAndBroadcast() throws {
    let file = TemporaryStoreFile()
    let store = try populatedStore(file)
    var got = [address("10.0.0.0")]
    for _ in 1..<256 { got.append(try store.allocate(container: "c1", pool: nil)) }
    #expect(got == (0...255).map { .v4(IPv4Address(10, 0, 0, UInt8($0))) })
    expectError(.noFreeAddress(.ipv4)) { _ = try store.allocate(container: "c1", pool: nil) }
    expectError(.poolExhausted(prefix("10.0.0.0/24"))) {
        _ = try store.allocate(container: "c1", pool: prefix("10.0.0.0/24"))
    }
}

@Test func allocationFillsTheFirstGap() throws {
    let file = TemporaryStoreFile()
    let store = try populatedStore(file)
    for _ in 0..<3 { _ = try store.allocate(container: "c1", pool: nil) }
    try store.release(address: address("10.0.0.1"))
    try store.release(address: address("10.0.0.2"))
    #expect(try store.allocate(container: "c1", pool: nil) == address("10.0.0.1"))
    #expect(try store.allocate(container: "c1", pool: nil) == address("10.0.0.2"))
    #expect(try store.allocate(container: "c1", pool: nil) == address("10.0.0.4"))
}

@Test func automaticAllocationSkipsDisabledAndFullPools() throws {
    let file = TemporaryStoreFile()
    let store = try populatedStore(file)
    try store.addPool(Pool(cidr: prefix("10.0.1.0/31"), disabled: true))
    try store.addPool(Pool(cidr: prefix("10.0.2.0/31")))
    try store.addPool(Pool(cidr: prefix("10.0.3.0/31")))
    try store.assign(container: "c1", address: address("10.0.2.1"))
    for _ in 1..<256 { _ = try store.allocate(container: "c1", pool: prefix("10.0.0.0/24")) }

    #expect(try store.allocate(container: "c1", pool: nil) == address("10.0.2.0"))
    #expect(try store.allocate(container: "c1", pool: nil) == address("10.0.3.0"))
}

@Test func allocationFromANamedPoolChecksIt() throws {
    let file = TemporaryStoreFile()
    let store = try populatedStore(file)
    try store.addPool(Pool(cidr: prefix("10.0.1.0/24"), disabled: true))
    expectError(.poolDisabled(prefix("10.0.1.0/24"))) {
        _ = try store.allocate(container: "c1", pool: prefix("10.0.1.0/24"))
    }
    expectError(.poolNotFound(prefix("10.7.0.0/16"))) {
        _ = try store.allocate(container: "c1", pool: prefix("10.7.0.0/16"))
    }
    expectError(.containerNotFound("ghost")) {
        _ = try store.allocate(container: "ghost", pool: nil)
    }
}

@Test func explicitAddressMustBeInAnEnabledPoolAndFree() throws {
    let file = TemporaryStoreFile()
    let store = try populatedStore(file)
    try store.addPool(Pool(cidr: prefix("10.0.1.0/24"), disabled: true))
    expectError(.addressNotInPool(address("192.0.2.1"))) {
        try store.assign(container: "c1", address: address("192.0.2.1"))
    }
    expectError(.addressInDisabledPool(address("10.0.1.9"), pool: prefix("10.0.1.0/24"))) {
        try store.assign(container: "c1", address: address("10.0.1.9"))
    }
    expectError(.addressTaken(address("10.0.0.0"), container: "c1")) {
        try store.assign(container: "c1", address: address("10.0.0.0"))
    }
    try store.assign(container: "c1", address: address("10.0.0.255"))
    #expect(try store.allocations().map(\.address).last == address("10.0.0.255"))
}

@Test func failedContainerAddLeavesNothingBehind() throws {
    let file = TemporaryStoreFile()
    let store = try populatedStore(file)
    let before = try store.snapshot()
    let container = Container(name: "c2", node: "a", netns: "/n")
    expectError(.addressTaken(address("10.0.0.0"), container: "c1")) {
        _ = try store.addContainer(container, addresses: [.address(address("10.0.0.0"))])
    }
    #expect(try store.snapshot() == before)
}

@Test func removingAContainerReleasesItsAddresses() throws {
    let file = TemporaryStoreFile()
    let store = try populatedStore(file)
    try store.assign(container: "c1", address: address("10.0.0.7"))
    #expect(try store.removeContainer(named: "c1") == [address("10.0.0.0"), address("10.0.0.7")])
    #expect(try store.allocations().isEmpty)
    #expect(try store.container(named: "c1") == nil)
    expectError(.containerNotFound("c1")) { _ = try store.removeContainer(named: "c1") }
    expectError(.addressNotAllocated(address("10.0.0.7"))) {
        try store.release(address: address("10.0.0.7"))
    }
}

// MARK: - Pools, nodes, peers, settings

@Test func poolRemovalIsRefusedWhileAllocated() throws {
    let file = TemporaryStoreFile()
    let store = try populatedStore(file)
    _ = try store.allocate(container: "c1", pool: nil)
    let cidr = prefix("10.0.0.0/24")
    expectError(.poolInUse(cidr, allocations: 2)) { try store.removePool(cidr) }
    #expect(
        StoreError.poolInUse(cidr, allocations: 2).description
            == "pool 10.0.0.0/24 has 2 allocated addresses; remove the containers first")

    _ = try store.removeContainer(named: "c1")
    try store.removePool(cidr)
    #expect(try store.pools().isEmpty)
    expectError(.poolNotFound(cidr)) { try store.removePool(cidr) }
}

@Test func overlappingPoolsAreRefused() throws {
    let file = TemporaryStoreFile()
    let store = try populatedStore(file)
    expectError(.poolExists(prefix("10.0.0.0/24"))) {
        try store.addPool(Pool(cidr: prefix("10.0.0.0/24")))
    }
    expectError(.poolOverlaps(prefix("10.0.0.128/25"), existing: prefix("10.0.0.0/24"))) {
        try store.addPool(Pool(cidr: prefix("10.0.0.128/25")))
    }
    expectError(.poolOverlaps(prefix("10.0.0.0/16"), existing: prefix("10.0.0.0/24"))) {
        try store.addPool(Pool(cidr: prefix("10.0.0.0/16")))
    }
    let flagged = Pool(cidr: prefix("10.0.1.0/24"), ipip: true, natOutgoing: true)
    try store.addPool(flagged)
    #expect(try store.pools().last == flagged)
}

@Test func nodeRules() throws {
    let file = TemporaryStoreFile()
    let store = try populatedStore(file)
    expectError(.nodeExists("a")) {
        try store.addNode(Node(name: "a", address: ipv4("1.1.1.1")))
    }
    expectError(.nodeAddressInUse(address("10.9.0.1"), node: "a")) {
        try store.addNode(Node(name: "b", address: ipv4("10.9.0.1")))
    }
    expectError(.invalidName(kind: "node", name: "bad name")) {
        try store.addNode(Node(name: "bad name", address: ipv4("1.1.1.1")))
    }
    expectError(.reservedASNumber(0)) {
        try store.addNode(Node(name: "b", address: ipv4("1.1.1.1"), asNumber: 0))
    }
    expectError(.nodeInUse("a", containers: 1, peers: 0)) { try store.removeNode(named: "a") }

    try store.addNode(Node(name: "b", address: ipv4("10.9.0.2"), asNumber: 65002))
    try store.removeNode(named: "b")
    expectError(.nodeNotFound("b")) { try store.removeNode(named: "b") }
}

@Test func containerNeedsAKnownNodeAndAFreeInterfaceName() throws {
    let file = TemporaryStoreFile()
    let store = try populatedStore(file)
    expectError(.nodeNotFound("z")) {
        _ = try store.addContainer(
            Container(name: "c2", node: "z", netns: "/n"), addresses: [.pool(nil)])
    }
    expectError(.containerExists("c1")) {
        _ = try store.addContainer(
            Container(name: "c1", node: "a", netns: "/n"), addresses: [.pool(nil)])
    }
    let clash = Container(name: "c2", node: "a", netns: "/n", hostInterface: "brl_taken")
    let other = Container(name: "c3", node: "a", netns: "/n", hostInterface: "brl_taken")
    _ = try store.addContainer(clash, addresses: [.pool(nil)])
    expectError(.interfaceInUse("brl_taken", container: "c2")) {
        _ = try store.addContainer(other, addresses: [.pool(nil)])
    }
}

@Test(arguments: [
    "0.0.0.0", "0.1.2.3", "127.0.0.1", "224.0.0.5", "239.1.1.1", "240.0.0.1",
    "255.255.255.255",
])
func unusableAddressesAreRefusedForNodesAndPeers(text: String) throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    let unusable = ipv4(text)
    expectError(.unusableAddress(.v4(unusable), reason: unusableReason(text))) {
        try store.addNode(Node(name: "n", address: unusable))
    }
    expectError(.unusableAddress(.v4(unusable), reason: unusableReason(text))) {
        try store.addPeer(BGPPeer(address: unusable, asNumber: 65000))
    }
}

private func unusableReason(_ text: String) -> String {
    switch text.split(separator: ".").first.flatMap({ Int($0) }) ?? 0 {
    case 0: "in 0.0.0.0/8 (this network)"
    case 127: "a loopback address"
    case 224..<240: "a multicast address"
    default: "a reserved address"
    }
}

@Test func nodesAndPeersMayNotLieInAPool() throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    let pool = prefix("10.65.0.0/24")
    try store.addPool(Pool(cidr: pool))
    let inside = ipv4("10.65.0.5")
    expectError(.addressInPool(.v4(inside), pool: pool)) {
        try store.addNode(Node(name: "n", address: inside))
    }
    expectError(.addressInPool(.v4(inside), pool: pool)) {
        try store.addPeer(BGPPeer(address: inside, asNumber: 65000))
    }
    #expect(try store.nodes().isEmpty && store.peers().isEmpty)
}

@Test func peersAreGlobalOrPerNode() throws {
    let file = TemporaryStoreFile()
    let store = try populatedStore(file)
    let router = ipv4("192.0.2.1")
    try store.addPeer(BGPPeer(address: router, asNumber: 65000, node: "a"))
    try store.addPeer(BGPPeer(address: router, asNumber: 65000))
    try store.addPeer(BGPPeer(address: ipv4("192.0.2.0"), asNumber: 65001, passive: true))
    #expect(
        try store.peers() == [
            BGPPeer(address: ipv4("192.0.2.0"), asNumber: 65001, passive: true),
            BGPPeer(address: router, asNumber: 65000),
            BGPPeer(address: router, asNumber: 65000, node: "a"),
        ])

    expectError(.peerExists(router, node: nil)) {
        try store.addPeer(BGPPeer(address: router, asNumber: 65009))
    }
    expectError(.peerExists(router, node: "a")) {
        try store.addPeer(BGPPeer(address: router, asNumber: 65009, node: "a"))
    }
    expectError(.nodeNotFound("z")) {
        try store.addPeer(BGPPeer(address: router, asNumber: 65000, node: "z"))
    }
    expectError(.nodeInUse("a", containers: 1, peers: 1)) { try store.removeNode(named: "a") }

    try store.removePeer(address: router, node: "a")
    #expect(try store.peers().map(\.node) == [nil, nil])
    expectError(.peerNotFound(router, node: "a")) {
        try store.removePeer(address: router, node: "a")
    }
    try store.removePeer(address: router, node: nil)
    #expect(try store.peers().map(\.address) == [ipv4("192.0.2.0")])
}

@Test func settingsChange() throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    try store.setNodeMesh(false)
    try store.setDefaultNodeAS(65123)
    #expect(try Store(path: file.path).settings() == Settings(asNumber: 65123, nodeMesh: false))
    expectError(.reservedASNumber(0)) { try store.setDefaultNodeAS(0) }
}

@Test func everyWriteBumpsTheGenerationAndNothingElseDoes() throws {
    let file = TemporaryStoreFile()
    let store = try populatedStore(file)
    #expect(try store.generation() == 3)
    _ = try store.snapshot()
    _ = try store.pools()
    expectError(.poolNotFound(prefix("10.7.0.0/16"))) {
        try store.removePool(prefix("10.7.0.0/16"))
    }
    #expect(try store.generation() == 3)

    let watcher = try Store(path: file.path)
    try store.setNodeMesh(false)
    _ = try store.allocate(container: "c1", pool: nil)
    #expect(try watcher.generation() == 5)
    #expect(try watcher.snapshot().generation == 5)
}

@Test func hostInterfaceNameIsShortAndDeterministic() {
    let name = Container.hostInterfaceName(forContainer: "web-frontend-1")
    #expect(name == Container.hostInterfaceName(forContainer: "web-frontend-1"))
    #expect(name != Container.hostInterfaceName(forContainer: "web-frontend-2"))
    #expect(name.count == 11 && name.hasPrefix("brl"))
    #expect(name.dropFirst(3).allSatisfy { $0.isHexDigit })
    // FNV-1a of the empty string is its offset basis.
    #expect(Container.hostInterfaceName(forContainer: "") == "brl811c9dc5")
}

@Test func errorDescriptionsAreSingleLines() {
    let errors: [StoreError] = [
        .notAStore(path: "/x", reason: "file is not a database"), .noFreeAddress(.ipv6),
        .peerNotFound(ipv4("192.0.2.1"), node: nil), .nodeInUse("a", containers: 1, peers: 2),
        .addressInDisabledPool(address("10.0.0.1"), pool: prefix("10.0.0.0/24")),
    ]
    for error in errors {
        #expect(!error.description.isEmpty && !error.description.contains("\n"))
        #expect(!error.description.hasSuffix("."))
    }
}

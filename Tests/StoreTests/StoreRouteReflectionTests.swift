import BGPWire
import Foundation
import Testing

@testable import Store

/// Tests of the store's route-reflection side: reflector nodes with their cluster ids
/// (RFC 4456) and the listen ranges dynamic neighbours connect from.
private func prefix(_ text: String) -> IPv4Prefix { IPv4Prefix(text)! }
private func address(_ text: String) -> IPv4Address { IPv4Address(text)! }

private func expectError(_ expected: StoreError, _ body: () throws -> Void) {
    #expect(throws: expected) { try body() }
}

/// A store with node `a` at 10.9.0.1.
private func storeWithNode(_ file: TemporaryStoreFile) throws -> Store {
    let store = try Store(path: file.path)
    try store.addNode(Node(name: "a", address: address("10.9.0.1")))
    return store
}

// MARK: - Route reflectors

@Test func nodesAreNoReflectorsUnlessSet() throws {
    let file = TemporaryStoreFile()
    let node = try #require(try storeWithNode(file).nodes().first)
    #expect(!node.routeReflector)
    #expect(node.clusterID == nil)
    #expect(node.effectiveClusterID == address("10.9.0.1"))
}

@Test func reflectorClusterIDDefaultsToTheRouterID() throws {
    let file = TemporaryStoreFile()
    let store = try storeWithNode(file)
    try store.setRouteReflector(node: "a", enabled: true)
    let node = try #require(try Store(path: file.path).nodes().first)
    #expect(node == Node(name: "a", address: address("10.9.0.1"), routeReflector: true))
    #expect(node.effectiveClusterID == address("10.9.0.1"))
}

@Test func reflectorKeepsItsOwnClusterIDUntilItIsNoReflector() throws {
    let file = TemporaryStoreFile()
    let store = try storeWithNode(file)
    try store.setRouteReflector(
        node: "a", enabled: true, clusterID: .custom(address("10.255.0.1")))
    let reflector = try #require(try Store(path: file.path).snapshot().nodes.first)
    #expect(reflector.routeReflector && reflector.clusterID == address("10.255.0.1"))
    #expect(reflector.effectiveClusterID == address("10.255.0.1"))

    try store.setRouteReflector(node: "a", enabled: false)
    #expect(try store.nodes() == [Node(name: "a", address: address("10.9.0.1"))])
    #expect(try store.generation() == 3)
}

@Test func repeatedReflectorRequestKeepsTheOwnClusterID() throws {
    let file = TemporaryStoreFile()
    let store = try storeWithNode(file)
    let own = address("10.255.0.1")
    try store.setRouteReflector(node: "a", enabled: true, clusterID: .custom(own))
    try store.setRouteReflector(node: "a", enabled: true)
    try store.setRouteReflector(node: "a", enabled: true, clusterID: .keep)
    let kept = try #require(try Store(path: file.path).nodes().first)
    #expect(kept.routeReflector && kept.clusterID == own && kept.effectiveClusterID == own)

    try store.setRouteReflector(node: "a", enabled: true, clusterID: .routerID)
    let reset = try #require(try store.nodes().first)
    #expect(reset.routeReflector && reset.clusterID == nil)
    #expect(reset.effectiveClusterID == address("10.9.0.1"))
}

@Test func keptClusterIDOfANewReflectorIsItsRouterID() throws {
    let file = TemporaryStoreFile()
    let store = try storeWithNode(file)
    try store.setRouteReflector(node: "a", enabled: true, clusterID: .custom(address("1.2.3.4")))
    try store.setRouteReflector(node: "a", enabled: false, clusterID: .keep)
    #expect(try store.nodes().first?.clusterID == nil)
    try store.setRouteReflector(node: "a", enabled: true, clusterID: .keep)
    let node = try #require(try store.nodes().first)
    #expect(node.routeReflector && node.clusterID == nil)
    #expect(node.effectiveClusterID == address("10.9.0.1"))
}

@Test func routeReflectorRequestsAreChecked() throws {
    let file = TemporaryStoreFile()
    let store = try storeWithNode(file)
    expectError(.nodeNotFound("z")) {
        try store.setRouteReflector(node: "z", enabled: true)
    }
    expectError(.clusterIDWithoutRouteReflector("a")) {
        try store.setRouteReflector(
            node: "a", enabled: false, clusterID: .custom(address("1.2.3.4")))
    }
    expectError(.zeroClusterID("a")) {
        try store.setRouteReflector(node: "a", enabled: true, clusterID: .custom(.zero))
    }
    #expect(try store.generation() == 1)
    #expect(try store.nodes().allSatisfy { !$0.routeReflector && $0.clusterID == nil })
}

@Test func addedNodeKeepsItsReflectorRole() throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    let reflector = Node(
        name: "r1", address: address("10.9.0.5"), routeReflector: true,
        clusterID: address("10.255.0.9"))
    try store.addNode(reflector)
    #expect(try store.nodes() == [reflector])
    expectError(.clusterIDWithoutRouteReflector("r2")) {
        try store.addNode(
            Node(name: "r2", address: address("10.9.0.6"), clusterID: address("10.255.0.9")))
    }
    expectError(.zeroClusterID("r2")) {
        try store.addNode(
            Node(name: "r2", address: address("10.9.0.6"), routeReflector: true, clusterID: .zero))
    }
    #expect(try store.nodes() == [reflector])
}

// MARK: - Listen ranges

@Test func listenRangesAreKeptInPrefixOrder() throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    let racks = ListenRange(prefix: prefix("10.2.0.0/24"), asNumber: 65000, limit: 5)
    let hosts = ListenRange(prefix: prefix("10.1.0.0/16"), asNumber: 64511)
    let next = ListenRange(prefix: prefix("10.2.1.0/24"), asNumber: 64511, limit: 1)
    for range in [racks, hosts, next] { try store.addListenRange(range) }

    #expect(try store.listenRanges() == [hosts, racks, next])
    #expect(try Store(path: file.path).snapshot().listenRanges == [hosts, racks, next])
    #expect(try store.listenRanges().map(\.effectiveLimit) == [1000, 5, 1])
    #expect(try store.generation() == 3)
}

@Test func listenRangeAdditionsAreChecked() throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    let hosts = prefix("10.1.0.0/16")
    try store.addListenRange(ListenRange(prefix: hosts, asNumber: 64511))

    expectError(.listenRangeExists(hosts)) {
        try store.addListenRange(ListenRange(prefix: hosts, asNumber: 65000))
    }
    for overlapping in ["10.1.2.0/24", "10.0.0.0/8", "0.0.0.0/0", "10.1.255.255/32"] {
        expectError(.listenRangeOverlaps(prefix(overlapping), existing: hosts)) {
            try store.addListenRange(ListenRange(prefix: prefix(overlapping), asNumber: 65000))
        }
    }
    for limit in [0, -3] {
        expectError(.invalidPeerLimit(limit)) {
            try store.addListenRange(
                ListenRange(prefix: prefix("10.3.0.0/16"), asNumber: 65000, limit: limit))
        }
    }
    expectError(.reservedASNumber(0)) {
        try store.addListenRange(ListenRange(prefix: prefix("10.3.0.0/16"), asNumber: 0))
    }
    #expect(try store.listenRanges().map(\.prefix) == [hosts])
    #expect(try store.generation() == 1)
}

@Test func listenRangesAndPoolsShareNoAddress() throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    let pool = prefix("10.64.0.0/16")
    let hosts = prefix("10.1.0.0/16")
    try store.addPool(Pool(cidr: .v4(pool)))
    try store.addListenRange(ListenRange(prefix: hosts, asNumber: 64511))

    for overlapping in ["10.64.3.0/24", "10.64.0.0/10", "10.64.0.0/16", "10.64.255.255/32"] {
        expectError(.listenRangeOverlapsPool(prefix(overlapping), pool: pool)) {
            try store.addListenRange(ListenRange(prefix: prefix(overlapping), asNumber: 65000))
        }
    }
    for overlapping in ["10.1.128.0/17", "10.1.0.0/16", "10.1.0.7/32"] {
        expectError(.poolOverlapsListenRange(.v4(prefix(overlapping)), listenRange: hosts)) {
            try store.addPool(Pool(cidr: .v4(prefix(overlapping))))
        }
    }
    // Next to each other is fine: 10.65.0.0/16 starts where the pool ends.
    try store.addListenRange(ListenRange(prefix: prefix("10.65.0.0/16"), asNumber: 64511))
    try store.addPool(Pool(cidr: .v4(prefix("10.2.0.0/16"))))
    #expect(try store.listenRanges().map(\.prefix) == [hosts, prefix("10.65.0.0/16")])
    #expect(try store.pools().map(\.cidr) == [.v4(prefix("10.2.0.0/16")), .v4(pool)])
    #expect(try store.generation() == 4)
}

@Test func listenRangeIsAlwaysANetwork() throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    let typed = try #require(IPv4Prefix(address: address("10.1.2.3"), length: 16))
    try store.addListenRange(ListenRange(prefix: typed, asNumber: 64511))
    #expect(try store.listenRanges().map(\.prefix) == [prefix("10.1.0.0/16")])
    #expect(IPv4Prefix("10.1.2.3/16") == nil)
}

@Test func listenRangesAreRemovedByPrefix() throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    try store.addListenRange(ListenRange(prefix: prefix("10.1.0.0/16"), asNumber: 64511))
    try store.addListenRange(ListenRange(prefix: prefix("10.2.0.0/16"), asNumber: 64511))

    expectError(.listenRangeNotFound(prefix("10.1.0.0/24"))) {
        try store.removeListenRange(prefix("10.1.0.0/24"))
    }
    try store.removeListenRange(prefix("10.1.0.0/16"))
    #expect(try store.listenRanges().map(\.prefix) == [prefix("10.2.0.0/16")])
    expectError(.listenRangeNotFound(prefix("10.1.0.0/16"))) {
        try store.removeListenRange(prefix("10.1.0.0/16"))
    }
    #expect(try store.generation() == 3)
}

@Test func routeReflectionErrorDescriptionsAreSingleLines() {
    let errors: [StoreError] = [
        .clusterIDWithoutRouteReflector("a"), .zeroClusterID("a"),
        .listenRangeExists(prefix("10.1.0.0/16")),
        .listenRangeOverlaps(prefix("10.1.2.0/24"), existing: prefix("10.1.0.0/16")),
        .listenRangeNotFound(prefix("10.1.0.0/16")), .invalidPeerLimit(0),
        .listenRangeOverlapsPool(prefix("10.0.0.0/8"), pool: prefix("10.64.0.0/16")),
        .poolOverlapsListenRange(.v4(prefix("10.1.0.0/24")), listenRange: prefix("10.1.0.0/16")),
    ]
    for error in errors {
        #expect(!error.description.isEmpty && !error.description.contains("\n"))
        #expect(!error.description.hasSuffix("."))
    }
    #expect(
        StoreError.listenRangeOverlaps(prefix("10.1.2.0/24"), existing: prefix("10.1.0.0/16"))
            .description == "listen range 10.1.2.0/24 overlaps listen range 10.1.0.0/16")
    let rangeOverPool = StoreError.listenRangeOverlapsPool(
        prefix("10.0.0.0/8"), pool: prefix("10.64.0.0/16"))
    #expect(
        rangeOverPool.description
            == "listen range 10.0.0.0/8 overlaps pool 10.64.0.0/16, which is for container "
            + "addresses")
    #expect(
        StoreError.poolOverlapsListenRange(
            .v4(prefix("10.1.0.0/24")), listenRange: prefix("10.1.0.0/16")
        ).description
            == "pool 10.1.0.0/24 overlaps listen range 10.1.0.0/16, which is for BGP speakers")
}

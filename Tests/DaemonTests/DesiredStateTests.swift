import BGPWire
import Store
import Testing

@testable import Daemon

@Suite struct DesiredStateTests {
    let pool = IPv4Prefix("10.65.0.0/24")!
    let h1 = Node(name: "h1", address: IPv4Address(10, 0, 0, 1))
    let h2 = Node(name: "h2", address: IPv4Address(10, 0, 0, 2), asNumber: 65002)
    let h3 = Node(name: "h3", address: IPv4Address(10, 0, 0, 3))
    let tor = IPv4Address(10, 0, 0, 254)
    let pool6 = IPv6Prefix("fd00:65::/64")!

    func snapshot(
        mesh: Bool = true, peers: [BGPPeer] = [], allocations: [Allocation] = []
    ) -> ClusterSnapshot {
        ClusterSnapshot(
            generation: 7, settings: Settings(asNumber: 64511, nodeMesh: mesh),
            nodes: [h1, h2, h3], pools: [Pool(cidr: .v4(pool)), Pool(cidr: .v6(pool6))],
            peers: peers,
            containers: [
                Container(name: "a", node: "h1", netns: "/run/netns/a", hostInterface: "brla"),
                Container(name: "b", node: "h2", netns: "/run/netns/b", hostInterface: "brlb"),
            ],
            allocations: allocations)
    }

    @Test func unknownNodeHasNoDesiredState() {
        #expect(DesiredState(snapshot: snapshot(), node: "h9") == nil)
    }

    @Test func meshPeersAreTheOtherNodesWithTheirAS() throws {
        let state = try #require(DesiredState(snapshot: snapshot(), node: "h1"))
        #expect(state.autonomousSystem == 64511)
        #expect(state.routerID == h1.address)
        #expect(state.generation == 7)
        #expect(state.peers[h2.address] == DesiredPeer(autonomousSystem: 65002, type: .mesh))
        #expect(state.peers[h3.address] == DesiredPeer(autonomousSystem: 64511, type: .mesh))
        #expect(state.peers[h1.address] == nil)
    }

    @Test func aNodeUsesItsOwnAS() throws {
        let state = try #require(DesiredState(snapshot: snapshot(), node: "h2"))
        #expect(state.autonomousSystem == 65002)
    }

    @Test func meshOffLeavesOnlyConfiguredPeers() throws {
        let peers = [BGPPeer(address: tor, asNumber: 65000)]
        let state = try #require(
            DesiredState(snapshot: snapshot(mesh: false, peers: peers), node: "h1"))
        #expect(state.peers == [tor: DesiredPeer(autonomousSystem: 65000, type: .global)])
    }

    @Test func passivePeersStayPassive() throws {
        let peers = [BGPPeer(address: tor, asNumber: 65000, passive: true)]
        let state = try #require(DesiredState(snapshot: snapshot(peers: peers), node: "h1"))
        #expect(
            state.peers[tor] == DesiredPeer(autonomousSystem: 65000, type: .global, passive: true))
        #expect(state.peers[h2.address]?.passive == false)
    }

    @Test func prefixLimitsComeWithConfiguredPeersOnly() throws {
        let peers = [
            BGPPeer(address: tor, asNumber: 65000, maxPrefixes: 500, maxPrefixRestart: 60),
            BGPPeer(
                address: IPv4Address(10, 0, 0, 200), asNumber: 65100, node: "h1",
                maxPrefixes: 20),
        ]
        let state = try #require(DesiredState(snapshot: snapshot(peers: peers), node: "h1"))
        #expect(
            state.peers[tor]
                == DesiredPeer(
                    autonomousSystem: 65000, type: .global, maxPrefixes: 500,
                    maxPrefixRestart: 60))
        #expect(
            state.peers[IPv4Address(10, 0, 0, 200)]
                == DesiredPeer(autonomousSystem: 65100, type: .node, maxPrefixes: 20))
        #expect(state.peers[h2.address]?.maxPrefixes == nil)
    }

    @Test func aPeerExportingEveryRouteSaysSoAndMeshPeersDoNot() throws {
        let peers = [BGPPeer(address: tor, asNumber: 65000, export: .all)]
        let state = try #require(DesiredState(snapshot: snapshot(peers: peers), node: "h1"))
        #expect(state.peers[tor]?.exportsEveryRoute == true)
        #expect(state.peers[h2.address]?.exportsEveryRoute == false)
    }

    @Test func aNodePeerOverridesGlobalAndMesh() throws {
        let peers = [
            BGPPeer(address: tor, asNumber: 65000),
            BGPPeer(address: tor, asNumber: 65009, node: "h1"),
            BGPPeer(address: h2.address, asNumber: 65002),
            BGPPeer(address: IPv4Address(10, 0, 0, 200), asNumber: 65100, node: "h3"),
        ]
        let state = try #require(DesiredState(snapshot: snapshot(peers: peers), node: "h1"))
        #expect(state.peers[tor] == DesiredPeer(autonomousSystem: 65009, type: .node))
        #expect(state.peers[h2.address] == DesiredPeer(autonomousSystem: 65002, type: .global))
        #expect(state.peers[IPv4Address(10, 0, 0, 200)] == nil)
    }

    @Test func localRoutesAreThisNodesAddressesInsideAPool() throws {
        let allocations = [
            Allocation(address: .v4(IPv4Address(10, 65, 0, 0)), container: "a", pool: .v4(pool)),
            Allocation(address: .v4(IPv4Address(10, 65, 0, 255)), container: "a", pool: .v4(pool)),
            Allocation(address: .v4(IPv4Address(10, 65, 0, 1)), container: "b", pool: .v4(pool)),
        ]
        let state = try #require(
            DesiredState(snapshot: snapshot(allocations: allocations), node: "h1"))
        #expect(
            state.localRoutes == [
                IPPrefix("10.65.0.0/32")!: "brla", IPPrefix("10.65.0.255/32")!: "brla",
            ])
        #expect(state.pools == [.v4(pool), .v6(pool6)])
        #expect(state.ipv6Address == nil)
    }

    @Test func ipv6AddressesAreLocalRoutesAndTheNodesAddressItsNextHop() throws {
        var cluster = snapshot(allocations: [
            Allocation(address: IPAddress("fd00:65::7")!, container: "a", pool: .v6(pool6)),
            Allocation(address: IPAddress("fd00:65::8")!, container: "b", pool: .v6(pool6)),
            Allocation(address: .v4(IPv4Address(10, 65, 0, 3)), container: "a", pool: .v4(pool)),
        ])
        cluster.nodes[0].ipv6Address = IPv6Address("fd00:1::1")
        let state = try #require(DesiredState(snapshot: cluster, node: "h1"))
        #expect(state.ipv6Address == IPv6Address("fd00:1::1"))
        #expect(
            state.localRoutes == [
                IPPrefix("fd00:65::7/128")!: "brla", IPPrefix("10.65.0.3/32")!: "brla",
            ])
    }

    // MARK: - Route reflection topology

    /// h1 and h4 reflect (h4 with its own cluster id), h2 and h3 are clients.
    func reflectorSnapshot(mesh: Bool) -> ClusterSnapshot {
        var cluster = snapshot(mesh: mesh)
        cluster.nodes[0].routeReflector = true
        cluster.nodes.append(
            Node(
                name: "h4", address: IPv4Address(10, 0, 0, 4), routeReflector: true,
                clusterID: IPv4Address(1, 1, 1, 1)))
        return cluster
    }

    @Test func meshOffClientsPeerWithEveryReflectorOnly() throws {
        let state = try #require(DesiredState(snapshot: reflectorSnapshot(mesh: false), node: "h3"))
        #expect(
            state.peers == [
                h1.address: DesiredPeer(autonomousSystem: 64511, type: .reflector),
                IPv4Address(10, 0, 0, 4): DesiredPeer(autonomousSystem: 64511, type: .reflector),
            ])
        #expect(state.clusterID == nil)
        #expect(!state.nodeMesh)
    }

    @Test func meshOffReflectorsPeerWithClientsAndEachOther() throws {
        let state = try #require(DesiredState(snapshot: reflectorSnapshot(mesh: false), node: "h1"))
        #expect(
            state.peers == [
                h2.address: DesiredPeer(autonomousSystem: 65002, type: .rrClient),
                h3.address: DesiredPeer(autonomousSystem: 64511, type: .rrClient),
                IPv4Address(10, 0, 0, 4): DesiredPeer(autonomousSystem: 64511, type: .reflector),
            ])
        #expect(state.clusterID == h1.address)
        let other = try #require(DesiredState(snapshot: reflectorSnapshot(mesh: false), node: "h4"))
        #expect(other.clusterID == IPv4Address(1, 1, 1, 1))
    }

    @Test func meshOnReflectorSettingsChangeNothing() throws {
        let state = try #require(DesiredState(snapshot: reflectorSnapshot(mesh: true), node: "h1"))
        #expect(state.clusterID == nil)
        #expect(state.peers.count == 3)
        #expect(state.peers.values.allSatisfy { $0.type == .mesh })
        #expect(state.nodeAddresses.count == 4)
    }

    @Test func listenRangesArePassedOn() throws {
        var cluster = snapshot()
        let range = ListenRange(prefix: IPv4Prefix("10.200.0.0/16")!, asNumber: 64511, limit: 2)
        cluster.listenRanges = [range]
        let state = try #require(DesiredState(snapshot: cluster, node: "h1"))
        #expect(state.listenRanges == [range])
    }

    @Test func onlyNodeTopologyTypesDrain() {
        #expect(PeerType.mesh.isNodeTopology)
        #expect(PeerType.rrClient.isNodeTopology)
        #expect(PeerType.reflector.isNodeTopology)
        #expect(!PeerType.global.isNodeTopology)
        #expect(!PeerType.node.isNodeTopology)
        #expect(!PeerType.dynamic.isNodeTopology)
        #expect(PeerType.rrClient.rawValue == "rr-client")
    }
}

import BGPWire
import Store

/// What a node should be doing according to the store: its identity, its
/// peers and the container routes it originates.
///
/// The iBGP topology: with the node mesh on, every node peers with every other
/// (route reflector settings change nothing). With it off, a node that is no
/// reflector peers with every reflector, and reflectors peer with every other
/// node: with clients as `rr-client`, with each other as `reflector`, the
/// non-clients of RFC 4456. Global and per-node peers are added either way.
///
/// Computed from one `ClusterSnapshot` with no I/O, so it can be tested alone;
/// the daemon converges on it after every store change.
struct DesiredState: Equatable {
    /// Our AS: the node's own, else the cluster default (64511 unless set).
    var autonomousSystem: UInt32
    /// Our address, which is also the BGP identifier and our next hop.
    var routerID: IPv4Address
    /// The node's IPv6 address: the next hop of the IPv6 routes we originate; nil when the
    /// node has none, and then we advertise IPv6 routes only as a reflector.
    var ipv6Address: IPv6Address?
    /// Every peer to keep a session with, by address.
    var peers: [IPv4Address: DesiredPeer]
    /// Local container addresses inside a pool, with their host-side interface.
    var localRoutes: [IPPrefix: String]
    /// The pools of both families: only routes inside one are advertised.
    var pools: [IPPrefix]
    /// The cluster id this node reflects with (RFC 4456 §7), nil when it does not
    /// reflect: not a reflector, or the node mesh is on.
    var clusterID: IPv4Address?
    /// Whether the store makes this node a route reflector, reflecting or not.
    var isReflector: Bool
    /// Whether the full iBGP mesh is on.
    var nodeMesh: Bool
    /// The addresses of every node of the cluster, this one included.
    var nodeAddresses: Set<IPv4Address>
    /// Address ranges whose peers are accepted without a peer entry.
    var listenRanges: [ListenRange]
    /// The store's change counter when this was read.
    var generation: Int64

    /// Reads the desired state of `node`; nil when the node is not in the store.
    init?(snapshot: ClusterSnapshot, node name: String) {
        guard let node = snapshot.nodes.first(where: { $0.name == name }) else { return nil }
        autonomousSystem = node.asNumber ?? snapshot.settings.asNumber
        routerID = node.address
        ipv6Address = node.ipv6Address
        pools = snapshot.pools.map(\.cidr)
        nodeMesh = snapshot.settings.nodeMesh
        isReflector = node.routeReflector
        clusterID = !nodeMesh && isReflector ? node.effectiveClusterID : nil
        nodeAddresses = Set(snapshot.nodes.map(\.address))
        listenRanges = snapshot.listenRanges
        generation = snapshot.generation
        peers = Self.peers(of: node, in: snapshot)
        localRoutes = Self.localRoutes(of: node, in: snapshot, pools: pools)
    }

    /// Node peers (mesh or reflection) first, then global peers, then this
    /// node's own peers, so that the more specific entry wins for an address
    /// listed twice.
    private static func peers(of node: Node, in snapshot: ClusterSnapshot)
        -> [IPv4Address: DesiredPeer]
    {
        var peers: [IPv4Address: DesiredPeer] = [:]
        for other in snapshot.nodes where other.name != node.name {
            guard let type = nodePeerType(of: other, from: node, in: snapshot) else { continue }
            let asNumber = other.asNumber ?? snapshot.settings.asNumber
            peers[other.address] = DesiredPeer(autonomousSystem: asNumber, type: type)
        }
        for peer in snapshot.peers where peer.node == nil {
            peers[peer.address] = DesiredPeer(peer, type: .global)
        }
        for peer in snapshot.peers where peer.node == node.name {
            peers[peer.address] = DesiredPeer(peer, type: .node)
        }
        peers[node.address] = nil
        return peers
    }

    /// How `node` peers with `other`: mesh when the mesh is on; with it off, a
    /// reflector is a `reflector` to everyone, and a client an `rr-client` to a
    /// reflector and no peer of another client.
    private static func nodePeerType(
        of other: Node, from node: Node, in snapshot: ClusterSnapshot
    ) -> PeerType? {
        guard !snapshot.settings.nodeMesh else { return .mesh }
        if other.routeReflector { return .reflector }
        return node.routeReflector ? .rrClient : nil
    }

    private static func localRoutes(
        of node: Node, in snapshot: ClusterSnapshot, pools: [IPPrefix]
    ) -> [IPPrefix: String] {
        var interfaces: [String: String] = [:]
        for container in snapshot.containers where container.node == node.name {
            interfaces[container.name] = container.hostInterface
        }
        var routes: [IPPrefix: String] = [:]
        for allocation in snapshot.allocations {
            guard let interface = interfaces[allocation.container],
                pools.contains(where: { $0.contains(allocation.address) })
            else { continue }
            routes[allocation.address.hostPrefix] = interface
        }
        return routes
    }
}

/// One peer the store asks for.
struct DesiredPeer: Equatable {
    var autonomousSystem: UInt32
    var type: PeerType
    /// Wait for the peer to connect; never connect to it.
    var passive = false
    /// The most prefixes the peer may send; one more ends the session (RFC 4486 §4).
    var maxPrefixes: Int?
    /// Seconds to stay down after the limit was broken; nil to stay down.
    var maxPrefixRestart: Int?
    /// Whether the peer is sent every route, not only the pools'.
    var exportsEveryRoute = false

    /// A configured peer of the store, global or for this node.
    init(_ peer: BGPPeer, type: PeerType) {
        self.init(
            autonomousSystem: peer.asNumber, type: type, passive: peer.passive,
            maxPrefixes: peer.maxPrefixes, maxPrefixRestart: peer.maxPrefixRestart,
            exportsEveryRoute: peer.export == .all)
    }

    init(
        autonomousSystem: UInt32, type: PeerType, passive: Bool = false,
        maxPrefixes: Int? = nil, maxPrefixRestart: Int? = nil, exportsEveryRoute: Bool = false
    ) {
        self.autonomousSystem = autonomousSystem
        self.type = type
        self.passive = passive
        self.maxPrefixes = maxPrefixes
        self.maxPrefixRestart = maxPrefixRestart
        self.exportsEveryRoute = exportsEveryRoute
    }
}

/// Why we peer with someone, as `brindlectl status` names it.
enum PeerType: String, Sendable {
    /// Another node of the full iBGP mesh.
    case mesh
    /// A BGP peer configured for every node.
    case global
    /// A BGP peer configured for this node only.
    case node
    /// A node this route reflector reflects for (RFC 4456 client).
    case rrClient = "rr-client"
    /// A route reflector of the cluster; for another reflector, a non-client.
    case reflector
    /// A peer accepted from a listen range, with no peer entry of its own.
    case dynamic

    /// Whether the type comes from the cluster's node topology, which can
    /// change under a running session (mesh on or off, reflector roles).
    var isNodeTopology: Bool { [.mesh, .rrClient, .reflector].contains(self) }
}

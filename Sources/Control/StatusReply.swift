/// The daemon's answer to `status`.
public struct StatusReply: Codable, Sendable, Equatable {
    /// The node this daemon runs as.
    public var node: String
    /// The BGP identifier (the node's IPv4 address).
    public var routerID: String
    /// The local AS number.
    public var autonomousSystem: UInt32
    /// When the daemon started, in seconds since the Unix epoch (JSON `startedAt`).
    public var startedAt: Double
    /// `reflector` when this node reflects routes (RFC 4456), else `node`.
    public var role: String
    /// The cluster id this node reflects with; nil when it is no reflector.
    public var clusterID: String?
    /// Whether the store makes this node a reflector: it reflects while the node mesh is
    /// off, and for a grace time after the mesh comes on or the setting is removed.
    public var reflectorConfigured: Bool
    /// Whether the cluster's full iBGP mesh is on.
    public var nodeMesh: Bool
    /// The next hop of the IPv6 routes this node originates: its IPv6 address; nil when it
    /// has none, and then it advertises no IPv6 route of its own.
    public var ipv6NextHop: String?
    /// One entry per configured or dynamic peer, sorted by address.
    public var peers: [PeerStatus]
    /// The update groups: peers that are sent the same routes share one.
    public var updateGroups: [UpdateGroupStatus]

    /// Creates a reply from its fields.
    public init(
        node: String, routerID: String, autonomousSystem: UInt32, startedAt: Double,
        role: String, clusterID: String?, reflectorConfigured: Bool, nodeMesh: Bool,
        ipv6NextHop: String? = nil, peers: [PeerStatus], updateGroups: [UpdateGroupStatus]
    ) {
        self.node = node
        self.routerID = routerID
        self.autonomousSystem = autonomousSystem
        self.startedAt = startedAt
        self.role = role
        self.clusterID = clusterID
        self.reflectorConfigured = reflectorConfigured
        self.nodeMesh = nodeMesh
        self.ipv6NextHop = ipv6NextHop
        self.peers = peers
        self.updateGroups = updateGroups
    }

    /// JSON names as in `brindlectl node show --json`: the AS is `asNumber`.
    enum CodingKeys: String, CodingKey {
        case node, routerID, startedAt, role, clusterID, reflectorConfigured, nodeMesh, peers
        case updateGroups, ipv6NextHop
        case autonomousSystem = "asNumber"
    }
}

/// One update group: the peers sharing an export profile, and how much encoding they shared.
public struct UpdateGroupStatus: Codable, Sendable, Equatable {
    /// A short description of the profile, e.g. `ibgp rr-client`.
    public var profile: String
    /// The members' addresses, sorted.
    public var members: [String]
    /// Prefixes the group's table advertises.
    public var prefixesAdvertised: Int
    /// UPDATE messages encoded, once for the whole group or once for one member (a new
    /// member's table, a catch-up, split horizon). The counters start with the group.
    public var messagesEncoded: Int
    /// Messages written to member sockets: more than encoded where members shared bytes.
    public var messagesSent: Int

    /// Creates a group entry from its fields.
    public init(
        profile: String, members: [String], prefixesAdvertised: Int, messagesEncoded: Int,
        messagesSent: Int
    ) {
        self.profile = profile
        self.members = members
        self.prefixesAdvertised = prefixesAdvertised
        self.messagesEncoded = messagesEncoded
        self.messagesSent = messagesSent
    }
}

/// One BGP peer as `brindlectl status` shows it.
public struct PeerStatus: Codable, Sendable, Equatable {
    /// The peer's IPv4 address.
    public var address: String
    /// Why we peer with it: `mesh`, `global`, `node`, `rr-client`, `reflector` or
    /// `dynamic` (accepted from a listen range).
    public var type: String
    /// The peer's AS number.
    public var autonomousSystem: UInt32
    /// The RFC 4271 session state, e.g. `established`.
    public var state: String
    /// When the state last changed, in seconds since the Unix epoch (JSON `since`).
    public var since: Double
    /// The last error: a NOTIFICATION sent or received, or a TCP failure.
    public var lastError: String?
    /// Prefixes accepted from the peer.
    public var prefixesReceived: Int
    /// Prefixes currently advertised to the peer.
    public var prefixesAdvertised: Int
    /// Bytes written to the socket that the peer has not read yet.
    public var queuedBytes: Int
    /// Prefixes whose latest state the peer still has to be sent because its socket was
    /// full (a slow peer); 0 when it keeps up.
    public var prefixesBehind: Int
    /// Whether the peer is being replaced by a topology change and closes once every route
    /// it gave has another path.
    public var draining: Bool
    /// Whether we reflect for the peer as our client now; it may differ from `type` for a
    /// grace time after the peer stopped being a client.
    public var reflectorClient: Bool
    /// The address families the session carries (`ipv4`, `ipv6`); empty unless Established.
    public var families: [String]

    /// Creates a reply from its fields.
    public init(
        address: String, type: String, autonomousSystem: UInt32, state: String, since: Double,
        lastError: String?, prefixesReceived: Int, prefixesAdvertised: Int,
        queuedBytes: Int = 0, prefixesBehind: Int = 0, draining: Bool = false,
        reflectorClient: Bool = false, families: [String] = []
    ) {
        self.address = address
        self.type = type
        self.autonomousSystem = autonomousSystem
        self.state = state
        self.since = since
        self.lastError = lastError
        self.prefixesReceived = prefixesReceived
        self.prefixesAdvertised = prefixesAdvertised
        self.queuedBytes = queuedBytes
        self.prefixesBehind = prefixesBehind
        self.draining = draining
        self.reflectorClient = reflectorClient
        self.families = families
    }

    /// JSON names as in `brindlectl bgp peer show --json`: the AS is `asNumber`.
    enum CodingKeys: String, CodingKey {
        case address, type, state, since, lastError, prefixesReceived, prefixesAdvertised
        case queuedBytes, prefixesBehind, draining, reflectorClient, families
        case autonomousSystem = "asNumber"
    }
}

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
    /// One entry per configured peer, sorted by address.
    public var peers: [PeerStatus]

    /// Creates a reply from its fields.
    public init(
        node: String, routerID: String, autonomousSystem: UInt32, startedAt: Double,
        peers: [PeerStatus]
    ) {
        self.node = node
        self.routerID = routerID
        self.autonomousSystem = autonomousSystem
        self.startedAt = startedAt
        self.peers = peers
    }

    /// JSON names as in `brindlectl node show --json`: the AS is `asNumber`.
    enum CodingKeys: String, CodingKey {
        case node, routerID, startedAt, peers
        case autonomousSystem = "asNumber"
    }
}

/// One BGP peer as `brindlectl status` shows it.
public struct PeerStatus: Codable, Sendable, Equatable {
    /// The peer's IPv4 address.
    public var address: String
    /// Why we peer with it: `mesh`, `global` or `node`.
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

    /// Creates a reply from its fields.
    public init(
        address: String, type: String, autonomousSystem: UInt32, state: String, since: Double,
        lastError: String?, prefixesReceived: Int, prefixesAdvertised: Int
    ) {
        self.address = address
        self.type = type
        self.autonomousSystem = autonomousSystem
        self.state = state
        self.since = since
        self.lastError = lastError
        self.prefixesReceived = prefixesReceived
        self.prefixesAdvertised = prefixesAdvertised
    }

    /// JSON names as in `brindlectl bgp peer show --json`: the AS is `asNumber`.
    enum CodingKeys: String, CodingKey {
        case address, type, state, since, lastError, prefixesReceived, prefixesAdvertised
        case autonomousSystem = "asNumber"
    }
}

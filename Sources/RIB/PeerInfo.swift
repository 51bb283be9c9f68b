import BGPWire

/// What the decision process and the export rules need to know about an established peer.
public struct PeerInfo: Sendable, Equatable {
    /// The peer's number in the RIB.
    public var id: PeerID
    /// The peer's transport address, the last tie-break (RFC 4271 §9.1.2.2 g).
    public var address: IPv4Address
    /// The peer's AS, from its OPEN (four-octet, RFC 6793).
    public var autonomousSystem: UInt32
    /// The peer's BGP identifier, from its OPEN (RFC 4271 §9.1.2.2 f).
    public var bgpIdentifier: IPv4Address
    /// Whether the peer is in our own AS, making it an iBGP peer (RFC 4271 §3).
    public var isInternal: Bool
    /// Whether the peer is our route-reflector client (RFC 4456 §2): routes it sends are
    /// reflected to every internal peer, and it hears routes from non-clients too. Only
    /// meaningful for an internal peer while the RIB has a cluster id.
    public var isReflectorClient: Bool

    /// Describes a peer; it is internal when `autonomousSystem` equals `localAS`.
    public init(
        id: PeerID, address: IPv4Address, autonomousSystem: UInt32, bgpIdentifier: IPv4Address,
        localAS: UInt32, isReflectorClient: Bool = false
    ) {
        self.init(
            id: id, address: address, autonomousSystem: autonomousSystem,
            bgpIdentifier: bgpIdentifier, isInternal: autonomousSystem == localAS,
            isReflectorClient: isReflectorClient)
    }

    /// Describes a peer with its kind given outright, as for this router itself.
    init(
        id: PeerID, address: IPv4Address, autonomousSystem: UInt32, bgpIdentifier: IPv4Address,
        isInternal: Bool, isReflectorClient: Bool = false
    ) {
        self.id = id
        self.address = address
        self.autonomousSystem = autonomousSystem
        self.bgpIdentifier = bgpIdentifier
        self.isInternal = isInternal
        self.isReflectorClient = isReflectorClient
    }
}

import BGPWire

/// A configured BGP neighbour outside the node mesh, such as a top-of-rack router.
public struct BGPPeer: Equatable, Sendable {
    /// The neighbour's address.
    public var address: IPv4Address
    /// The neighbour's AS number.
    public var asNumber: UInt32
    /// The one node that peers with it, or nil for a global peer that every node uses.
    public var node: String?
    /// Whether we only wait for the neighbour to connect, never connecting ourselves
    /// (RFC 4271 §8.1.1, PassiveTcpEstablishment).
    public var passive: Bool

    /// Creates a peer from its parts.
    public init(address: IPv4Address, asNumber: UInt32, node: String? = nil, passive: Bool = false)
    {
        self.address = address
        self.asNumber = asNumber
        self.node = node
        self.passive = passive
    }
}

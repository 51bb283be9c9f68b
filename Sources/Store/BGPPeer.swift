import BGPWire

/// A configured BGP neighbour outside the node mesh, such as a top-of-rack router.
public struct BGPPeer: Equatable, Sendable {
    /// The largest prefix limit or restart time accepted: the four octets that RFC 4486 §4
    /// gives the upper bound in a Cease's data.
    public static let maximumLimitValue = Int(UInt32.max)

    /// The neighbour's address.
    public var address: IPv4Address
    /// The neighbour's AS number.
    public var asNumber: UInt32
    /// The one node that peers with it, or nil for a global peer that every node uses.
    public var node: String?
    /// Whether we only wait for the neighbour to connect, never connecting ourselves
    /// (RFC 4271 §8.1.1, PassiveTcpEstablishment).
    public var passive: Bool
    /// The most prefixes the neighbour may send (RFC 4271 §8.1.2, AutomaticStop): one more
    /// closes the session with Cease "maximum number of prefixes reached" (RFC 4486 §4).
    /// Nil for no limit; otherwise 1 to `maximumLimitValue`.
    public var maxPrefixes: Int?
    /// Seconds the session stays down after the limit was broken before it starts again;
    /// nil to stay down until the peer is configured anew. Only with `maxPrefixes`.
    public var maxPrefixRestart: Int?
    /// Which routes the neighbour is sent.
    public var export: ExportScope

    /// Creates a peer from its parts.
    public init(
        address: IPv4Address, asNumber: UInt32, node: String? = nil, passive: Bool = false,
        maxPrefixes: Int? = nil, maxPrefixRestart: Int? = nil, export: ExportScope = .pools
    ) {
        self.address = address
        self.asNumber = asNumber
        self.node = node
        self.passive = passive
        self.maxPrefixes = maxPrefixes
        self.maxPrefixRestart = maxPrefixRestart
        self.export = export
    }
}

import BGPWire

/// A host of the cluster that runs brindled.
public struct Node: Equatable, Sendable {
    /// The node's name, usually its hostname.
    public var name: String
    /// The address the node's BGP sessions use; also its BGP identifier.
    public var address: IPv4Address
    /// The node's own AS number, or nil to use the cluster default.
    public var asNumber: UInt32?
    /// Whether the node reflects routes between its iBGP clients (RFC 4456 §6); false
    /// for an ordinary node.
    public var routeReflector: Bool
    /// The CLUSTER_ID the node uses as a reflector (RFC 4456 §7), or nil for its router
    /// id, which is its address; only a route reflector has one, and it is never 0.0.0.0.
    public var clusterID: IPv4Address?
    /// The node's IPv6 address, the next hop of the IPv6 routes it originates; nil for a
    /// node without IPv6.
    public var ipv6Address: IPv6Address?

    /// The cluster id the node really uses: its own, else its address (RFC 4456 §7).
    public var effectiveClusterID: IPv4Address { clusterID ?? address }

    /// Creates a node from its parts.
    public init(
        name: String, address: IPv4Address, asNumber: UInt32? = nil,
        routeReflector: Bool = false, clusterID: IPv4Address? = nil,
        ipv6Address: IPv6Address? = nil
    ) {
        self.name = name
        self.address = address
        self.asNumber = asNumber
        self.routeReflector = routeReflector
        self.clusterID = clusterID
        self.ipv6Address = ipv6Address
    }
}

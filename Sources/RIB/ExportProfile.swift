import BGPWire

/// What the export rules need to know about the peers an `AdjRIBOut` serves: every peer with
/// the same profile is sent the same routes with the same attributes, so they share one table,
/// an update group (one per family).
///
/// The daemon adds what the encoding needs (the negotiated codec options) to its own group
/// key; the RIB does not encode.
public struct ExportProfile: Hashable, Sendable {
    /// Whether the peers are in our AS (RFC 4271 §3): iBGP export rules, LOCAL_PREF sent,
    /// AS_PATH unchanged.
    public var isInternal: Bool
    /// Whether the peers are our route-reflector clients (RFC 4456 §6): when we reflect, they
    /// also hear routes learned from internal peers that are not clients.
    public var isReflectorClient: Bool
    /// The NEXT_HOP of every IPv4 route sent that is not reflected: our address on the
    /// sessions.
    public var nextHopSelf: IPv4Address
    /// The next hop of every IPv6 route sent that is not reflected: the node's IPv6 address;
    /// nil when it has none, and then only reflected IPv6 routes are sent.
    public var ipv6NextHopSelf: IPv6Address?
    /// The IPv4 subnet the peers share with us, if they are one hop away. Towards external
    /// peers, an IPv4 route from an internal peer whose NEXT_HOP lies inside it keeps that
    /// next hop, so traffic goes straight to the host that owns the route (RFC 4271 §5.1.3).
    public var sharedSubnet: IPv4Prefix?
    /// Whether the peers are sent every best route the export rules allow, not only those
    /// inside the policy's pools.
    public var exportsEveryRoute: Bool
    /// The IPv6 subnet the peers share with us, for the same rule on IPv6 routes: set when
    /// they are one hop away, as the subnet of our IPv6 address on that link.
    public var ipv6SharedSubnet: IPv6Prefix?

    /// Creates a profile.
    public init(
        isInternal: Bool, isReflectorClient: Bool, nextHopSelf: IPv4Address,
        ipv6NextHopSelf: IPv6Address? = nil, sharedSubnet: IPv4Prefix?,
        ipv6SharedSubnet: IPv6Prefix? = nil, exportsEveryRoute: Bool = false
    ) {
        self.isInternal = isInternal
        self.isReflectorClient = isReflectorClient
        self.nextHopSelf = nextHopSelf
        self.ipv6NextHopSelf = ipv6NextHopSelf
        self.sharedSubnet = sharedSubnet
        self.ipv6SharedSubnet = ipv6SharedSubnet
        self.exportsEveryRoute = exportsEveryRoute
    }
}

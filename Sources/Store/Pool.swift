import BGPWire

/// A block of addresses for containers. Every address of the pool is usable, network and
/// broadcast addresses included, since each one is routed as a host route.
public struct Pool: Equatable, Sendable {
    /// The addresses of the pool.
    public var cidr: IPv4Prefix
    /// Whether traffic to other nodes' containers goes through IP-in-IP tunnels.
    public var ipip: Bool
    /// Whether traffic leaving the pools is source-NATed to the node's address.
    public var natOutgoing: Bool
    /// Whether allocation from the pool is stopped; existing addresses stay.
    public var disabled: Bool

    /// Creates a pool from its parts.
    public init(
        cidr: IPv4Prefix, ipip: Bool = false, natOutgoing: Bool = false,
        disabled: Bool = false
    ) {
        self.cidr = cidr
        self.ipip = ipip
        self.natOutgoing = natOutgoing
        self.disabled = disabled
    }
}

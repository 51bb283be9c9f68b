import BGPWire

/// A block of addresses for containers, of either family. Every address of the pool is
/// usable, network and broadcast addresses included, since each one is routed as a host
/// route (/32 or /128).
public struct Pool: Equatable, Sendable {
    /// The shortest IPv6 pool accepted: a /48, a site's usual allocation. Longer pools keep
    /// an IPv6 pool a block of one site rather than a slice of the Internet.
    public static let shortestIPv6Length: UInt8 = 48

    /// The addresses of the pool.
    public var cidr: IPPrefix
    /// Whether traffic to other nodes' containers goes through IP-in-IP tunnels; IPv4
    /// pools only, since IP-in-IP carries IPv4.
    public var ipip: Bool
    /// Whether traffic leaving the pools is source-NATed to the node's address.
    public var natOutgoing: Bool
    /// Whether allocation from the pool is stopped; existing addresses stay.
    public var disabled: Bool

    /// Creates a pool from its parts.
    public init(
        cidr: IPPrefix, ipip: Bool = false, natOutgoing: Bool = false, disabled: Bool = false
    ) {
        self.cidr = cidr
        self.ipip = ipip
        self.natOutgoing = natOutgoing
        self.disabled = disabled
    }
}

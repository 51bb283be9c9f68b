/// What a route table needs of a prefix type: `IPv4Prefix` and `IPv6Prefix`, one table per
/// family (RFC 4760 keeps the families apart: each has its own NLRI and next hop).
public protocol RoutePrefix: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The address type of the family.
    associatedtype Address: Hashable, Comparable, Sendable, CustomStringConvertible

    /// The family's AFI and SAFI (unicast).
    static var family: AddressFamily { get }

    /// The network address.
    var address: Address { get }
    /// The prefix length in bits.
    var length: UInt8 { get }

    /// Whether `other` lies wholly inside this prefix.
    func contains(_ other: Self) -> Bool
    /// Whether `address` lies inside this prefix.
    func contains(_ address: Address) -> Bool

    /// The prefix in the family-neutral form.
    var neutral: IPPrefix { get }
}

extension IPv4Prefix: RoutePrefix {
    public static var family: AddressFamily { .ipv4Unicast }
    public var neutral: IPPrefix { .v4(self) }
}

extension IPv6Prefix: RoutePrefix {
    public static var family: AddressFamily { .ipv6Unicast }
    public var neutral: IPPrefix { .v6(self) }
}

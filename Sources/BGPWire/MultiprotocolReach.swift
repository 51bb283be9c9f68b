/// A decoded MP_REACH_NLRI attribute (RFC 4760 §3): routes of one address family, their
/// next hop, and no other attribute.
///
/// The Reserved octet is sent as zero and ignored on receipt (RFC 4760 §3), so it is not
/// kept. The next hop's family always matches the prefixes'.
public struct MultiprotocolReach: Sendable, Hashable {
    /// The next hop of every prefix in `nlri`.
    public let nextHop: MultiprotocolNextHop
    /// The prefixes announced, typed by family.
    public let nlri: MultiprotocolPrefixes

    /// Creates the attribute; nil when the next hop is of another family than the prefixes.
    public init?(nextHop: MultiprotocolNextHop, nlri: MultiprotocolPrefixes) {
        guard nextHop.afi == nlri.family.afi else { return nil }
        self.nextHop = nextHop
        self.nlri = nlri
    }

    /// IPv6 unicast routes with a global next hop and, for a peer on the same subnet, a
    /// link-local one (RFC 2545 §3).
    public static func ipv6Unicast(
        nextHop: IPv6Address, linkLocalNextHop: IPv6Address? = nil, nlri: [IPv6Prefix]
    ) -> MultiprotocolReach {
        MultiprotocolReach(
            checkedNextHop: .ipv6(global: nextHop, linkLocal: linkLocalNextHop),
            nlri: .ipv6Unicast(nlri))
    }

    /// IPv4 unicast routes carried in MP_REACH_NLRI rather than in the NLRI field.
    public static func ipv4Unicast(
        nextHop: IPv4Address, nlri: [IPv4Prefix]
    ) -> MultiprotocolReach {
        MultiprotocolReach(checkedNextHop: .ipv4(nextHop), nlri: .ipv4Unicast(nlri))
    }

    /// Creates the attribute from a next hop and prefixes the caller knows to match.
    init(checkedNextHop: MultiprotocolNextHop, nlri: MultiprotocolPrefixes) {
        precondition(checkedNextHop.afi == nlri.family.afi, "a next hop suits its prefixes")
        nextHop = checkedNextHop
        self.nlri = nlri
    }

    /// The AFI and SAFI of the routes.
    public var family: AddressFamily { nlri.family }
}

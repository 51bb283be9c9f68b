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
    /// The path identifiers of `nlri`, one per prefix in the same order, when the family
    /// carries them (RFC 7911 §3); otherwise empty. Empty on sending means 0 for each.
    public var pathIdentifiers: [UInt32]

    /// Creates the attribute; nil when the next hop is of another family than the prefixes.
    /// `pathIdentifiers` is empty or as long as `nlri`.
    public init?(
        nextHop: MultiprotocolNextHop, nlri: MultiprotocolPrefixes, pathIdentifiers: [UInt32] = []
    ) {
        guard nextHop.afi == nlri.family.afi else { return nil }
        self.init(checkedNextHop: nextHop, nlri: nlri, pathIdentifiers: pathIdentifiers)
    }

    /// IPv6 unicast routes with a global next hop and, for a peer on the same subnet, a
    /// link-local one (RFC 2545 §3), and their path identifiers if any (RFC 7911 §3).
    public static func ipv6Unicast(
        nextHop: IPv6Address, linkLocalNextHop: IPv6Address? = nil, nlri: [IPv6Prefix],
        pathIdentifiers: [UInt32] = []
    ) -> MultiprotocolReach {
        MultiprotocolReach(
            checkedNextHop: .ipv6(global: nextHop, linkLocal: linkLocalNextHop),
            nlri: .ipv6Unicast(nlri), pathIdentifiers: pathIdentifiers)
    }

    /// IPv4 unicast routes carried in MP_REACH_NLRI rather than in the NLRI field, and
    /// their path identifiers if any (RFC 7911 §3).
    public static func ipv4Unicast(
        nextHop: IPv4Address, nlri: [IPv4Prefix], pathIdentifiers: [UInt32] = []
    ) -> MultiprotocolReach {
        MultiprotocolReach(
            checkedNextHop: .ipv4(nextHop), nlri: .ipv4Unicast(nlri),
            pathIdentifiers: pathIdentifiers)
    }

    /// Creates the attribute from a next hop and prefixes the caller knows to match.
    init(
        checkedNextHop: MultiprotocolNextHop, nlri: MultiprotocolPrefixes,
        pathIdentifiers: [UInt32] = []
    ) {
        precondition(checkedNextHop.afi == nlri.family.afi, "a next hop suits its prefixes")
        precondition(
            pathIdentifiers.isEmpty || pathIdentifiers.count == nlri.count,
            "path identifiers are none or one per prefix")
        nextHop = checkedNextHop
        self.nlri = nlri
        self.pathIdentifiers = pathIdentifiers
    }

    /// The AFI and SAFI of the routes.
    public var family: AddressFamily { nlri.family }
}

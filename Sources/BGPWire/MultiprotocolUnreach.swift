/// A decoded MP_UNREACH_NLRI attribute (RFC 4760 §4): routes of one address family that
/// the sender withdraws.
///
/// With no prefixes, and alone in its UPDATE, it is the End-of-RIB marker of its family
/// (RFC 4724 §2).
public struct MultiprotocolUnreach: Sendable, Hashable {
    /// The prefixes withdrawn, typed by family.
    public var withdrawn: MultiprotocolPrefixes

    /// Creates the attribute from its prefixes.
    public init(withdrawn: MultiprotocolPrefixes) {
        self.withdrawn = withdrawn
    }

    /// IPv6 unicast prefixes withdrawn.
    public static func ipv6Unicast(_ withdrawn: [IPv6Prefix]) -> MultiprotocolUnreach {
        MultiprotocolUnreach(withdrawn: .ipv6Unicast(withdrawn))
    }

    /// The AFI and SAFI of the routes.
    public var family: AddressFamily { withdrawn.family }
}

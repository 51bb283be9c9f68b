/// A decoded MP_UNREACH_NLRI attribute (RFC 4760 §4): routes of one address family that
/// the sender withdraws.
///
/// With no prefixes, and alone in its UPDATE, it is the End-of-RIB marker of its family
/// (RFC 4724 §2).
public struct MultiprotocolUnreach: Sendable, Hashable {
    /// The prefixes withdrawn, typed by family.
    public var withdrawn: MultiprotocolPrefixes
    /// The path identifiers of `withdrawn`, one per prefix in the same order, when the
    /// family carries them (RFC 7911 §3); otherwise empty. Empty on sending means 0 for
    /// each.
    public var pathIdentifiers: [UInt32]

    /// Creates the attribute from its prefixes and, with ADD-PATH, their path identifiers:
    /// none or one per prefix.
    public init(withdrawn: MultiprotocolPrefixes, pathIdentifiers: [UInt32] = []) {
        self.withdrawn = withdrawn
        self.pathIdentifiers = pathIdentifiers
    }

    /// IPv6 unicast prefixes withdrawn, and their path identifiers if any.
    public static func ipv6Unicast(
        _ withdrawn: [IPv6Prefix], pathIdentifiers: [UInt32] = []
    ) -> MultiprotocolUnreach {
        MultiprotocolUnreach(withdrawn: .ipv6Unicast(withdrawn), pathIdentifiers: pathIdentifiers)
    }

    /// The AFI and SAFI of the routes.
    public var family: AddressFamily { withdrawn.family }
}

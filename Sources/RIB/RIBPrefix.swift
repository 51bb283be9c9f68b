import BGPWire

/// A prefix type a `RIB` and an `AdjRIBOut` can hold: one table per family, each taking
/// its next hop self and shared subnet from the `ExportProfile`.
public protocol RIBPrefix: RoutePrefix {
    /// The next hop the family's routes go out with when we are the next hop.
    static func nextHopSelf(in profile: ExportProfile) -> Address?
    /// The subnet of the family that the profile's peers share with us, if any.
    static func sharedSubnet(in profile: ExportProfile) -> Self?
}

extension IPv4Prefix: RIBPrefix {
    public static func nextHopSelf(in profile: ExportProfile) -> IPv4Address? {
        profile.nextHopSelf
    }

    public static func sharedSubnet(in profile: ExportProfile) -> IPv4Prefix? {
        profile.sharedSubnet
    }
}

extension IPv6Prefix: RIBPrefix {
    public static func nextHopSelf(in profile: ExportProfile) -> IPv6Address? {
        profile.ipv6NextHopSelf
    }

    public static func sharedSubnet(in profile: ExportProfile) -> IPv6Prefix? {
        profile.ipv6SharedSubnet
    }
}

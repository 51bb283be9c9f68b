/// The kernel's route scope (`rtm_scope`), the distance to the destination.
///
/// A RawRepresentable struct so that any scope the kernel reports survives a round trip.
public struct RouteScope: RawRepresentable, Hashable, Sendable {
    /// The scope number, as in linux/rtnetlink.h `enum rt_scope_t`.
    public var rawValue: UInt8

    /// Creates a scope from its number.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// RT_SCOPE_UNIVERSE: a route through a gateway.
    public static let universe = RouteScope(rawValue: 0)
    /// RT_SCOPE_LINK: the destination is directly on the interface.
    public static let link = RouteScope(rawValue: 253)
    /// RT_SCOPE_HOST: a local address of this host.
    public static let host = RouteScope(rawValue: 254)
    /// RT_SCOPE_NOWHERE: on RTM_DELROUTE, "match any scope".
    public static let nowhere = RouteScope(rawValue: 255)
}

extension RouteScope: CustomStringConvertible {
    /// The name `ip route` prints, or the number.
    public var description: String {
        switch self {
        case .universe: "universe"
        case .link: "link"
        case .host: "host"
        case .nowhere: "nowhere"
        default: String(rawValue)
        }
    }
}

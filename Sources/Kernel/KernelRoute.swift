import BGPWire

/// One route as Brindle writes it into the kernel's forwarding table, IPv4 or IPv6.
///
/// Either a gateway route (`nextHop` set, scope universe; the kernel finds the interface
/// when `interfaceIndex` is nil) or a route straight to an interface (`nextHop` nil,
/// `interfaceIndex` set, scope link). The gateway is always of the prefix's family: an IPv4
/// gateway for an IPv6 prefix (RFC 5549, RTA_VIA) is not supported.
///
/// IPv6 differs in two ways. A link-local gateway (fe80::/10, RFC 4291 §2.5.6) means
/// something only on one link, so its route needs `interfaceIndex` (RTA_OIF); without it
/// the kernel refuses the route with EINVAL. And the kernel keeps no scope for IPv6 routes
/// (it reports every one as universe), so a dumped IPv6 route gets the scope its shape
/// implies, link without a gateway and universe with one: give IPv6 routes that default.
public struct KernelRoute: Hashable, Sendable {
    /// The destination.
    public let prefix: IPPrefix
    /// The gateway, of the prefix's family; nil for a scope-link route to an interface.
    public let nextHop: IPAddress?
    /// The outgoing interface (`RTA_OIF`); required when `nextHop` is nil or link-local.
    public var interfaceIndex: Int32?
    /// The route scope: universe through a gateway, link straight to an interface.
    public var scope: RouteScope

    /// Creates a route of either family.
    /// - Parameters:
    ///   - prefix: the destination.
    ///   - nextHop: the gateway, of the prefix's family, or nil for a route to an interface.
    ///   - interfaceIndex: the outgoing interface; required when `nextHop` is nil or an IPv6
    ///     link-local address.
    ///   - scope: defaults to universe with a gateway and link without.
    /// - Precondition: `nextHop` is nil or of the same family as `prefix`.
    public init(
        prefix: IPPrefix, nextHop: IPAddress?, interfaceIndex: Int32? = nil,
        scope: RouteScope? = nil
    ) {
        precondition(
            nextHop == nil || nextHop?.afi == prefix.afi,
            "a kernel route's gateway must be of its prefix's family")
        self.prefix = prefix
        self.nextHop = nextHop
        self.interfaceIndex = interfaceIndex
        self.scope = scope ?? (nextHop == nil ? .link : .universe)
    }

    /// Creates an IPv4 route; see `init(prefix:nextHop:interfaceIndex:scope:)`.
    public init(
        prefix: IPv4Prefix, nextHop: IPv4Address?, interfaceIndex: Int32? = nil,
        scope: RouteScope? = nil
    ) {
        self.init(
            prefix: .v4(prefix), nextHop: nextHop.map(IPAddress.v4),
            interfaceIndex: interfaceIndex, scope: scope)
    }

    /// Creates an IPv6 route; see `init(prefix:nextHop:interfaceIndex:scope:)`.
    public init(
        prefix: IPv6Prefix, nextHop: IPv6Address?, interfaceIndex: Int32? = nil,
        scope: RouteScope? = nil
    ) {
        self.init(
            prefix: .v6(prefix), nextHop: nextHop.map(IPAddress.v6),
            interfaceIndex: interfaceIndex, scope: scope)
    }

    /// Whether a route read back from the kernel satisfies this one: the kernel always
    /// reports the interface, so a nil `interfaceIndex` here matches any.
    func isSatisfied(by installed: KernelRoute) -> Bool {
        prefix == installed.prefix && nextHop == installed.nextHop && scope == installed.scope
            && (interfaceIndex == nil || interfaceIndex == installed.interfaceIndex)
    }
}

extension KernelRoute: CustomStringConvertible {
    /// `ip route`-like text: `10.0.0.0/24 via 10.201.0.2 dev 3 scope universe`, or for
    /// IPv6 `fd00::/64 via fd00:1::2 dev 3 scope universe`.
    public var description: String {
        var text = prefix.description
        if let nextHop { text += " via \(nextHop)" }
        if let interfaceIndex { text += " dev \(interfaceIndex)" }
        return text + " scope \(scope)"
    }
}

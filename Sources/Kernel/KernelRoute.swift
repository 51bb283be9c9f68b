import BGPWire

/// One IPv4 route as Brindle writes it into the kernel's forwarding table.
///
/// Either a gateway route (`nextHop` set, scope universe; the kernel finds the interface
/// when `interfaceIndex` is nil) or a route straight to an interface (`nextHop` nil,
/// `interfaceIndex` set, scope link).
public struct KernelRoute: Hashable, Sendable {
    /// The destination.
    public var prefix: IPv4Prefix
    /// The gateway; nil for a scope-link route to an interface.
    public var nextHop: IPv4Address?
    /// The outgoing interface (`RTA_OIF`); required when `nextHop` is nil.
    public var interfaceIndex: Int32?
    /// The route scope: universe through a gateway, link straight to an interface.
    public var scope: RouteScope

    /// Creates a route.
    /// - Parameters:
    ///   - prefix: the destination.
    ///   - nextHop: the gateway, or nil for a route to an interface.
    ///   - interfaceIndex: the outgoing interface; required when `nextHop` is nil.
    ///   - scope: defaults to universe with a gateway and link without.
    public init(
        prefix: IPv4Prefix, nextHop: IPv4Address?, interfaceIndex: Int32? = nil,
        scope: RouteScope? = nil
    ) {
        self.prefix = prefix
        self.nextHop = nextHop
        self.interfaceIndex = interfaceIndex
        self.scope = scope ?? (nextHop == nil ? .link : .universe)
    }

    /// Whether a route read back from the kernel satisfies this one: the kernel always
    /// reports the interface, so a nil `interfaceIndex` here matches any.
    func isSatisfied(by installed: KernelRoute) -> Bool {
        prefix == installed.prefix && nextHop == installed.nextHop && scope == installed.scope
            && (interfaceIndex == nil || interfaceIndex == installed.interfaceIndex)
    }
}

extension KernelRoute: CustomStringConvertible {
    /// `ip route`-like text: `10.0.0.0/24 via 10.201.0.2 dev 3 scope universe`.
    public var description: String {
        var text = prefix.description
        if let nextHop { text += " via \(nextHop)" }
        if let interfaceIndex { text += " dev \(interfaceIndex)" }
        return text + " scope \(scope)"
    }
}

import BGPWire

/// A change to the kernel's table, as `RouteTable.apply` sends it.
public enum RouteRequest: Hashable, Sendable, CustomStringConvertible {
    /// RTM_NEWROUTE with NLM_F_CREATE | NLM_F_REPLACE.
    case replace(KernelRoute)
    /// RTM_DELROUTE of our route for the prefix.
    case delete(IPPrefix)

    /// The destination the request concerns.
    public var prefix: IPPrefix {
        switch self {
        case .replace(let route): route.prefix
        case .delete(let prefix): prefix
        }
    }

    /// `replace <route>` or `delete <prefix>`.
    public var description: String {
        switch self {
        case .replace(let route): "replace \(route)"
        case .delete(let prefix): "delete \(prefix)"
        }
    }
}

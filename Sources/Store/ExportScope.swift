/// Which routes a node advertises to a configured BGP peer.
public enum ExportScope: String, Sendable, CaseIterable {
    /// Only routes inside the cluster's IP pools: the containers' addresses (the default,
    /// as a host advertises nothing else of its own).
    case pools
    /// Every best route, pool or not, learned from any peer: for a node that passes routes
    /// on, as a route server or in a benchmark. The RFC 4271 §9.2 and RFC 1997 rules still
    /// hold (no iBGP route to another internal peer unless reflected, NO_EXPORT, NO_ADVERTISE).
    case all
}

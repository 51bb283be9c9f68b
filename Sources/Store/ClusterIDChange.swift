import BGPWire

/// What making a node a route reflector does with its CLUSTER_ID (RFC 4456 §7).
public enum ClusterIDChange: Equatable, Sendable {
    /// Leaves the id as it is: a reflector keeps its own, any other node gets its router id,
    /// so repeating a request changes nothing.
    case keep
    /// Forgets the node's own id, so it uses its router id (its address) again.
    case routerID
    /// Uses this id, which is never 0.0.0.0 (it stands in for a router id, RFC 4271 §6.2).
    case custom(IPv4Address)

    /// The id to store, or nil for the router id; nil also for `keep`, which stores nothing.
    var storedValue: IPv4Address? {
        guard case .custom(let clusterID) = self else { return nil }
        return clusterID
    }
}

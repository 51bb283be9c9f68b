/// The whole store as read in one transaction, so its parts agree with each other.
public struct ClusterSnapshot: Equatable, Sendable {
    /// The store's change counter when the snapshot was taken; every write bumps it.
    public var generation: Int64
    /// The cluster settings.
    public var settings: Settings
    /// Nodes by name.
    public var nodes: [Node]
    /// Pools in address order.
    public var pools: [Pool]
    /// Peers in address order, global before node-specific.
    public var peers: [BGPPeer]
    /// Containers by name.
    public var containers: [Container]
    /// Allocations in address order.
    public var allocations: [Allocation]
    /// Listen ranges for dynamic neighbours, in prefix order.
    public var listenRanges: [ListenRange]

    /// Creates a snapshot from its parts.
    public init(
        generation: Int64, settings: Settings, nodes: [Node], pools: [Pool],
        peers: [BGPPeer], containers: [Container], allocations: [Allocation],
        listenRanges: [ListenRange] = []
    ) {
        self.generation = generation
        self.settings = settings
        self.nodes = nodes
        self.pools = pools
        self.peers = peers
        self.containers = containers
        self.allocations = allocations
        self.listenRanges = listenRanges
    }
}

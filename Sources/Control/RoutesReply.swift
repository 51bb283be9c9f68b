/// The daemon's answer to `routes`: every candidate route of the Loc-RIB.
public struct RoutesReply: Codable, Sendable, Equatable {
    /// The routes, sorted by prefix, the best of each prefix first.
    public var routes: [RouteStatus]
    /// Creates a reply holding `routes`.
    public init(routes: [RouteStatus]) { self.routes = routes }
}

/// One candidate route for a prefix.
public struct RouteStatus: Codable, Sendable, Equatable {
    /// The prefix, `a.b.c.d/n`.
    public var prefix: String
    /// Where it came from: `local` for a container on this node, else the peer's address.
    public var source: String
    /// The NEXT_HOP, or the host-side interface for a local container route.
    public var nextHop: String
    /// The AS_PATH as text, empty for local and internal routes.
    public var asPath: String
    /// Whether the decision process chose this route.
    public var best: Bool
    /// The ORIGINATOR_ID of a reflected route (RFC 4456): the host it started from.
    public var originatorID: String?
    /// The CLUSTER_LIST of a reflected route, the last reflector first; empty otherwise.
    public var clusterList: [String]

    /// Creates one row.
    public init(
        prefix: String, source: String, nextHop: String, asPath: String, best: Bool,
        originatorID: String? = nil, clusterList: [String] = []
    ) {
        self.prefix = prefix
        self.source = source
        self.nextHop = nextHop
        self.asPath = asPath
        self.best = best
        self.originatorID = originatorID
        self.clusterList = clusterList
    }
}

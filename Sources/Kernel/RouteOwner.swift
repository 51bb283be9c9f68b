/// What marks a route as Brindle's: the protocol number, the table and the metric that
/// every request of one `RouteTable` carries.
struct RouteOwner: Hashable, Sendable {
    /// `rtm_protocol`; the kernel matches it on RTM_DELROUTE when it is not zero.
    var protocolNumber: UInt8
    /// The routing table id (254 is `main`).
    var table: UInt32
    /// `RTA_PRIORITY`; part of the route's key, so other protocols' metric-0 routes for the
    /// same prefix are separate routes that a replace does not overwrite.
    var metric: UInt32
}

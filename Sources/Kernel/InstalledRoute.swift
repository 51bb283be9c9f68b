/// A route read back from a kernel dump, with the fields that tell whose it is.
struct InstalledRoute: Hashable, Sendable {
    /// The route itself.
    var route: KernelRoute
    /// `rtm_protocol`: who installed it.
    var protocolNumber: UInt8
    /// The table id, from `RTA_TABLE` or else `rtm_table`.
    var table: UInt32
    /// `RTA_PRIORITY`, 0 when absent.
    var metric: UInt32

    /// Whether the route carries the owner's protocol number and sits in its table.
    func isOwned(by owner: RouteOwner) -> Bool {
        protocolNumber == owner.protocolNumber && table == owner.table
    }
}

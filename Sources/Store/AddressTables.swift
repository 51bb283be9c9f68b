import BGPWire

/// The tables that hold one family's pools and allocations, `pools` and `allocations` for
/// IPv4 and `pools6` and `allocations6` for IPv6, which have the same columns, so one
/// query text serves both.
struct AddressTables {
    /// The family of the tables.
    let afi: AFI
    /// The pools table.
    let pools: String
    /// The allocations table.
    let allocations: String

    /// The tables of `afi`; anything but IPv6 is IPv4, the only other family a pool has.
    init(_ afi: AFI) {
        self.afi = afi == .ipv6 ? .ipv6 : .ipv4
        let suffix = afi == .ipv6 ? "6" : ""
        pools = "pools" + suffix
        allocations = "allocations" + suffix
    }

    /// Both families' tables, IPv4 first, the order in which addresses sort.
    static let all = [AddressTables(.ipv4), AddressTables(.ipv6)]
}

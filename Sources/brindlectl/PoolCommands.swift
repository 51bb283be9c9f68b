import BGPWire
import Store

/// `brindlectl pool add|remove|show`.
enum PoolCommands {
    /// The `pool` group.
    static let command = Command(
        "pool", summary: "manage the address pools containers get their addresses from",
        children: [
            Command(
                "add", usage: ["pool add CIDR [--ipip] [--nat-outgoing] [--disabled]"],
                summary: "add an address pool, IPv4 or IPv6 (a /48 or longer; no --ipip)",
                run: add),
            Command(
                "remove", usage: ["pool remove CIDR"], summary: "remove an empty address pool",
                run: remove),
            Command(
                "show", usage: ["pool show [--json]"], summary: "list the address pools",
                run: show),
        ])

    /// `pool add CIDR [--ipip] [--nat-outgoing] [--disabled]`.
    static func add(_ arguments: inout ArgumentList, _ context: Context) throws {
        let ipip = arguments.flag("--ipip")
        let natOutgoing = arguments.flag("--nat-outgoing")
        let disabled = arguments.flag("--disabled")
        let cidr = try arguments.ipPrefix(arguments.positional("CIDR"))
        try arguments.finish()
        guard !ipip || cidr.afi == .ipv4 else {
            throw arguments.usage("--ipip is for IPv4 pools; IP-in-IP carries only IPv4")
        }

        let pool = Pool(cidr: cidr, ipip: ipip, natOutgoing: natOutgoing, disabled: disabled)
        try context.openStore(creating: true).addPool(pool)
        print("added pool \(cidr)")
    }

    /// `pool remove CIDR`: refused while the pool has allocations.
    static func remove(_ arguments: inout ArgumentList, _ context: Context) throws {
        let cidr = try arguments.ipPrefix(arguments.positional("CIDR"))
        try arguments.finish()
        try context.openStore().removePool(cidr)
        print("removed pool \(cidr)")
    }

    /// `pool show [--json]`, with the allocated count of each pool.
    static func show(_ arguments: inout ArgumentList, _ context: Context) throws {
        let json = arguments.flag("--json")
        try arguments.finish()
        let snapshot = try context.openStore().snapshot()
        let used = Dictionary(grouping: snapshot.allocations, by: \.pool).mapValues(\.count)

        guard !json else {
            return try Output.json(
                snapshot.pools.map { pool in
                    [
                        "cidr": "\(pool.cidr)", "ipip": pool.ipip, "natOutgoing": pool.natOutgoing,
                        "disabled": pool.disabled, "allocated": used[pool.cidr] ?? 0,
                    ]
                })
        }
        Output.table(
            ["CIDR", "IPIP", "NAT-OUTGOING", "DISABLED", "ALLOCATED"],
            snapshot.pools.map { pool in
                [
                    "\(pool.cidr)", "\(pool.ipip)", "\(pool.natOutgoing)", "\(pool.disabled)",
                    "\(used[pool.cidr] ?? 0)/\(size(of: pool.cidr))",
                ]
            })
    }

    /// How many addresses a pool holds, as text: the number up to 2^32, else a power of
    /// two, since an IPv6 pool may hold more addresses than any integer type.
    private static func size(of cidr: IPPrefix) -> String {
        let hostBits = Int(cidr.hostLength) - Int(cidr.length)
        return hostBits <= 32 ? "\(UInt64(1) << hostBits)" : "2^\(hostBits)"
    }
}

import BGPWire
import Foundation
import Store

/// `brindlectl node add|remove|set|show`.
enum NodeCommands {
    /// The `node` group.
    static let command = Command(
        "node", summary: "manage the hosts that run brindled",
        children: [
            Command(
                "add", usage: ["node add NAME --ip ADDR [--ip6 ADDR6] [--as AS]"],
                summary: "add a node; --ip6 gives it the IPv6 address its IPv6 routes use",
                run: add),
            Command(
                "remove", usage: ["node remove NAME"],
                summary: "remove a node without containers or peers", run: remove),
            Command(
                "set",
                usage: [
                    "node set NAME --route-reflector [--cluster-id ID|default]",
                    "node set NAME --no-route-reflector",
                    "node set NAME --ip6 ADDR6|none",
                ],
                summary: "make a node a route reflector (RFC 4456), or an ordinary node again;"
                    + " a reflector keeps its cluster id unless --cluster-id gives one, and"
                    + " --cluster-id default goes back to its router id; --ip6 sets or"
                    + " (none) clears the node's IPv6 address",
                run: set),
            Command("show", usage: ["node show [--json]"], summary: "list the nodes", run: show),
        ])

    /// `node add NAME --ip ADDR [--ip6 ADDR6] [--as AS]`.
    static func add(_ arguments: inout ArgumentList, _ context: Context) throws {
        guard let addressText = try arguments.option("--ip") else {
            throw arguments.usage("missing --ip ADDR")
        }
        let address = try arguments.address(addressText)
        let ipv6Address = try arguments.option("--ip6").map { text throws in
            try arguments.ipv6Address(text)
        }
        let asNumber = try arguments.option("--as").map { text throws in
            try arguments.asNumber(text)
        }
        let name = try arguments.name(arguments.positional("NAME"), kind: "node")
        try arguments.finish()

        try context.openStore(creating: true).addNode(
            Node(name: name, address: address, asNumber: asNumber, ipv6Address: ipv6Address))
        print("added node \(name)")
    }

    /// `node remove NAME`.
    static func remove(_ arguments: inout ArgumentList, _ context: Context) throws {
        let name = try arguments.positional("NAME")
        try arguments.finish()
        try context.openStore().removeNode(named: name)
        print("removed node \(name)")
    }

    /// `node set NAME --ip6 ADDR6|none`, or the route-reflector forms of `setRole`.
    static func set(_ arguments: inout ArgumentList, _ context: Context) throws {
        guard let text = try arguments.option("--ip6") else {
            return try setRole(&arguments, context)
        }
        let roleWords = ["--route-reflector", "--no-route-reflector"].filter { arguments.flag($0) }
        let clusterID = try arguments.option("--cluster-id")
        let name = try arguments.name(arguments.positional("NAME"), kind: "node")
        try arguments.finish()
        if let word = roleWords.first ?? clusterID.map({ _ in "--cluster-id" }) {
            throw arguments.usage("give --ip6 alone, without \(word)")
        }
        let address = text == "none" ? nil : try arguments.ipv6Address(text)

        try context.openStore().setNodeIPv6Address(node: name, address)
        print("node \(name) has \(address.map { "IPv6 address \($0)" } ?? "no IPv6 address")")
    }

    /// `node set NAME --route-reflector [--cluster-id ID|default]` or `node set NAME
    /// --no-route-reflector`; without `--cluster-id` a reflector keeps the id it has (a new
    /// one uses its router id), and `default` goes back to the router id.
    private static func setRole(_ arguments: inout ArgumentList, _ context: Context) throws {
        let reflector = arguments.flag("--route-reflector")
        let ordinary = arguments.flag("--no-route-reflector")
        let clusterID = try arguments.option("--cluster-id").map { text throws in
            try Self.clusterID(text, arguments)
        }
        let name = try arguments.name(arguments.positional("NAME"), kind: "node")
        try arguments.finish()
        guard reflector != ordinary else {
            throw arguments.usage(
                reflector
                    ? "give --route-reflector or --no-route-reflector, not both"
                    : "give --route-reflector, --no-route-reflector or --ip6")
        }
        guard reflector || clusterID == nil else {
            throw arguments.usage("--cluster-id needs --route-reflector")
        }

        let store = try context.openStore()
        let wasReflector = try store.nodes().contains { $0.name == name && $0.routeReflector }
        try store.setRouteReflector(node: name, enabled: reflector, clusterID: clusterID ?? .keep)
        let snapshot = try store.snapshot()
        guard reflector else { return reportOrdinary(name, wasReflector: wasReflector, snapshot) }
        reportReflector(name, snapshot)
    }

    /// Prints the cluster id a new reflector uses, with a note while the mesh is on, when
    /// reflector settings change nothing yet.
    private static func reportReflector(_ name: String, _ snapshot: ClusterSnapshot) {
        // A node removed meanwhile has no cluster id left to print.
        let clusterID = snapshot.nodes.first { $0.name == name }?.effectiveClusterID
        print("node \(name) is a route reflector (cluster id \(clusterID.map { "\($0)" } ?? "-"))")
        guard snapshot.settings.nodeMesh else { return }
        Output.note(
            "node \(name) reflects routes only once the node mesh is off ('bgp node-mesh off')")
    }

    /// Prints that `name` is an ordinary node, with a warning when it was the last
    /// reflector and the mesh is off: its clients, which peered with the reflectors only,
    /// are left with their configured peers.
    private static func reportOrdinary(
        _ name: String, wasReflector: Bool, _ snapshot: ClusterSnapshot
    ) {
        print("node \(name) is no longer a route reflector")
        guard wasReflector, !snapshot.settings.nodeMesh,
            !snapshot.nodes.contains(where: \.routeReflector)
        else { return }
        Output.warning(
            "node \(name) was the last route reflector and the node mesh is off, so the nodes"
                + " lose every iBGP route and keep only their configured BGP peers")
    }

    /// Parses a CLUSTER_ID (RFC 4456 §7): a dotted quad, or a decimal number of 32 bits,
    /// or `default` for the router id; zero is refused, as it is for the router id it
    /// stands in for (RFC 4271 §6.2).
    private static func clusterID(_ text: String, _ arguments: ArgumentList) throws(CommandError)
        -> ClusterIDChange
    {
        guard text != "default" else { return .routerID }
        let decimal = text.utf8.allSatisfy { (0x30...0x39).contains($0) }
        let number = IPv4Address(text)?.rawValue ?? (decimal ? UInt32(text) : nil)
        guard let number, number != 0 else {
            throw arguments.usage(
                "'\(text)' is not a cluster id (a dotted quad, a number from 1 to 4294967295,"
                    + " or 'default')")
        }
        return .custom(IPv4Address(rawValue: number))
    }

    /// `node show [--json]`, with the AS each node really uses and its reflector role.
    static func show(_ arguments: inout ArgumentList, _ context: Context) throws {
        let json = arguments.flag("--json")
        try arguments.finish()
        let snapshot = try context.openStore().snapshot()
        let fallback = snapshot.settings.asNumber

        guard !json else {
            return try Output.json(
                snapshot.nodes.map { node in
                    [
                        "name": node.name, "address": "\(node.address)",
                        "asNumber": node.asNumber.map { $0 as Any } ?? NSNull(),
                        "effectiveASNumber": node.asNumber ?? fallback,
                        "routeReflector": node.routeReflector,
                        "clusterID": clusterIDText(node).map { $0 as Any } ?? NSNull(),
                        "ipv6Address": node.ipv6Address.map { "\($0)" as Any } ?? NSNull(),
                    ]
                })
        }
        Output.table(
            ["NAME", "ADDRESS", "AS", "ROLE", "CLUSTER-ID", "IP6"],
            snapshot.nodes.map { node in
                [
                    node.name, "\(node.address)",
                    node.asNumber.map(String.init) ?? "\(fallback) (default)",
                    node.routeReflector ? "reflector" : "-", clusterIDText(node) ?? "-",
                    node.ipv6Address.map { "\($0)" } ?? "-",
                ]
            })
    }

    /// The cluster id a reflector really uses, as a dotted quad; nil for other nodes.
    private static func clusterIDText(_ node: Node) -> String? {
        node.routeReflector ? "\(node.effectiveClusterID)" : nil
    }
}

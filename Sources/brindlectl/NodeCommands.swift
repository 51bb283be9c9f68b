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
                "add", usage: ["node add NAME --ip ADDR [--as AS]"], summary: "add a node",
                run: add),
            Command(
                "remove", usage: ["node remove NAME"],
                summary: "remove a node without containers or peers", run: remove),
            Command(
                "set",
                usage: [
                    "node set NAME --route-reflector [--cluster-id ID]",
                    "node set NAME --no-route-reflector",
                ],
                summary: "make a node a route reflector (RFC 4456), or an ordinary node again",
                run: set),
            Command("show", usage: ["node show [--json]"], summary: "list the nodes", run: show),
        ])

    /// `node add NAME --ip ADDR [--as AS]`.
    static func add(_ arguments: inout ArgumentList, _ context: Context) throws {
        guard let addressText = try arguments.option("--ip") else {
            throw arguments.usage("missing --ip ADDR")
        }
        let address = try arguments.address(addressText)
        let asNumber = try arguments.option("--as").map { text throws in
            try arguments.asNumber(text)
        }
        let name = try arguments.name(arguments.positional("NAME"), kind: "node")
        try arguments.finish()

        try context.openStore(creating: true).addNode(
            Node(name: name, address: address, asNumber: asNumber))
        print("added node \(name)")
    }

    /// `node remove NAME`.
    static func remove(_ arguments: inout ArgumentList, _ context: Context) throws {
        let name = try arguments.positional("NAME")
        try arguments.finish()
        try context.openStore().removeNode(named: name)
        print("removed node \(name)")
    }

    /// `node set NAME --route-reflector [--cluster-id ID]` or `node set NAME
    /// --no-route-reflector`; without `--cluster-id` a reflector uses its router id.
    static func set(_ arguments: inout ArgumentList, _ context: Context) throws {
        let reflector = arguments.flag("--route-reflector")
        let ordinary = arguments.flag("--no-route-reflector")
        let clusterID = try arguments.option("--cluster-id").map { text throws in
            try Self.clusterID(text, arguments)
        }
        let name = try arguments.name(arguments.positional("NAME"), kind: "node")
        try arguments.finish()
        guard reflector != ordinary else {
            let both = reflector ? ", not both" : ""
            throw arguments.usage("give --route-reflector or --no-route-reflector\(both)")
        }
        guard reflector || clusterID == nil else {
            throw arguments.usage("--cluster-id needs --route-reflector")
        }

        let store = try context.openStore()
        try store.setRouteReflector(node: name, enabled: reflector, clusterID: clusterID)
        guard reflector else { return print("node \(name) is no longer a route reflector") }
        // The router id is read back only to print it; a node removed meanwhile has none.
        let routerID = try store.nodes().first { $0.name == name }?.address
        let shown = (clusterID ?? routerID).map(String.init(describing:)) ?? "its router id"
        print("node \(name) is a route reflector (cluster id \(shown))")
    }

    /// Parses a CLUSTER_ID (RFC 4456 §7): a dotted quad, or a decimal number of 32 bits;
    /// zero is refused, as it is for the router id it stands in for (RFC 4271 §6.2).
    private static func clusterID(_ text: String, _ arguments: ArgumentList) throws(CommandError)
        -> IPv4Address
    {
        let decimal = text.utf8.allSatisfy { (0x30...0x39).contains($0) }
        let number = IPv4Address(text)?.rawValue ?? (decimal ? UInt32(text) : nil)
        guard let number, number != 0 else {
            throw arguments.usage(
                "'\(text)' is not a cluster id (a dotted quad, or a number from 1 to 4294967295)")
        }
        return IPv4Address(rawValue: number)
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
                    ]
                })
        }
        Output.table(
            ["NAME", "ADDRESS", "AS", "ROLE", "CLUSTER-ID"],
            snapshot.nodes.map { node in
                [
                    node.name, "\(node.address)",
                    node.asNumber.map(String.init) ?? "\(fallback) (default)",
                    node.routeReflector ? "reflector" : "-", clusterIDText(node) ?? "-",
                ]
            })
    }

    /// The cluster id a reflector really uses, as a dotted quad; nil for other nodes.
    private static func clusterIDText(_ node: Node) -> String? {
        node.routeReflector ? "\(node.effectiveClusterID)" : nil
    }
}

import Foundation
import Store

/// `brindlectl node add|remove|show`.
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

    /// `node show [--json]`, with the AS each node really uses.
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
                    ]
                })
        }
        Output.table(
            ["NAME", "ADDRESS", "AS"],
            snapshot.nodes.map { node in
                [
                    node.name, "\(node.address)",
                    node.asNumber.map(String.init) ?? "\(fallback) (default)",
                ]
            })
    }
}

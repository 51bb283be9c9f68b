import Foundation
import Store

/// `brindlectl bgp peer add|remove|show`, `bgp listen-range add|remove|show`,
/// `bgp node-mesh`, `bgp default-node-as`.
enum BGPCommands {
    /// The `bgp` group.
    static let command = Command(
        "bgp", summary: "manage BGP peers, listen ranges and cluster-wide BGP settings",
        children: [
            Command(
                "peer", summary: "manage BGP peers outside the node mesh",
                children: [
                    Command(
                        "add", usage: ["bgp peer add IP as AS [--node NAME] [--passive]"],
                        summary: "add a global peer, or one for a single node", run: addPeer),
                    Command(
                        "remove", usage: ["bgp peer remove IP [--node NAME]"],
                        summary: "remove a peer", run: removePeer),
                    Command(
                        "show", usage: ["bgp peer show [--json]"], summary: "list the peers",
                        run: showPeers),
                ]),
            ListenRangeCommands.command,
            Command(
                "node-mesh", usage: ["bgp node-mesh [on|off]"],
                summary: "print or set whether all nodes peer with each other", run: nodeMesh),
            Command(
                "default-node-as", usage: ["bgp default-node-as [AS]"],
                summary: "print or set the AS number of nodes without their own",
                run: defaultNodeAS),
        ])

    /// `bgp peer add IP as AS [--node NAME] [--passive]`.
    static func addPeer(_ arguments: inout ArgumentList, _ context: Context) throws {
        let node = try arguments.option("--node")
        let passive = arguments.flag("--passive")
        let address = try arguments.address(arguments.positional("IP"))
        try arguments.keyword("as")
        let asNumber = try arguments.asNumber(arguments.positional("AS"))
        try arguments.finish()

        let peer = BGPPeer(address: address, asNumber: asNumber, node: node, passive: passive)
        try context.openStore(creating: true).addPeer(peer)
        let mode = passive ? ", passive" : ""
        print("added bgp peer \(address) as \(asNumber) (\(scope(node))\(mode))")
    }

    /// `bgp peer remove IP [--node NAME]`.
    static func removePeer(_ arguments: inout ArgumentList, _ context: Context) throws {
        let node = try arguments.option("--node")
        let address = try arguments.address(arguments.positional("IP"))
        try arguments.finish()
        try context.openStore().removePeer(address: address, node: node)
        print("removed bgp peer \(address) (\(scope(node)))")
    }

    /// `bgp peer show [--json]`.
    static func showPeers(_ arguments: inout ArgumentList, _ context: Context) throws {
        let json = arguments.flag("--json")
        try arguments.finish()
        let peers = try context.openStore().peers()
        guard !json else {
            return try Output.json(
                peers.map { peer in
                    [
                        "address": "\(peer.address)", "asNumber": peer.asNumber,
                        "node": peer.node.map { $0 as Any } ?? NSNull(),
                        "passive": peer.passive,
                    ]
                })
        }
        Output.table(
            ["ADDRESS", "AS", "SCOPE", "PASSIVE"],
            peers.map {
                ["\($0.address)", "\($0.asNumber)", scope($0.node), $0.passive ? "yes" : "no"]
            })
    }

    /// `bgp node-mesh [on|off]`: prints the setting without an argument.
    static func nodeMesh(_ arguments: inout ArgumentList, _ context: Context) throws {
        guard let word = arguments.peek else {
            try arguments.finish()
            return print(try context.openStore().settings().nodeMesh ? "on" : "off")
        }
        let value = try arguments.positional("on|off")
        try arguments.finish()
        guard value == "on" || value == "off" else {
            throw arguments.usage("'\(word)' is neither 'on' nor 'off'")
        }
        try context.openStore(creating: true).setNodeMesh(value == "on")
        print("node mesh \(value)")
    }

    /// `bgp default-node-as [AS]`: prints the setting without an argument.
    static func defaultNodeAS(_ arguments: inout ArgumentList, _ context: Context) throws {
        guard arguments.peek != nil else {
            return print(try context.openStore().settings().asNumber)
        }
        let asNumber = try arguments.asNumber(arguments.positional("AS"))
        try arguments.finish()
        try context.openStore(creating: true).setDefaultNodeAS(asNumber)
        print("default node as \(asNumber)")
    }

    private static func scope(_ node: String?) -> String {
        node.map { "node \($0)" } ?? "global"
    }
}

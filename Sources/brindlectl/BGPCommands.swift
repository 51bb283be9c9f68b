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
                        "add",
                        usage: [
                            "bgp peer add IP as AS [--node NAME] [--passive]"
                                + " [--max-prefixes N [--restart SECONDS]] [--export pools|all]"
                        ],
                        summary:
                            "add a global peer, or one for a single node; --export all sends it"
                            + " every route, not only the pools'", run: addPeer),
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

    /// `bgp peer add IP as AS [--node NAME] [--passive] [--max-prefixes N [--restart
    /// SECONDS]] [--export pools|all]`.
    static func addPeer(_ arguments: inout ArgumentList, _ context: Context) throws {
        let node = try arguments.option("--node")
        let passive = arguments.flag("--passive")
        let limit = try arguments.option("--max-prefixes")
        let restart = try arguments.option("--restart")
        let export = try arguments.option("--export")
        let address = try arguments.address(arguments.positional("IP"))
        try arguments.keyword("as")
        let asNumber = try arguments.asNumber(arguments.positional("AS"))
        try arguments.finish()

        var peer = BGPPeer(address: address, asNumber: asNumber, node: node, passive: passive)
        try prefixLimit(limit, restart: restart, into: &peer, arguments)
        peer.export = try exportScope(export, arguments)
        try context.openStore(creating: true).addPeer(peer)
        let mode =
            (passive ? ", passive" : "") + (limitText(of: peer).map { ", \($0)" } ?? "")
            + (peer.export == .all ? ", exporting every route" : "")
        print("added bgp peer \(address) as \(asNumber) (\(scope(node))\(mode))")
    }

    /// Parses `--max-prefixes N` and `--restart SECONDS` into `peer`: decimal numbers from 1,
    /// the restart time only with a limit.
    private static func prefixLimit(
        _ limit: String?, restart: String?, into peer: inout BGPPeer, _ arguments: ArgumentList
    ) throws(CommandError) {
        guard let limit else {
            guard restart == nil else { throw arguments.usage("--restart needs --max-prefixes") }
            return
        }
        peer.maxPrefixes = try limitValue(limit, arguments, "a prefix limit")
        peer.maxPrefixRestart = try restart.map { text throws(CommandError) in
            try limitValue(text, arguments, "a restart time in seconds")
        }
    }

    /// `--export pools` (the default) or `--export all`.
    private static func exportScope(_ text: String?, _ arguments: ArgumentList)
        throws(CommandError) -> ExportScope
    {
        guard let text else { return .pools }
        guard let scope = ExportScope(rawValue: text) else {
            throw arguments.usage("'\(text)' is not an export scope (pools or all)")
        }
        return scope
    }

    /// A decimal number from 1 to `BGPPeer.maximumLimitValue`.
    private static func limitValue(_ text: String, _ arguments: ArgumentList, _ what: String)
        throws(CommandError) -> Int
    {
        let bound = BGPPeer.maximumLimitValue
        guard text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int(text),
            (1...bound).contains(value)
        else { throw arguments.usage("'\(text)' is not \(what) (a number from 1 to \(bound))") }
        return value
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
                        "maxPrefixes": peer.maxPrefixes.map { $0 as Any } ?? NSNull(),
                        "maxPrefixRestart": peer.maxPrefixRestart.map { $0 as Any } ?? NSNull(),
                        "export": peer.export.rawValue,
                    ]
                })
        }
        Output.table(
            ["ADDRESS", "AS", "SCOPE", "PASSIVE", "MAX-PREFIXES", "EXPORT"],
            peers.map {
                [
                    "\($0.address)", "\($0.asNumber)", scope($0.node), $0.passive ? "yes" : "no",
                    limitText(of: $0) ?? "-", $0.export.rawValue,
                ]
            })
    }

    /// `max 100 prefixes` or `max 100 prefixes, restart after 30 s`; nil without a limit.
    private static func limitText(of peer: BGPPeer) -> String? {
        guard let limit = peer.maxPrefixes else { return nil }
        return "max \(limit) prefixes"
            + (peer.maxPrefixRestart.map { ", restart after \($0) s" } ?? "")
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
        let store = try context.openStore(creating: true)
        try store.setNodeMesh(value == "on")
        print("node mesh \(value)")
        // Allowed, as a cluster may peer with its top-of-rack routers only, but it is more
        // often a reflector forgotten.
        guard value == "off", try !store.nodes().contains(where: \.routeReflector) else { return }
        Output.warning(
            "no node is a route reflector, so nodes will keep only their configured BGP peers")
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

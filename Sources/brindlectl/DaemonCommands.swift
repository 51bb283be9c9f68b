import Control
import Foundation

/// `brindlectl status` and `brindlectl show routes`: the running daemon's state,
/// read through its control socket.
enum DaemonCommands {
    /// The `status` command.
    static let status = Command(
        "status", usage: ["status [--control PATH] [--json]"],
        summary: "show the daemon's BGP peers and their sessions", run: showStatus)

    /// The `show` group.
    static let show = Command(
        "show", summary: "show the daemon's state",
        children: [
            Command(
                "routes", usage: ["show routes [--control PATH] [--json]"],
                summary: "show every route the daemon holds, best first", run: showRoutes)
        ])

    static func showStatus(_ arguments: inout ArgumentList, _ context: Context) throws {
        let (client, json) = try clientAndFormat(&arguments, context)
        let reply = try client.send(ControlRequest(command: .status), expecting: StatusReply.self)
        if json { return try printJSON(reply) }

        let age = Date().timeIntervalSince1970
        let mesh = reply.nodeMesh ? "on" : "off"
        let ipv6 = reply.ipv6NextHop.map { ", ipv6 next hop \($0)" } ?? ", no ipv6 address"
        print(
            "node \(reply.node), router id \(reply.routerID)\(ipv6), AS \(reply.autonomousSystem),"
                + " \(role(reply)), node mesh \(mesh)")
        Output.table(
            [
                "PEER", "TYPE", "AS", "STATE", "FAMILIES", "SINCE", "RECEIVED", "ADVERTISED",
                "LAST ERROR",
            ],
            reply.peers.map { peer in
                [
                    peer.address, peerType(peer), "\(peer.autonomousSystem)", peer.state,
                    peer.families.isEmpty ? "-" : peer.families.joined(separator: ","),
                    duration(age - peer.since), "\(peer.prefixesReceived)",
                    advertised(peer), peer.lastError ?? "-",
                ]
            })
        printUpdateGroups(reply.updateGroups)
    }

    /// What the node does, and what the store says it will do when that differs.
    private static func role(_ reply: StatusReply) -> String {
        guard let clusterID = reply.clusterID else {
            return reply.reflectorConfigured ? "route reflector once the node mesh is off" : "node"
        }
        let reflecting = "route reflector, cluster id \(clusterID)"
        let staying = reply.reflectorConfigured && !reply.nodeMesh
        return staying ? reflecting : "\(reflecting) for a grace time"
    }

    /// The type, marked when a topology change is replacing the session, or when the peer
    /// is still reflected for as a client during the grace time.
    private static func peerType(_ peer: PeerStatus) -> String {
        if peer.draining { return "\(peer.type) (draining)" }
        let clientType = peer.type == "rr-client" || peer.type == "dynamic"
        return peer.reflectorClient && !clientType ? "\(peer.type) (still a client)" : peer.type
    }

    /// The prefixes advertised, and how many a slow peer has still to be sent.
    private static func advertised(_ peer: PeerStatus) -> String {
        guard peer.prefixesBehind > 0 else { return "\(peer.prefixesAdvertised)" }
        return "\(peer.prefixesAdvertised) (\(peer.prefixesBehind) behind)"
    }

    private static func printUpdateGroups(_ groups: [UpdateGroupStatus]) {
        guard !groups.isEmpty else { return }
        print("")
        Output.table(
            ["UPDATE GROUP", "MEMBERS", "ADVERTISED", "ENCODED", "SENT"],
            groups.map { group in
                [
                    group.profile, "\(group.members.count)", "\(group.prefixesAdvertised)",
                    "\(group.messagesEncoded)", "\(group.messagesSent)",
                ]
            })
    }

    static func showRoutes(_ arguments: inout ArgumentList, _ context: Context) throws {
        let (client, json) = try clientAndFormat(&arguments, context)
        let reply = try client.send(ControlRequest(command: .routes), expecting: RoutesReply.self)
        if json { return try printJSON(reply) }

        Output.table(
            ["PREFIX", "BEST", "FROM", "NEXT HOP", "AS PATH", "ORIGINATOR", "CLUSTER LIST"],
            reply.routes.map { route in
                [
                    route.prefix, route.best ? "*" : "", route.source, route.nextHop,
                    route.asPath.isEmpty ? "-" : route.asPath, route.originatorID ?? "-",
                    route.clusterList.isEmpty ? "-" : route.clusterList.joined(separator: " "),
                ]
            })
    }

    /// The control socket: `--control`, else `BRINDLE_CONTROL`, else the default.
    private static func clientAndFormat(_ arguments: inout ArgumentList, _ context: Context)
        throws -> (ControlClient, Bool)
    {
        let json = arguments.flag("--json")
        let path =
            try arguments.option("--control") ?? context.environment["BRINDLE_CONTROL"]
            ?? Control.defaultSocketPath
        try arguments.finish()
        return (ControlClient(path: path), json)
    }

    private static func printJSON<Value: Encodable>(_ value: Value) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// `42s`, `5m10s`, `3h02m`, `2d04h`.
    static func duration(_ seconds: Double) -> String {
        let total = max(0, Int(seconds))
        switch total {
        case ..<60: return "\(total)s"
        case ..<3600: return "\(total / 60)m\(total % 60)s"
        case ..<86400: return String(format: "%dh%02dm", total / 3600, total % 3600 / 60)
        default: return String(format: "%dd%02dh", total / 86400, total % 86400 / 3600)
        }
    }
}

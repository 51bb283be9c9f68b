import Control
import EventLoop
import Foundation
import RIB

/// The daemon's UNIX control socket: one JSON request line in, one JSON reply out.
final class ControlServer {
    private var listener: UnixListener?
    private let path: String

    /// Listens on `path`, creating its folder if needed.
    init(daemon: Daemon, path: String) throws {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true)
        // A socket that still answers belongs to a running daemon: never take it over.
        if (try? ControlClient(path: path).send(
            ControlRequest(command: .status), expecting: StatusReply.self)) != nil
        {
            throw DaemonError("another brindled answers on \(path)")
        }
        listener = try UnixListener(loop: daemon.loop, path: path) {
            [weak daemon] connection in
            guard let daemon else { return connection.close() }
            ControlServer.serve(connection, daemon: daemon)
        }
    }

    func close() {
        listener?.close()
        listener = nil
        unlink(path)
    }

    private static func serve(_ connection: UnixConnection, daemon: Daemon) {
        // The channel drops this closure when it closes, which ends the cycle.
        connection.readLines(maximumLength: 65536) { [weak daemon] line in
            guard let daemon else { return connection.close() }
            connection.write(Array(answer(Data(line.utf8), daemon: daemon)))
            connection.closeAfterFlush()
        }
    }

    private static func answer(_ line: Data, daemon: Daemon) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let request = try? JSONDecoder().decode(ControlRequest.self, from: line) else {
            return (try? encoder.encode(ErrorReply(error: "unknown request"))) ?? Data()
        }
        switch request.command {
        case .status: return (try? encoder.encode(daemon.statusReply())) ?? Data()
        case .routes: return (try? encoder.encode(daemon.routesReply())) ?? Data()
        }
    }
}

extension Daemon {
    func statusReply() -> StatusReply {
        let rows = peers.values.sorted { $0.address < $1.address }.map { peer in
            PeerStatus(
                address: "\(peer.address)", type: peer.type.rawValue,
                autonomousSystem: peer.autonomousSystem, state: peer.state.rawValue,
                since: peer.since, lastError: peer.lastError,
                prefixesReceived: ipv4.rib.prefixCount(from: peer.id)
                    + ipv6.rib.prefixCount(from: peer.id),
                prefixesAdvertised: advertisedCount(to: peer, in: ipv4)
                    + advertisedCount(to: peer, in: ipv6),
                queuedBytes: peer.primary.tcp?.pendingWriteBytes ?? 0,
                prefixesBehind: (ipv4.groupOf[peer.id]?.prefixesBehind(peer) ?? 0)
                    + (ipv6.groupOf[peer.id]?.prefixesBehind(peer) ?? 0),
                draining: peer.drainingSince != nil, reflectorClient: isReflectorClient(peer),
                families: peer.isEstablished ? families(of: peer) : [])
        }
        return StatusReply(
            node: configuration.node, routerID: "\(routerID)", autonomousSystem: localAS,
            startedAt: startedAt, role: ipv4.rib.clusterID == nil ? "node" : "reflector",
            clusterID: ipv4.rib.clusterID.map { "\($0)" },
            reflectorConfigured: desired.isReflector, nodeMesh: desired.nodeMesh,
            ipv6NextHop: desired.ipv6Address.map { "\($0)" }, peers: rows,
            updateGroups: (updateGroupRows(ipv4) + updateGroupRows(ipv6)).sorted {
                ($0.profile, $0.members.first ?? "") < ($1.profile, $1.members.first ?? "")
            })
    }

    private func advertisedCount<P>(to peer: Peer, in family: FamilyTables<P>) -> Int {
        family.groupOf[peer.id]?.table.advertisedCount(toMember: peer.id) ?? 0
    }

    /// The families the session carries, as `status` names them.
    private func families(of peer: Peer) -> [String] {
        [ipv4.contains(peer) ? "ipv4" : nil, ipv6.contains(peer) ? "ipv6" : nil].compactMap {
            $0
        }
    }

    private func updateGroupRows<P>(_ family: FamilyTables<P>) -> [UpdateGroupStatus] {
        family.groups.values.map { group in
            UpdateGroupStatus(
                profile: group.profileDescription,
                members: group.members.values.map(\.address).sorted().map { "\($0)" },
                prefixesAdvertised: group.table.advertisedCount,
                messagesEncoded: group.messagesEncoded, messagesSent: group.messagesSent)
        }
    }

    func routesReply() -> RoutesReply {
        RoutesReply(routes: routeRows(ipv4.rib) + routeRows(ipv6.rib))
    }

    private func routeRows<P>(_ rib: RIB<P>) -> [RouteStatus] {
        var rows: [RouteStatus] = []
        for best in rib.bestRoutes.sorted(by: { $0.prefix < $1.prefix }) {
            for (index, route) in rib.routes(for: best.prefix).enumerated() {
                rows.append(routeStatus(route, best: index == 0))
            }
        }
        return rows
    }

    private func routeStatus<P>(_ route: Route<P>, best: Bool) -> RouteStatus {
        let isLocal = route.peer == .local
        let source = isLocal ? "local" : peersByID[route.peer].map { "\($0.address)" } ?? "?"
        let nextHop =
            isLocal
            ? desired.localRoutes[route.prefix.neutral] ?? "-"
            : P.nextHop(in: route.attributes).map { "\($0)" } ?? "-"
        return RouteStatus(
            prefix: "\(route.prefix)", source: source, nextHop: nextHop,
            asPath: "\(route.attributes.asPath)", best: best,
            originatorID: route.attributes.originatorID.map { "\($0)" },
            clusterList: route.attributes.clusterList.map { "\($0)" })
    }
}

import BGPWire
import EventLoop
import RIB
import Session
import Store

/// Dynamic neighbours: a connection from an address with no peer entry is accepted when a
/// listen range holds it, as a passive peer with the range's AS that lasts as long as its
/// session. Past the range's limit the connection is answered with a Cease, subcode 5
/// Connection Rejected (RFC 4486 §4), and closed.
extension Daemon {
    func acceptDynamicPeer(_ tcp: TCPConnection, from remote: IPv4Address) {
        guard let range = desired.listenRanges.first(where: { $0.prefix.contains(remote) }) else {
            logger.info("connection from an unknown address refused", [.address: remote])
            return tcp.close()
        }
        let limit = range.effectiveLimit
        let inRange = peers.values.count { $0.listenRange == range.prefix }
        guard inRange < limit else { return reject(tcp, from: remote, range: range, limit: limit) }

        let id = PeerID(rawValue: nextPeerID)
        nextPeerID += 1
        let wanted = DesiredPeer(autonomousSystem: range.asNumber, type: .dynamic, passive: true)
        let peer = Peer(
            daemon: self, id: id, address: remote, desired: wanted,
            configuration: sessionConfiguration(for: wanted))
        peer.listenRange = range.prefix
        peers[remote] = peer
        peersByID[id] = peer
        logger.info("dynamic peer accepted", peer.logFields.merging([.range: range.prefix]) { $1 })
        peer.start()
        peer.accept(tcp)
    }

    private func reject(
        _ tcp: TCPConnection, from remote: IPv4Address, range: ListenRange, limit: Int
    ) {
        logger.warning(
            "connection rejected, listen range full",
            [.address: remote, .range: range.prefix, .limit: limit])
        let cease = NotificationMessage(code: .cease, subcode: CeaseSubcode.connectionRejected)
        tcp.write(Message.notification(cease).encode(options: .beforeOpen))
        tcp.closeAfterFlush(timeout: 1)
    }

    /// Removes a dynamic peer on the next turn, outside the callbacks of its session.
    func removeLater(_ peer: Peer) {
        loop.schedule(after: 0) { [weak self, weak peer] in
            guard let self, let peer, self.peers[peer.address] === peer else { return }
            self.removePeer(peer.address)
        }
    }
}

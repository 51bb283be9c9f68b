import BGPWire
import EventLoop
import Session

/// Connection collisions (RFC 4271 §6.8): both sides opened a connection.
///
/// The incoming connection runs its own state machine as `secondary` until
/// the peer's OPEN on it tells us the peer's BGP identifier; then the rule of
/// §6.8 keeps the connection opened by the side with the higher identifier and
/// closes the other with Cease, subcode 7 (RFC 4486).
extension Peer {
    func acceptCollision(_ tcp: TCPConnection) {
        if let old = secondary {
            drop(old, ceaseSubcode: CeaseSubcode.connectionCollisionResolution)
        }
        let incoming = SessionConnection(
            configuration: sessionConfiguration, locallyInitiated: false)
        secondary = incoming
        daemon.logger.info("connection collision, racing the incoming connection", logFields)
        _ = incoming.fsm.handle(.automaticStart)  // enters Connect; the socket is already here
        attach(tcp, to: incoming)
    }

    /// Resolves the race once the secondary knows the peer's identifier.
    func resolveCollisionIfReady() {
        guard let incoming = secondary else { return }
        guard !incoming.isRetired, incoming.fsm.state != .idle else {
            secondary = nil
            return
        }
        guard incoming.fsm.state == .openConfirm || incoming.fsm.state == .established,
            let remote = incoming.fsm.negotiated?.peerIdentifier
        else { return }

        if primary.fsm.state == .established || primary.fsm.state == .idle
            || primary.tcp == nil
        {
            primary.fsm.state == .established ? loseIncoming(incoming) : promote(incoming)
            return
        }
        let resolution = CollisionResolution.resolve(
            localIdentifier: daemon.routerID, remoteIdentifier: remote,
            existingIsLocallyInitiated: primary.locallyInitiated)
        resolution == .keepExisting ? loseIncoming(incoming) : promote(incoming)
    }

    private func loseIncoming(_ incoming: SessionConnection) {
        secondary = nil
        drop(incoming, ceaseSubcode: CeaseSubcode.connectionCollisionResolution)
    }

    private func promote(_ incoming: SessionConnection) {
        secondary = nil
        let old = primary
        primary = incoming
        drop(old, ceaseSubcode: CeaseSubcode.connectionCollisionResolution)
        daemon.logger.info("collision resolved, keeping the incoming connection", logFields)
        if incoming.fsm.state == .established, let negotiated = incoming.fsm.negotiated {
            established(negotiated, on: incoming)
        }
    }

    /// Sends Cease on a losing connection and forgets it.
    func drop(_ connection: SessionConnection, ceaseSubcode: UInt8) {
        let actions = connection.fsm.handle(.manualStop(ceaseSubcode: ceaseSubcode))
        for case .send(let message) in actions { send(message, on: connection) }
        connection.tcp?.closeAfterFlush()
        connection.tcp = nil
        connection.retire(loop: daemon.loop)
    }
}

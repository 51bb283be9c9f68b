import BGPWire
import EventLoop
import Foundation
import RIB
import Session

/// One configured BGP peer: its sessions, timers and Adj-RIB-Out.
///
/// The peer runs the state machine's actions against the event loop and hands
/// everything about routes to the daemon. Session state changes are logged
/// here and nowhere else.
final class Peer {
    /// The peer's address, which is also how incoming connections are matched.
    let address: IPv4Address
    /// The RIB's name for this peer.
    let id: PeerID
    /// The AS the peer must announce in its OPEN.
    let autonomousSystem: UInt32
    /// Why we peer: mesh, global, node, rr-client, reflector or dynamic.
    var type: PeerType
    /// The connection whose session counts.
    var primary: SessionConnection
    /// An incoming connection racing the primary one (RFC 4271 §6.8).
    var secondary: SessionConnection?
    /// Whether the session is Established and routes flow: the peer is in the IPv4
    /// tables, which every Established peer joins, and in the IPv6 ones if it negotiated
    /// them (see `FamilyTables`).
    var isEstablished: Bool { daemon.ipv4.contains(self) }
    /// When a topology change started replacing this session; nil if it is not draining.
    var drainingSince: Double?
    /// Since when every route the draining peer gave has had another path.
    var drainReadySince: Double?
    /// Whether both sides offered route refresh (RFC 2918) on the current session.
    var canRefresh = false
    /// The listen range a dynamic peer was accepted from; nil for a configured peer.
    var listenRange: IPv4Prefix?
    /// Wall-clock time of the last state change, for `status`.
    var since = Date().timeIntervalSince1970
    /// Set when the peer is being removed, so its session does not restart.
    var isRemoved = false
    /// The most prefixes the peer may send (RFC 4486 §4); nil for no limit.
    let maxPrefixes: Int?
    /// Seconds the session stays down after the limit was broken; nil to stay down.
    let maxPrefixRestart: Int?
    /// Whether the peer is sent every route, not only the pools'.
    let exportsEveryRoute: Bool

    unowned let daemon: Daemon
    /// The settings every connection's state machine starts from.
    let sessionConfiguration: SessionConfiguration

    init(
        daemon: Daemon, id: PeerID, address: IPv4Address, desired: DesiredPeer,
        configuration: SessionConfiguration
    ) {
        self.daemon = daemon
        self.id = id
        self.address = address
        autonomousSystem = desired.autonomousSystem
        type = desired.type
        maxPrefixes = desired.maxPrefixes
        maxPrefixRestart = desired.maxPrefixRestart
        exportsEveryRoute = desired.exportsEveryRoute
        sessionConfiguration = configuration
        primary = SessionConnection(configuration: configuration, locallyInitiated: true)
    }

    /// The state that `status` shows.
    var state: SessionState { primary.fsm.state }

    /// The last socket error, which says why a TCP connection failed.
    var transportError: String?

    /// The session's last error, with the socket's reason when TCP failed.
    var lastError: String? {
        guard let error = primary.fsm.lastError else { return nil }
        guard error == "tcp connection failed", let transportError else { return error }
        return "\(error): \(transportError)"
    }

    var logFields: [LogKey: Any] {
        [.peer: address, .peerAS: autonomousSystem, .peerType: type.rawValue]
    }

    // MARK: - Life cycle

    /// Starts the session (RFC 4271 §8.1.2 ManualStart).
    func start() {
        handle(.manualStart, on: primary)
    }

    /// Stops the session with a Cease of `subcode` and never restarts it.
    func stop(ceaseSubcode: UInt8) {
        isRemoved = true
        if let secondary { drop(secondary, ceaseSubcode: ceaseSubcode) }
        handle(.manualStop(ceaseSubcode: ceaseSubcode), on: primary)
        primary.retire(loop: daemon.loop)
    }

    /// Whether the session runs as `wanted` asks: the same AS, passive mode, prefix limit
    /// and export scope. A session that does not is restarted with the new terms.
    func matches(_ wanted: DesiredPeer) -> Bool {
        wanted.autonomousSystem == autonomousSystem
            && wanted.passive == sessionConfiguration.passive
            && wanted.maxPrefixes == maxPrefixes && wanted.maxPrefixRestart == maxPrefixRestart
            && wanted.exportsEveryRoute == exportsEveryRoute
    }

    /// Ends the session because the peer sent more than `maxPrefixes` prefixes (RFC 4271
    /// §8.1.2, AutomaticStop) and keeps it in Idle, where incoming connections are refused:
    /// for `maxPrefixRestart` seconds, or with no restart time until the store changes the
    /// peer. A racing incoming connection is dropped too, so it cannot take the session's
    /// place.
    func stopAtPrefixLimit(_ limit: Int, family: AddressFamily) {
        if let secondary {
            self.secondary = nil
            drop(secondary, ceaseSubcode: CeaseSubcode.maximumPrefixesReached)
        }
        handle(.automaticStop(Self.prefixLimitCease(limit, family: family)), on: primary)
        guard let seconds = maxPrefixRestart else { return }
        daemon.loop.schedule(after: Double(seconds)) { [weak self] in
            self?.restartAfterPrefixLimit()
        }
    }

    /// Cease "maximum number of prefixes reached" with the data of RFC 4486 §4: the AFI (two
    /// octets), the SAFI (one) and the upper bound (four) for the family that crossed it.
    static func prefixLimitCease(_ limit: Int, family: AddressFamily) -> NotificationMessage {
        var data = withUnsafeBytes(of: family.afi.rawValue.bigEndian, Array.init)
        data.append(family.safi.rawValue)
        data += withUnsafeBytes(of: UInt32(clamping: limit).bigEndian, Array.init)
        return NotificationMessage(
            code: .cease, subcode: CeaseSubcode.maximumPrefixesReached, data: data)
    }

    /// Starts the session again after the restart time, unless it was removed meanwhile.
    private func restartAfterPrefixLimit() {
        guard !isRemoved, primary.fsm.state == .idle else { return }
        daemon.logger.info("restart time after the prefix limit over, session starts", logFields)
        handle(.automaticStart, on: primary)
    }

    /// Takes an incoming connection from the peer's address.
    func accept(_ tcp: TCPConnection) {
        if primary.fsm.state == .idle, !isRemoved, primary.timers[.idleHold] != nil {
            // The idle hold only damps our own attempts (RFC 4271 §8.1.1,
            // DampPeerOscillations): a peer that calls us ends it, or a peer that
            // backs off for minutes after a refusal (OpenBGPD) would stay down.
            // It is answered at once, with no call of ours that would only collide with it
            // (RFC 4271 Event 5); ExaBGP resets both connections of such a collision.
            daemon.logger.debug("incoming connection ends the idle hold", logFields)
            stopTimer(.idleHold, on: primary)
            handle(.automaticStartPassive, on: primary)
        }
        switch primary.fsm.state {
        case .idle:
            daemon.logger.debug("incoming connection refused in idle", logFields)
            tcp.close()  // RFC 4271 §8.2.2: Idle refuses incoming connections
        case .connect, .active:
            primary.retire(loop: daemon.loop)
            let replacement = SessionConnection(
                configuration: sessionConfiguration, locallyInitiated: false)
            replacement.fsm = primary.fsm
            primary = replacement
            attach(tcp, to: replacement)
        case .openSent, .openConfirm:
            acceptCollision(tcp)
        case .established:
            daemon.logger.info("incoming connection refused, session established", logFields)
            tcp.close()
        }
    }

    // MARK: - Events and actions

    /// Feeds one event to a connection's FSM and carries out what it asks.
    func handle(_ event: SessionEvent, on connection: SessionConnection) {
        guard !connection.isRetired || isStopEvent(event) else { return }
        let actions = connection.fsm.handle(event)
        if daemon.logger.level <= .trace, daemon.logger.tracePackets {
            daemon.logger.trace("fsm event", logFields.merging([.event: "\(event)"]) { $1 })
        }
        for action in actions { perform(action, on: connection) }
        // A racing connection that falls back (its TCP closed, or it lost) is dropped.
        if connection === secondary, [.idle, .connect, .active].contains(connection.fsm.state) {
            secondary = nil
            connection.retire(loop: daemon.loop)
        }
        if secondary != nil { resolveCollisionIfReady() }
    }

    private func isStopEvent(_ event: SessionEvent) -> Bool {
        if case .manualStop = event { return true }
        return false
    }

    private func perform(_ action: SessionAction, on connection: SessionConnection) {
        switch action {
        case .connect: connect(connection)
        case .closeConnection: closeConnection(connection)
        case .send(let message): send(message, on: connection)
        case .startTimer(let timer, let seconds): startTimer(timer, seconds, on: connection)
        case .stopTimer(let timer): stopTimer(timer, on: connection)
        case .stateChanged(let from, let to): stateChanged(from, to, on: connection)
        case .established(let negotiated): established(negotiated, on: connection)
        case .sessionDown(let reason): sessionDown(reason, on: connection)
        case .updateReceived(let update): received(update, on: connection)
        case .routeRefreshRequested(let family): refreshRequested(family, on: connection)
        case .routeRefreshMarker(let subtype, let family):
            refreshMarker(subtype, family, on: connection)
        }
    }
}

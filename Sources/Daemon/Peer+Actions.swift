import BGPWire
import EventLoop
import Foundation
import RIB
import Session

/// The state machine's actions, carried out on the event loop.
extension Peer {
    func connect(_ connection: SessionConnection) {
        guard connection === primary else { return }  // a secondary is always incoming
        let remote = SocketAddress(address: address.rawValue, port: daemon.configuration.port)
        let local = SocketAddress(address: daemon.routerID.rawValue, port: 0)
        connection.attempt = TCPConnection.connect(loop: daemon.loop, to: remote, from: local) {
            [weak self, weak connection] result in
            connection?.attempt = nil
            guard let self, let connection, !connection.isRetired else {
                if case .success(let tcp) = result { tcp.close() }
                return
            }
            switch result {
            case .success(let tcp):
                connection.locallyInitiated = true
                self.attach(tcp, to: connection)
            case .failure(let error):
                self.transportError = "\(error)"
                self.daemon.logger.debug(
                    "connect failed", self.logFields.merging([.error: error]) { $1 })
                self.handle(.tcpConnectionFailed, on: connection)
            }
        }
    }

    /// Wires a connected socket to a connection's FSM.
    func attach(_ tcp: TCPConnection, to connection: SessionConnection) {
        connection.tcp = tcp
        tcp.onRead = { [weak self, weak connection] bytes in
            guard let self, let connection else { return bytes.count }
            return self.read(bytes, on: connection)
        }
        tcp.onClose = { [weak self, weak connection] error in
            guard let self, let connection, !connection.isRetired else { return }
            connection.tcp = nil
            self.transportError = error.map { "\($0)" } ?? "closed by the peer"
            if let error {
                self.daemon.logger.debug(
                    "connection lost", self.logFields.merging([.error: error]) { $1 })
            }
            self.handle(.tcpConnectionFailed, on: connection)
        }
        handle(.tcpConnectionConfirmed, on: connection)
    }

    /// Decodes every whole message in `bytes`; returns how many bytes were used.
    private func read(_ bytes: UnsafeRawBufferPointer, on connection: SessionConnection) -> Int {
        var offset = 0
        while !connection.isRetired, connection.tcp != nil {
            let rest = UnsafeRawBufferPointer(rebasing: bytes[offset...])
            do {
                let maximum = connection.codec.maximumMessageLength
                guard
                    let length = try MessageFramer.nextMessageLength(
                        in: rest, maximumLength: maximum)
                else { break }
                let frame = UnsafeRawBufferPointer(rebasing: rest[0..<length])
                let message = try Message.decode(frame, options: connection.codec)
                offset += length
                tracePacket("received", message)
                handle(.messageReceived(message), on: connection)
            } catch {
                daemon.logger.warning(
                    "peer sent a malformed message",
                    logFields.merging([.code: error.code.rawValue, .subcode: error.subcode]) {
                        $1
                    })
                handle(.decodeFailed(error), on: connection)
                return bytes.count
            }
        }
        return offset
    }

    func closeConnection(_ connection: SessionConnection) {
        connection.tcp?.closeAfterFlush()
        connection.tcp = nil
        connection.codec = .beforeOpen
    }

    func send(_ message: Message, on connection: SessionConnection) {
        guard let tcp = connection.tcp else { return }
        tracePacket("sent", message)
        tcp.write(message.encode(options: connection.codec))
    }

    private func tracePacket(_ direction: String, _ message: Message) {
        guard daemon.logger.tracePackets else { return }
        daemon.logger.trace(
            "message \(direction)", logFields.merging([.type: "\(message.type.rawValue)"]) { $1 })
    }

    func startTimer(_ timer: SessionTimer, _ seconds: Double, on connection: SessionConnection) {
        if timer == .hold {
            let deadline = daemon.loop.now + seconds
            connection.holdDeadline = deadline
            // Restarted on every message: a timer set to fire no later than the new deadline
            // only has it to find, rather than being cancelled and scheduled again each time.
            guard connection.timers[.hold] == nil || deadline < connection.holdFiresAt else {
                return
            }
        }
        schedule(timer, after: seconds, on: connection)
    }

    private func schedule(
        _ timer: SessionTimer, after seconds: Double, on connection: SessionConnection
    ) {
        stopTimer(timer, on: connection)
        if timer == .hold { connection.holdFiresAt = daemon.loop.now + seconds }
        connection.timers[timer] = daemon.loop.schedule(after: seconds) {
            [weak self, weak connection] in
            guard let self, let connection else { return }
            connection.timers[timer] = nil
            let left = connection.holdDeadline - self.daemon.loop.now
            if timer == .hold, left > 0 { return self.schedule(.hold, after: left, on: connection) }
            self.handle(Self.expiry(of: timer), on: connection)
        }
    }

    func stopTimer(_ timer: SessionTimer, on connection: SessionConnection) {
        guard let id = connection.timers.removeValue(forKey: timer) else { return }
        daemon.loop.cancel(id)
    }

    private static func expiry(of timer: SessionTimer) -> SessionEvent {
        switch timer {
        case .connectRetry: .connectRetryTimerExpired
        case .hold: .holdTimerExpired
        case .keepalive: .keepaliveTimerExpired
        case .idleHold: .idleHoldTimerExpired
        }
    }

    /// The one place session state changes are logged.
    func stateChanged(_ from: SessionState, _ to: SessionState, on connection: SessionConnection) {
        let role = connection === primary ? "" : " (collision)"
        let level: LogLevel = (to == .established || from == .established) ? .notice : .info
        var fields = logFields
        fields[.state] = to.rawValue
        fields[.event] = "\(from.rawValue)->\(to.rawValue)"
        if let error = connection.fsm.lastError, to == .idle { fields[.reason] = error }
        daemon.logger.log(level, "session state changed\(role)", fields)
        guard connection === primary else { return }
        since = Date().timeIntervalSince1970
        // A dynamic peer exists only while its connection does: it may come back from
        // another address, and it must not hold a place of its listen range. Losing the
        // connection sends it to Idle, or, passive as it is, back to Active.
        let connectionGone = to == .idle || (to == .active && from != .idle)
        if connectionGone, listenRange != nil, !isRemoved { daemon.removeLater(self) }
    }

    func established(_ negotiated: NegotiatedSession, on connection: SessionConnection) {
        connection.codec = negotiated.codecOptions
        guard connection === primary else { return }
        daemon.peerEstablished(self, negotiated: negotiated)
    }

    func sessionDown(_ reason: String, on connection: SessionConnection) {
        connection.codec = .beforeOpen
        guard connection === primary, isEstablished else { return }
        daemon.peerDown(self, reason: reason)
    }

    func received(_ update: UpdateMessage, on connection: SessionConnection) {
        guard connection === primary, isEstablished else { return }
        daemon.peer(self, received: update)
    }

    func refreshMarker(
        _ subtype: RouteRefreshSubtype, _ family: AddressFamily, on connection: SessionConnection
    ) {
        guard connection === primary, isEstablished else { return }
        daemon.peer(self, marked: subtype, family: family)
    }

    func refreshRequested(_ family: AddressFamily, on connection: SessionConnection) {
        guard connection === primary else { return }
        daemon.peerRequestedRefresh(
            self, family: family, markers: connection.fsm.negotiated?.refreshMarkers(for: family))
    }
}

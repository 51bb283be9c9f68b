import BGPWire
import EventLoop

/// One iBGP client of the route reflector: a TCP connection from its own address, the
/// OPEN exchange (RFC 4271 §8.2.2, reduced to the passive-free path a client takes), then
/// KEEPALIVEs and UPDATEs until the run ends.
///
/// The client has no Adj-RIB-In of its own: every UPDATE goes to the run's ledger.
final class LoadClient {
    /// Where the session is: the RFC 4271 §8.2.2 states a connecting client passes
    /// through, with Idle split into before the first attempt and after the end.
    enum State: Equatable {
        case idle, connecting, openSent, openConfirm, established, closed
    }

    /// The client's number in the plan.
    let index: Int
    /// Its address: the source of the connection and its BGP identifier.
    let address: IPv4Address
    /// Where the session is.
    private(set) var state = State.idle
    /// Connection attempts made so far.
    private(set) var attempts = 0
    /// When a message was last sent, in loop time.
    private(set) var lastSent = 0.0
    /// When bytes were last received, in loop time.
    private(set) var lastReceived = 0.0
    /// The hold time both sides agreed on; 0 for none (RFC 4271 §4.2).
    private(set) var holdTime = 0.0

    private unowned let run: LoadRun
    private var connection: TCPConnection?
    private var attempt: ConnectAttempt?
    private var options = CodecOptions.beforeOpen

    /// Creates client `index` of `run`, not connected yet.
    init(index: Int, address: IPv4Address, run: LoadRun) {
        self.index = index
        self.address = address
        self.run = run
    }

    // MARK: - Connecting

    /// Connects from the client's address to the reflector, then sends OPEN.
    func connect(to reflector: SocketAddress) {
        precondition(state == .idle || state == .closed, "a client connects only when idle")
        state = .connecting
        attempts += 1
        let local = SocketAddress(address: address.rawValue, port: 0)
        attempt = TCPConnection.connect(loop: run.loop, to: reflector, from: local) {
            [unowned self] result in
            attempt = nil
            switch result {
            case .success(let connection): connected(connection)
            case .failure(let error): fail("\(error)")
            }
        }
    }

    private func connected(_ connection: TCPConnection) {
        self.connection = connection
        connection.onRead = { [unowned self] bytes in receive(bytes) }
        connection.onClose = { [unowned self] error in
            fail(error.map { "\($0)" } ?? "the reflector closed the connection")
        }
        state = .openSent
        lastReceived = run.loop.now
        send(.open(run.openMessage(for: address)))
    }

    /// Ends the session with a Cease NOTIFICATION, administrative shutdown (RFC 4486
    /// §3), sent as far as the socket takes it at once: the run is over.
    func close() {
        attempt?.cancel()
        if state != .closed {
            let cease = NotificationMessage(
                code: .cease, subcode: CeaseSubcode.administrativeShutdown)
            send(.notification(cease))
        }
        connection?.close()
        (attempt, connection, state) = (nil, nil, .closed)
    }

    // MARK: - Sending

    /// Sends the client's routes in as few UPDATEs as fit.
    func announce(_ prefixes: [IPv4Prefix], with attributes: PathAttributes) {
        guard state == .established, let connection else { return }
        connection.write { buffer in
            UpdatePacker.packInto(
                &buffer, withdrawn: [], announced: prefixes, attributes: attributes,
                options: options)
        }
        lastSent = run.loop.now
    }

    /// Sends a KEEPALIVE when a third of the hold time passed since the last message, and
    /// ends the session when the hold time passed without one received (RFC 4271 §4.4,
    /// §6.5).
    func tick(now: Double) {
        guard holdTime > 0, state == .established || state == .openConfirm else { return }
        guard now - lastReceived <= holdTime else {
            return failSending(NotificationMessage(code: .holdTimerExpired))
        }
        if now - lastSent >= holdTime / 3 { send(.keepalive) }
    }

    private func send(_ message: Message) {
        connection?.write { message.encode(into: &$0, options: options) }
        lastSent = run.loop.now
    }

    // MARK: - Receiving

    /// Takes every whole message from the front of `bytes`; returns the bytes consumed.
    private func receive(_ bytes: UnsafeRawBufferPointer) -> Int {
        var offset = 0
        lastReceived = run.loop.now
        do throws(NotificationMessage) {
            while state != .closed,
                let length = try MessageFramer.nextMessageLength(
                    in: UnsafeRawBufferPointer(rebasing: bytes[offset...]),
                    maximumLength: options.maximumMessageLength)
            {
                let message = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
                offset += length
                handle(try Message.decode(message, options: options))
            }
        } catch {
            failSending(error)
        }
        return offset
    }

    private func handle(_ message: Message) {
        switch message {
        case .open(let open): received(open)
        case .keepalive: receivedKeepalive()
        case .update(let update): receivedUpdate(update)
        case .notification(let notification): fail("the reflector sent \(notification)")
        case .routeRefresh: break  // The client has nothing to send again.
        }
    }

    /// RFC 4271 §6.2: the peer must be in our AS (the session is internal); the hold time
    /// is the smaller of the two offered.
    private func received(_ open: OpenMessage) {
        guard state == .openSent else { return unexpected("OPEN") }
        guard open.autonomousSystem == run.options.autonomousSystem else {
            return failSending(
                NotificationMessage(
                    code: .openMessageError, subcode: OpenMessageSubcode.badPeerAS))
        }
        holdTime = Double(min(open.holdTime, run.options.holdTime))
        options = CodecOptions(fourOctetAS: open.offers(.fourOctetAS), extendedMessage: false)
        state = .openConfirm
        send(.keepalive)
    }

    private func receivedKeepalive() {
        guard state == .openConfirm else { return }
        state = .established
        run.clientEstablished(self)
    }

    private func receivedUpdate(_ update: UpdateMessage) {
        guard state == .established else { return unexpected("UPDATE") }
        run.client(self, received: update)
    }

    // MARK: - Failing

    /// RFC 4271 §6.6: a message the state does not allow is a Finite State Machine Error.
    private func unexpected(_ what: String) {
        failSending(
            NotificationMessage(code: .finiteStateMachineError),
            reason: "unexpected \(what) in state \(state)")
    }

    private func failSending(_ notification: NotificationMessage, reason: String? = nil) {
        connection?.write { Message.notification(notification).encode(into: &$0, options: options) }
        connection?.closeAfterFlush(timeout: 1)
        connection = nil
        fail(reason ?? "sent \(notification)")
    }

    private func fail(_ reason: String) {
        guard state != .closed else { return }
        let wasEstablished = state == .established
        connection?.close()
        (connection, state) = (nil, .closed)
        run.client(self, failed: reason, wasEstablished: wasEstablished)
    }
}

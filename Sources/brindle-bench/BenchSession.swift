import BGPWire
import EventLoop

/// What a session tells the run it belongs to.
protocol SessionObserver: AnyObject {
    /// The session reached Established.
    func sessionEstablished(_ session: BenchSession)
    /// A receiving session decoded an UPDATE.
    func session(_ session: BenchSession, received update: UpdateMessage)
    /// A sending session's whole stream was taken by the kernel.
    func sessionSent(_ session: BenchSession)
    /// The session ended, or failed to start.
    func session(_ session: BenchSession, failed reason: String)
}

/// One BGP session of the benchmark (RFC 4271 §8, the short path a well-behaved peer
/// takes): OPEN, KEEPALIVE, then Established with KEEPALIVEs at a third of the hold time.
///
/// A sender plays a pre-encoded `UpdateStream` as fast as TCP takes it and drops what it
/// receives undecoded; a receiver decodes every UPDATE and hands it to the observer. The
/// OPEN offers four-octet ASes (RFC 6793), IPv4 unicast (RFC 4760) and route refresh (RFC
/// 2918); no ADD-PATH, no graceful restart.
final class BenchSession {
    /// What the session is for.
    enum Role { case sender, receiver }

    /// Where the session is in RFC 4271 §8.2.2.
    enum State { case idle, connecting, openSent, openConfirm, established, closed }

    /// Sender or receiver.
    let role: Role
    /// Our AS.
    let localAS: UInt32
    /// Our address: the connection's source and our BGP identifier.
    let address: IPv4Address
    /// The AS the peer must have, or nil for any.
    let peerAS: UInt32?
    /// Where the session is.
    private(set) var state = State.idle
    /// What the OPEN exchange negotiated.
    private(set) var options = CodecOptions.beforeOpen
    /// Whether the session was Established at some time.
    private(set) var wasEstablished = false

    private unowned let observer: SessionObserver
    private let loop: EventLoop
    /// The hold time we offer (RFC 4271 §4.2).
    let offeredHoldTime: UInt16
    private var holdTime = 0.0
    private var connection: TCPConnection?
    private var lastSent = 0.0
    private var lastReceived = 0.0
    private var stream: UpdateStream?
    private var nextChunk = 0

    /// A session not started yet; `connect(to:)` or `adopt(_:)` starts it.
    init(
        role: Role, localAS: UInt32, address: IPv4Address, peerAS: UInt32?, holdTime: UInt16,
        loop: EventLoop, observer: SessionObserver
    ) {
        (self.role, self.localAS, self.address, self.peerAS) = (role, localAS, address, peerAS)
        (offeredHoldTime, self.loop, self.observer) = (holdTime, loop, observer)
    }

    // MARK: - Starting and ending

    /// Connects from our address (bound first, as peers that check a neighbour's source
    /// address require) to `target`, then sends OPEN; after a failure, it starts afresh.
    func connect(to target: SocketAddress) {
        (state, options, holdTime) = (.connecting, .beforeOpen, 0)
        let local = SocketAddress(address: address.rawValue, port: 0)
        TCPConnection.connect(loop: loop, to: target, from: local) { [unowned self] result in
            switch result {
            case .success(let connection): adopt(connection)
            case .failure(let error): fail("connect to \(target): \(error)")
            }
        }
    }

    /// Runs the session on an accepted or connected connection: sends OPEN.
    func adopt(_ connection: TCPConnection) {
        self.connection = connection
        connection.onRead = { [unowned self] bytes in receive(bytes) }
        connection.onClose = { [unowned self] error in
            fail(error.map { "\($0)" } ?? "the peer closed the connection")
        }
        connection.onDrained = { [unowned self] in pump() }
        state = .openSent
        lastReceived = loop.now
        let open = OpenMessage(
            autonomousSystem: localAS, holdTime: offeredHoldTime, bgpIdentifier: address,
            capabilities: [.multiprotocol(.ipv4Unicast), .routeRefresh])
        send(.open(open))
    }

    /// Ends the session with a Cease, administrative shutdown (RFC 4486 §3).
    func close() {
        guard state != .closed else { return }
        state = .closed
        let cease = NotificationMessage(code: .cease, subcode: CeaseSubcode.administrativeShutdown)
        connection?.write { Message.notification(cease).encode(into: &$0, options: options) }
        connection?.closeAfterFlush(timeout: 1)
        connection = nil
    }

    // MARK: - Sending

    /// Starts playing `stream`, chunk by chunk whenever the socket's buffer empties.
    func play(_ stream: UpdateStream) {
        precondition(role == .sender && state == .established, "only an established sender plays")
        self.stream = stream
        nextChunk = 0
        pump()
    }

    /// Writes chunks while the kernel takes them whole; the rest of a chunk the kernel did
    /// not take waits in the connection's buffer until `onDrained`.
    private func pump() {
        guard let stream, let connection, state == .established else { return }
        while connection.pendingWriteBytes == 0, nextChunk < stream.chunkEnds.count {
            let start = nextChunk == 0 ? 0 : stream.chunkEnds[nextChunk - 1]
            stream.bytes.withUnsafeBytes { all in
                connection.write(
                    UnsafeRawBufferPointer(rebasing: all[start..<stream.chunkEnds[nextChunk]]))
            }
            nextChunk += 1
        }
        lastSent = loop.now
        guard nextChunk == stream.chunkEnds.count, connection.pendingWriteBytes == 0 else { return }
        self.stream = nil
        observer.sessionSent(self)
    }

    /// Sends an End-of-RIB (RFC 4724 §2): a receiver has nothing else to send.
    func sendEndOfRIB() {
        send(.update(.endOfRIB(.ipv4Unicast)))
    }

    /// Sends a KEEPALIVE when a third of the hold time passed since we last sent, and fails
    /// when the hold time passed without a message received (RFC 4271 §4.4, §6.5).
    func tick() {
        guard holdTime > 0, state == .openConfirm || state == .established else { return }
        guard loop.now - lastReceived <= holdTime else {
            return failSending(NotificationMessage(code: .holdTimerExpired), "hold timer expired")
        }
        if loop.now - lastSent >= holdTime / 3 { send(.keepalive) }
    }

    /// Sends one message after what is buffered.
    func send(_ message: Message) {
        connection?.write { message.encode(into: &$0, options: options) }
        lastSent = loop.now
    }

    // MARK: - State changes, for the receiving side

    /// Notes that bytes arrived, for the hold timer.
    func noteReceived() { lastReceived = loop.now }

    /// Takes the OPEN's outcome: OpenConfirm with the agreed hold time and codec options.
    func negotiated(holdTime: UInt16, open: OpenMessage) {
        self.holdTime = Double(holdTime)
        options = CodecOptions(fourOctetAS: open.offers(.fourOctetAS), extendedMessage: false)
        state = .openConfirm
    }

    /// Enters Established and tells the observer.
    func becomeEstablished() {
        (state, wasEstablished) = (.established, true)
        observer.sessionEstablished(self)
    }

    /// Hands a decoded UPDATE to the observer.
    func observerReceived(_ update: UpdateMessage) {
        observer.session(self, received: update)
    }

    // MARK: - Failing

    /// Sends `notification`, closes after it, and reports `reason`.
    func failSending(_ notification: NotificationMessage, _ reason: String) {
        connection?.write { Message.notification(notification).encode(into: &$0, options: options) }
        connection?.closeAfterFlush(timeout: 1)
        connection = nil
        fail(reason)
    }

    /// Closes at once and reports `reason`, once.
    func fail(_ reason: String) {
        guard state != .closed else { return }
        connection?.close()
        (connection, state, stream) = (nil, .closed, nil)
        observer.session(self, failed: reason)
    }
}

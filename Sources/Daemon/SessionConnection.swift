import BGPWire
import EventLoop
import Session

/// One TCP connection to a peer with the state machine that runs on it.
///
/// A peer has one of these, and a second one for an incoming connection
/// while a collision (RFC 4271 §6.8) is being resolved.
final class SessionConnection {
    /// The RFC 4271 §8 state machine of this connection.
    var fsm: SessionFSM
    /// The socket, once connected.
    var tcp: TCPConnection?
    /// A connect() under way.
    var attempt: ConnectAttempt?
    /// Whether we opened the connection (for collision resolution).
    var locallyInitiated: Bool
    /// The FSM's running timers.
    var timers: [SessionTimer: TimerID] = [:]
    /// When the hold timer really expires (monotonic seconds): every UPDATE and KEEPALIVE
    /// restarts it (RFC 4271 §8.2.2), which only moves this deadline; the scheduled timer
    /// looks at it when it fires.
    var holdDeadline = 0.0
    /// When the scheduled hold timer fires; a new deadline before it (the negotiated hold
    /// time replacing the large one of OpenSent) needs the timer scheduled again.
    var holdFiresAt = 0.0
    /// How messages are encoded: two-octet ASes until the OPENs say otherwise.
    var codec = CodecOptions.beforeOpen
    /// Set once the connection is dropped, so late callbacks do nothing.
    var isRetired = false

    init(configuration: SessionConfiguration, locallyInitiated: Bool) {
        fsm = SessionFSM(configuration: configuration)
        self.locallyInitiated = locallyInitiated
    }

    /// Stops every timer and closes the socket without flushing.
    func retire(loop: EventLoop) {
        isRetired = true
        for timer in timers.values { loop.cancel(timer) }
        timers.removeAll()
        attempt?.cancel()
        attempt = nil
        tcp?.close()
        tcp = nil
    }
}

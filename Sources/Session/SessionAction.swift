import BGPWire

/// What the event loop must do for a session, in the order given.
public enum SessionAction: Sendable, Equatable {
    /// Open a TCP connection to the peer.
    case connect
    /// Release the connection: flush the messages already queued, then close the
    /// socket. Also sent after `tcpConnectionFailed`, so that the socket is freed.
    case closeConnection
    /// Encode and queue this message on the connection.
    case send(Message)
    /// Arm this one-shot timer, replacing it if it runs.
    case startTimer(SessionTimer, seconds: Double)
    /// Cancel this timer.
    case stopTimer(SessionTimer)
    /// The state changed; the one place state changes are to be logged.
    case stateChanged(from: SessionState, to: SessionState)
    /// The session reached Established with these negotiated terms: switch the
    /// codec to `codecOptions` and send the initial routes.
    case established(NegotiatedSession)
    /// The FSM fell back to Idle (a failure, a stop, or a lost collision). The
    /// RIB must flush every route learned from the peer; if the session never
    /// reached Established there is nothing to flush.
    case sessionDown(reason: String)
    /// An UPDATE for the RIB (RFC 4271 §9).
    case updateReceived(UpdateMessage)
    /// The peer asks us to send this family's Adj-RIB-Out again (RFC 2918 §4).
    case routeRefreshRequested(AddressFamily)
    /// The peer begins (BoRR) or ends (EoRR) a re-advertisement of this family's routes
    /// (RFC 7313 §4): its routes go stale at the beginning, and those it did not send
    /// again are withdrawn at the end.
    case routeRefreshMarker(RouteRefreshSubtype, AddressFamily)
}

import BGPWire

/// What can happen to a session: operator commands, timers, TCP and messages
/// (RFC 4271 §8.1, with the optional events this FSM does not use left out).
public enum SessionEvent: Sendable, Equatable {
    /// The operator starts the peer (RFC 4271 Event 1).
    case manualStart
    /// The daemon starts the peer on its own, e.g. at boot (RFC 4271 Event 3).
    case automaticStart
    /// The daemon starts the peer on its own and waits for the peer's connection instead
    /// of calling it (RFC 4271 Event 5, AutomaticStart_with_PassiveTcpEstablishment): the
    /// peer has just called, so a call of ours would only collide with it.
    case automaticStartPassive
    /// The operator stops the peer (RFC 4271 Event 2). A session past OpenSent
    /// is sent a Cease with this subcode (`CeaseSubcode`, RFC 4486); no automatic
    /// restart follows.
    case manualStop(ceaseSubcode: UInt8)
    /// The daemon stops the peer on its own (RFC 4271 Event 8), such as when the peer sent
    /// more prefixes than its limit. A session past OpenSent is sent this NOTIFICATION, a
    /// Cease carrying data (RFC 4486 §4); as after `manualStop` no automatic restart
    /// follows: the daemon decides when to start the peer again.
    case automaticStop(NotificationMessage)
    /// `SessionTimer.connectRetry` fired (RFC 4271 Event 9).
    case connectRetryTimerExpired
    /// `SessionTimer.hold` fired (RFC 4271 Event 10).
    case holdTimerExpired
    /// `SessionTimer.keepalive` fired (RFC 4271 Event 11).
    case keepaliveTimerExpired
    /// `SessionTimer.idleHold` fired (RFC 4271 Event 13).
    case idleHoldTimerExpired
    /// Our connect() succeeded, or we accepted a connection for this peer
    /// (RFC 4271 Events 16 and 17).
    case tcpConnectionConfirmed
    /// The connect failed, or the peer closed the connection (RFC 4271 Event 18).
    case tcpConnectionFailed
    /// A message was decoded (RFC 4271 Events 19, 24-27).
    case messageReceived(Message)
    /// The codec found a header, OPEN or UPDATE error and chose this
    /// NOTIFICATION (RFC 4271 Events 21, 22, 28).
    case decodeFailed(NotificationMessage)
}

/// The timers a session runs (RFC 4271 §8, §10).
///
/// The event loop owns the clocks: the FSM asks for a timer with
/// `SessionAction.startTimer`, which (re)arms it as a one-shot, and cancels it with
/// `SessionAction.stopTimer`; when it fires, the loop delivers the matching
/// `SessionEvent`.
public enum SessionTimer: String, Sendable, Hashable, CaseIterable {
    /// Between attempts to open a TCP connection (RFC 4271 §8: ConnectRetryTimer).
    case connectRetry
    /// The longest silence accepted from the peer (RFC 4271 §4.4, §6.5).
    case hold
    /// When to send our next KEEPALIVE (RFC 4271 §4.4).
    case keepalive
    /// The back-off before an automatic restart (RFC 4271 §8: IdleHoldTimer).
    case idleHold
}

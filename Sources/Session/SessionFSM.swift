// Session: the BGP-4 finite state machine of RFC 4271 §8, with no I/O.
//
// One `SessionFSM` value per connection. The event loop feeds it `SessionEvent`s
// (operator commands, timer expiries, TCP results, decoded messages) and performs
// the `SessionAction`s it returns, in order: connect, send, arm and cancel timers,
// close, and hand UPDATEs and route-refresh requests on to the RIB. The FSM never
// reads a clock and never touches a socket, so every transition can be tested
// as a script of events.
//
// Supported: the mandatory events and states of RFC 4271 §8.2.2, AutomaticStop
// (Event 8, for a prefix limit), passive peers (PassiveTcpEstablishment), a doubling
// idle hold (DampPeerOscillations in a simple form), FSM error subcodes (RFC 6608),
// four-octet AS checks (RFC 6793), route refresh (RFC 2918), extended messages (RFC 8654),
// enhanced route refresh as the side that answers (RFC 7313) and collision resolution
// (RFC 4271 §6.8, RFC 6286). Not supported: DelayOpen, CollisionDetectEstablishedState,
// graceful restart (RFC 4724) and stale routes at a peer's BoRR and EoRR (RFC 7313 §4).

import BGPWire

/// The BGP finite state machine for one connection to one peer (RFC 4271 §8.2.2),
/// as a value: `handle(_:)` takes an event and returns the actions to perform.
///
/// Deviations from the letter of §8.2.2, all on purpose:
/// - A timer event for a timer the FSM did not arm (or has stopped) is stale and
///   ignored, instead of counting as an unexpected event.
/// - A NOTIFICATION received is never answered with one (RFC 4271 §6.4), in
///   OpenSent too.
/// - A second TCP connection reported to an FSM past Active is ignored: the event
///   loop runs a second FSM for it and applies `CollisionResolution`.
/// - After a failure the FSM waits in Idle for the idle hold delay, then restarts
///   itself, unless it was stopped with `manualStop`. The delay starts at
///   `idleHoldTime`, doubles after each failure up to `maximumIdleHoldTime`, and
///   returns to `idleHoldTime` on a manual stop or once an Established session
///   receives its first KEEPALIVE (at once if the hold time is 0): by then the
///   peer has kept the session for a keepalive interval.
public struct SessionFSM: Sendable {
    /// The hold time while waiting for the peer's OPEN, in seconds (RFC 4271
    /// §8.2.2 suggests 4 minutes).
    public static let largeHoldTime: Double = 240

    /// What this session was configured with.
    public let configuration: SessionConfiguration
    /// The current state; changes are also reported as `SessionAction.stateChanged`.
    public private(set) var state: SessionState = .idle
    /// The terms agreed with the peer, from OpenConfirm on; nil in earlier states.
    /// In OpenConfirm it gives the peer's identifier for collision resolution.
    public internal(set) var negotiated: NegotiatedSession?
    /// The last NOTIFICATION sent or received, or the last TCP failure, in words.
    public internal(set) var lastError: String?
    /// The delay the next automatic restart will wait, in seconds.
    public internal(set) var idleHoldDelay: Double

    /// Whether a failure is followed by an automatic restart (RFC 4271 §8:
    /// AllowAutomaticStart): set by the start events, cleared by `manualStop`.
    var automaticStartAllowed = false
    /// Whether the event loop holds a connection (or an attempt) for this FSM.
    var hasConnection = false
    /// The timers armed and not yet fired or stopped.
    var runningTimers: Set<SessionTimer> = []
    /// The actions of the event being handled.
    var pending: [SessionAction] = []

    /// Creates an FSM in Idle; nothing happens until a start event.
    public init(configuration: SessionConfiguration) {
        self.configuration = configuration
        idleHoldDelay = min(configuration.idleHoldTime, configuration.maximumIdleHoldTime)
    }

    /// Applies one event and returns the actions to perform, in order.
    public mutating func handle(_ event: SessionEvent) -> [SessionAction] {
        pending = []
        dispatch(event)
        let actions = pending
        pending = []
        return actions
    }

    /// Routes an event to the method that handles it.
    mutating func dispatch(_ event: SessionEvent) {
        switch event {
        case .manualStart, .automaticStart: start()
        case .automaticStartPassive: startPassively()
        case .manualStop(let ceaseSubcode):
            stop(sending: NotificationMessage(code: .cease, subcode: ceaseSubcode))
        case .automaticStop(let notification): stop(sending: notification)
        case .connectRetryTimerExpired: timerExpired(.connectRetry)
        case .holdTimerExpired: timerExpired(.hold)
        case .keepaliveTimerExpired: timerExpired(.keepalive)
        case .idleHoldTimerExpired: timerExpired(.idleHold)
        case .tcpConnectionConfirmed: connectionConfirmed()
        case .tcpConnectionFailed: connectionFailed()
        case .messageReceived(let message): received(message)
        case .decodeFailed(let notification): decodeFailed(notification)
        }
    }

    /// Handles a timer expiry; a timer that is not running is stale and ignored.
    mutating func timerExpired(_ timer: SessionTimer) {
        guard runningTimers.remove(timer) != nil else { return }
        switch timer {
        case .connectRetry: retryConnection()
        case .hold: fail(sending: NotificationMessage(code: .holdTimerExpired))
        case .keepalive: sendKeepalive()
        case .idleHold: start()
        }
    }
}

// MARK: - Primitives

extension SessionFSM {
    /// Queues an action.
    mutating func emit(_ action: SessionAction) {
        pending.append(action)
    }

    /// Changes state and reports it; nothing if the state stays the same.
    mutating func transition(to newState: SessionState) {
        guard newState != state else { return }
        emit(.stateChanged(from: state, to: newState))
        state = newState
    }

    /// Arms (or re-arms) a timer.
    mutating func startTimer(_ timer: SessionTimer, seconds: Double) {
        runningTimers.insert(timer)
        emit(.startTimer(timer, seconds: seconds))
    }

    /// Cancels a timer if it runs.
    mutating func stopTimer(_ timer: SessionTimer) {
        guard runningTimers.remove(timer) != nil else { return }
        emit(.stopTimer(timer))
    }

    /// Asks the event loop for a TCP connection to the peer.
    mutating func openConnection() {
        hasConnection = true
        emit(.connect)
    }

    /// Releases the connection if there is one.
    mutating func closeConnection() {
        guard hasConnection else { return }
        hasConnection = false
        emit(.closeConnection)
    }
}

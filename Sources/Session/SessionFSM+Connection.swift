import BGPWire

// The Idle, Connect and Active states: getting a TCP connection (RFC 4271 §8.2.2).
extension SessionFSM {
    /// ManualStart, AutomaticStart or the idle hold's end. In Idle: connect and
    /// go to Connect, or, for a passive peer, go to Active and wait. Ignored in
    /// every other state (RFC 4271 §8.2.2).
    mutating func start() {
        guard state == .idle else { return }
        automaticStartAllowed = true
        stopTimer(.idleHold)
        guard !configuration.passive else {
            transition(to: .active)
            return
        }
        startTimer(.connectRetry, seconds: configuration.connectRetryTime)
        openConnection()
        transition(to: .connect)
    }

    /// AutomaticStart_with_PassiveTcpEstablishment: in Idle, arm the ConnectRetry timer
    /// (unless the peer is passive) and wait in Active for the peer's connection; the timer
    /// makes us call after all if none comes (RFC 4271 §8.2.2, Event 5).
    mutating func startPassively() {
        guard state == .idle else { return }
        automaticStartAllowed = true
        stopTimer(.idleHold)
        if !configuration.passive {
            startTimer(.connectRetry, seconds: configuration.connectRetryTime)
        }
        transition(to: .active)
    }

    /// ConnectRetryTimer_Expires in Connect or Active: drop any attempt, try
    /// again and go to Connect (RFC 4271 §8.2.2). A passive peer never arms it.
    mutating func retryConnection() {
        closeConnection()
        startTimer(.connectRetry, seconds: configuration.connectRetryTime)
        openConnection()
        transition(to: .connect)
    }

    /// Tcp_CR_Acked or TcpConnectionConfirmed.
    mutating func connectionConfirmed() {
        switch state {
        case .idle:
            // Idle refuses all connections (RFC 4271 §8.2.2).
            emit(.closeConnection)
        case .connect, .active:
            hasConnection = true
            sendOpen()
        case .openSent, .openConfirm, .established:
            // A second connection: the event loop gives it its own FSM (RFC 4271 §6.8).
            break
        }
    }

    /// Sends our OPEN and waits for the peer's under the large hold time
    /// (RFC 4271 §8.2.2, Connect and Active without DelayOpen).
    mutating func sendOpen() {
        stopTimer(.connectRetry)
        emit(.send(.open(configuration.open)))
        startTimer(.hold, seconds: Self.largeHoldTime)
        transition(to: .openSent)
    }

    /// TcpConnectionFails. OpenSent goes back to Active to listen (RFC 4271
    /// §8.2.2); every other state but Idle falls to Idle.
    mutating func connectionFailed() {
        guard state != .idle else { return }
        lastError = "tcp connection failed"
        guard state == .openSent else {
            fallToIdle(reason: "tcp connection failed", restart: true)
            return
        }
        closeConnection()
        stopTimer(.hold)
        if !configuration.passive {
            startTimer(.connectRetry, seconds: configuration.connectRetryTime)
        }
        transition(to: .active)
    }

    /// A message or a decode error in Connect or Active, where no message can be
    /// expected: drop the connection and fall to Idle (RFC 4271 §8.2.2, "any
    /// other event"). No NOTIFICATION, since no OPEN was sent.
    mutating func unexpectedBeforeOpen(_ what: String) {
        let reason = "unexpected \(what) in \(state.rawValue)"
        lastError = reason
        fallToIdle(reason: reason, restart: true)
    }
}

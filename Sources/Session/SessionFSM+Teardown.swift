import BGPWire

// Leaving a session: stops, failures and the idle hold (RFC 4271 §8.2.2).
extension SessionFSM {
    /// ManualStop or AutomaticStop: send `cease` if our OPEN went out, close, go to
    /// Idle and stay there; the idle hold delay returns to its base (RFC 4271 §8.2.2:
    /// ManualStop sets the ConnectRetryCounter to zero; after AutomaticStop the event
    /// loop, not the idle hold, decides when the session starts again).
    mutating func stop(sending cease: NotificationMessage) {
        automaticStartAllowed = false
        resetIdleHold()
        stopTimer(.idleHold)
        guard state != .idle else { return }
        guard state.hasSentOpen else {
            fallToIdle(reason: "stopped", restart: false)
            return
        }
        fallToIdle(reason: sendNotification(cease), restart: false)
    }

    /// Sends a NOTIFICATION, closes and falls to Idle with an automatic restart.
    mutating func fail(sending notification: NotificationMessage) {
        fallToIdle(reason: sendNotification(notification), restart: true)
    }

    /// Falls to Idle after the peer's NOTIFICATION, without answering it
    /// (RFC 4271 §6.4).
    mutating func fail(receiving notification: NotificationMessage) {
        let reason = "notification received: \(notification)"
        lastError = reason
        fallToIdle(reason: reason, restart: true)
    }

    /// Queues a NOTIFICATION and records it as the last error.
    ///
    /// The data is cut so that the message stays within 4096 octets, even with extended
    /// messages: a 7/1 quotes the whole ROUTE-REFRESH (RFC 7313 §5), and one of 65535
    /// octets would not fit in a message of its own. RFC 8654 §4 would allow a longer
    /// NOTIFICATION, but a peer (and tshark) may not take one, and the data only informs.
    ///
    /// - Returns: the error in words.
    mutating func sendNotification(_ notification: NotificationMessage) -> String {
        var notification = notification
        let room = MessageLimits.maximumLength - MessageLimits.headerLength - 2
        if notification.data.count > room {
            notification.data.removeLast(notification.data.count - room)
        }
        let reason = "notification sent: \(notification)"
        lastError = reason
        emit(.send(.notification(notification)))
        return reason
    }

    /// Closes the connection, stops the session timers, goes to Idle, reports
    /// the session down and, when allowed, arms the idle hold for a restart.
    mutating func fallToIdle(reason: String, restart: Bool) {
        closeConnection()
        for timer in SessionTimer.allCases where timer != .idleHold {
            stopTimer(timer)
        }
        negotiated = nil
        transition(to: .idle)
        emit(.sessionDown(reason: reason))

        guard restart, automaticStartAllowed else { return }
        startTimer(.idleHold, seconds: idleHoldDelay)
        idleHoldDelay = min(idleHoldDelay * 2, configuration.maximumIdleHoldTime)
    }

    /// Sets the idle hold delay back to its first value.
    mutating func resetIdleHold() {
        idleHoldDelay = min(configuration.idleHoldTime, configuration.maximumIdleHoldTime)
    }
}

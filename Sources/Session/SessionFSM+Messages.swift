import BGPWire

// Messages in OpenSent, OpenConfirm and Established (RFC 4271 §8.2.2).
extension SessionFSM {
    /// Routes a decoded message by state. The peer's NOTIFICATION ends the
    /// session in any state past Active.
    mutating func received(_ message: Message) {
        switch state {
        case .idle:
            return
        case .connect, .active:
            unexpectedBeforeOpen("message type \(message.type.rawValue)")
        case .openSent, .openConfirm, .established:
            if case .notification(let notification) = message {
                fail(receiving: notification)
            } else {
                receivedInSession(message)
            }
        }
    }

    /// Routes a message other than NOTIFICATION, past Active.
    mutating func receivedInSession(_ message: Message) {
        switch (state, message) {
        case (.openSent, .open(let open)): receivedOpen(open)
        case (.openConfirm, .keepalive): confirmSession()
        case (.established, .keepalive): restartHoldTimer(afterKeepalive: true)
        case (.established, .update(let update)): receivedUpdate(update)
        case (.established, .routeRefresh(let request)): receivedRouteRefresh(request)
        default: unexpectedMessage()
        }
    }

    /// BGPHeaderErr, BGPOpenMsgErr or UpdateMsgErr: send the codec's NOTIFICATION
    /// and close (RFC 4271 §8.2.2).
    mutating func decodeFailed(_ notification: NotificationMessage) {
        switch state {
        case .idle: return
        case .connect, .active: unexpectedBeforeOpen("decode error \(notification)")
        case .openSent, .openConfirm, .established: fail(sending: notification)
        }
    }

    /// A message the state does not allow: a Finite State Machine Error with
    /// the RFC 6608 subcode of the state.
    mutating func unexpectedMessage() {
        let subcode: UInt8
        switch state {
        case .openSent: subcode = FiniteStateMachineSubcode.unexpectedMessageInOpenSent
        case .openConfirm: subcode = FiniteStateMachineSubcode.unexpectedMessageInOpenConfirm
        default: subcode = FiniteStateMachineSubcode.unexpectedMessageInEstablished
        }
        fail(sending: NotificationMessage(code: .finiteStateMachineError, subcode: subcode))
    }

    // MARK: - OpenSent

    /// BGPOpen in OpenSent: check what the codec cannot, negotiate, send a
    /// KEEPALIVE, arm the negotiated timers and go to OpenConfirm (RFC 4271 §8.2.2).
    mutating func receivedOpen(_ open: OpenMessage) {
        if let error = openError(open) {
            fail(sending: error)
            return
        }
        let session = NegotiatedSession(local: configuration.open, remote: open)
        negotiated = session
        emit(.send(.keepalive))
        if session.holdTime > 0 {
            startTimer(.keepalive, seconds: session.keepaliveTime)
            startTimer(.hold, seconds: Double(session.holdTime))
        } else {
            stopTimer(.hold)
        }
        transition(to: .openConfirm)
    }

    /// The OPEN checks that need the configuration (RFC 4271 §6.2), or nil.
    ///
    /// The peer's AS is the one of its four-octet AS capability if it sent one,
    /// else the two-octet field, so AS_TRANS there is fine (RFC 6793 §4.1). Hold
    /// times of 1 and 2 s are rejected here too, in case the codec lets one by.
    func openError(_ open: OpenMessage) -> NotificationMessage? {
        if open.autonomousSystem != configuration.peerAS {
            return NotificationMessage(
                code: .openMessageError, subcode: OpenMessageSubcode.badPeerAS)
        }
        if open.holdTime == 1 || open.holdTime == 2 {
            return NotificationMessage(
                code: .openMessageError, subcode: OpenMessageSubcode.unacceptableHoldTime)
        }
        // An internal peer must not share our identifier (RFC 6286 §2.2).
        let sameIdentifier =
            configuration.isInternal
            && open.bgpIdentifier == configuration.localIdentifier
        if open.bgpIdentifier == .zero || sameIdentifier {
            return NotificationMessage(
                code: .openMessageError, subcode: OpenMessageSubcode.badBGPIdentifier)
        }
        return nil
    }

    // MARK: - OpenConfirm

    /// KeepAliveMsg in OpenConfirm: restart the hold timer and go to Established.
    mutating func confirmSession() {
        guard let session = negotiated else {
            preconditionFailure("openConfirm is entered only with negotiated terms")
        }
        restartHoldTimer(afterKeepalive: false)
        transition(to: .established)
        emit(.established(session))
        if session.holdTime == 0 {
            resetIdleHold()
        }
    }

    // MARK: - Established

    /// Restarts the hold timer unless the hold time is 0 (RFC 4271 §8.2.2). The
    /// first KEEPALIVE in Established also resets the idle hold delay.
    mutating func restartHoldTimer(afterKeepalive: Bool) {
        guard let holdTime = negotiated?.holdTime, holdTime > 0 else { return }
        startTimer(.hold, seconds: Double(holdTime))
        if afterKeepalive {
            resetIdleHold()
        }
    }

    /// UpdateMsg: restart the hold timer and hand the UPDATE to the RIB.
    mutating func receivedUpdate(_ update: UpdateMessage) {
        restartHoldTimer(afterKeepalive: false)
        emit(.updateReceived(update))
    }

    /// A ROUTE-REFRESH request is honoured only if route refresh and the family were
    /// negotiated; otherwise it is ignored and the session stays up (RFC 2918 §4). A BoRR
    /// or EoRR is handed on when enhanced route refresh and the family were negotiated
    /// (RFC 7313 §4), else ignored, and so is an unknown subtype (RFC 7313 §5); the codec
    /// has already rejected a BoRR or EoRR of the wrong length with 7/1.
    mutating func receivedRouteRefresh(_ request: RouteRefreshMessage) {
        guard let session = negotiated, session.families.contains(request.family) else {
            return
        }
        if request.subtype == .request, session.routeRefresh {
            emit(.routeRefreshRequested(request.family))
        } else if [.beginning, .end].contains(request.subtype), session.enhancedRouteRefresh {
            emit(.routeRefreshMarker(request.subtype, request.family))
        }
    }

    /// KeepaliveTimer_Expires in OpenConfirm or Established: send a KEEPALIVE
    /// and re-arm the timer (RFC 4271 §8.2.2).
    mutating func sendKeepalive() {
        guard let session = negotiated, session.holdTime > 0 else { return }
        emit(.send(.keepalive))
        startTimer(.keepalive, seconds: session.keepaliveTime)
    }
}

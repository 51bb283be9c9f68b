import BGPWire
import EventLoop

extension BenchSession {
    /// Takes every whole message from the front of `bytes`; returns the bytes consumed.
    func receive(_ bytes: UnsafeRawBufferPointer) -> Int {
        var offset = 0
        noteReceived()
        do throws(NotificationMessage) {
            while state != .closed,
                let length = try MessageFramer.nextMessageLength(
                    in: UnsafeRawBufferPointer(rebasing: bytes[offset...]),
                    maximumLength: options.maximumMessageLength)
            {
                let message = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
                offset += length
                // A sender has no use for what the daemon sends it: framing is enough.
                let type = message[MessageLimits.headerLength - 1]
                if role == .sender, type == MessageType.update.rawValue, state == .established {
                    continue
                }
                handle(try Message.decode(message, options: options))
            }
        } catch {
            failSending(error, "received a bad message: \(error)")
        }
        return offset
    }

    private func handle(_ message: Message) {
        switch message {
        case .open(let open): received(open)
        case .keepalive: receivedKeepalive()
        case .update(let update): receivedUpdate(update)
        case .notification(let notification): fail("the peer sent \(notification)")
        case .routeRefresh: break  // Everything was sent once already; a benchmark does not repeat.
        }
    }

    /// RFC 4271 §6.2: the peer's AS must be the configured one; the hold time is the smaller
    /// of the two offered. RFC 6793: four-octet ASes when both offer them.
    private func received(_ open: OpenMessage) {
        guard state == .openSent else { return unexpected("OPEN") }
        if let peerAS, open.autonomousSystem != peerAS {
            let error = NotificationMessage(
                code: .openMessageError, subcode: OpenMessageSubcode.badPeerAS)
            return failSending(error, "the peer is AS \(open.autonomousSystem), not \(peerAS)")
        }
        negotiated(holdTime: min(open.holdTime, offeredHoldTime), open: open)
        send(.keepalive)
    }

    private func receivedKeepalive() {
        guard state == .openConfirm else { return }
        becomeEstablished()
    }

    private func receivedUpdate(_ update: UpdateMessage) {
        guard state == .established else { return unexpected("UPDATE") }
        observerReceived(update)
    }

    /// RFC 4271 §6.6: a message the state does not allow is a Finite State Machine Error.
    private func unexpected(_ what: String) {
        failSending(NotificationMessage(code: .finiteStateMachineError), "unexpected \(what)")
    }
}

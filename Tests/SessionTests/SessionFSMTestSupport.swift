import BGPWire

@testable import Session

/// Shared values and drivers for the FSM tests: we are AS 64511 at 10.0.0.1,
/// the external peer is AS 64512 at 10.0.0.2.
enum Fixture {
    static let localIdentifier = IPv4Address(10, 0, 0, 1)
    static let peerIdentifier = IPv4Address(10, 0, 0, 2)
    static let localAS: UInt32 = 64511
    static let peerAS: UInt32 = 64512

    static func configuration(
        peerAS: UInt32 = peerAS, holdTime: UInt16 = 90, passive: Bool = false,
        maximumIdleHoldTime: Double = 120
    ) -> SessionConfiguration {
        SessionConfiguration(
            localAS: localAS, peerAS: peerAS, localIdentifier: localIdentifier,
            holdTime: holdTime, passive: passive, maximumIdleHoldTime: maximumIdleHoldTime)
    }

    static func peerOpen(
        autonomousSystem: UInt32 = peerAS, holdTime: UInt16 = 90,
        identifier: IPv4Address = peerIdentifier,
        capabilities: [Capability] = [.multiprotocol(.ipv4Unicast), .routeRefresh]
    ) -> OpenMessage {
        OpenMessage(
            autonomousSystem: autonomousSystem, holdTime: holdTime, bgpIdentifier: identifier,
            capabilities: capabilities)
    }

    static let cease62 = NotificationMessage(
        code: .cease, subcode: CeaseSubcode.administrativeShutdown)
}

extension SessionFSM {
    /// Applies events in order and returns every action.
    mutating func run(_ events: [SessionEvent]) -> [SessionAction] {
        events.flatMap { handle($0) }
    }

    /// An FSM driven to `state` over an active open.
    static func driven(
        to state: SessionState, configuration: SessionConfiguration = Fixture.configuration(),
        peerOpen: OpenMessage = Fixture.peerOpen()
    ) -> SessionFSM {
        var fsm = SessionFSM(configuration: configuration)
        let script: [SessionEvent] = [
            .manualStart, .tcpConnectionConfirmed, .messageReceived(.open(peerOpen)),
            .messageReceived(.keepalive),
        ]
        let steps: [SessionState: Int] = [
            .idle: 0, .connect: 1, .openSent: 2, .openConfirm: 3, .established: 4,
        ]
        _ = fsm.run(Array(script.prefix(steps[state]!)))
        precondition(fsm.state == state, "the script reaches \(state)")
        return fsm
    }
}

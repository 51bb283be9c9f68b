import BGPWire
import Testing

@testable import Session

// MARK: - Opening a session

@Test func activeOpenReachesEstablished() {
    let configuration = Fixture.configuration()
    var fsm = SessionFSM(configuration: configuration)

    #expect(
        fsm.handle(.manualStart) == [
            .startTimer(.connectRetry, seconds: 30), .connect,
            .stateChanged(from: .idle, to: .connect),
        ])
    #expect(
        fsm.handle(.tcpConnectionConfirmed) == [
            .stopTimer(.connectRetry), .send(.open(configuration.open)),
            .startTimer(.hold, seconds: 240), .stateChanged(from: .connect, to: .openSent),
        ])
    #expect(
        fsm.handle(.messageReceived(.open(Fixture.peerOpen()))) == [
            .send(.keepalive), .startTimer(.keepalive, seconds: 30),
            .startTimer(.hold, seconds: 90), .stateChanged(from: .openSent, to: .openConfirm),
        ])

    let expected = NegotiatedSession(
        peerIdentifier: Fixture.peerIdentifier, peerAS: Fixture.peerAS, holdTime: 90,
        keepaliveTime: 30, fourOctetAS: true, routeRefresh: true, enhancedRouteRefresh: false,
        families: [.ipv4Unicast], codecOptions: CodecOptions(fourOctetAS: true))
    #expect(fsm.negotiated == expected)
    #expect(
        fsm.handle(.messageReceived(.keepalive)) == [
            .startTimer(.hold, seconds: 90), .stateChanged(from: .openConfirm, to: .established),
            .established(expected),
        ])
    #expect(fsm.state == .established)
    #expect(fsm.lastError == nil)
}

@Test func ourOpenCarriesConfiguredValues() {
    let open = Fixture.configuration(holdTime: 30).open
    #expect(open.myAutonomousSystem == UInt16(Fixture.localAS))
    #expect(open.holdTime == 30)
    #expect(open.bgpIdentifier == Fixture.localIdentifier)
    #expect(open.multiprotocolFamilies == [.ipv4Unicast, .ipv6Unicast])
    #expect(open.offers(.routeRefresh))
    #expect(open.capabilities.contains(.enhancedRouteRefresh))
    #expect(open.capabilities.contains(.extendedMessage))
    #expect(open.fourOctetAutonomousSystem == Fixture.localAS)
}

@Test func automaticStartPassiveWaitsInActiveThenCallsWhenTheTimerFires() {
    let configuration = Fixture.configuration()
    var fsm = SessionFSM(configuration: configuration)

    #expect(
        fsm.handle(.automaticStartPassive) == [
            .startTimer(.connectRetry, seconds: 30), .stateChanged(from: .idle, to: .active),
        ])
    #expect(
        fsm.handle(.tcpConnectionConfirmed) == [
            .stopTimer(.connectRetry), .send(.open(configuration.open)),
            .startTimer(.hold, seconds: 240), .stateChanged(from: .active, to: .openSent),
        ])
    var waiting = SessionFSM(configuration: configuration)
    _ = waiting.handle(.automaticStartPassive)
    #expect(
        waiting.handle(.connectRetryTimerExpired) == [
            .startTimer(.connectRetry, seconds: 30), .connect,
            .stateChanged(from: .active, to: .connect),
        ])
    #expect(fsm.handle(.automaticStartPassive) == [])
}

@Test func passivePeerWaitsInActiveAndNeverConnects() {
    let configuration = Fixture.configuration(passive: true)
    var fsm = SessionFSM(configuration: configuration)

    #expect(fsm.handle(.manualStart) == [.stateChanged(from: .idle, to: .active)])
    #expect(fsm.handle(.connectRetryTimerExpired) == [])
    #expect(
        fsm.handle(.tcpConnectionConfirmed) == [
            .send(.open(configuration.open)), .startTimer(.hold, seconds: 240),
            .stateChanged(from: .active, to: .openSent),
        ])
    #expect(
        fsm.handle(.tcpConnectionFailed) == [
            .closeConnection, .stopTimer(.hold), .stateChanged(from: .openSent, to: .active),
        ])
    #expect(fsm.lastError == "tcp connection failed")

    let restart: [SessionEvent] = [
        .tcpConnectionConfirmed, .messageReceived(.notification(Fixture.cease62)),
        .idleHoldTimerExpired,
    ]
    let actions = fsm.run(restart)
    #expect(actions.last == .stateChanged(from: .idle, to: .active))
    #expect(!actions.contains(.connect))
    #expect(fsm.state == .active)
}

@Test func automaticStartStartsLikeManualStart() {
    var manual = SessionFSM(configuration: Fixture.configuration())
    var automatic = SessionFSM(configuration: Fixture.configuration())
    #expect(manual.handle(.manualStart) == automatic.handle(.automaticStart))
    #expect(automatic.state == .connect)
}

@Test func tcpFailureInEstablishedTakesTheSessionDown() {
    var fsm = SessionFSM.driven(to: .established)
    #expect(
        fsm.handle(.tcpConnectionFailed) == [
            .closeConnection, .stopTimer(.hold), .stopTimer(.keepalive),
            .stateChanged(from: .established, to: .idle),
            .sessionDown(reason: "tcp connection failed"), .startTimer(.idleHold, seconds: 1),
        ])
    #expect(fsm.lastError == "tcp connection failed")
    #expect(fsm.negotiated == nil)
}

@Test func activePeerReturnsToActiveAndRetriesAfterOpenSentFailure() {
    var fsm = SessionFSM.driven(to: .openSent)
    #expect(
        fsm.handle(.tcpConnectionFailed) == [
            .closeConnection, .stopTimer(.hold), .startTimer(.connectRetry, seconds: 30),
            .stateChanged(from: .openSent, to: .active),
        ])
    #expect(
        fsm.handle(.connectRetryTimerExpired) == [
            .startTimer(.connectRetry, seconds: 30), .connect,
            .stateChanged(from: .active, to: .connect),
        ])
}

@Test func connectRetryExpiryInConnectDropsTheAttemptAndRetries() {
    var fsm = SessionFSM.driven(to: .connect)
    #expect(
        fsm.handle(.connectRetryTimerExpired) == [
            .closeConnection, .startTimer(.connectRetry, seconds: 30), .connect,
        ])
    #expect(fsm.state == .connect)
}

@Test func startEventsAreIgnoredOutsideIdle() {
    var fsm = SessionFSM.driven(to: .established)
    #expect(fsm.run([.manualStart, .automaticStart]) == [])
    #expect(fsm.state == .established)
}

// MARK: - Hold time negotiation

struct HoldTimeCase: Sendable, CustomTestStringConvertible {
    var ours: UInt16
    var theirs: UInt16
    var negotiated: UInt16
    var testDescription: String { "ours \(ours), theirs \(theirs)" }
}

@Test(arguments: [
    HoldTimeCase(ours: 90, theirs: 0, negotiated: 0),
    HoldTimeCase(ours: 0, theirs: 90, negotiated: 0),
    HoldTimeCase(ours: 90, theirs: 3, negotiated: 3),
    HoldTimeCase(ours: 90, theirs: 30, negotiated: 30),
    HoldTimeCase(ours: 60, theirs: 90, negotiated: 60),
])
func holdTimeIsTheSmallerProposal(_ testCase: HoldTimeCase) {
    var fsm = SessionFSM.driven(
        to: .openSent, configuration: Fixture.configuration(holdTime: testCase.ours))
    let actions = fsm.handle(.messageReceived(.open(Fixture.peerOpen(holdTime: testCase.theirs))))

    let hold = Double(testCase.negotiated)
    let timers: [SessionAction] =
        testCase.negotiated == 0
        ? [.stopTimer(.hold)]
        : [.startTimer(.keepalive, seconds: hold / 3), .startTimer(.hold, seconds: hold)]
    let confirm = SessionAction.stateChanged(from: .openSent, to: .openConfirm)
    #expect(actions == [.send(.keepalive)] + timers + [confirm])
    #expect(fsm.negotiated?.holdTime == testCase.negotiated)
    #expect(fsm.negotiated?.keepaliveTime == hold / 3)
}

@Test func zeroHoldTimeRunsNoTimersWhenEstablished() throws {
    var fsm = SessionFSM.driven(
        to: .openConfirm, peerOpen: Fixture.peerOpen(holdTime: 0))
    let negotiated = try #require(fsm.negotiated)
    #expect(
        fsm.handle(.messageReceived(.keepalive)) == [
            .stateChanged(from: .openConfirm, to: .established), .established(negotiated),
        ])
    #expect(fsm.handle(.messageReceived(.keepalive)) == [])
    #expect(fsm.run([.holdTimerExpired, .keepaliveTimerExpired]) == [])
    #expect(fsm.state == .established)
}

@Test(arguments: [UInt16(1), 2])
func holdTimesOfOneAndTwoSecondsAreRejected(_ holdTime: UInt16) {
    var fsm = SessionFSM.driven(to: .openSent)
    let actions = fsm.handle(.messageReceived(.open(Fixture.peerOpen(holdTime: holdTime))))
    let error = NotificationMessage(
        code: .openMessageError, subcode: OpenMessageSubcode.unacceptableHoldTime)
    #expect(actions.first == .send(.notification(error)))
    #expect(fsm.state == .idle)
}

// MARK: - Timers

@Test func holdTimerExpiryInEstablishedSendsHoldTimerExpired() {
    var fsm = SessionFSM.driven(to: .established)
    let reason = "notification sent: hold timer expired/unspecific (4/0)"
    #expect(
        fsm.handle(.holdTimerExpired) == [
            .send(.notification(NotificationMessage(code: .holdTimerExpired))),
            .closeConnection, .stopTimer(.keepalive),
            .stateChanged(from: .established, to: .idle), .sessionDown(reason: reason),
            .startTimer(.idleHold, seconds: 1),
        ])
    #expect(fsm.lastError == reason)
    #expect(fsm.negotiated == nil)
}

@Test func holdTimerExpiryInOpenSentSendsHoldTimerExpired() {
    var fsm = SessionFSM.driven(to: .openSent)
    #expect(
        fsm.handle(.holdTimerExpired) == [
            .send(.notification(NotificationMessage(code: .holdTimerExpired))),
            .closeConnection, .stateChanged(from: .openSent, to: .idle),
            .sessionDown(reason: "notification sent: hold timer expired/unspecific (4/0)"),
            .startTimer(.idleHold, seconds: 1),
        ])
}

@Test(arguments: [SessionState.openConfirm, .established])
func keepaliveTimerSendsKeepaliveAndRearms(_ state: SessionState) {
    var fsm = SessionFSM.driven(to: state)
    #expect(
        fsm.handle(.keepaliveTimerExpired) == [
            .send(.keepalive), .startTimer(.keepalive, seconds: 30),
        ])
    #expect(fsm.state == state)
}

@Test func staleTimerEventsAreIgnored() {
    var fsm = SessionFSM.driven(to: .established)
    #expect(fsm.run([.connectRetryTimerExpired, .idleHoldTimerExpired]) == [])
    #expect(fsm.state == .established)
}

// MARK: - OPEN checks

struct OpenCheckCase: Sendable, CustomTestStringConvertible {
    var name: String
    var configuredPeerAS: UInt32
    var open: OpenMessage
    /// The OPEN Message Error subcode expected, or nil if the OPEN is accepted.
    var subcode: UInt8?
    var testDescription: String { name }
}

@Test(arguments: [
    OpenCheckCase(
        name: "wrong two-octet AS", configuredPeerAS: 64512,
        open: Fixture.peerOpen(autonomousSystem: 64513), subcode: OpenMessageSubcode.badPeerAS),
    OpenCheckCase(
        name: "four-octet AS behind AS_TRANS", configuredPeerAS: 4_200_000_000,
        open: Fixture.peerOpen(autonomousSystem: 4_200_000_000), subcode: nil),
    OpenCheckCase(
        name: "wrong four-octet AS behind AS_TRANS", configuredPeerAS: 4_200_000_000,
        open: Fixture.peerOpen(autonomousSystem: 4_200_000_001),
        subcode: OpenMessageSubcode.badPeerAS),
    OpenCheckCase(
        name: "AS_TRANS without the capability", configuredPeerAS: 4_200_000_000,
        open: OpenMessage(
            version: 4, myAutonomousSystem: ASNumber.trans, holdTime: 90,
            bgpIdentifier: Fixture.peerIdentifier, capabilities: []),
        subcode: OpenMessageSubcode.badPeerAS),
    OpenCheckCase(
        name: "internal peer with our identifier", configuredPeerAS: Fixture.localAS,
        open: Fixture.peerOpen(
            autonomousSystem: Fixture.localAS, identifier: Fixture.localIdentifier),
        subcode: OpenMessageSubcode.badBGPIdentifier),
    OpenCheckCase(
        name: "external peer with our identifier", configuredPeerAS: Fixture.peerAS,
        open: Fixture.peerOpen(identifier: Fixture.localIdentifier), subcode: nil),
    OpenCheckCase(
        name: "identifier 0.0.0.0", configuredPeerAS: Fixture.peerAS,
        open: Fixture.peerOpen(identifier: .zero), subcode: OpenMessageSubcode.badBGPIdentifier),
])
func openIsCheckedAgainstTheConfiguration(_ testCase: OpenCheckCase) {
    let configuration = Fixture.configuration(peerAS: testCase.configuredPeerAS)
    var fsm = SessionFSM.driven(to: .openSent, configuration: configuration)
    let actions = fsm.handle(.messageReceived(.open(testCase.open)))

    guard let subcode = testCase.subcode else {
        #expect(fsm.state == .openConfirm)
        #expect(fsm.negotiated?.peerAS == testCase.configuredPeerAS)
        return
    }
    let error = NotificationMessage(code: .openMessageError, subcode: subcode)
    #expect(
        actions == [
            .send(.notification(error)), .closeConnection, .stopTimer(.hold),
            .stateChanged(from: .openSent, to: .idle),
            .sessionDown(reason: "notification sent: \(error)"),
            .startTimer(.idleHold, seconds: 1),
        ])
    #expect(fsm.negotiated == nil)
}

// MARK: - Errors and NOTIFICATIONs

@Test(arguments: [SessionState.openSent, .openConfirm, .established])
func notificationReceivedClosesWithoutAnswer(_ state: SessionState) {
    var fsm = SessionFSM.driven(to: state)
    let actions = fsm.handle(.messageReceived(.notification(Fixture.cease62)))

    let reason = "notification received: cease/administrative shutdown (6/2)"
    let timers: [SessionAction] =
        state == .openSent ? [.stopTimer(.hold)] : [.stopTimer(.hold), .stopTimer(.keepalive)]
    #expect(
        actions == [.closeConnection] + timers + [
            .stateChanged(from: state, to: .idle), .sessionDown(reason: reason),
            .startTimer(.idleHold, seconds: 1),
        ])
    #expect(fsm.lastError == reason)
}

@Test func messageBeforeOpenSentDropsTheConnection() {
    var fsm = SessionFSM.driven(to: .connect)
    let reason = "unexpected message type 3 in connect"
    #expect(
        fsm.handle(.messageReceived(.notification(Fixture.cease62))) == [
            .closeConnection, .stopTimer(.connectRetry),
            .stateChanged(from: .connect, to: .idle), .sessionDown(reason: reason),
            .startTimer(.idleHold, seconds: 1),
        ])
}

@Test func decodeFailedSendsTheCodecsNotification() {
    var fsm = SessionFSM.driven(to: .established)
    let error = NotificationMessage(
        code: .updateMessageError, subcode: UpdateMessageSubcode.malformedAttributeList)
    #expect(
        fsm.handle(.decodeFailed(error)) == [
            .send(.notification(error)), .closeConnection, .stopTimer(.hold),
            .stopTimer(.keepalive), .stateChanged(from: .established, to: .idle),
            .sessionDown(
                reason: "notification sent: update message error/malformed attribute list (3/1)"),
            .startTimer(.idleHold, seconds: 1),
        ])
}

struct UnexpectedMessageCase: Sendable, CustomTestStringConvertible {
    var state: SessionState
    var message: Message
    var subcode: UInt8
    var testDescription: String { "\(message.type.rawValue) in \(state)" }
}

@Test(arguments: [
    UnexpectedMessageCase(state: .openSent, message: .keepalive, subcode: 1),
    UnexpectedMessageCase(state: .openSent, message: .update(UpdateMessage()), subcode: 1),
    UnexpectedMessageCase(state: .openConfirm, message: .update(UpdateMessage()), subcode: 2),
    UnexpectedMessageCase(state: .openConfirm, message: .open(Fixture.peerOpen()), subcode: 2),
    UnexpectedMessageCase(
        state: .openConfirm, message: .routeRefresh(RouteRefreshMessage(family: .ipv4Unicast)),
        subcode: 2),
    UnexpectedMessageCase(state: .established, message: .open(Fixture.peerOpen()), subcode: 3),
])
func unexpectedMessageIsFiniteStateMachineError(_ testCase: UnexpectedMessageCase) {
    var fsm = SessionFSM.driven(to: testCase.state)
    let actions = fsm.handle(.messageReceived(testCase.message))
    let error = NotificationMessage(code: .finiteStateMachineError, subcode: testCase.subcode)
    #expect(actions.first == .send(.notification(error)))
    #expect(actions.contains(.closeConnection))
    #expect(actions.contains(.stateChanged(from: testCase.state, to: .idle)))
    #expect(fsm.state == .idle)
}

@Test func idleIgnoresMessagesAndRefusesConnections() {
    var fsm = SessionFSM(configuration: Fixture.configuration())
    #expect(fsm.handle(.messageReceived(.keepalive)) == [])
    #expect(fsm.handle(.decodeFailed(Fixture.cease62)) == [])
    #expect(fsm.handle(.tcpConnectionFailed) == [])
    #expect(fsm.handle(.tcpConnectionConfirmed) == [.closeConnection])
    #expect(fsm.state == .idle)
}

// MARK: - Stopping

@Test func manualStopInEstablishedSendsCeaseAndStaysIdle() {
    var fsm = SessionFSM.driven(to: .established)
    let reason = "notification sent: cease/administrative shutdown (6/2)"
    #expect(
        fsm.handle(.manualStop(ceaseSubcode: CeaseSubcode.administrativeShutdown)) == [
            .send(.notification(Fixture.cease62)), .closeConnection, .stopTimer(.hold),
            .stopTimer(.keepalive), .stateChanged(from: .established, to: .idle),
            .sessionDown(reason: reason),
        ])
    #expect(fsm.lastError == reason)
    #expect(fsm.handle(.idleHoldTimerExpired) == [])
}

@Test func manualStopWithPeerDeconfiguredInOpenConfirm() {
    var fsm = SessionFSM.driven(to: .openConfirm)
    let actions = fsm.handle(.manualStop(ceaseSubcode: CeaseSubcode.peerDeconfigured))
    let cease = NotificationMessage(code: .cease, subcode: CeaseSubcode.peerDeconfigured)
    #expect(actions.first == .send(.notification(cease)))
    #expect(!actions.contains { if case .startTimer = $0 { true } else { false } })
}

@Test func manualStopInConnectClosesWithoutCease() {
    var fsm = SessionFSM.driven(to: .connect)
    #expect(
        fsm.handle(.manualStop(ceaseSubcode: CeaseSubcode.administrativeShutdown)) == [
            .closeConnection, .stopTimer(.connectRetry),
            .stateChanged(from: .connect, to: .idle), .sessionDown(reason: "stopped"),
        ])
    #expect(fsm.handle(.manualStop(ceaseSubcode: 2)) == [])
}

@Test func manualStopDuringIdleHoldCancelsTheRestart() {
    var fsm = SessionFSM.driven(to: .connect)
    _ = fsm.handle(.tcpConnectionFailed)
    #expect(fsm.handle(.manualStop(ceaseSubcode: 2)) == [.stopTimer(.idleHold)])
    #expect(fsm.handle(.idleHoldTimerExpired) == [])
    #expect(fsm.state == .idle)
}

// MARK: - Idle hold

@Test func idleHoldDoublesUpToItsCap() {
    var fsm = SessionFSM(configuration: Fixture.configuration(maximumIdleHoldTime: 5))
    _ = fsm.handle(.manualStart)

    var delays: [Double] = []
    for _ in 0..<5 {
        let failure = fsm.handle(.tcpConnectionFailed)
        #expect(
            failure.prefix(4) == [
                .closeConnection, .stopTimer(.connectRetry),
                .stateChanged(from: .connect, to: .idle),
                .sessionDown(reason: "tcp connection failed"),
            ])
        guard case .startTimer(.idleHold, let seconds) = failure.last else {
            Issue.record("no idle hold after \(failure)")
            return
        }
        delays.append(seconds)
        #expect(
            fsm.handle(.idleHoldTimerExpired) == [
                .startTimer(.connectRetry, seconds: 30), .connect,
                .stateChanged(from: .idle, to: .connect),
            ])
    }
    #expect(delays == [1, 2, 4, 5, 5])
}

@Test func idleHoldResetsOnlyAfterTheFirstKeepaliveInEstablished() {
    var fsm = SessionFSM.driven(to: .established)
    _ = fsm.handle(.tcpConnectionFailed)
    #expect(fsm.idleHoldDelay == 2)

    _ = fsm.run([
        .idleHoldTimerExpired, .tcpConnectionConfirmed,
        .messageReceived(.open(Fixture.peerOpen())), .messageReceived(.keepalive),
    ])
    #expect(fsm.state == .established)
    #expect(fsm.idleHoldDelay == 2)

    #expect(fsm.handle(.messageReceived(.keepalive)) == [.startTimer(.hold, seconds: 90)])
    #expect(fsm.idleHoldDelay == 1)
    #expect(fsm.handle(.tcpConnectionFailed).last == .startTimer(.idleHold, seconds: 1))
}

// MARK: - Established

@Test func updateRestartsHoldTimerAndGoesToTheRIB() {
    var fsm = SessionFSM.driven(to: .established)
    let update = UpdateMessage(withdrawnRoutes: [IPv4Prefix("10.1.0.0/16")!])
    #expect(
        fsm.handle(.messageReceived(.update(update))) == [
            .startTimer(.hold, seconds: 90), .updateReceived(update),
        ])
}

struct RouteRefreshCase: Sendable, CustomTestStringConvertible {
    var name: String
    var peerCapabilities: [Capability]
    var family: AddressFamily
    var honoured: Bool
    var testDescription: String { name }
}

@Test(arguments: [
    RouteRefreshCase(
        name: "negotiated", peerCapabilities: [.multiprotocol(.ipv4Unicast), .routeRefresh],
        family: .ipv4Unicast, honoured: true),
    RouteRefreshCase(
        name: "capability missing", peerCapabilities: [.multiprotocol(.ipv4Unicast)],
        family: .ipv4Unicast, honoured: false),
    RouteRefreshCase(
        name: "family not negotiated",
        peerCapabilities: [.multiprotocol(.ipv4Unicast), .routeRefresh],
        family: AddressFamily(afi: .ipv6, safi: .unicast), honoured: false),
])
func routeRefreshIsHonouredOnlyWhenNegotiated(_ testCase: RouteRefreshCase) {
    var fsm = SessionFSM.driven(
        to: .established, peerOpen: Fixture.peerOpen(capabilities: testCase.peerCapabilities))
    let request = RouteRefreshMessage(family: testCase.family)
    let actions = fsm.handle(.messageReceived(.routeRefresh(request)))
    #expect(actions == (testCase.honoured ? [.routeRefreshRequested(testCase.family)] : []))
    #expect(fsm.state == .established)
}

private let enhancedPeerOpen = Fixture.peerOpen(capabilities: [
    .multiprotocol(.ipv4Unicast), .routeRefresh, .enhancedRouteRefresh, .extendedMessage,
])

@Test(arguments: [RouteRefreshSubtype.beginning, .end])
func refreshMarkersAreHandedOnWithEnhancedRouteRefresh(_ subtype: RouteRefreshSubtype) {
    var fsm = SessionFSM.driven(to: .established, peerOpen: enhancedPeerOpen)
    let marker = RouteRefreshMessage(family: .ipv4Unicast, subtype: subtype)
    #expect(
        fsm.handle(.messageReceived(.routeRefresh(marker)))
            == [.routeRefreshMarker(subtype, .ipv4Unicast)])

    var plain = SessionFSM.driven(to: .established)
    #expect(plain.handle(.messageReceived(.routeRefresh(marker))) == [])
    let otherFamily = RouteRefreshMessage(family: .ipv6Unicast, subtype: subtype)
    #expect(fsm.handle(.messageReceived(.routeRefresh(otherFamily))) == [])
}

@Test func anUnknownRouteRefreshSubtypeIsIgnored() {
    var fsm = SessionFSM.driven(to: .established, peerOpen: enhancedPeerOpen)
    #expect(fsm.negotiated?.enhancedRouteRefresh == true)
    let marker = RouteRefreshMessage(
        family: .ipv4Unicast, subtype: RouteRefreshSubtype(rawValue: 7))
    #expect(fsm.handle(.messageReceived(.routeRefresh(marker))) == [])
    #expect(fsm.state == .established)

    let request = RouteRefreshMessage(family: .ipv4Unicast)
    #expect(
        fsm.handle(.messageReceived(.routeRefresh(request)))
            == [.routeRefreshRequested(.ipv4Unicast)])
}

@Test func extendedMessagesAreNegotiatedWhenThePeerOffersThem() {
    let fsm = SessionFSM.driven(to: .established, peerOpen: enhancedPeerOpen)
    #expect(fsm.negotiated?.codecOptions == CodecOptions(fourOctetAS: true, extendedMessage: true))
    #expect(fsm.negotiated?.codecOptions.maximumMessageLength == 65535)

    let plain = SessionFSM.driven(to: .established)
    #expect(plain.negotiated?.codecOptions.maximumMessageLength == 4096)
}

struct NotificationSizeCase: Sendable, CustomTestStringConvertible {
    var name: String
    var peerOpen: OpenMessage
    var dataLength: Int
    var sentDataLength: Int
    var testDescription: String { name }
}

@Test(arguments: [
    NotificationSizeCase(
        name: "fits", peerOpen: Fixture.peerOpen(), dataLength: 4075, sentDataLength: 4075),
    NotificationSizeCase(
        name: "4096 octets at most", peerOpen: Fixture.peerOpen(), dataLength: 4096,
        sentDataLength: 4075),
    NotificationSizeCase(
        name: "4096 octets at most with extended messages too", peerOpen: enhancedPeerOpen,
        dataLength: 65535, sentDataLength: 4075),
])
func notificationDataIsCutToTheLargestMessage(_ testCase: NotificationSizeCase) {
    var fsm = SessionFSM.driven(to: .established, peerOpen: testCase.peerOpen)
    let data = (0..<testCase.dataLength).map { UInt8(truncatingIfNeeded: $0) }
    let error = NotificationMessage(
        code: .routeRefreshMessageError, subcode: RouteRefreshSubcode.invalidMessageLength,
        data: data)
    let actions = fsm.handle(.decodeFailed(error))

    var sent = error
    sent.data = Array(data.prefix(testCase.sentDataLength))
    #expect(actions.first == .send(.notification(sent)))
    #expect(Message.notification(sent).encode(options: CodecOptions()).count <= 4096)
    #expect(fsm.state == .idle)
}

@Test func secondConnectionIsLeftToTheEventLoop() {
    var fsm = SessionFSM.driven(to: .openConfirm)
    #expect(fsm.handle(.tcpConnectionConfirmed) == [])
    #expect(fsm.state == .openConfirm)
}

// MARK: - Automatic stop

/// Cease "maximum number of prefixes reached" for IPv4 unicast and a limit of 3
/// (RFC 4486 §4: AFI, SAFI, upper bound).
private let prefixLimitCease = NotificationMessage(
    code: .cease, subcode: CeaseSubcode.maximumPrefixesReached, data: [0, 1, 1, 0, 0, 0, 3])

@Test func automaticStopInEstablishedSendsItsNotificationAndStaysIdle() {
    var fsm = SessionFSM.driven(to: .established)
    let reason = "notification sent: cease/maximum number of prefixes reached (6/1)"
    #expect(
        fsm.handle(.automaticStop(prefixLimitCease)) == [
            .send(.notification(prefixLimitCease)), .closeConnection, .stopTimer(.hold),
            .stopTimer(.keepalive), .stateChanged(from: .established, to: .idle),
            .sessionDown(reason: reason),
        ])
    #expect(fsm.lastError == reason)
    #expect(fsm.handle(.idleHoldTimerExpired) == [])
    #expect(fsm.handle(.tcpConnectionConfirmed) == [.closeConnection])
}

@Test func automaticStartAfterAutomaticStopConnectsAgain() {
    var fsm = SessionFSM.driven(to: .established)
    _ = fsm.handle(.automaticStop(prefixLimitCease))
    #expect(
        fsm.handle(.automaticStart) == [
            .startTimer(.connectRetry, seconds: 30), .connect,
            .stateChanged(from: .idle, to: .connect),
        ])
}

@Test func automaticStopBeforeOpenClosesWithoutNotification() {
    var fsm = SessionFSM.driven(to: .connect)
    #expect(
        fsm.handle(.automaticStop(prefixLimitCease)) == [
            .closeConnection, .stopTimer(.connectRetry),
            .stateChanged(from: .connect, to: .idle), .sessionDown(reason: "stopped"),
        ])
}

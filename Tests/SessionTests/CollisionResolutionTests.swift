import BGPWire
import Testing

@testable import Session

struct CollisionCase: Sendable, CustomTestStringConvertible {
    var local: IPv4Address
    var remote: IPv4Address
    var existingIsLocallyInitiated: Bool
    var expected: CollisionResolution
    var testDescription: String {
        "local \(local), remote \(remote), existing local: \(existingIsLocallyInitiated)"
    }
}

private let low = IPv4Address(9, 255, 255, 255)
private let high = IPv4Address(10, 0, 0, 1)

// The speaker with the higher identifier keeps the connection it initiated
// (RFC 4271 §6.8); 10.0.0.1 is higher than 9.255.255.255 as a number.
@Test(arguments: [
    CollisionCase(
        local: high, remote: low, existingIsLocallyInitiated: true, expected: .keepExisting),
    CollisionCase(
        local: high, remote: low, existingIsLocallyInitiated: false, expected: .keepIncoming),
    CollisionCase(
        local: low, remote: high, existingIsLocallyInitiated: true, expected: .keepIncoming),
    CollisionCase(
        local: low, remote: high, existingIsLocallyInitiated: false, expected: .keepExisting),
])
func higherIdentifierKeepsItsConnection(_ testCase: CollisionCase) {
    let resolution = CollisionResolution.resolve(
        localIdentifier: testCase.local, remoteIdentifier: testCase.remote,
        existingIsLocallyInitiated: testCase.existingIsLocallyInitiated)
    #expect(resolution == testCase.expected)
}

@Test func equalIdentifiersFallBackToTheLargerAS() {
    let larger = CollisionResolution.resolve(
        localIdentifier: high, remoteIdentifier: high, existingIsLocallyInitiated: false,
        localAS: 65001, remoteAS: 65000)
    #expect(larger == .keepIncoming)
    let smaller = CollisionResolution.resolve(
        localIdentifier: high, remoteIdentifier: high, existingIsLocallyInitiated: false,
        localAS: 65000, remoteAS: 65001)
    #expect(smaller == .keepExisting)
    let tie = CollisionResolution.resolve(
        localIdentifier: high, remoteIdentifier: high, existingIsLocallyInitiated: true)
    #expect(tie == .keepExisting)
}

@Test func loserIsStoppedWithCollisionCease() {
    var fsm = SessionFSM.driven(to: .openConfirm)
    let actions = fsm.handle(
        .manualStop(ceaseSubcode: CeaseSubcode.connectionCollisionResolution))
    let cease = NotificationMessage(
        code: .cease, subcode: CeaseSubcode.connectionCollisionResolution)
    #expect(
        actions == [
            .send(.notification(cease)), .closeConnection, .stopTimer(.hold),
            .stopTimer(.keepalive), .stateChanged(from: .openConfirm, to: .idle),
            .sessionDown(reason: "notification sent: \(cease)"),
        ])
}

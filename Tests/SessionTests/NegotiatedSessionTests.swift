import BGPWire
import Testing

@testable import Session

private let ours = Fixture.configuration().open

@Test func familiesAreTheIntersectionInOurOrder() {
    let ipv6 = AddressFamily(afi: .ipv6, safi: .unicast)
    let remote = Fixture.peerOpen(capabilities: [
        .multiprotocol(ipv6), .multiprotocol(.ipv4Unicast),
    ])
    #expect(NegotiatedSession(local: ours, remote: remote).families == [.ipv4Unicast])

    let ipv6Only = Fixture.peerOpen(capabilities: [.multiprotocol(ipv6)])
    #expect(NegotiatedSession(local: ours, remote: ipv6Only).families == [])
}

@Test func speakerWithoutMultiprotocolSupportsIPv4Unicast() {
    let legacy = OpenMessage(
        version: 4, myAutonomousSystem: UInt16(Fixture.peerAS), holdTime: 180,
        bgpIdentifier: Fixture.peerIdentifier, capabilities: [])
    let session = NegotiatedSession(local: ours, remote: legacy)
    #expect(session.families == [.ipv4Unicast])
    #expect(!session.fourOctetAS)
    #expect(!session.routeRefresh)
    #expect(session.codecOptions == CodecOptions(fourOctetAS: false, extendedMessage: false))
    #expect(session.holdTime == 90)
    #expect(session.peerAS == Fixture.peerAS)
}

@Test func extendedMessageNeedsBothSides() {
    let extended = Capability(code: .extendedMessage, value: [])
    let remote = Fixture.peerOpen(capabilities: [.multiprotocol(.ipv4Unicast), extended])
    #expect(!NegotiatedSession(local: ours, remote: remote).codecOptions.extendedMessage)

    var configuration = Fixture.configuration()
    configuration.capabilities.append(extended)
    let both = NegotiatedSession(local: configuration.open, remote: remote)
    #expect(both.codecOptions == CodecOptions(fourOctetAS: true, extendedMessage: true))
}

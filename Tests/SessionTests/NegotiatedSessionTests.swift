import BGPWire
import Testing

@testable import Session

private let ours = Fixture.configuration().open

@Test func familiesAreTheIntersectionInOurOrder() {
    let remote = Fixture.peerOpen(capabilities: [
        .multiprotocol(.ipv6Unicast), .multiprotocol(.ipv4Unicast),
    ])
    #expect(
        NegotiatedSession(local: ours, remote: remote).families == [.ipv4Unicast, .ipv6Unicast])

    let ipv6Only = Fixture.peerOpen(capabilities: [.multiprotocol(.ipv6Unicast)])
    #expect(NegotiatedSession(local: ours, remote: ipv6Only).families == [.ipv6Unicast])

    let multicastOnly = Fixture.peerOpen(capabilities: [
        .multiprotocol(AddressFamily(afi: .ipv4, safi: SAFI(rawValue: 2)))
    ])
    #expect(NegotiatedSession(local: ours, remote: multicastOnly).families == [])
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

struct OptionalCapabilityCase: Sendable, CustomTestStringConvertible {
    var name: String
    var local: [Capability]
    var remote: [Capability]
    var extendedMessage: Bool
    var enhancedRouteRefresh: Bool
    var testDescription: String { name }
}

private let plain: [Capability] = [.multiprotocol(.ipv4Unicast), .routeRefresh]
private let both: [Capability] = plain + [.extendedMessage, .enhancedRouteRefresh]

@Test(arguments: [
    OptionalCapabilityCase(
        name: "both offer both", local: both, remote: both, extendedMessage: true,
        enhancedRouteRefresh: true),
    OptionalCapabilityCase(
        name: "only we offer them", local: both, remote: plain, extendedMessage: false,
        enhancedRouteRefresh: false),
    OptionalCapabilityCase(
        name: "only the peer offers them", local: plain, remote: both, extendedMessage: false,
        enhancedRouteRefresh: false),
    OptionalCapabilityCase(
        name: "extended message alone", local: both, remote: plain + [.extendedMessage],
        extendedMessage: true, enhancedRouteRefresh: false),
    OptionalCapabilityCase(
        name: "enhanced route refresh alone", local: both,
        remote: plain + [.enhancedRouteRefresh], extendedMessage: false,
        enhancedRouteRefresh: true),
    OptionalCapabilityCase(
        name: "malformed, with a value", local: both,
        remote: plain + [
            Capability(code: .extendedMessage, value: [0]),
            Capability(code: .enhancedRouteRefresh, value: [0]),
        ],
        extendedMessage: false, enhancedRouteRefresh: false),
])
func optionalCapabilitiesNeedBothSides(_ testCase: OptionalCapabilityCase) {
    var configuration = Fixture.configuration()
    configuration.capabilities = testCase.local
    let session = NegotiatedSession(
        local: configuration.open, remote: Fixture.peerOpen(capabilities: testCase.remote))
    #expect(session.codecOptions.extendedMessage == testCase.extendedMessage)
    #expect(session.enhancedRouteRefresh == testCase.enhancedRouteRefresh)
    #expect((session.refreshMarkers(for: .ipv4Unicast) != nil) == testCase.enhancedRouteRefresh)
}

@Test func defaultOpenOffersExtendedMessageAndEnhancedRouteRefresh() {
    let session = NegotiatedSession(local: ours, remote: Fixture.peerOpen(capabilities: both))
    #expect(session.codecOptions == CodecOptions(fourOctetAS: true, extendedMessage: true))
    #expect(session.enhancedRouteRefresh)
}

@Test func refreshMarkersAreABoRRAndAnEoRR() {
    let session = NegotiatedSession(local: ours, remote: Fixture.peerOpen(capabilities: both))
    let markers = session.refreshMarkers(for: .ipv4Unicast)
    #expect(
        markers?.beginning
            == .routeRefresh(
                RouteRefreshMessage(
                    family: .ipv4Unicast, subtype: .beginning)))
    #expect(
        markers?.end
            == .routeRefresh(
                RouteRefreshMessage(
                    family: .ipv4Unicast, subtype: .end)))
}

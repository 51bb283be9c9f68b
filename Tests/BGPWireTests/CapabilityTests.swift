import Testing

@testable import BGPWire

/// Typed capability values: what they encode to, and malformed ones ignored.
@Suite struct CapabilityTests {
    static let ipv6Unicast = AddressFamily(afi: .ipv6, safi: .unicast)

    @Test func encodesEachTypedValue() {
        #expect(Capability.extendedMessage == Capability(code: .extendedMessage, value: []))
        #expect(
            Capability.enhancedRouteRefresh == Capability(code: .enhancedRouteRefresh, value: []))
        let addPath = Capability.addPath([
            AddPathFamily(family: .ipv4Unicast, sendReceive: .both),
            AddPathFamily(family: Self.ipv6Unicast, sendReceive: .send),
        ])
        #expect(addPath == Capability(code: .addPath, value: [0, 1, 1, 3, 0, 2, 1, 2]))
        let restart = Capability.gracefulRestart(
            GracefulRestart(
                restartFlags: [.restartState], restartTime: GracefulRestart.maximumRestartTime,
                families: [GracefulRestart.Family(family: .ipv4Unicast, flags: [])]))
        #expect(restart == Capability(code: .gracefulRestart, value: [0x8F, 0xFF, 0, 1, 1, 0]))
    }

    @Test func decodesAGracefulRestartWithoutFamilies() {
        let restart = Capability(code: .gracefulRestart, value: [0x00, 0x78])
        #expect(
            restart.gracefulRestartParameters
                == GracefulRestart(restartFlags: [], restartTime: 120, families: []))
    }

    /// A capability whose typed accessor must give nothing.
    struct Malformed: Sendable, CustomTestStringConvertible {
        var name: String
        var capability: Capability
        var testDescription: String { name }
    }

    static let malformed = [
        Malformed(
            name: "extended message with a value",
            capability: Capability(code: .extendedMessage, value: [0])),
        Malformed(
            name: "enhanced route refresh with a value",
            capability: Capability(code: .enhancedRouteRefresh, value: [1, 2])),
        Malformed(name: "empty ADD-PATH", capability: Capability(code: .addPath, value: [])),
        Malformed(
            name: "ADD-PATH of three octets",
            capability: Capability(code: .addPath, value: [0, 1, 1])),
        Malformed(
            name: "ADD-PATH send/receive 0",
            capability: Capability(code: .addPath, value: [0, 1, 1, 3, 0, 2, 1, 0])),
        Malformed(
            name: "ADD-PATH send/receive 4",
            capability: Capability(code: .addPath, value: [0, 1, 1, 4])),
        Malformed(
            name: "empty graceful restart",
            capability: Capability(code: .gracefulRestart, value: [])),
        Malformed(
            name: "graceful restart of one octet",
            capability: Capability(code: .gracefulRestart, value: [0x80])),
        Malformed(
            name: "graceful restart with a cut family",
            capability: Capability(code: .gracefulRestart, value: [0, 120, 0, 1, 1])),
        Malformed(name: "another code", capability: .routeRefresh),
    ]

    @Test(arguments: malformed)
    func ignoresMalformedValues(_ malformed: Malformed) {
        let capability = malformed.capability
        #expect(!capability.offersExtendedMessage)
        #expect(!capability.offersEnhancedRouteRefresh)
        #expect(capability.addPathFamilies == nil)
        #expect(capability.gracefulRestartParameters == nil)
    }
}

import Testing

@testable import BGPWire

@Suite struct OpenMessageTests {
    static let expectedOpen = OpenMessage(
        version: 4, myAutonomousSystem: 65000, holdTime: 90, bgpIdentifier: .parse("192.0.2.1"),
        capabilities: [
            .multiprotocol(.ipv4Unicast), .routeRefresh, .fourOctetAS(65000),
            Capability(code: .gracefulRestart, value: [0x00, 0x78]),
            Capability(code: CapabilityCode(rawValue: 240), value: [0xAB, 0xCD]),
        ])

    @Test func decodesCapabilitiesUnknownOnesIncluded() throws {
        #expect(try Fixture.decode("open") == .success(.open(Self.expectedOpen)))
        #expect(Self.expectedOpen.autonomousSystem == 65000)
        #expect(Self.expectedOpen.multiprotocolFamilies == [.ipv4Unicast])
    }

    @Test func encodesCapabilitiesInOneParameter() throws {
        #expect(
            Message.open(Self.expectedOpen).encode(options: .beforeOpen)
                == (try Fixture.bytes("open")))
    }

    static let everyCapability = OpenMessage(
        version: 4, myAutonomousSystem: 65000, holdTime: 90, bgpIdentifier: .parse("192.0.2.1"),
        capabilities: [
            .multiprotocol(.ipv4Unicast), .routeRefresh, .extendedMessage,
            .gracefulRestart(
                GracefulRestart(
                    restartFlags: [.restartState], restartTime: 120,
                    families: [
                        GracefulRestart.Family(family: .ipv4Unicast, flags: [.forwardingState]),
                        GracefulRestart.Family(family: CapabilityTests.ipv6Unicast, flags: []),
                    ])),
            .fourOctetAS(65000),
            .addPath([
                AddPathFamily(family: .ipv4Unicast, sendReceive: .both),
                AddPathFamily(family: CapabilityTests.ipv6Unicast, sendReceive: .receive),
            ]),
            .enhancedRouteRefresh,
            Capability(code: CapabilityCode(rawValue: 128), value: []),
            Capability(code: CapabilityCode(rawValue: 241), value: [1, 2, 3]),
        ])

    @Test func decodesEveryTypedCapabilityAndKeepsUnknownOnes() throws {
        guard case .success(.open(let open)) = try Fixture.decode("open-every-capability") else {
            throw FixtureError(name: "open-every-capability")
        }
        #expect(open == Self.everyCapability)
        #expect(open.capabilities.filter(\.offersExtendedMessage).count == 1)
        #expect(open.capabilities.filter(\.offersEnhancedRouteRefresh).count == 1)
        #expect(
            open.capabilities.compactMap(\.addPathFamilies).first?.map(\.sendReceive)
                == [.both, .receive])
        let restart = open.capabilities.compactMap(\.gracefulRestartParameters).first
        #expect(restart?.restartFlags == [.restartState] && restart?.restartTime == 120)
        #expect(restart?.families.map(\.flags) == [[.forwardingState], []])
        #expect(open.capabilities.suffix(2).map(\.code.rawValue) == [128, 241])
    }

    @Test func encodesEveryTypedCapability() throws {
        #expect(
            Message.open(Self.everyCapability).encode(options: .beforeOpen)
                == (try Fixture.bytes("open-every-capability")))
    }

    @Test func decodesExtendedOptionalParameters() throws {
        let expected = OpenMessage(
            version: 4, myAutonomousSystem: 65000, holdTime: 90,
            bgpIdentifier: .parse("192.0.2.1"), capabilities: [.fourOctetAS(65000)])
        #expect(try Fixture.decode("open-extended-parameters") == .success(.open(expected)))
    }

    @Test func usesExtendedParametersForManyCapabilities() {
        let capabilities = (0..<3).map { index in
            Capability(
                code: CapabilityCode(rawValue: 200 + index),
                value: [UInt8](repeating: index, count: 100))
        }
        let open = OpenMessage(
            version: 4, myAutonomousSystem: 65000, holdTime: 0, bgpIdentifier: .parse("10.0.0.1"),
            capabilities: capabilities)
        let bytes = Message.open(open).encode(options: .beforeOpen)
        // RFC 9072: 255, type 255, length 309; then type 2, length 306.
        #expect(Array(bytes[28..<35]) == [255, 255, 0x01, 0x35, 2, 0x01, 0x32])
        #expect(Fixture.decode(bytes) == .success(.open(open)))
    }

    @Test func fillsTheTwoOctetFieldForLargeASes() {
        let open = OpenMessage(
            autonomousSystem: 4_200_000_000, holdTime: 90, bgpIdentifier: .parse("10.0.0.1"),
            capabilities: [.routeRefresh])
        #expect(open.myAutonomousSystem == ASNumber.trans)
        #expect(open.autonomousSystem == 4_200_000_000)
    }

    static let errors: [ErrorCase] = [
        ErrorCase(fixture: "error-open-version", code: 2, subcode: 1, data: [0, 4]),
        ErrorCase(fixture: "error-open-hold-time", code: 2, subcode: 6, data: []),
        ErrorCase(fixture: "error-open-identifier", code: 2, subcode: 3, data: []),
        ErrorCase(fixture: "error-open-parameter-type", code: 2, subcode: 4, data: []),
        ErrorCase(fixture: "error-open-parameter-overrun", code: 2, subcode: 0, data: []),
        ErrorCase(fixture: "error-open-capability-overrun", code: 2, subcode: 0, data: []),
        ErrorCase(fixture: "error-open-parameters-length", code: 2, subcode: 0, data: []),
    ]

    @Test(arguments: errors)
    func rejectsBadOpens(_ errorCase: ErrorCase) throws {
        try errorCase.check()
    }

    @Test(arguments: [0, 3, 90, 65535] as [UInt16])
    func acceptsValidHoldTimes(_ holdTime: UInt16) throws {
        var bytes = try Fixture.bytes("open")
        bytes[22] = UInt8(holdTime >> 8)
        bytes[23] = UInt8(holdTime & 0xFF)
        guard case .success(.open(let open)) = Fixture.decode(bytes) else {
            Issue.record("hold time \(holdTime) rejected")
            return
        }
        #expect(open.holdTime == holdTime)
    }
}

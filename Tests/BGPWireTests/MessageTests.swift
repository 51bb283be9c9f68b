import Testing

@testable import BGPWire

@Suite struct MessageTests {
    static let goldens: [(String, Message)] = [
        ("keepalive", .keepalive),
        (
            "notification",
            .notification(
                NotificationMessage(
                    code: .cease, subcode: CeaseSubcode.administrativeShutdown,
                    data: [5] + Array("hello".utf8)))
        ),
        ("route-refresh", .routeRefresh(RouteRefreshMessage(family: .ipv4Unicast))),
        ("update-end-of-rib", .update(UpdateMessage())),
        (
            "update-withdraw",
            .update(
                UpdateMessage(
                    withdrawnRoutes: [.parse("10.0.0.5/32"), .parse("10.0.1.0/24")]))
        ),
        (
            "update-announce",
            .update(
                UpdateMessage(
                    pathAttributes: PathAttributes(
                        origin: .igp, asPath: ASPath(sequence: [65001, 65002]),
                        nextHop: .parse("192.0.2.2")),
                    nlri: [.parse("10.0.1.0/24"), .parse("10.0.0.5/32"), .parse("10.0.0.0/8")]))
        ),
    ]

    @Test(arguments: goldens)
    func decodesGoldenBytes(fixture: String, expected: Message) throws {
        #expect(try Fixture.decode(fixture) == .success(expected))
    }

    @Test(arguments: goldens)
    func encodesGoldenBytes(fixture: String, message: Message) throws {
        #expect(message.encode(options: CodecOptions()) == (try Fixture.bytes(fixture)))
    }

    /// Fixtures that this codec would send exactly as they are.
    static let canonical: [(String, Bool)] = [
        ("keepalive", true), ("notification", true), ("route-refresh", true), ("open", true),
        ("update-end-of-rib", true), ("update-withdraw", true), ("update-announce", true),
        ("update-every-attribute", true), ("update-unknown-transitive-partial", true),
        ("open-every-capability", true), ("update-as4-path-encoded", false),
    ]

    @Test(arguments: canonical)
    func roundTripsCanonicalBytes(fixture: String, fourOctetAS: Bool) throws {
        let options = CodecOptions(fourOctetAS: fourOctetAS)
        let bytes = try Fixture.bytes(fixture)
        let message = try Fixture.decode(bytes, options: options).get()
        #expect(message.encode(options: options) == bytes)
        #expect(
            Fixture.decode(message.encode(options: options), options: options) == .success(message))
    }

    @Test func encodeAppendsToABuffer() throws {
        var buffer: [UInt8] = [1, 2, 3]
        Message.keepalive.encode(into: &buffer, options: CodecOptions())
        Message.routeRefresh(RouteRefreshMessage(family: .ipv4Unicast))
            .encode(into: &buffer, options: CodecOptions())
        let expected = try [1, 2, 3] + Fixture.bytes("keepalive") + Fixture.bytes("route-refresh")
        #expect(buffer == expected)
    }

    @Test func keepsTheRouteRefreshSubtype() throws {
        var bytes = try Fixture.bytes("route-refresh")
        bytes[21] = 2
        let expected = RouteRefreshMessage(family: .ipv4Unicast, subtype: .end)
        #expect(Fixture.decode(bytes) == .success(.routeRefresh(expected)))
    }

    static let headerErrors: [ErrorCase] = [
        ErrorCase(fixture: "error-header-marker", code: 1, subcode: 1, data: []),
        ErrorCase(fixture: "error-header-short-length", code: 1, subcode: 2, data: [0x00, 0x12]),
        ErrorCase(fixture: "error-header-long-length", code: 1, subcode: 2, data: [0x10, 0x01]),
        ErrorCase(fixture: "error-header-type", code: 1, subcode: 3, data: [6]),
        ErrorCase(fixture: "error-keepalive-length", code: 1, subcode: 2, data: [0x00, 0x14]),
        ErrorCase(fixture: "error-open-length", code: 1, subcode: 2, data: [0x00, 0x1C]),
        ErrorCase(fixture: "error-update-length", code: 1, subcode: 2, data: [0x00, 0x16]),
        ErrorCase(fixture: "error-notification-length", code: 1, subcode: 2, data: [0x00, 0x14]),
        ErrorCase(fixture: "error-route-refresh-length", code: 7, subcode: 1, data: nil),
    ]

    @Test(arguments: headerErrors)
    func rejectsBadHeaders(_ errorCase: ErrorCase) throws {
        try errorCase.check()
    }

    @Test func rejectsALengthFieldThatDisagreesWithTheBytes() throws {
        let bytes = try Fixture.bytes("keepalive") + [0]
        let error = NotificationMessage(code: .messageHeaderError, subcode: 2, data: [0, 19])
        #expect(Fixture.decode(bytes) == .failure(error))
    }

    @Test func honoursTheExtendedMessageLimit() throws {
        let withdrawn = (0..<1000).map { IPv4Prefix.host(IPv4Address(rawValue: 0x0A00_0000 + $0)) }
        let message = Message.update(UpdateMessage(withdrawnRoutes: withdrawn))
        let bytes = message.encode(options: CodecOptions())
        #expect(bytes.count > 4096)
        #expect(
            Fixture.decode(bytes, options: CodecOptions(extendedMessage: true)) == .success(message)
        )
        #expect((try? Fixture.decode(bytes).get()) == nil)
    }
}

/// Decoding hostile input: it must return or throw, never trap.
@Suite struct MessageRobustnessTests {
    static let allOptions = [
        CodecOptions(), CodecOptions.beforeOpen,
        CodecOptions(addPathReceive: [.ipv4Unicast, .ipv6Unicast]),
    ]

    @Test(arguments: Fixture.names)
    func everyTruncationThrows(fixture: String) throws {
        let bytes = try Fixture.bytes(fixture)
        for count in 0..<bytes.count {
            for options in Self.allOptions {
                #expect(
                    (try? Fixture.decode(Array(bytes.prefix(count)), options: options).get()) == nil
                )
            }
        }
    }

    @Test(arguments: Fixture.names)
    func everySingleByteMutationReturnsOrThrows(fixture: String) throws {
        let bytes = try Fixture.bytes(fixture)
        var outcomes = 0
        for index in bytes.indices {
            let original = bytes[index]
            for value in Set([0, 0xFF, original ^ 0x01, original ^ 0x80, original &+ 1]) {
                var mutated = bytes
                mutated[index] = value
                for options in Self.allOptions {
                    _ = Fixture.decode(mutated, options: options)
                    outcomes += 1
                }
            }
        }
        #expect(outcomes >= bytes.count * 2)
    }

    @Test func randomBodiesReturnOrThrow() {
        var generator = SplitMix64(seed: 0x4272_696E_646C_65)
        var decoded = 0
        for _ in 0..<20_000 {
            let count = 19 + Int(generator.next() % 200)
            var bytes = [UInt8](repeating: 0xFF, count: 16)
            bytes += [UInt8(count >> 8), UInt8(count & 0xFF), UInt8(1 + generator.next() % 5)]
            bytes += (19..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if case .success = Fixture.decode(bytes, options: CodecOptions.beforeOpen) {
                decoded += 1
            }
        }
        // Random KEEPALIVEs and short NOTIFICATIONs do decode; most do not.
        #expect(decoded > 0 && decoded < 20_000)
    }
}

import Testing

@testable import BGPWire

/// How the ADD-PATH capabilities of both sides decide which NLRI carry path identifiers
/// (RFC 7911 §4, §5).
@Suite struct CodecOptionsTests {
    /// One family's Send/Receive value on each side (nil: not listed), and whether path
    /// identifiers then come in and go out.
    struct Case: Sendable, CustomTestStringConvertible {
        var local: UInt8?
        var remote: UInt8?
        var receive: Bool
        var send: Bool
        var testDescription: String { "local \(local ?? 0) remote \(remote ?? 0)" }
    }

    static let cases: [Case] = [
        Case(local: 1, remote: 1, receive: false, send: false),
        Case(local: 1, remote: 2, receive: true, send: false),
        Case(local: 1, remote: 3, receive: true, send: false),
        Case(local: 2, remote: 1, receive: false, send: true),
        Case(local: 2, remote: 2, receive: false, send: false),
        Case(local: 2, remote: 3, receive: false, send: true),
        Case(local: 3, remote: 1, receive: false, send: true),
        Case(local: 3, remote: 2, receive: true, send: false),
        Case(local: 3, remote: 3, receive: true, send: true),
        Case(local: 3, remote: nil, receive: false, send: false),
        Case(local: nil, remote: 3, receive: false, send: false),
        // RFC 7911 §4 defines only 1 to 3: other values count for nothing.
        Case(local: 3, remote: 7, receive: false, send: false),
        Case(local: 0, remote: 3, receive: false, send: false),
    ]

    static func tuples(_ value: UInt8?, _ family: AddressFamily) -> [AddPathFamily] {
        guard let value else { return [] }
        return [AddPathFamily(family: family, sendReceive: AddPathSendReceive(rawValue: value))]
    }

    @Test(arguments: cases)
    func mapsOneFamily(_ testCase: Case) {
        let family = AddressFamily.ipv6Unicast
        let local = Self.tuples(testCase.local, family)
        let remote = Self.tuples(testCase.remote, family)
        let result = CodecOptions.addPath(local: local, remote: remote)
        #expect(result.receive == (testCase.receive ? [family] : []))
        #expect(result.send == (testCase.send ? [family] : []))
    }

    @Test func keepsFamiliesApart() {
        let local = [
            AddPathFamily(family: .ipv4Unicast, sendReceive: .both),
            AddPathFamily(family: .ipv6Unicast, sendReceive: .receive),
        ]
        let remote = [
            AddPathFamily(family: .ipv6Unicast, sendReceive: .both),
            AddPathFamily(family: .ipv4Unicast, sendReceive: .receive),
        ]
        let result = CodecOptions.addPath(local: local, remote: remote)
        #expect(result.receive == [.ipv6Unicast])
        #expect(result.send == [.ipv4Unicast])
    }

    @Test func countsEveryValueOfARepeatedFamily() {
        let local = [
            AddPathFamily(family: .ipv4Unicast, sendReceive: .receive),
            AddPathFamily(family: .ipv4Unicast, sendReceive: .send),
        ]
        let remote = [AddPathFamily(family: .ipv4Unicast, sendReceive: .both)]
        let result = CodecOptions.addPath(local: local, remote: remote)
        #expect(result.receive == [.ipv4Unicast])
        #expect(result.send == [.ipv4Unicast])
    }

    @Test func negotiatesFromDecodedCapabilities() throws {
        let ours = Capability.addPath([AddPathFamily(family: .ipv4Unicast, sendReceive: .both)])
        let theirs = Capability(code: .addPath, value: [0, 1, 1, 2])
        let options = CodecOptions(extendedMessage: true).negotiatingAddPath(
            local: try #require(ours.addPathFamilies),
            remote: try #require(theirs.addPathFamilies))
        #expect(
            options
                == CodecOptions(
                    fourOctetAS: true, extendedMessage: true, addPathReceive: [.ipv4Unicast]))
        #expect(options != CodecOptions(extendedMessage: true))
    }

    @Test func defaultsToNoPathIdentifiers() {
        #expect(CodecOptions().addPathReceive.isEmpty)
        #expect(CodecOptions().addPathSend.isEmpty)
        #expect(CodecOptions.beforeOpen.addPathReceive.isEmpty)
    }
}

import Testing

@testable import BGPWire

/// The framing of UPDATEs: field lengths and prefixes (RFC 4271 §6.3, RFC 7606 §5.3).
@Suite struct UpdateDecoderTests {
    static let errors: [ErrorCase] = [
        ErrorCase(fixture: "error-update-withdrawn-length", code: 3, subcode: 1, data: []),
        ErrorCase(fixture: "error-update-attribute-length", code: 3, subcode: 1, data: []),
        ErrorCase(fixture: "error-update-nlri-length", code: 3, subcode: 10, data: []),
        ErrorCase(fixture: "error-update-nlri-overrun", code: 3, subcode: 10, data: []),
        ErrorCase(fixture: "error-update-withdrawn-prefix", code: 3, subcode: 10, data: []),
        ErrorCase(fixture: "error-update-mp-reach-twice", code: 3, subcode: 1, data: []),
        ErrorCase(fixture: "error-update-mp-unreach-twice", code: 3, subcode: 1, data: []),
        ErrorCase(
            fixture: "error-update-unknown-well-known", code: 3, subcode: 2,
            data: [0x40, 0xF0, 0x02, 0xAB, 0xCD]),
    ]

    @Test(arguments: errors)
    func resetsTheSession(_ errorCase: ErrorCase) throws {
        try errorCase.check()
    }

    @Test(arguments: [
        (0, "0.0.0.0/0"), (1, "128.0.0.0/1"), (8, "10.0.0.0/8"), (9, "10.128.0.0/9"),
        (24, "192.0.2.0/24"), (31, "192.0.2.254/31"), (32, "192.0.2.255/32"),
    ])
    func decodesPrefixesOfEveryWidth(length: Int, text: String) throws {
        let prefix = IPv4Prefix.parse(text)
        let message = Message.update(UpdateMessage(withdrawnRoutes: [prefix]))
        let bytes = message.encode(options: CodecOptions())
        #expect(bytes.count == 23 + 1 + (length + 7) / 8)
        #expect(Fixture.decode(bytes) == .success(message))
    }

    @Test func clearsTrailingHostBits() {
        // 10.0.1.0/23 on the wire: the bit past the length is not part of
        // the prefix (RFC 4271 §4.3), so this is 10.0.0.0/23.
        let body: [UInt8] = [0x00, 0x04, 0x17, 0x0A, 0x00, 0x01, 0x00, 0x00]
        let bytes = [UInt8](repeating: 0xFF, count: 16) + [0, 19 + 8, 2] + body
        let expected = UpdateMessage(withdrawnRoutes: [.parse("10.0.0.0/23")])
        #expect(Fixture.decode(bytes) == .success(.update(expected)))
    }

    @Test func recognisesEndOfRIB() throws {
        #expect(try Fixture.update("update-end-of-rib").isEndOfRIB)
        #expect(try !Fixture.update("update-withdraw").isEndOfRIB)
    }
}

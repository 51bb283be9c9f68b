import Testing

@testable import BGPWire

/// A fixture that must fail to decode with this NOTIFICATION.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    var fixture: String
    var code: UInt8
    var subcode: UInt8
    /// The expected data; nil means the whole fixture.
    var data: [UInt8]?
    var options = CodecOptions()

    var testDescription: String { fixture }

    /// Decodes the fixture and checks the NOTIFICATION it throws.
    func check() throws {
        let bytes = try Fixture.bytes(fixture)
        let expected = NotificationMessage(
            code: NotificationCode(rawValue: code), subcode: subcode, data: data ?? bytes)
        #expect(Fixture.decode(bytes, options: options) == .failure(expected))
    }
}

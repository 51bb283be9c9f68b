import Testing

@testable import BGPWire

/// The shutdown communication of RFC 9003 and how a NOTIFICATION describes itself.
@Suite struct NotificationMessageTests {
    /// A NOTIFICATION fixture and the communication it must give, if any.
    struct CommunicationCase: Sendable, CustomTestStringConvertible {
        var fixture: String
        var communication: String?
        var description: String
        var testDescription: String { fixture }
    }

    static let cases = [
        CommunicationCase(
            fixture: "notification-shutdown-communication", communication: "Wartung für 1 h",
            description: #"cease/administrative shutdown (6/2): "Wartung für 1 h""#),
        CommunicationCase(
            fixture: "notification-reset-communication", communication: "reset by operator",
            description: #"cease/administrative reset (6/4): "reset by operator""#),
        CommunicationCase(
            fixture: "notification", communication: "hello",
            description: #"cease/administrative shutdown (6/2): "hello""#),
        CommunicationCase(
            fixture: "notification-communication-utf8", communication: nil,
            description: "cease/administrative shutdown (6/2)"),
        CommunicationCase(
            fixture: "notification-communication-length", communication: nil,
            description: "cease/administrative shutdown (6/2)"),
        CommunicationCase(
            fixture: "notification-communication-trailing", communication: nil,
            description: "cease/administrative reset (6/4)"),
    ]

    @Test(arguments: cases)
    func readsTheShutdownCommunication(_ communicationCase: CommunicationCase) throws {
        let bytes = try Fixture.bytes(communicationCase.fixture)
        guard case .success(.notification(let notification)) = Fixture.decode(bytes) else {
            throw FixtureError(name: communicationCase.fixture)
        }
        #expect(notification.shutdownCommunication == communicationCase.communication)
        #expect(notification.description == communicationCase.description)
        // The data is kept as received either way, so the message encodes back to itself.
        #expect(Message.notification(notification).encode(options: CodecOptions()) == bytes)
    }

    @Test func buildsTheGoldenBytes() throws {
        let shutdown = NotificationMessage.cease(
            subcode: CeaseSubcode.administrativeShutdown, communication: "Wartung für 1 h")
        let reset = NotificationMessage.cease(
            subcode: CeaseSubcode.administrativeReset, communication: "reset by operator")
        #expect(
            Message.notification(shutdown).encode(options: CodecOptions())
                == (try Fixture.bytes("notification-shutdown-communication")))
        #expect(
            Message.notification(reset).encode(options: CodecOptions())
                == (try Fixture.bytes("notification-reset-communication")))
    }

    @Test(arguments: [("a", 1, 255), ("é", 2, 254), ("€", 3, 255), ("😀", 4, 252)])
    func truncatesTo255BytesAtAUTF8Boundary(character: String, size: Int, kept: Int) {
        let long = String(repeating: character, count: 300)
        let notification = NotificationMessage.cease(
            subcode: CeaseSubcode.administrativeShutdown, communication: long)
        #expect(notification.data.first == UInt8(kept))
        #expect(notification.data.count == 1 + kept)
        #expect(
            notification.shutdownCommunication == String(repeating: character, count: kept / size))
    }

    @Test func onlyShutdownAndResetCarryACommunication() {
        let data: [UInt8] = [2, 0x68, 0x69]
        for subcode in [CeaseSubcode.peerDeconfigured, CeaseSubcode.connectionRejected] {
            let notification = NotificationMessage(code: .cease, subcode: subcode, data: data)
            #expect(notification.shutdownCommunication == nil)
        }
        let other = NotificationMessage(code: .openMessageError, subcode: 2, data: data)
        #expect(other.shutdownCommunication == nil)
        #expect(other.description == "open message error/bad peer as (2/2)")
        let empty = NotificationMessage.cease(
            subcode: CeaseSubcode.administrativeReset, communication: "")
        #expect(empty.data == [0] && empty.shutdownCommunication == nil)
    }

    @Test func escapesControlCharactersInTheDescription() {
        let notification = NotificationMessage.cease(
            subcode: CeaseSubcode.administrativeShutdown, communication: "a\nb\"c")
        #expect(notification.shutdownCommunication == "a\nb\"c")
        #expect(notification.description == #"cease/administrative shutdown (6/2): "a\nb\"c""#)
    }
}

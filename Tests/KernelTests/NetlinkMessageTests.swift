import BGPWire
import Glibc
import Testing

@testable import Kernel

struct NetlinkMessageTests {
    @Test func splitsTheRecordedAcknowledgements() throws {
        let messages = try NetlinkMessage.split(Fixture.bytes("reply-acks.hex")[...])

        #expect(messages.map(\.type) == Array(repeating: .error, count: 4))
        #expect(messages.map(\.sequence) == [101, 102, 103, 104])
        #expect(messages.map(\.errorNumber) == [0, 0, ENETUNREACH, ESRCH])
    }

    @Test func onlyRealRefusalsCountAsFailures() throws {
        let prefix = try #require(IPv4Prefix("10.93.0.0/24"))
        let route = KernelRoute(prefix: prefix, nextHop: nil, interfaceIndex: 3)

        #expect(!RouteTable.isFailure(.replace(route), 0))
        #expect(RouteTable.isFailure(.replace(route), ENETUNREACH))
        #expect(RouteTable.isFailure(.replace(route), ESRCH))
        #expect(!RouteTable.isFailure(.delete(.v4(prefix)), ESRCH))
        #expect(RouteTable.isFailure(.delete(.v4(prefix)), EINVAL))
    }

    @Test func readsTheEndOfTheDump() throws {
        let messages = try NetlinkMessage.split(Fixture.bytes("reply-dump.hex")[...])
        let done = try #require(messages.last)

        #expect(done.type == .done)
        #expect(done.flags.contains(.multi))
        #expect(done.doneErrorNumber == 0)
    }

    /// Every cut of a recorded reply either splits or throws EBADMSG; nothing traps.
    @Test(arguments: ["reply-acks.hex", "reply-dump.hex", "reply-dump-both.hex"])
    func survivesEveryTruncation(_ name: String) throws {
        let bytes = try Fixture.bytes(name)
        for cut in 0..<bytes.count {
            do {
                let messages = try NetlinkMessage.split(bytes[0..<cut])
                _ = messages.map { ($0.errorNumber, $0.doneErrorNumber, RouteMessage.decode($0)) }
            } catch {
                #expect(error.errno == EBADMSG)
            }
        }
    }

    @Test(arguments: [UInt8(0), 15, 0xFF])
    func rejectsALengthThatDoesNotFit(_ length: UInt8) throws {
        var bytes = try Fixture.bytes("reply-acks.hex")
        bytes[0] = length
        bytes[1] = length == 0xFF ? 0xFF : 0

        #expect(throws: KernelError.self) { try NetlinkMessage.split(bytes[...]) }
    }

    @Test func aShortErrorMessageHasNoErrorNumber() {
        let message = NetlinkMessage(type: .error, flags: [], sequence: 1, payload: [0, 0])
        #expect(message.errorNumber == nil)
    }
}

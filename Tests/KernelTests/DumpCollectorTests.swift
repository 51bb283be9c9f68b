import Glibc
import Testing

@testable import Kernel

/// The dump reply in `Fixtures/kernel/reply-dump.hex`, altered the ways a kernel may vary it.
struct DumpCollectorTests {
    private let owner = RouteOwner(protocolNumber: 150, table: 254, metric: 32)

    private func run(_ bytes: [UInt8]) throws(KernelError) -> DumpCollector.Progress {
        var collector = DumpCollector(owner: owner)
        var progress = DumpCollector.Progress.more
        for message in try NetlinkMessage.split(bytes[...]) {
            progress = try collector.take(message)
        }
        return progress
    }

    @Test func completesAtDone() throws {
        guard case .complete(let routes) = try run(Fixture.bytes("reply-dump.hex")) else {
            Issue.record("the recorded dump did not complete")
            return
        }
        #expect(routes.count == 2)
    }

    @Test func aDumpInterruptedFlagAsksForAnotherDump() throws {
        var bytes = try Fixture.bytes("reply-dump.hex")
        // The second message (our 10.90.0.0/24) starts at 60; its flags are at offset 6.
        bytes[60 + 6] |= UInt8(NetlinkFlags.dumpInterrupted.rawValue)

        #expect(try run(bytes) == .interrupted)
    }

    @Test func anErrorInDoneFailsTheDump() throws {
        var bytes = try Fixture.bytes("reply-dump.hex")
        // NLMSG_DONE is the last 20 bytes; its payload is a negative errno.
        withUnsafeBytes(of: -EINTR) {
            bytes.replaceSubrange(bytes.count - 4..<bytes.count, with: $0)
        }

        #expect {
            _ = try run(bytes)
        } throws: { error in
            (error as? KernelError)?.errno == EINTR
        }
    }

    @Test func anErrorReplyFailsTheDump() throws {
        let bytes = try Fixture.bytes("reply-acks.hex")
        // The third recorded acknowledgement carries ENETUNREACH.
        let refusal = Array(bytes[72..<108])

        #expect {
            _ = try run(refusal)
        } throws: { error in
            (error as? KernelError)?.call == "RTM_GETROUTE"
        }
    }
}

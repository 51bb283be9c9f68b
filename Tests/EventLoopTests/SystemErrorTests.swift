import EventLoop
import Glibc
import Testing

@Suite struct SystemErrorTests {
    @Test func descriptionNamesTheCallTheMessageAndErrno() {
        let error = SystemError(call: "connect", errno: ECONNREFUSED)
        #expect(error.description == "connect: Connection refused (errno 111)")
    }

    @Test func systemCallReturnsWouldBlockAndThrowsOtherFailures() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        #expect(fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0)

        var byte: UInt8 = 0
        let empty = try systemCall("read") { read(fds[0], &byte, 1) }
        guard case .wouldBlock = empty else {
            Issue.record("expected would-block")
            return
        }

        #expect(throws: SystemError(call: "read", errno: EBADF)) {
            _ = try systemCall("read") { read(-1, &byte, 1) }
        }
    }
}

import EventLoop
import Glibc
import Testing

@Suite struct UnixListenerTests {
    @Test func lineRequestAndReplyRoundTripOverAStaleSocketPath() throws {
        let directory = makeTemporaryDirectory("unix")
        let path = directory + "/control.sock"
        defer { rmdir(directory) }

        // A stale file at the path, as a crashed daemon leaves behind.
        let stale = open(path, O_CREAT | O_WRONLY, 0o600)
        #expect(stale >= 0)
        close(stale)

        let loop = try EventLoop()
        var requests: [String] = []
        var replies: [String] = []
        let listener = try UnixListener(loop: loop, path: path) { connection in
            connection.readLines { line in
                requests.append(line)
                connection.write("reply to \(line)\n")
                connection.closeAfterFlush()
            }
        }

        let client = try UnixConnection.connect(loop: loop, path: path)
        client.readLines { replies.append($0) }
        client.onClose = { error in
            #expect(error == nil)
            loop.stop()
        }
        client.write("status\n")
        try runBounded(loop)

        #expect(requests == ["status"])
        #expect(replies == ["reply to status"])
        listener.close()
        #expect(access(path, F_OK) != 0)
    }

    @Test func overlongLineClosesWithEMSGSIZE() throws {
        let directory = makeTemporaryDirectory("unix")
        let path = directory + "/control.sock"
        defer { rmdir(directory) }

        let loop = try EventLoop()
        var lines: [String] = []
        var closes: [SystemError?] = []
        let listener = try UnixListener(loop: loop, path: path) { connection in
            connection.readLines(maximumLength: 8) { lines.append($0) }
            connection.onClose = { error in
                closes.append(error)
                loop.stop()
            }
        }
        let client = try UnixConnection.connect(loop: loop, path: path)
        client.write("short\nmuch longer than eight bytes")
        try runBounded(loop)

        #expect(lines == ["short"])
        #expect(closes == [SystemError(call: "read", errno: EMSGSIZE)])
        client.close()
        listener.close()
    }

    @Test func connectToAMissingPathThrows() throws {
        let loop = try EventLoop()
        #expect(throws: SystemError(call: "connect", errno: ENOENT)) {
            _ = try UnixConnection.connect(loop: loop, path: "/tmp/brindle-absent-\(getpid())")
        }
    }
}

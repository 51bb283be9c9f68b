import EventLoop
import Glibc
import Testing

@Suite struct TCPConnectionTests {
    /// Listens on an ephemeral loopback port and connects to it, handing both ends over.
    /// - Returns: a closure that closes the listener and both ends.
    private func connectPair(
        _ loop: EventLoop,
        _ body: @escaping (_ client: TCPConnection, _ server: TCPConnection) -> Void
    ) throws -> () -> Void {
        var accepted: TCPConnection?
        var connected: TCPConnection?
        let pairUp = {
            guard let client = connected, let server = accepted else { return }
            body(client, server)
        }
        let listener = try TCPListener(loop: loop, address: loopback()) { connection in
            accepted = connection
            pairUp()
        }
        TCPConnection.connect(loop: loop, to: listener.localAddress) { result in
            guard case .success(let connection) = result else {
                Issue.record("connect failed: \(result)")
                return loop.stop()
            }
            connected = connection
            pairUp()
        }
        return {
            listener.close()
            accepted?.close()
            connected?.close()
        }
    }

    @Test func echoesSeveralMebibytesInOrderThroughPartialWrites() throws {
        let loop = try EventLoop()
        let payload = (0..<(6 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 13) }
        var echoed: [UInt8] = []
        var bufferedAfterWrite = 0

        let closeAll = try connectPair(loop) { client, server in
            #expect(client.remoteAddress == server.localAddress)
            #expect(client.localAddress == server.remoteAddress)
            server.onRead = { bytes in
                server.write(bytes)
                return bytes.count
            }
            client.onRead = { bytes in
                echoed.append(contentsOf: bytes)
                if echoed.count == payload.count { loop.stop() }
                return bytes.count
            }
            client.write(payload)
            bufferedAfterWrite = client.pendingWriteBytes
        }
        try runBounded(loop)

        // The kernel cannot take 6 MiB at once, so the rest went through the write buffer.
        #expect(bufferedAfterWrite > 0)
        #expect(echoed.count == payload.count)
        #expect(echoed == payload)
        closeAll()
    }

    @Test func onDrainedFiresOnceTheBufferedBytesAreTaken() throws {
        let loop = try EventLoop()
        var drainedWith: [Int] = []
        var received = 0
        let size = 6 << 20

        let closeAll = try connectPair(loop) { client, server in
            client.onDrained = {
                drainedWith.append(client.pendingWriteBytes)
            }
            client.write([UInt8](repeating: 0x5A, count: size))
            #expect(client.pendingWriteBytes > 0)
            #expect(drainedWith.isEmpty)
            server.onRead = { bytes in
                received += bytes.count
                if received == size { loop.schedule(after: 0.05) { loop.stop() } }
                return bytes.count
            }
        }
        try runBounded(loop)

        #expect(received == size)
        #expect(drainedWith == [0])
        closeAll()
    }

    @Test func unconsumedBytesAreOfferedAgainWithTheNextData() throws {
        let loop = try EventLoop()
        var messages: [String] = []
        var offers: [String] = []

        let closeAll = try connectPair(loop) { client, server in
            client.onRead = { bytes in
                offers.append(String(decoding: bytes, as: UTF8.self))
                let whole = bytes.count / 4 * 4
                for start in stride(from: 0, to: whole, by: 4) {
                    messages.append(String(decoding: bytes[start..<start + 4], as: UTF8.self))
                }
                if messages.count == 3 { loop.stop() }
                return whole
            }
            server.write(Array("AAAABB".utf8))
            loop.schedule(after: 0.05) { server.write(appending: { $0 += "BBCCCC".utf8 }) }
        }
        try runBounded(loop)

        #expect(messages == ["AAAA", "BBBB", "CCCC"])
        #expect(offers == ["AAAABB", "BBBBCCCC"])
        closeAll()
    }

    @Test func bytesReadBeforeOnReadIsSetAreDeliveredOnceItIs() throws {
        let loop = try EventLoop()
        var received = ""

        let closeAll = try connectPair(loop) { client, server in
            server.write(Array("early".utf8))
            loop.schedule(after: 0.1) {
                client.onRead = { bytes in
                    received += String(decoding: bytes, as: UTF8.self)
                    loop.stop()
                    return bytes.count
                }
            }
        }
        try runBounded(loop)

        #expect(received == "early")
        closeAll()
    }

    @Test func bytesArrivingAfterCloseAfterFlushDoNotDestroyTheLastMessage() throws {
        let loop = try EventLoop()
        var accepted: TCPConnection?
        let listener = try TCPListener(loop: loop, address: loopback()) { connection in
            accepted = connection
            connection.write(Array("bye".utf8))
            connection.closeAfterFlush(timeout: 5)
            loop.schedule(after: 0.01) { loop.stop() }
        }
        let client = try BlockingClient(port: listener.localAddress.port)
        try runBounded(loop)

        // Like an OPEN crossing the NOTIFICATION that rejects a connection: bytes that reach
        // a closed socket are answered with a reset, and a peer that writes again before it
        // reads (a KEEPALIVE) then fails on the reset and never sees "bye". A closing
        // socket that still reads sends no reset.
        #expect(client.send(1000) == 1000)
        usleep(100_000)
        #expect(client.send(19) == 19)
        #expect(client.receiveAll() == .some(Array("bye".utf8)))
        listener.close()
        accepted?.close()
    }

    @Test func peerCloseAfterFlushDeliversTheDataThenOnCloseOnce() throws {
        let loop = try EventLoop()
        var received: [UInt8] = []
        var closes: [SystemError?] = []

        let closeAll = try connectPair(loop) { client, server in
            client.onRead = { bytes in
                received.append(contentsOf: bytes)
                return bytes.count
            }
            client.onClose = { error in
                closes.append(error)
                loop.schedule(after: 0.1) { loop.stop() }
            }
            server.write(Array("notification".utf8))
            server.closeAfterFlush()
            server.write(Array("ignored after closeAfterFlush".utf8))
        }
        try runBounded(loop)

        #expect(String(decoding: received, as: UTF8.self) == "notification")
        #expect(closes.count == 1)
        #expect(closes.first.map { $0 == nil } == true)
        closeAll()
    }

    @Test func peerResetReportsTheErrorOnce() throws {
        let loop = try EventLoop()
        var closes: [SystemError?] = []
        let listener = try TCPListener(loop: loop, address: loopback()) { server in
            server.onClose = { error in
                closes.append(error)
                loop.schedule(after: 0.05) { loop.stop() }
            }
        }

        // A plain blocking client that aborts with a RST (SO_LINGER with a zero timeout).
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = listener.localAddress.port.bigEndian
        target.sin_addr.s_addr = listener.localAddress.address.bigEndian
        let status = withUnsafePointer(to: &target) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        #expect(status == 0)
        loop.schedule(after: 0.05) {
            var abort = linger(l_onoff: 1, l_linger: 0)
            setsockopt(
                client, SOL_SOCKET, SO_LINGER, &abort,
                socklen_t(MemoryLayout<linger>.size))
            close(client)
        }
        try runBounded(loop)

        #expect(closes.count == 1)
        #expect(closes.first == SystemError(call: "read", errno: ECONNRESET))
        listener.close()
    }

    @Test func closeIsIdempotentAndSilencesCallbacks() throws {
        let loop = try EventLoop()
        var clientCloses = 0
        var serverCloses: [SystemError?] = []

        let closeAll = try connectPair(loop) { client, server in
            client.onClose = { _ in clientCloses += 1 }
            server.onClose = { error in
                serverCloses.append(error)
                loop.schedule(after: 0.05) { loop.stop() }
            }
            client.close()
            client.close()
            client.write([1, 2, 3])
            #expect(client.pendingWriteBytes == 0)
        }
        try runBounded(loop)

        #expect(clientCloses == 0)
        #expect(serverCloses.count == 1)
        closeAll()
    }

    @Test func connectToAClosedPortFailsWithConnectionRefused() throws {
        let loop = try EventLoop()
        let probe = try TCPListener(loop: loop, address: loopback()) { _ in }
        let closedPort = probe.localAddress
        probe.close()

        var outcome: Result<TCPConnection, SystemError>?
        TCPConnection.connect(loop: loop, to: closedPort, from: loopback()) { result in
            outcome = result
            loop.stop()
        }
        try runBounded(loop)

        guard case .failure(let error)? = outcome else {
            Issue.record("expected a failure, got \(String(describing: outcome))")
            return
        }
        #expect(error == SystemError(call: "connect", errno: ECONNREFUSED))
    }

    @Test func cancelledConnectNeverCompletes() throws {
        let loop = try EventLoop()
        var completions = 0
        let listener = try TCPListener(loop: loop, address: loopback()) { $0.close() }
        let attempt = TCPConnection.connect(loop: loop, to: listener.localAddress) { _ in
            completions += 1
        }
        #expect(attempt.isPending)
        attempt.cancel()
        #expect(!attempt.isPending)

        loop.schedule(after: 0.1) { loop.stop() }
        try runBounded(loop)
        #expect(completions == 0)
        listener.close()
    }
}

/// A plain blocking loopback client, for what a peer's kernel does when nobody reads yet.
private final class BlockingClient {
    let fd: Int32

    init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(result == 0)
    }

    deinit { Glibc.close(fd) }

    /// Sends `count` bytes; returns what `send` returned (-1 after a reset).
    func send(_ count: Int) -> Int {
        let bytes = [UInt8](repeating: 1, count: count)
        return bytes.withUnsafeBytes {
            Glibc.send(fd, $0.baseAddress, count, Int32(MSG_NOSIGNAL))
        }
    }

    /// Everything until the peer's FIN, or nil when the connection was reset.
    func receiveAll() -> [UInt8]? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { return received }
            if count < 0 { return nil }
            received += buffer[0..<count]
        }
    }
}

import CLinux
import Glibc

/// A listening TCP socket on an event loop, handing each accepted connection to `onAccept`.
public final class TCPListener {
    /// Accepts per wake-up, so that a connection storm cannot starve established peers.
    private static let acceptsPerWakeUp = 64

    /// How long accepting pauses when the process is out of descriptors or memory.
    private static let exhaustionPause = 1.0

    private let loop: EventLoop
    private let fd: Int32
    private let onAccept: (TCPConnection) -> Void
    private var isOpen = true

    /// The bound address; its port is the kernel's choice when port 0 was asked for.
    public let localAddress: SocketAddress

    /// Called with errors that did not stop the listener (a failed accept, for example).
    public var onError: ((SystemError) -> Void)?

    /// Binds and listens with `SO_REUSEADDR`, non-blocking and close-on-exec.
    /// - Parameters:
    ///   - address: where to listen; port 0 picks a free port.
    ///   - backlog: the kernel's queue of connections not yet accepted.
    ///   - onAccept: called on the loop's thread with each new connection (TCP_NODELAY set).
    /// - Throws: `SystemError` from `socket`, `setsockopt`, `bind`, `listen` or `epoll_ctl`.
    public init(
        loop: EventLoop, address: SocketAddress, backlog: Int32 = 128,
        onAccept: @escaping (TCPConnection) -> Void
    ) throws(SystemError) {
        let fd = try Socket.makeStream(family: AF_INET)
        do {
            try Socket.setOption(fd, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1,
                                 call: "setsockopt(SO_REUSEADDR)")
            try Socket.bind(fd, to: address)
            try checkedCall("listen") { listen(fd, backlog) }
            localAddress = try Socket.address(of: fd, remote: false)
        } catch {
            Glibc.close(fd)
            throw error
        }
        (self.loop, self.fd, self.onAccept) = (loop, fd, onAccept)
        try startWatching()
    }

    private func startWatching() throws(SystemError) {
        do {
            try loop.register(fd: fd, events: .readable) { [self] _ in acceptAvailable() }
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    /// Stops listening and closes the socket; connections already accepted stay open.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        loop.unregister(fd: fd)
        Glibc.close(fd)
    }

    private func acceptAvailable() {
        for _ in 0..<Self.acceptsPerWakeUp where isOpen {
            do throws(SystemError) {
                let flags = Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)
                let result = try systemCall("accept4") { clinux_accept4(fd, flags) }
                guard case .done(let connected) = result else { return }
                onAccept(try TCPConnection(loop: loop, fd: connected))
            } catch {
                guard handleAcceptError(error) else { return }
            }
        }
    }

    /// Reports the error; returns whether to keep accepting in this turn.
    private func handleAcceptError(_ error: SystemError) -> Bool {
        onError?(error)
        let exhausted = [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(error.errno)
        guard exhausted else { return true }

        // Level-triggered epoll would report the waiting connection again at once.
        try? loop.modify(fd: fd, events: [])
        loop.schedule(after: Self.exhaustionPause) { [weak self] in self?.resume() }
        return false
    }

    private func resume() {
        guard isOpen else { return }
        do {
            try loop.modify(fd: fd, events: .readable)
        } catch {
            onError?(error)
        }
    }
}

import Glibc

/// A listening TCP socket on an event loop, handing each accepted connection to `onAccept`.
public final class TCPListener {
    private let acceptor: Acceptor

    /// The bound address; its port is the kernel's choice when port 0 was asked for.
    public let localAddress: SocketAddress

    /// Called with errors that did not stop the listener: a failed accept, or a connection
    /// that could not be set up. Out of descriptors, accepting pauses for a second.
    public var onError: ((SystemError) -> Void)? {
        get { acceptor.onError }
        set { acceptor.onError = newValue }
    }

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
            try Socket.setOption(
                fd, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1,
                call: "setsockopt(SO_REUSEADDR)")
            try Socket.bind(fd, to: address)
            try checkedCall("listen") { listen(fd, backlog) }
            localAddress = try Socket.address(of: fd, remote: false)
        } catch {
            Glibc.close(fd)
            throw error
        }
        acceptor = try Acceptor(loop: loop, fd: fd) { connected throws(SystemError) in
            onAccept(try TCPConnection(loop: loop, fd: connected))
        }
    }

    /// Stops listening and closes the socket; connections already accepted stay open.
    /// Idempotent.
    public func close() {
        acceptor.close()
    }
}

import Glibc

/// A listening UNIX-domain stream socket at a path, for the daemon's control socket.
///
/// A stale socket file left by an earlier run is removed before binding; the file is
/// removed again by `close()`. The file's mode follows the process umask.
public final class UnixListener {
    private let acceptor: Acceptor
    private var isOpen = true

    /// The socket's path.
    public let path: String

    /// Called with errors that did not stop the listener (a failed accept, for example).
    public var onError: ((SystemError) -> Void)? {
        get { acceptor.onError }
        set { acceptor.onError = newValue }
    }

    /// Removes any file at `path`, binds there and listens.
    /// - Parameters:
    ///   - path: the socket path, at most 107 bytes.
    ///   - onAccept: called on the loop's thread with each new connection.
    /// - Throws: `SystemError` from `unlink`, `socket`, `bind`, `listen` or `epoll_ctl`.
    public init(
        loop: EventLoop, path: String, onAccept: @escaping (UnixConnection) -> Void
    ) throws(SystemError) {
        var raw = try Socket.unixAddress(path, call: "bind")
        guard unlink(path) == 0 || errno == ENOENT else {
            throw SystemError(call: "unlink", errno: errno)
        }

        let fd = try Socket.makeStream(family: AF_UNIX)
        do {
            try checkedCall("bind") { Socket.withUnixAddress(&raw) { Glibc.bind(fd, $0, $1) } }
            try checkedCall("listen") { listen(fd, 16) }
        } catch {
            Glibc.close(fd)
            throw error
        }
        self.path = path
        acceptor = try Acceptor(loop: loop, fd: fd) { connected throws(SystemError) in
            onAccept(try UnixConnection(loop: loop, fd: connected))
        }
    }

    /// Stops listening, closes the socket and removes its file. Idempotent.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        acceptor.close()
        unlink(path)
    }
}

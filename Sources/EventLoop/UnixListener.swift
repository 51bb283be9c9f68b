import CLinux
import Glibc

/// A listening UNIX-domain stream socket at a path, for the daemon's control socket.
///
/// A stale socket file left by an earlier run is removed before binding; the file is
/// removed again by `close()`.
public final class UnixListener {
    private static let acceptsPerWakeUp = 16

    private let loop: EventLoop
    private let fd: Int32
    private let onAccept: (UnixConnection) -> Void
    private var isOpen = true

    /// The socket's path.
    public let path: String

    /// Called with errors that did not stop the listener (a failed accept, for example).
    public var onError: ((SystemError) -> Void)?

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
        (self.loop, self.fd, self.path, self.onAccept) = (loop, fd, path, onAccept)
        try startWatching()
    }

    private func startWatching() throws(SystemError) {
        do {
            try loop.register(fd: fd, events: .readable) { [self] _ in acceptAvailable() }
        } catch {
            close()
            throw error
        }
    }

    /// Stops listening, closes the socket and removes its file.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        loop.unregister(fd: fd)
        Glibc.close(fd)
        unlink(path)
    }

    private func acceptAvailable() {
        for _ in 0..<Self.acceptsPerWakeUp where isOpen {
            do throws(SystemError) {
                let flags = Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)
                let result = try systemCall("accept4") { clinux_accept4(fd, flags) }
                guard case .done(let connected) = result else { return }
                onAccept(try UnixConnection(loop: loop, fd: connected))
            } catch {
                onError?(error)
                return
            }
        }
    }
}

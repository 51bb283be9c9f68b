import CLinux
import Glibc

/// The accepting half shared by `TCPListener` and `UnixListener`: owns a listening socket,
/// accepts non-blocking, close-on-exec connections and hands each descriptor to `adopt`.
final class Acceptor {
    /// Accepts per wake-up, so that a connection storm cannot starve established peers.
    private static let acceptsPerWakeUp = 64

    /// How long accepting pauses when the process is out of descriptors or memory.
    private static let exhaustionPause = 1.0

    private let loop: EventLoop
    private let fd: Int32
    private let adopt: (Int32) throws(SystemError) -> Void
    private var isOpen = true

    /// Called with errors that did not stop the listener.
    var onError: ((SystemError) -> Void)?

    /// Takes ownership of a listening socket and watches it, closing it on failure.
    init(
        loop: EventLoop, fd: Int32, adopt: @escaping (Int32) throws(SystemError) -> Void
    ) throws(SystemError) {
        (self.loop, self.fd, self.adopt) = (loop, fd, adopt)
        do {
            try loop.register(fd: fd, events: .readable) { [self] _ in acceptAvailable() }
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    /// Stops watching and closes the listening socket. Idempotent.
    func close() {
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
                try adopt(connected)
            } catch {
                guard handleAcceptError(error) else { return }
            }
        }
    }

    /// Reports the error; returns whether to keep accepting in this turn. A connection the
    /// peer aborted, or one whose set-up failed, costs only itself.
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

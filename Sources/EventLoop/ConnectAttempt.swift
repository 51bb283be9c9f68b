import Glibc

/// A TCP connect in progress, started by `TCPConnection.connect`.
///
/// The socket is non-blocking; completion is seen as EPOLLOUT and read from `SO_ERROR`.
public final class ConnectAttempt {
    private let loop: EventLoop
    private var fd: Int32 = -1
    private var onComplete: ((Result<TCPConnection, SystemError>) -> Void)?
    private var registered = false
    private var deferredTimer: TimerID?

    init(
        loop: EventLoop, to: SocketAddress, from: SocketAddress?,
        onComplete: @escaping (Result<TCPConnection, SystemError>) -> Void
    ) {
        self.loop = loop
        self.onComplete = onComplete
        do {
            try start(to: to, from: from)
        } catch {
            completeLater(.failure(error))
        }
    }

    /// Whether the attempt is still waiting for its result.
    public var isPending: Bool { onComplete != nil }

    /// Abandons the attempt and closes its socket; `onComplete` is not called. Does
    /// nothing once the attempt has completed.
    public func cancel() {
        if let deferredTimer { loop.cancel(deferredTimer) }
        onComplete = nil
        releaseSocket()
    }

    private func start(to: SocketAddress, from: SocketAddress?) throws(SystemError) {
        fd = try Socket.makeStream(family: AF_INET)
        if let from { try Socket.bind(fd, to: from) }

        var raw = to.socketAddress
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let status = withUnsafePointer(to: &raw) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, size)
            }
        }
        guard status == 0 || errno == EINPROGRESS || errno == EINTR else {
            throw SystemError(call: "connect", errno: errno)
        }
        try loop.register(fd: fd, events: .writable) { [self] _ in connectFinished() }
        registered = true
    }

    /// The kernel finished the handshake or failed it; `SO_ERROR` says which.
    private func connectFinished() {
        let code = Socket.pendingError(fd)
        guard code == 0 else {
            return complete(.failure(SystemError(call: "connect", errno: code)))
        }

        loop.unregister(fd: fd)
        registered = false
        let connected = fd
        fd = -1
        complete(
            Result { () throws(SystemError) in
                try TCPConnection(loop: loop, fd: connected)
            })
    }

    private func complete(_ result: Result<TCPConnection, SystemError>) {
        let callback = onComplete
        onComplete = nil
        releaseSocket()
        callback?(result)
    }

    /// Reports a failure from `connect` itself on the next turn, never inside the call.
    private func completeLater(_ result: Result<TCPConnection, SystemError>) {
        releaseSocket()
        deferredTimer = loop.schedule(after: 0) { [self] in complete(result) }
    }

    private func releaseSocket() {
        if registered { loop.unregister(fd: fd) }
        registered = false
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }
}

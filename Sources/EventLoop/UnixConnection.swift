import Glibc

/// One connection on a UNIX-domain stream socket, such as the daemon's control socket:
/// the same buffered reading and writing as `TCPConnection`, without addresses.
public final class UnixConnection {
    private let channel: StreamChannel

    /// Takes ownership of a connected, non-blocking socket, closing it on failure.
    init(loop: EventLoop, fd: Int32) throws(SystemError) {
        channel = try StreamChannel(loop: loop, fd: fd)
    }

    /// Connects to the socket at `path`. A local connect completes at once or fails.
    /// - Throws: `SystemError` from `socket` or `connect` (`ENOENT`, `ECONNREFUSED`,
    ///   `EAGAIN` when the listener's backlog is full), or `ENAMETOOLONG`.
    public static func connect(loop: EventLoop, path: String) throws(SystemError)
        -> UnixConnection
    {
        var raw = try Socket.unixAddress(path, call: "connect")
        let fd = try Socket.makeStream(family: AF_UNIX)
        do {
            try checkedCall("connect") {
                Socket.withUnixAddress(&raw) { Glibc.connect(fd, $0, $1) }
            }
        } catch {
            Glibc.close(fd)
            throw error
        }
        return try UnixConnection(loop: loop, fd: fd)
    }

    /// Called with every received byte not yet consumed; returns how many it consumed.
    /// See `TCPConnection.onRead`.
    public var onRead: ((UnsafeRawBufferPointer) -> Int)? {
        get { channel.onRead }
        set { channel.onRead = newValue }
    }

    /// Called once when the connection ends by itself: nil for the peer's close, or the
    /// error. Not called after `close()` or `closeAfterFlush()`.
    public var onClose: ((SystemError?) -> Void)? {
        get { channel.onClose }
        set { channel.onClose = newValue }
    }

    /// Bytes accepted by `write` that the kernel has not taken yet.
    public var pendingWriteBytes: Int { channel.pendingWriteBytes }

    /// Hands each complete line (without its `\n`, decoded as UTF-8 with repair) to
    /// `handler`, replacing `onRead`. A line longer than `maximumLength` bytes closes the
    /// connection and reports `EMSGSIZE` as a `read` error.
    public func readLines(maximumLength: Int = 1 << 20, _ handler: @escaping (String) -> Void) {
        let channel = channel
        onRead = { bytes in
            var consumed = 0
            while let newline = bytes[consumed...].firstIndex(of: UInt8(ascii: "\n")) {
                handler(String(decoding: bytes[consumed..<newline], as: UTF8.self))
                consumed = newline + 1
            }
            if bytes.count - consumed > maximumLength {
                channel.abort(SystemError(call: "read", errno: EMSGSIZE))
            }
            return consumed
        }
    }

    /// Sends `bytes` now as far as the socket allows and buffers the rest, in order.
    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { channel.write($0) }
    }

    /// Sends the UTF-8 bytes of `text`, buffering what the socket does not take.
    public func write(_ text: String) {
        write(Array(text.utf8))
    }

    /// Closes at once, discarding unsent bytes. Idempotent; no callback follows.
    public func close() {
        channel.close()
    }

    /// Stops reading and closes once the reply is sent, or after `timeout` seconds.
    public func closeAfterFlush(timeout: Double = 10) {
        channel.closeAfterFlush(timeout: timeout)
    }
}

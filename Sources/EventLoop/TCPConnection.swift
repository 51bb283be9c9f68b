import Glibc

/// One established TCP connection on an event loop, with a read buffer handed to `onRead`
/// without copying and an ordered write buffer that drops nothing.
///
/// An open connection stays open, and its callbacks keep being called, even when no
/// reference to this object remains: the loop holds it until it closes. After closing no
/// callback is made and writes are ignored.
public final class TCPConnection {
    private let channel: StreamChannel

    /// This side's address and port.
    public let localAddress: SocketAddress

    /// The peer's address and port.
    public let remoteAddress: SocketAddress

    /// Takes ownership of a connected, non-blocking socket, closing it on failure.
    init(loop: EventLoop, fd: Int32) throws(SystemError) {
        do {
            try Socket.setNoDelay(fd)
            localAddress = try Socket.address(of: fd, remote: false)
            remoteAddress = try Socket.address(of: fd, remote: true)
        } catch {
            Glibc.close(fd)
            throw error
        }
        channel = try StreamChannel(loop: loop, fd: fd)
    }

    /// Starts a non-blocking connect; the result arrives on a later loop turn.
    /// - Parameters:
    ///   - loop: the loop that will own the connection.
    ///   - to: the peer's address and port.
    ///   - from: a local address to bind first (port 0 for any), as BGP peers that check
    ///     the source address of their configured neighbours require.
    ///   - onComplete: called once with the connection or the error, unless cancelled.
    /// - Returns: the attempt, which `cancel()` abandons (the ConnectRetry timer, RFC 4271
    ///   §8.2.2, may fire first).
    @discardableResult
    public static func connect(
        loop: EventLoop, to: SocketAddress, from: SocketAddress? = nil,
        onComplete: @escaping (Result<TCPConnection, SystemError>) -> Void
    ) -> ConnectAttempt {
        ConnectAttempt(loop: loop, to: to, from: from, onComplete: onComplete)
    }

    /// Called with every received byte not yet consumed, in one contiguous buffer; returns
    /// how many bytes from the front it consumed. The rest is offered again, with more data
    /// after it, on the next read. The buffer is valid only during the call.
    public var onRead: ((UnsafeRawBufferPointer) -> Int)? {
        get { channel.onRead }
        set { channel.onRead = newValue }
    }

    /// Called once when the connection ends by itself: nil for the peer's orderly close,
    /// or the error. Not called after `close()` or `closeAfterFlush()`.
    public var onClose: ((SystemError?) -> Void)? {
        get { channel.onClose }
        set { channel.onClose = newValue }
    }

    /// Called each time the write buffer empties after `write` had to buffer bytes, so a
    /// writer that held back (a slow peer) knows it may write again.
    public var onDrained: (() -> Void)? {
        get { channel.onDrained }
        set { channel.onDrained = newValue }
    }

    /// Bytes accepted by `write` that the kernel has not taken yet.
    public var pendingWriteBytes: Int { channel.pendingWriteBytes }

    /// Sends `bytes` now as far as the socket allows and buffers the rest, in order.
    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { channel.write($0) }
    }

    /// Sends the bytes now as far as the socket allows and buffers the rest, in order.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        channel.write(bytes)
    }

    /// Lets `append` encode straight onto the end of the write buffer (no intermediate
    /// copy), then sends what the socket takes.
    public func write(appending append: (inout [UInt8]) -> Void) {
        channel.write(append)
    }

    /// Closes at once, discarding unsent bytes. Idempotent; no callback follows.
    public func close() {
        channel.close()
    }

    /// Stops delivering reads, sends the buffered bytes (such as a NOTIFICATION, RFC 4271
    /// §6) and a FIN, and closes once the peer has closed too, dropping what it still
    /// sends meanwhile, so that no reset destroys our last bytes before the peer reads
    /// them; after `timeout` seconds it closes anyway.
    public func closeAfterFlush(timeout: Double = 10) {
        channel.closeAfterFlush(timeout: timeout)
    }
}

import Glibc

/// The buffered, non-blocking byte stream under `TCPConnection` and `UnixConnection`: owns
/// one connected socket, reads into a `ReadBuffer`, writes through an ordered write buffer.
final class StreamChannel {
    private enum State { case open, closing, closed }

    /// The fewest free bytes offered to each `read`.
    private static let readChunk = 64 * 1024

    /// Reads per wake-up, so that one busy peer cannot starve the others (about 1 MiB).
    private static let readsPerWakeUp = 16

    let loop: EventLoop
    let fd: Int32

    /// See `TCPConnection.onRead`.
    var onRead: ((UnsafeRawBufferPointer) -> Int)? {
        didSet { deliverBufferedLater() }
    }

    /// See `TCPConnection.onClose`.
    var onClose: ((SystemError?) -> Void)?

    /// See `TCPConnection.onDrained`.
    var onDrained: (() -> Void)?

    private var state = State.open
    private let readBuffer = ReadBuffer()
    private var writeBuffer: [UInt8] = []
    private var writeStart = 0
    private var watched: IOEvents = .readable
    private var deferredTimer: TimerID?

    /// Takes ownership of `fd`, closing it if registration fails.
    init(loop: EventLoop, fd: Int32) throws(SystemError) {
        self.loop = loop
        self.fd = fd
        do {
            try loop.register(fd: fd, events: .readable) { [self] in handle($0) }
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    /// Bytes accepted by `write` and not yet taken by the kernel.
    var pendingWriteBytes: Int { writeBuffer.count - writeStart }

    // MARK: - Events

    private func handle(_ events: IOEvents) {
        if events.contains(.writable) { flush() }
        guard state != .closed else { return }

        guard !events.isDisjoint(with: [.readable, .error, .hangup]) else { return }
        if state == .closing {
            discardUntilClosed(events)
        } else {
            readAvailable()
        }
    }

    /// While closing, what the peer still sends is read and dropped until it closes too:
    /// closing a socket with unread bytes sends a reset, and a reset makes the peer's
    /// kernel drop what we sent last (a NOTIFICATION) before it is read. A peer that fails,
    /// or hangs up before taking the rest of our bytes, ends it at once.
    private func discardUntilClosed(_ events: IOEvents) {
        guard events.isDisjoint(with: [.error, .hangup]) || pendingWriteBytes == 0 else {
            return teardown()
        }
        var scratch = [UInt8](repeating: 0, count: 4096)
        for _ in 0..<Self.readsPerWakeUp {
            let result = try? systemCall("read") {
                scratch.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            }
            guard let result else { return teardown() }
            guard case .done(let count) = result else { return }
            guard count > 0 else { return teardown() }
        }
    }

    /// Sends our FIN once every buffered byte is out, so the peer reads them and closes.
    private func shutDownWriting() {
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    /// Reads until EAGAIN or the per-wake-up bound, handing data to `onRead` after each read.
    private func readAvailable() {
        for _ in 0..<Self.readsPerWakeUp where state == .open {
            readBuffer.reserve(Self.readChunk)
            let space = readBuffer.space
            do {
                let result = try systemCall("read") {
                    Glibc.read(fd, space.baseAddress, space.count)
                }
                guard case .done(let count) = result else { return }
                guard count > 0 else { return finish(nil) }
                readBuffer.commit(count)
                deliver()
            } catch {
                return finish(error)
            }
        }
    }

    private func deliver() {
        guard state == .open, !readBuffer.isEmpty, let onRead else { return }
        readBuffer.consume(onRead(readBuffer.unread))
    }

    /// A handler set after bytes were buffered gets them on the next turn: level-triggered
    /// epoll will not report bytes that were already read.
    private func deliverBufferedLater() {
        guard onRead != nil, !readBuffer.isEmpty else { return }
        loop.schedule(after: 0) { [weak self] in self?.deliver() }
    }

    // MARK: - Writing

    /// Sends what the kernel takes now and buffers the rest, in order.
    func write(_ bytes: UnsafeRawBufferPointer) {
        guard state == .open, bytes.count > 0 else { return }
        guard pendingWriteBytes == 0 else {
            writeBuffer.append(contentsOf: bytes)
            return
        }

        let sent = send(bytes)
        guard sent < bytes.count, state == .open else { return }
        writeBuffer.append(contentsOf: bytes[sent...])
        watch(.writable, true)
    }

    /// Lets `append` add bytes to the end of the write buffer, then sends what it can.
    func write(_ append: (inout [UInt8]) -> Void) {
        guard state == .open else { return }
        append(&writeBuffer)
        flush()
    }

    /// Writes buffered bytes until EAGAIN; stops watching EPOLLOUT once drained.
    private func flush() {
        let wasWaiting = watched.contains(.writable)
        while pendingWriteBytes > 0, state != .closed {
            let sent = writeBuffer.withUnsafeBytes { all in
                send(UnsafeRawBufferPointer(rebasing: all[writeStart...]))
            }
            guard sent > 0 else { break }
            writeStart += sent
        }
        guard state != .closed else { return }
        trimWriteBuffer()
        watch(.writable, pendingWriteBytes > 0)
        if state == .closing && pendingWriteBytes == 0 { return shutDownWriting() }
        if state == .open, wasWaiting, pendingWriteBytes == 0 { onDrained?() }
    }

    /// One `send`; returns the bytes taken (0 on EAGAIN) and fails the stream on error.
    private func send(_ bytes: UnsafeRawBufferPointer) -> Int {
        do {
            let result = try systemCall("send") {
                Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            }
            guard case .done(let count) = result else { return 0 }
            return count
        } catch {
            failLater(error)
            return 0
        }
    }

    /// Drops sent bytes from the front, when that is cheap relative to what remains.
    private func trimWriteBuffer() {
        if pendingWriteBytes == 0 {
            writeBuffer.removeAll(keepingCapacity: writeBuffer.count <= 1 << 20)
            writeStart = 0
        } else if writeStart >= 1 << 16 && writeStart >= pendingWriteBytes {
            writeBuffer.removeFirst(writeStart)
            writeStart = 0
        }
    }

    // MARK: - Closing

    /// Closes now; no callback follows, not even a deferred error report. Idempotent.
    func close() {
        if let deferredTimer { loop.cancel(deferredTimer) }
        teardown()
    }

    /// Stops delivering reads, sends what is buffered, then a FIN, and closes once the peer
    /// has closed too (see `discardUntilClosed`), or after `timeout` seconds; no callback
    /// follows.
    func closeAfterFlush(timeout: Double) {
        guard state == .open else { return }
        state = .closing
        (onRead, onClose, onDrained) = (nil, nil, nil)
        deferredTimer = loop.schedule(after: timeout) { [weak self] in self?.teardown() }
        if pendingWriteBytes == 0 { shutDownWriting() }
    }

    /// Closes now and reports `error` to `onClose`; for protocol violations seen by a reader.
    func abort(_ error: SystemError) {
        guard state == .open else { return }
        finish(error)
    }

    /// Closes and reports `error` (nil for the peer's orderly close) to `onClose`, once.
    private func finish(_ error: SystemError?) {
        let callback = onClose
        teardown()
        callback?(error)
    }

    /// Closes at once but reports the error on the next turn, so that a failing `write`
    /// never calls back into the code that is writing.
    private func failLater(_ error: SystemError) {
        let callback = onClose
        teardown()
        deferredTimer = loop.schedule(after: 0) { callback?(error) }
    }

    /// Unregisters before closing, cancels deferred work and drops the callbacks (breaking
    /// the cycles they may hold through this channel).
    private func teardown() {
        guard state != .closed else { return }
        state = .closed
        if let deferredTimer { loop.cancel(deferredTimer) }
        loop.unregister(fd: fd)
        Glibc.close(fd)
        (onRead, onClose, onDrained) = (nil, nil, nil)
        writeBuffer = []
        writeStart = 0
    }

    private func watch(_ events: IOEvents, _ enabled: Bool) {
        let wanted = enabled ? watched.union(events) : watched.subtracting(events)
        guard wanted != watched, state != .closed else { return }
        do {
            try loop.modify(fd: fd, events: wanted)
            watched = wanted
        } catch {
            failLater(error)
        }
    }
}

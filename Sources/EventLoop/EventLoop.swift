// EventLoop: Brindle's single-threaded, non-blocking reactor over Linux epoll.
//
// One thread calls `run()`; everything registered on the loop (file descriptors, timers,
// signal handlers, TCP and UNIX connections, directory watchers) is used from that thread
// only, which is why none of these classes is Sendable. Other threads reach the loop only
// through `EventLoopHandle` (closures) and `Mailbox` (typed values), woken by an eventfd.
//
// Data flow: epoll reports readiness, the loop calls the handler registered for the
// descriptor, and the TCP/UNIX layers read until EAGAIN into one growing buffer that is
// handed to `onRead` without copying. Writes go out at once when the socket allows and are
// otherwise buffered in order, with EPOLLOUT asked for until the buffer drains.
//
// Timers live in a min-heap and set the epoll_wait timeout (millisecond resolution, which
// is ample for BGP's second-granular timers, RFC 4271 §10). Signals arrive via signalfd,
// directory changes via inotify. IPv4 only for now; no TCP MD5 (RFC 2385) or TCP-AO.
import CLinux
import Glibc

/// A single-threaded reactor: waits on epoll, dispatches readiness to handlers, fires timers
/// and runs work posted from other threads.
///
/// Create it, register descriptors and timers, then call `run()` on the thread that owns
/// it; a handler calls `stop()` to make `run()` return after the current turn.
public final class EventLoop {
    private struct Registration {
        let generation: UInt32
        let handler: (IOEvents) -> Void
    }

    /// The most events taken from epoll in one turn.
    private static let eventBatch: Int32 = 256

    private let epollFD: Int32
    private var registrations: [Int32: Registration] = [:]
    private var nextGeneration: UInt32 = 1
    private var timers = TimerQueue()
    private var mailboxHandlers: [Int: (any Sendable) -> Void] = [:]
    private var signalFDs: [Int32] = []
    private var stopped = false
    private let events: UnsafeMutablePointer<epoll_event>

    /// The thread-safe side of this loop, to hand to worker threads.
    public let handle: EventLoopHandle

    /// Creates a loop with its epoll instance and wake-up eventfd.
    /// - Throws: `SystemError` from `epoll_create1`, `eventfd` or `epoll_ctl`.
    public init() throws(SystemError) {
        epollFD = try checkedCall("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        events = .allocate(capacity: Int(Self.eventBatch))
        do {
            handle = try EventLoopHandle()
        } catch {
            Glibc.close(epollFD)
            events.deallocate()
            throw error
        }
        try register(fd: handle.eventFD, events: .readable) { [unowned self] _ in
            self.runPostedWork()
        }
    }

    deinit {
        for fd in signalFDs { Glibc.close(fd) }
        Glibc.close(epollFD)
        events.deallocate()
    }

    /// Monotonic time in seconds, the clock all timers use.
    public var now: Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
    }

    // MARK: - Running

    /// Runs turns of waiting and dispatching until `stop()` is called.
    /// - Throws: `SystemError` if `epoll_wait` fails (never for `EINTR`).
    public func run() throws(SystemError) {
        stopped = false
        while !stopped {
            try waitAndDispatch()
            fireDueTimers()
        }
    }

    /// Makes `run()` return once the current turn's handlers and timers are done.
    public func stop() {
        stopped = true
    }

    private func waitAndDispatch() throws(SystemError) {
        let timeout = timeoutMilliseconds()
        let result = try systemCall("epoll_wait") {
            epoll_wait(epollFD, events, Self.eventBatch, timeout)
        }
        guard case .done(let count) = result else { return }

        for index in 0..<Int(count) {
            let token = events[index].data.u64
            dispatch(
                fd: Int32(truncatingIfNeeded: token), generation: UInt32(token >> 32),
                events: IOEvents(epollMask: events[index].events))
        }
    }

    /// Calls the handler only if the registration that produced the event still exists; an
    /// earlier handler in the same batch may have unregistered it, and the number may even
    /// have been reused by a new registration.
    private func dispatch(fd: Int32, generation: UInt32, events: IOEvents) {
        guard let registration = registrations[fd], registration.generation == generation else {
            return
        }
        registration.handler(events)
    }

    private func timeoutMilliseconds() -> Int32 {
        guard let deadline = timers.nextDeadline() else { return -1 }
        let milliseconds = ((deadline - now) * 1000).rounded(.up)
        return Int32(max(0, min(milliseconds, Double(Int32.max))))
    }

    // MARK: - Descriptors

    /// Starts watching `fd`; the loop does not own or close it.
    /// - Parameters:
    ///   - fd: an open descriptor not yet registered here.
    ///   - events: the conditions to watch; errors and hang-ups are always reported.
    ///   - handler: called on the loop's thread with the conditions that occurred.
    /// - Throws: `SystemError` from `epoll_ctl`.
    public func register(
        fd: Int32, events: IOEvents, handler: @escaping (IOEvents) -> Void
    ) throws(SystemError) {
        precondition(registrations[fd] == nil, "fd \(fd) registered twice")
        let generation = nextGeneration
        nextGeneration &+= 1
        try control(EPOLL_CTL_ADD, fd: fd, generation: generation, events: events)
        registrations[fd] = Registration(generation: generation, handler: handler)
    }

    /// Changes the conditions watched for a registered descriptor.
    /// - Throws: `SystemError` from `epoll_ctl`.
    public func modify(fd: Int32, events: IOEvents) throws(SystemError) {
        guard let registration = registrations[fd] else {
            preconditionFailure("fd \(fd) modified while not registered")
        }
        try control(EPOLL_CTL_MOD, fd: fd, generation: registration.generation, events: events)
    }

    /// Stops watching `fd`; no handler call for it follows, even from the current batch.
    /// Call this before closing the descriptor.
    public func unregister(fd: Int32) {
        guard registrations.removeValue(forKey: fd) != nil else { return }
        // Removal fails only for a descriptor already closed, which epoll forgot itself.
        _ = try? checkedCall("epoll_ctl") { epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, nil) }
    }

    private func control(
        _ operation: Int32, fd: Int32, generation: UInt32, events: IOEvents
    ) throws(SystemError) {
        var event = epoll_event()
        event.events = events.epollMask
        event.data.u64 = UInt64(generation) << 32 | UInt64(UInt32(bitPattern: fd))
        try checkedCall("epoll_ctl") { epoll_ctl(epollFD, operation, fd, &event) }
    }

    // MARK: - Timers

    /// Runs `action` once on the loop's thread after `seconds` (monotonic time).
    /// Timers due at the same moment fire in the order they were scheduled.
    /// - Returns: an identifier for `cancel(_:)`.
    @discardableResult
    public func schedule(after seconds: Double, _ action: @escaping () -> Void) -> TimerID {
        timers.schedule(at: now + max(0, seconds), action)
    }

    /// Cancels a timer; cancelling one that fired or was cancelled already does nothing.
    public func cancel(_ timer: TimerID) {
        timers.cancel(timer)
    }

    private func fireDueTimers() {
        let turn = now
        while !stopped, let action = timers.popDue(now: turn) { action() }
    }

    // MARK: - Cross-thread work

    /// Queues `action` to run on the loop's thread; callable from any thread through
    /// `handle`, and from the loop's own thread directly.
    public func post(_ action: @escaping @Sendable () -> Void) {
        handle.post(action)
    }

    /// Makes a channel through which any thread can send values to `handler`, which runs on
    /// the loop's thread and may therefore use loop-owned objects.
    public func makeMailbox<Value: Sendable>(
        _ handler: @escaping (Value) -> Void
    ) -> Mailbox<Value> {
        let identifier = mailboxHandlers.count
        mailboxHandlers[identifier] = { value in
            guard let typed = value as? Value else {
                preconditionFailure("mailbox \(identifier) was sent a value of another type")
            }
            handler(typed)
        }
        return Mailbox(handle: handle, identifier: identifier)
    }

    private func runPostedWork() {
        for work in handle.takeAll() {
            switch work {
            case .action(let action): action()
            case .message(let mailbox, let value): mailboxHandlers[mailbox]?(value)
            case .stop: stop()
            }
        }
    }

    // MARK: - Signals

    /// Blocks `signals` in the calling thread and delivers them to `handler` through a
    /// signalfd. Call it from the main thread before starting others, so that every thread
    /// inherits the mask and no thread takes the signal's default action.
    /// - Throws: `SystemError` from `pthread_sigmask`, `signalfd` or `epoll_ctl`.
    public func onSignal(
        _ signals: [Int32], _ handler: @escaping (Int32) -> Void
    ) throws(SystemError) {
        var set = sigset_t()
        let status = signals.withUnsafeBufferPointer { list in
            clinux_block_signals(list.baseAddress, Int32(list.count), &set)
        }
        guard status == 0 else { throw SystemError(call: "pthread_sigmask", errno: status) }

        let fd = try checkedCall("signalfd") {
            signalfd(-1, &set, Int32(SFD_NONBLOCK) | Int32(SFD_CLOEXEC))
        }
        signalFDs.append(fd)
        try register(fd: fd, events: .readable) { _ in Self.readSignals(fd: fd, handler) }
    }

    private static func readSignals(fd: Int32, _ handler: (Int32) -> Void) {
        var info = signalfd_siginfo()
        let size = MemoryLayout<signalfd_siginfo>.size
        while case .done(let count)? = try? systemCall("read", { Glibc.read(fd, &info, size) }),
            count == size
        {
            handler(Int32(bitPattern: info.ssi_signo))
        }
    }
}

import CLinux
import Glibc
import Synchronization

/// The one part of an event loop that other threads may use: it queues work for the loop's
/// thread and wakes the loop through an eventfd.
///
/// The handle owns the eventfd and closes it only when the last reference goes, so a thread
/// that posts after the loop is gone writes to a live (if unwatched) descriptor, never to a
/// reused one. Work posted after the loop is gone is never run.
public final class EventLoopHandle: Sendable {
    /// One piece of queued work: a closure, or a value for a mailbox's loop-side handler.
    enum Work: Sendable {
        case action(@Sendable () -> Void)
        case message(mailbox: Int, value: any Sendable)
        case stop
    }

    /// The eventfd the loop watches; written once per post.
    let eventFD: Int32

    private let queue = Mutex<[Work]>([])

    init() throws(SystemError) {
        eventFD = try checkedCall("eventfd") {
            eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        }
    }

    deinit { Glibc.close(eventFD) }

    /// Queues `action` to run on the loop's thread, in posting order, and wakes the loop.
    /// Safe to call from any thread.
    public func post(_ action: @escaping @Sendable () -> Void) {
        enqueue(.action(action))
    }

    /// Makes the loop's `run()` return after its current turn. Safe to call from any thread.
    public func stop() {
        enqueue(.stop)
    }

    func enqueue(_ work: Work) {
        queue.withLock { $0.append(work) }

        // An eventfd write fails only when its counter would overflow, which a wake-up
        // counter read at every loop turn cannot reach.
        var one: UInt64 = 1
        _ = try? systemCall("write") { Glibc.write(eventFD, &one, 8) }
    }

    /// Takes all queued work, resetting the eventfd counter first so that no wake-up is lost.
    func takeAll() -> [Work] {
        var counter: UInt64 = 0
        _ = try? systemCall("read") { Glibc.read(eventFD, &counter, 8) }
        return queue.withLock { work in
            defer { work.removeAll() }
            return work
        }
    }
}

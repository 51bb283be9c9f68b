import Dispatch
import EventLoop
import Glibc
import Synchronization
import Testing

@Suite struct EventLoopTests {
    @Test func timersFireInDeadlineOrderAndCancelledOnesDoNot() throws {
        let loop = try EventLoop()
        var fired: [String] = []
        loop.schedule(after: 0.06) {
            fired.append("c")
            loop.stop()
        }
        loop.schedule(after: 0.02) { fired.append("a") }
        let cancelled = loop.schedule(after: 0.03) { fired.append("cancelled") }
        loop.schedule(after: 0.04) { fired.append("b") }
        loop.cancel(cancelled)

        let start = loop.now
        try runBounded(loop)
        #expect(fired == ["a", "b", "c"])
        #expect(loop.now - start >= 0.06)
    }

    @Test func timerScheduledFromATimerRunsOnALaterTurn() throws {
        let loop = try EventLoop()
        var fired: [Int] = []
        loop.schedule(after: 0) {
            fired.append(1)
            loop.schedule(after: 0) {
                fired.append(3)
                loop.stop()
            }
            fired.append(2)
        }
        try runBounded(loop)
        #expect(fired == [1, 2, 3])
    }

    @Test func postAndMailboxFromAnotherThreadWakeTheLoop() throws {
        let loop = try EventLoop()
        let posted = Atomic<Int>(0)
        var received: [Int] = []
        let mailbox = loop.makeMailbox { (value: Int) in
            received.append(value)
            if received.count == 3 { loop.stop() }
        }
        let handle = loop.handle

        // The loop sleeps with no timers until the other thread's eventfd write wakes it.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) {
            handle.post { posted.add(1, ordering: .relaxed) }
            for value in 1...3 { mailbox.send(value) }
        }
        try runBounded(loop)
        #expect(received == [1, 2, 3])
        #expect(posted.load(ordering: .relaxed) == 1)
    }

    @Test func stopThroughTheHandleEndsRun() throws {
        let loop = try EventLoop()
        let handle = loop.handle
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { handle.stop() }
        try runBounded(loop)
    }

    @Test func signalRaisedToSelfIsDeliveredThroughSignalfd() throws {
        let loop = try EventLoop()
        var delivered: [Int32] = []
        try loop.onSignal([SIGUSR1]) { signal in
            delivered.append(signal)
            loop.stop()
        }

        // raise() targets this thread, which onSignal has just made block SIGUSR1.
        loop.schedule(after: 0.01) { raise(SIGUSR1) }
        try runBounded(loop)
        #expect(delivered == [SIGUSR1])
    }

    @Test func registeredDescriptorReportsReadableAndStopsAfterUnregister() throws {
        let loop = try EventLoop()
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }

        var reports: [IOEvents] = []
        try loop.register(fd: fds[0], events: .readable) { events in
            reports.append(events)
            loop.unregister(fd: fds[0])
            loop.schedule(after: 0.05) { loop.stop() }
        }
        #expect(write(fds[1], "x", 1) == 1)
        try runBounded(loop)
        #expect(reports == [.readable])
    }
}

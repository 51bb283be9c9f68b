import Testing

@testable import EventLoop

@Suite struct TimerQueueTests {
    private func drain(_ queue: inout TimerQueue, now: Double) {
        while let action = queue.popDue(now: now) { action() }
    }

    @Test func popsByDeadlineThenSchedulingOrder() {
        var queue = TimerQueue()
        var order: [Int] = []
        for (index, deadline) in [5.0, 1.0, 3.0, 1.0, 2.0].enumerated() {
            _ = queue.schedule(at: deadline) { order.append(index) }
        }
        #expect(queue.nextDeadline() == 1.0)
        drain(&queue, now: 2.5)
        #expect(order == [1, 3, 4])
        drain(&queue, now: 10)
        #expect(order == [1, 3, 4, 2, 0])
    }

    @Test func cancelledTimersNeverFireAndManyCancelsCompact() {
        var queue = TimerQueue()
        var fired: [Int] = []
        var identifiers: [TimerID] = []
        for index in 0..<500 {
            identifiers.append(queue.schedule(at: Double(500 - index)) { fired.append(index) })
        }
        for (index, identifier) in identifiers.enumerated() where index % 10 != 0 {
            queue.cancel(identifier)
        }
        queue.cancel(identifiers[1])

        #expect(queue.count == 50)
        drain(&queue, now: 1000)
        #expect(fired == stride(from: 490, through: 0, by: -10).map { $0 })
        #expect(queue.nextDeadline() == nil)
    }
}

import BGPWire
import Testing

@testable import Kernel

/// The writer's queue: batches merge with the latest value winning, a reconciliation is a
/// barrier, and nothing is taken after the stop.
struct KernelQueueTests {
    private let gateway = IPv4Address(10, 201, 0, 2)
    private let otherGateway = IPv4Address(10, 201, 0, 3)

    private func prefix(_ text: String) -> IPPrefix { IPPrefix(text)! }

    private func route(_ text: String, via nextHop: IPv4Address) -> KernelRoute {
        KernelRoute(prefix: IPv4Prefix(text)!, nextHop: nextHop)
    }

    @Test func batchesMergeWithTheLatestValueOfAPrefixWinning() {
        let a = route("10.1.0.0/24", via: gateway)
        let b = route("10.2.0.0/24", via: gateway)
        let movedA = route("10.1.0.0/24", via: otherGateway)
        var queue = KernelQueue()

        queue.add([a.prefix: a, b.prefix: b])
        queue.add([a.prefix: movedA])
        queue.add([b.prefix: nil])

        #expect(queue.takeAll() == [.changes([a.prefix: movedA, b.prefix: nil])])
        #expect(queue.isEmpty)
    }

    @Test func aDeleteSurvivesTheMerge() {
        let a = route("10.1.0.0/24", via: gateway)
        var queue = KernelQueue()

        queue.add([a.prefix: a])
        queue.add([a.prefix: nil])

        let work = queue.takeAll()
        guard case .changes(let changes) = work.first else {
            Issue.record("expected one batch, got \(work)")
            return
        }
        // The key stays, with nil: a delete, not a forgotten prefix.
        #expect(changes.count == 1)
        #expect(changes[a.prefix] == .some(nil))
    }

    @Test func aReconciliationIsABarrierBetweenBatches() {
        let a = route("10.1.0.0/24", via: gateway)
        let movedA = route("10.1.0.0/24", via: otherGateway)
        var queue = KernelQueue()

        queue.add([a.prefix: a])
        queue.add(reconcile: [a])
        queue.add([a.prefix: movedA])
        queue.add([a.prefix: nil])

        #expect(
            queue.takeAll() == [
                .changes([a.prefix: a]), .reconcile([a]), .changes([a.prefix: nil]),
            ])
    }

    @Test func anEmptyBatchQueuesNothing() {
        var queue = KernelQueue()
        let queued = queue.add([:])
        #expect(queued)
        #expect(queue.isEmpty)
    }

    @Test func afterFinishNothingMoreIsQueued() {
        let a = route("10.1.0.0/24", via: gateway)
        var queue = KernelQueue()

        queue.add([a.prefix: a])
        queue.finish()
        queue.finish()

        let changesQueued = queue.add([prefix("10.2.0.0/24"): nil])
        let reconcileQueued = queue.add(reconcile: [])
        #expect(!changesQueued && !reconcileQueued)
        #expect(queue.takeAll() == [.changes([a.prefix: a]), .finish])
        #expect(queue.isFinished)
        let queuedAfterTaking = queue.add([a.prefix: a])
        #expect(!queuedAfterTaking)
        #expect(queue.isEmpty)
    }
}

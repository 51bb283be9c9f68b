import BGPWire
import Dispatch
import Glibc
import Synchronization
import Testing

@testable import Kernel

/// The outcomes a writer reported, in order, as text a test can compare; `.caughtUp`, which
/// comes whenever the writer happens to run dry, only counted and signalled.
private final class OutcomeLog: Sendable {
    private let lines = Mutex<[String]>([])
    private let catchUps = Mutex(0)
    /// Signalled at each `.caughtUp`.
    let caughtUp = DispatchSemaphore(value: 0)

    func record(_ outcome: KernelWriter.Outcome) {
        guard case .caughtUp = outcome else {
            lines.withLock { $0.append(Self.line(outcome)) }
            return
        }
        catchUps.withLock { $0 += 1 }
        caughtUp.signal()
    }

    var recorded: [String] { lines.withLock { $0 } }
    var caughtUpCount: Int { catchUps.withLock { $0 } }

    private static func line(_ outcome: KernelWriter.Outcome) -> String {
        switch outcome {
        case .caughtUp: "caught up"
        case .written(let changes, let failures):
            "written \(changes.count) refused \(failures.map(\.prefix.description).sorted())"
        case .writeFailed(let changes, let error):
            "write failed \(error.call) for \(changes.keys.map(\.description).sorted())"
        case .reconciled(let count, let failures): "reconciled \(count) refused \(failures.count)"
        case .reconcileFailed(let error): "reconcile failed \(error.call)"
        case .finished: "finished"
        }
    }
}

private let gateway = IPv4Address(10, 201, 0, 2)
private let otherGateway = IPv4Address(10, 201, 0, 3)

private func route(_ text: String, via nextHop: IPv4Address = gateway) -> KernelRoute {
    KernelRoute(prefix: IPv4Prefix(text)!, nextHop: nextHop)
}

/// Starts a writer for `table` whose outcomes go to the returned log.
private func startedWriter(_ table: sending FakeKernelTable) -> (KernelWriter, OutcomeLog) {
    let outcomes = OutcomeLog()
    let writer = KernelWriter(table: table)
    writer.start { outcomes.record($0) }
    return (writer, outcomes)
}

/// The writer against a fake table: order, merging while busy, refusals, the stop.
struct KernelWriterTests {
    @Test func batchesQueuedWhileTheWriterIsBusyMergeIntoOneWrite() {
        let log = FakeKernelTable.Log()
        let (writer, outcomes) = startedWriter(FakeKernelTable(log: log, holdingFirstCall: true))
        let a = route("10.1.0.0/24")
        let b = route("10.2.0.0/24")
        let movedA = route("10.1.0.0/24", via: otherGateway)

        writer.write([a.prefix: a])
        log.firstCallStarted.wait()
        // The writer is inside the kernel with the first batch: these two wait and merge.
        writer.write([b.prefix: b, a.prefix: a])
        writer.write([a.prefix: movedA, b.prefix: nil])
        log.releaseFirstCall.signal()
        writer.waitUntilFinished()

        #expect(
            log.recorded == [
                .apply(replace: [a], delete: []), .apply(replace: [movedA], delete: [b.prefix]),
            ])
        #expect(outcomes.recorded == ["written 1 refused []", "written 2 refused []", "finished"])
    }

    @Test func aReconciliationRunsAfterTheWritesQueuedBeforeIt() {
        let log = FakeKernelTable.Log()
        let (writer, outcomes) = startedWriter(FakeKernelTable(log: log, holdingFirstCall: true))
        let a = route("10.1.0.0/24")
        let b = route("10.2.0.0/24")

        writer.write([a.prefix: a])
        log.firstCallStarted.wait()
        writer.write([b.prefix: b])
        writer.reconcile(desired: [a, b])
        writer.write([a.prefix: nil])
        log.releaseFirstCall.signal()
        writer.waitUntilFinished()

        #expect(
            log.recorded == [
                .apply(replace: [a], delete: []), .apply(replace: [b], delete: []),
                .reconcile([a, b]), .apply(replace: [], delete: [a.prefix]),
            ])
        #expect(
            outcomes.recorded == [
                "written 1 refused []", "written 1 refused []", "reconciled 2 refused 0",
                "written 1 refused []", "finished",
            ])
    }

    @Test func aRefusedReplaceIsDeletedBeforeTheNextBatch() {
        let log = FakeKernelTable.Log()
        let refused = route("10.9.0.0/24")
        let (writer, outcomes) = startedWriter(
            FakeKernelTable(log: log, refusing: [refused.prefix], holdingFirstCall: true))
        let a = route("10.1.0.0/24")

        writer.write([refused.prefix: refused, a.prefix: a])
        log.firstCallStarted.wait()
        writer.write([a.prefix: nil])
        log.releaseFirstCall.signal()
        writer.waitUntilFinished()

        #expect(
            log.recorded == [
                .apply(replace: [refused, a], delete: []),
                .apply(replace: [], delete: [refused.prefix]),
                .apply(replace: [], delete: [a.prefix]),
            ])
        #expect(
            outcomes.recorded == [
                "written 2 refused [\"10.9.0.0/24\"]", "written 1 refused []", "finished",
            ])
    }

    @Test func aLargeBatchIsWrittenInPieces() {
        let log = FakeKernelTable.Log()
        let (writer, outcomes) = startedWriter(FakeKernelTable(log: log))
        let count = 2 * KernelWriter.pieceSize + 5
        var changes: [IPPrefix: KernelRoute?] = [:]
        for number in 0..<count {
            let prefix = IPv4Prefix.host(IPv4Address(rawValue: 0x0A00_0000 + UInt32(number)))
            let route = KernelRoute(prefix: prefix, nextHop: gateway)
            // updateValue, so that a nil (a delete) is kept rather than removing the key.
            changes.updateValue(number.isMultiple(of: 2) ? nil : route, forKey: .v4(prefix))
        }

        writer.write(changes)
        writer.waitUntilFinished()

        var replaced: Set<KernelRoute> = []
        var deleted: Set<IPPrefix> = []
        for case .apply(let replace, let delete) in log.recorded {
            #expect(replace.count + delete.count <= KernelWriter.pieceSize)
            replaced.formUnion(replace)
            deleted.formUnion(delete)
        }
        #expect(log.recorded.count == 3)
        #expect(replaced.count + deleted.count == count)
        #expect(Set(replaced.map(\.prefix)).isDisjoint(with: deleted))
        #expect(outcomes.recorded == ["written \(count) refused []", "finished"])
    }

    @Test func aSocketFailureIsReported() {
        let log = FakeKernelTable.Log()
        let (writer, outcomes) = startedWriter(FakeKernelTable(log: log, socketFails: true))
        let a = route("10.1.0.0/24")

        writer.write([a.prefix: a])
        writer.reconcile(desired: [a])
        writer.waitUntilFinished()

        #expect(
            outcomes.recorded == [
                "write failed sendmsg for [\"10.1.0.0/24\"]", "reconcile failed sendmsg",
                "finished",
            ])
    }

    @Test func finishDrainsWhatIsQueuedAndTakesNothingAfter() {
        let log = FakeKernelTable.Log()
        let (writer, outcomes) = startedWriter(FakeKernelTable(log: log, holdingFirstCall: true))
        let a = route("10.1.0.0/24")
        let b = route("10.2.0.0/24")

        writer.write([a.prefix: a])
        log.firstCallStarted.wait()
        writer.write([b.prefix: b])
        writer.finish()
        writer.write([a.prefix: nil])
        writer.reconcile(desired: [])
        log.releaseFirstCall.signal()
        writer.waitUntilFinished()
        writer.write([b.prefix: nil])
        writer.waitUntilFinished()

        #expect(
            log.recorded == [.apply(replace: [a], delete: []), .apply(replace: [b], delete: [])])
        #expect(outcomes.recorded == ["written 1 refused []", "written 1 refused []", "finished"])
    }

    @Test func workQueuedBeforeStartIsDoneOnceStarted() {
        let log = FakeKernelTable.Log()
        let outcomes = OutcomeLog()
        let writer = KernelWriter(table: FakeKernelTable(log: log))
        let a = route("10.1.0.0/24")

        writer.reconcile(desired: [a])
        writer.write([a.prefix: a])
        #expect(log.recorded.isEmpty)
        writer.start { outcomes.record($0) }
        writer.waitUntilFinished()

        #expect(log.recorded == [.reconcile([a]), .apply(replace: [a], delete: [])])
        #expect(
            outcomes.recorded == ["reconciled 1 refused 0", "written 1 refused []", "finished"])
    }

    @Test func theWriterIsIdleOnlyOnceItCaughtUp() {
        let log = FakeKernelTable.Log()
        let (writer, outcomes) = startedWriter(FakeKernelTable(log: log, holdingFirstCall: true))
        let a = route("10.1.0.0/24")
        #expect(writer.isIdle)

        writer.write([a.prefix: a])
        log.firstCallStarted.wait()
        #expect(!writer.isIdle)
        writer.write([a.prefix: nil])
        log.releaseFirstCall.signal()
        outcomes.caughtUp.wait()

        #expect(writer.isIdle)
        #expect(outcomes.caughtUpCount == 1)
        #expect(outcomes.recorded == ["written 1 refused []", "written 1 refused []"])
        writer.waitUntilFinished()
        #expect(outcomes.caughtUpCount == 1)
        #expect(outcomes.recorded.last == "finished")
    }

    @Test func aWriterNeverStartedWritesNothing() {
        let log = FakeKernelTable.Log()
        let writer = KernelWriter(table: FakeKernelTable(log: log))
        let a = route("10.1.0.0/24")

        writer.write([a.prefix: a])
        writer.waitUntilFinished()

        #expect(log.recorded.isEmpty)
    }
}

/// The writer against a real kernel, in a network namespace made for each test.
@Suite(.enabled(if: getuid() == 0, "needs root to create network namespaces"))
struct KernelWriterKernelTests {
    @Test func writesChangesAndDeletesWhatARefusedReplaceLeft() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let outcomes = OutcomeLog()
        let writer = KernelWriter(table: try RouteTable(namespacePath: namespace.path))
        writer.start { outcomes.record($0) }
        let kept = route("10.60.0.0/24")
        let gone = route("10.60.1.0/24")
        let stranded = route("10.60.2.0/24")
        // No link reaches 10.99.0.1: the kernel refuses the replace with ENETUNREACH.
        let unreachable = route("10.60.2.0/24", via: IPv4Address(10, 99, 0, 1))

        writer.write([kept.prefix: kept, gone.prefix: gone, stranded.prefix: stranded])
        outcomes.caughtUp.wait()
        #expect(try namespace.routes("proto", "150").count == 3)

        writer.write([gone.prefix: nil])
        writer.write([stranded.prefix: unreachable])
        writer.waitUntilFinished()

        #expect(
            try namespace.routes("proto", "150") == ["10.60.0.0/24 via 10.201.0.2 dev v0 metric 32"]
        )
        let lines = outcomes.recorded
        #expect(lines.first == "written 3 refused []")
        #expect(lines.contains { $0.hasSuffix("refused [\"10.60.2.0/24\"]") })
        #expect(lines.last == "finished")
    }
}

import BGPWire
import Dispatch
import Glibc
import Synchronization

@testable import Kernel

/// A `KernelTable` without a kernel, for `KernelWriter` tests: it records every call in a
/// `log` the test keeps (the table itself is handed to the writer), refuses replaces of
/// chosen prefixes with ENETUNREACH, and can hold its first call until the test releases it.
final class FakeKernelTable: KernelTable {
    /// One call, with the requests as sets: a batch comes from a dictionary, in no order.
    enum Call: Equatable, Sendable {
        case apply(replace: Set<KernelRoute>, delete: Set<IPPrefix>)
        case reconcile([KernelRoute])
    }

    /// The calls made so far, in order, shared with the test.
    final class Log: Sendable {
        private let calls = Mutex<[Call]>([])
        /// Signalled when the first call starts.
        let firstCallStarted = DispatchSemaphore(value: 0)
        /// Signalled by the test to let a held first call go on.
        let releaseFirstCall = DispatchSemaphore(value: 0)

        /// Appends a call; true for the first.
        func record(_ call: Call) -> Bool {
            calls.withLock { calls in
                calls.append(call)
                return calls.count == 1
            }
        }

        /// The calls so far.
        var recorded: [Call] { calls.withLock { $0 } }
    }

    let log: Log
    private let refused: Set<IPPrefix>
    private let holdsFirstCall: Bool
    private let socketFails: Bool

    init(
        log: Log, refusing refused: Set<IPPrefix> = [], holdingFirstCall: Bool = false,
        socketFails: Bool = false
    ) {
        self.log = log
        self.refused = refused
        self.holdsFirstCall = holdingFirstCall
        self.socketFails = socketFails
    }

    func apply(replace: [KernelRoute], delete: [IPPrefix]) throws(KernelError) -> [RouteFailure] {
        try enter(.apply(replace: Set(replace), delete: Set(delete)))
        return replace.filter { refused.contains($0.prefix) }.map {
            RouteFailure(request: .replace($0), errno: ENETUNREACH)
        }
    }

    func reconcile(desired: [KernelRoute]) throws(KernelError) -> [RouteFailure] {
        try enter(.reconcile(desired))
        return []
    }

    private func enter(_ call: Call) throws(KernelError) {
        if log.record(call), holdsFirstCall {
            log.firstCallStarted.signal()
            log.releaseFirstCall.wait()
        }
        guard !socketFails else { throw KernelError(call: "sendmsg", errno: ENOBUFS) }
    }
}

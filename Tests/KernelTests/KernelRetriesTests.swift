import BGPWire
import Glibc
import Testing

@testable import Kernel

/// The retry bookkeeping: refused routes and batches the socket failed on wait for a
/// retry, a clean write ends the wait, and a prefix is given up after the last attempt.
struct KernelRetriesTests {
    private let gateway = IPv4Address(10, 201, 0, 2)

    private func route(_ text: String) -> KernelRoute {
        KernelRoute(prefix: IPv4Prefix(text)!, nextHop: gateway)
    }

    private func refusal(_ route: KernelRoute) -> RouteFailure {
        RouteFailure(request: .replace(route), errno: ENETUNREACH)
    }

    @Test func aRefusedRouteWaitsAndTheOthersOfItsBatchDoNot() {
        let a = route("10.1.0.0/24")
        let b = route("10.2.0.0/24")
        var retries = KernelRetries()

        let report = retries.recordWritten([a.prefix: a, b.prefix: b], failures: [refusal(a)])

        #expect(report.firstRefusals == [refusal(a)])
        #expect(report.lastRefusals.isEmpty)
        #expect(Set(retries.prefixes) == [a.prefix])
        #expect(retries.attempts(for: a.prefix) == 1)
        #expect(retries.attempts(for: b.prefix) == 0)
    }

    @Test func aCleanWriteEndsTheWaitAndOnlyForThePrefixesItWrote() {
        let a = route("10.1.0.0/24")
        let b = route("10.2.0.0/24")
        var retries = KernelRetries()
        _ = retries.recordWritten([a.prefix: a, b.prefix: b], failures: [refusal(a), refusal(b)])

        let report = retries.recordWritten([a.prefix: a], failures: [])

        #expect(report == KernelRetries.Report())
        #expect(Set(retries.prefixes) == [b.prefix])
    }

    @Test func aRefusalIsWarnedOnceAndGivenUpAfterTheLastAttempt() {
        let a = route("10.1.0.0/24")
        var retries = KernelRetries()
        var first = 0
        var last: [RouteFailure] = []

        for _ in 1...KernelRetries.maximumAttempts {
            let report = retries.recordWritten([a.prefix: a], failures: [refusal(a)])
            first += report.firstRefusals.count
            last += report.lastRefusals
        }

        #expect(first == 1)
        #expect(last == [refusal(a)])
        #expect(retries.isEmpty)
    }

    @Test func everyPrefixOfABatchTheSocketFailedOnWaitsDeletesIncluded() {
        let a = route("10.1.0.0/24")
        let deleted = IPPrefix("10.3.0.0/24")!
        var retries = KernelRetries()

        let abandoned = retries.recordFailed([a.prefix: a, deleted: nil])

        #expect(abandoned == 0)
        #expect(Set(retries.prefixes) == [a.prefix, deleted])
        // The retry's clean write ends the wait for both.
        _ = retries.recordWritten([a.prefix: a, deleted: nil], failures: [])
        #expect(retries.isEmpty)
    }

    @Test func aBatchThatKeepsFailingIsGivenUpAfterTheLastAttempt() {
        let a = route("10.1.0.0/24")
        let b = route("10.2.0.0/24")
        var retries = KernelRetries()
        var abandoned = 0

        for _ in 1..<KernelRetries.maximumAttempts {
            abandoned += retries.recordFailed([a.prefix: a, b.prefix: b])
        }
        #expect(abandoned == 0)
        #expect(retries.attempts(for: a.prefix) == KernelRetries.maximumAttempts - 1)

        abandoned += retries.recordFailed([a.prefix: a, b.prefix: b])

        #expect(abandoned == 2)
        #expect(retries.isEmpty)
    }
}

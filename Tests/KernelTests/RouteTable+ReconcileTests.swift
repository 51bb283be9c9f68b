import BGPWire
import Testing

@testable import Kernel

/// The reconcile plan, without a kernel: which requests turn the dump into the desired set.
struct RouteTableReconcileTests {
    private let gateway = IPv4Address(10, 201, 0, 2)
    private let otherGateway = IPv4Address(10, 201, 0, 3)

    private func route(_ text: String, via nextHop: IPv4Address) -> KernelRoute {
        KernelRoute(prefix: IPv4Prefix(text)!, nextHop: nextHop)
    }

    private func installed(_ route: KernelRoute, metric: UInt32 = 32) -> InstalledRoute {
        var withInterface = route
        withInterface.interfaceIndex = 3
        return InstalledRoute(route: withInterface, protocolNumber: 150, table: 254, metric: metric)
    }

    @Test func deletesStaleRoutesAndSkipsSatisfiedOnes() {
        let kept = route("10.1.0.0/24", via: gateway)
        let stale = route("10.2.0.0/24", via: gateway)
        let created = route("10.3.0.0/24", via: gateway)

        let plan = RouteTable.plan(
            installed: [installed(kept), installed(stale)], desired: [created, kept], metric: 32)

        #expect(plan.map(\.request) == [.delete(stale.prefix), .replace(created)])
        #expect(plan.map(\.metric) == [32, 32])
    }

    @Test func replacesARouteWhoseNextHopChanged() {
        let before = route("10.1.0.0/24", via: gateway)
        let after = route("10.1.0.0/24", via: otherGateway)

        let plan = RouteTable.plan(installed: [installed(before)], desired: [after], metric: 32)

        #expect(plan.map(\.request) == [.replace(after)])
    }

    @Test func deletesOurRouteAtAnOldMetricAtThatMetric() {
        let wanted = route("10.1.0.0/24", via: gateway)

        let plan = RouteTable.plan(
            installed: [installed(wanted, metric: 20)], desired: [wanted], metric: 32)

        #expect(plan.map(\.request) == [.delete(wanted.prefix), .replace(wanted)])
        #expect(plan.map(\.metric) == [20, 32])
    }

    @Test func theLastOfTwoDesiredRoutesForOnePrefixWins() {
        let first = route("10.1.0.0/24", via: gateway)
        let second = route("10.1.0.0/24", via: otherGateway)

        let plan = RouteTable.plan(installed: [], desired: [first, second], metric: 32)

        #expect(plan.map(\.request) == [.replace(second)])
    }

    @Test func plansBothFamiliesInOnePassIPv4First() {
        let gateway6 = IPv6Address("fd00:1::2")!
        let ipv4 = route("10.1.0.0/24", via: gateway)
        let kept = KernelRoute(prefix: IPv6Prefix("fd00:3::/64")!, nextHop: gateway6)
        let stale = KernelRoute(prefix: IPv6Prefix("fd00:2::/64")!, nextHop: gateway6)
        let created = KernelRoute(prefix: IPv6Prefix("fd00:4::/64")!, nextHop: gateway6)

        let plan = RouteTable.plan(
            installed: [installed(stale), installed(kept)], desired: [created, kept, ipv4],
            metric: 32)

        #expect(plan.map(\.request) == [.delete(stale.prefix), .replace(ipv4), .replace(created)])
    }
}

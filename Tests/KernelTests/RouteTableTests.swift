import BGPWire
import Glibc
import Testing

@testable import Kernel

/// Real-kernel tests: each makes its own network namespace and deletes it afterwards.
@Suite(.enabled(if: getuid() == 0, "needs root to create network namespaces"))
struct RouteTableTests {
    private func prefix(_ text: String) -> IPPrefix { IPPrefix(text)! }

    private func gatewayRoute(_ text: String, via nextHop: IPv4Address = TestNamespace.gateway)
        -> KernelRoute
    {
        KernelRoute(prefix: IPv4Prefix(text)!, nextHop: nextHop)
    }

    private func gatewayRoute6(
        _ text: String, via nextHop: IPv6Address = TestNamespace.gateway6
    ) -> KernelRoute {
        KernelRoute(prefix: IPv6Prefix(text)!, nextHop: nextHop)
    }

    @Test func replacesAThousandRoutesInOneApplyAndDumpsThemBack() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let table = try RouteTable(namespacePath: namespace.path)
        let routes = (0..<1000).map { number in
            KernelRoute(
                prefix: .host(IPv4Address(10, 50, UInt8(number / 256), UInt8(number % 256))),
                nextHop: TestNamespace.gateway)
        }

        #expect(try table.apply(replace: routes, delete: []).isEmpty)

        let dumped = try table.dump()
        #expect(dumped.count == 1000)
        #expect(Set(dumped.map(\.prefix)) == Set(routes.map(\.prefix)))
        #expect(dumped.allSatisfy { $0.nextHop == .v4(TestNamespace.gateway) })
        #expect(dumped.allSatisfy { $0.scope == .universe })
        #expect(try namespace.routes("proto", "150").count == 1000)
    }

    @Test func replaceChangesTheNextHop() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let table = try RouteTable(namespacePath: namespace.path)

        #expect(try table.apply(replace: [gatewayRoute("10.51.0.0/24")], delete: []).isEmpty)
        let moved = gatewayRoute("10.51.0.0/24", via: TestNamespace.otherGateway)
        #expect(try table.apply(replace: [moved], delete: []).isEmpty)

        let dumped = try table.dump()
        #expect(dumped.map(\.nextHop) == [.v4(TestNamespace.otherGateway)])
        #expect(
            try namespace.routes("proto", "150") == [
                "10.51.0.0/24 via 10.201.0.3 dev v0 metric 32"
            ])
    }

    @Test func deleteRemovesOurRouteAndToleratesAnAbsentOne() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let table = try RouteTable(namespacePath: namespace.path)
        let routes = [gatewayRoute("10.52.0.0/24"), gatewayRoute("10.52.1.0/24")]
        #expect(try table.apply(replace: routes, delete: []).isEmpty)

        let failures = try table.apply(replace: [], delete: [prefix("10.52.0.0/24")])
        #expect(failures.isEmpty)
        #expect(try table.dump().map(\.prefix) == [prefix("10.52.1.0/24")])

        // ESRCH for a route that is already gone is not a failure.
        #expect(try table.apply(replace: [], delete: [prefix("10.52.0.0/24")]).isEmpty)
    }

    @Test func reconcileDeletesStaleRoutesAndKeepsOrCreatesDesiredOnes() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let table = try RouteTable(namespacePath: namespace.path)
        let kept = gatewayRoute("10.53.0.0/24")
        let moved = gatewayRoute("10.53.1.0/24")
        let stale = gatewayRoute("10.53.2.0/24")
        #expect(try table.apply(replace: [kept, moved, stale], delete: []).isEmpty)

        let movedNow = gatewayRoute("10.53.1.0/24", via: TestNamespace.otherGateway)
        let created = gatewayRoute("10.53.3.0/24")
        #expect(try table.reconcile(desired: [kept, movedNow, created]).isEmpty)

        let dumped = try table.dump()
        #expect(dumped.map(\.prefix).sorted() == [kept, movedNow, created].map(\.prefix))
        #expect(dumped.first { $0.prefix == movedNow.prefix }?.nextHop == movedNow.nextHop)
    }

    @Test func anotherProtocolsRoutesAreNeverTouched() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let table = try RouteTable(namespacePath: namespace.path)
        try namespace.ip("route", "add", "10.54.0.0/24", "via", "10.201.0.3", "proto", "static")
        try namespace.ip("route", "add", "10.54.1.0/24", "via", "10.201.0.3", "proto", "static")
        let statics = try namespace.routes("proto", "static")
        #expect(statics.count == 2)

        // Ours for the same prefix is a separate route at our metric.
        #expect(try table.apply(replace: [gatewayRoute("10.54.0.0/24")], delete: []).isEmpty)
        #expect(try table.dump().map(\.prefix) == [prefix("10.54.0.0/24")])
        #expect(try namespace.routes("proto", "static") == statics)

        #expect(try table.reconcile(desired: [gatewayRoute("10.54.0.0/24")]).isEmpty)
        #expect(try namespace.routes("proto", "static") == statics)

        #expect(try table.reconcile(desired: []).isEmpty)
        #expect(try table.dump().isEmpty)
        #expect(try namespace.routes("proto", "static") == statics)

        let prefixes = [prefix("10.54.0.0/24"), prefix("10.54.1.0/24")]
        #expect(try table.apply(replace: [], delete: prefixes).isEmpty)
        #expect(try namespace.routes("proto", "static") == statics)
    }

    @Test func kernelRefusesADeleteWhoseProtocolDiffers() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let table = try RouteTable(namespacePath: namespace.path)
        // Same prefix, table and metric as ours: only the protocol number tells them apart.
        try namespace.ip(
            "route", "add", "10.55.0.0/24", "via", "10.201.0.3", "proto", "static",
            "metric", "32")

        let ours = RouteOwner(protocolNumber: RouteTable.defaultProtocol, table: 254, metric: 32)
        #expect(try rawDelete("10.55.0.0/24", owner: ours, on: table) == ESRCH)
        #expect(try namespace.routes("proto", "static").count == 1)

        // The control: protocol 0 matches any protocol, and the same delete succeeds.
        let anyone = RouteOwner(protocolNumber: 0, table: 254, metric: 32)
        #expect(try rawDelete("10.55.0.0/24", owner: anyone, on: table) == 0)
        #expect(try namespace.routes("proto", "static").isEmpty)
    }

    /// Sends one RTM_DELROUTE built for `owner` and returns the errno of its acknowledgement.
    private func rawDelete(
        _ text: String, owner: RouteOwner, on table: RouteTable
    ) throws -> Int32? {
        var writer = NetlinkWriter()
        let sequence = table.takeSequence()
        RouteMessage.appendDelete(
            prefix(text), metric: owner.metric, owner: owner, sequence: sequence, to: &writer)
        try table.socket.send(writer.bytes)
        let replies = try NetlinkMessage.split(table.socket.receive())
        return replies.first { $0.sequence == sequence }?.errorNumber
    }

    @Test func installsAScopeLinkRouteToAnInterface() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let table = try RouteTable(namespacePath: namespace.path)
        let index = try #require(Interfaces.index(named: "v0", namespacePath: namespace.path))
        let route = KernelRoute(prefix: prefix("10.56.0.0/24"), nextHop: nil, interfaceIndex: index)
        #expect(route.scope == .link)

        #expect(try table.apply(replace: [route], delete: []).isEmpty)

        #expect(try table.dump() == [route])
        #expect(
            try namespace.routes("proto", "150") == [
                "10.56.0.0/24 dev v0 scope link metric 32"
            ])
    }

    @Test func mapsEachRefusalBackToItsRoute() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let table = try RouteTable(namespacePath: namespace.path)
        let unreachable = gatewayRoute("10.57.1.0/24", via: IPv4Address(192, 0, 2, 1))
        let good = [gatewayRoute("10.57.0.0/24"), gatewayRoute("10.57.2.0/24")]

        let failures = try table.apply(replace: [good[0], unreachable, good[1]], delete: [])

        #expect(failures == [RouteFailure(request: .replace(unreachable), errno: ENETUNREACH)])
        #expect(try table.dump().map(\.prefix).sorted() == good.map(\.prefix))
    }

    @Test func worksInATableAboveTwoHundredFiftyFive() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let table = try RouteTable(table: 1000, namespacePath: namespace.path)
        let main = try RouteTable(namespacePath: namespace.path)

        #expect(try table.apply(replace: [gatewayRoute("10.58.0.0/24")], delete: []).isEmpty)

        #expect(try table.dump().map(\.prefix) == [prefix("10.58.0.0/24")])
        #expect(try main.dump().isEmpty)
        #expect(try namespace.routes("table", "1000", "proto", "150").count == 1)
    }

    // MARK: - IPv6

    @Test func replacesAThousandIPv6RoutesInSeveralBatchesAndDumpsThemBack() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let table = try RouteTable(namespacePath: namespace.path)
        // 92 bytes a request: a thousand fill three 32 KiB batches.
        let routes = (0..<1000).map { number in
            KernelRoute(
                prefix: .host(IPv6Address(0xFD00, 0x60, 0, 0, 0, 0, 0, UInt16(number))),
                nextHop: TestNamespace.gateway6)
        }

        #expect(try table.apply(replace: routes, delete: []).isEmpty)

        let dumped = try table.dump()
        #expect(dumped.count == 1000)
        #expect(Set(dumped.map(\.prefix)) == Set(routes.map(\.prefix)))
        #expect(dumped.allSatisfy { $0.nextHop == .v6(TestNamespace.gateway6) })
        #expect(try namespace.routes6("proto", "150").count == 1000)
    }

    @Test func replaceChangesTheNextHopOfAnIPv6Route() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let table = try RouteTable(namespacePath: namespace.path)

        #expect(try table.apply(replace: [gatewayRoute6("fd00:51::/64")], delete: []).isEmpty)
        let moved = gatewayRoute6("fd00:51::/64", via: TestNamespace.otherGateway6)
        #expect(try table.apply(replace: [moved], delete: []).isEmpty)

        #expect(try table.dump().map(\.nextHop) == [.v6(TestNamespace.otherGateway6)])
        #expect(
            try namespace.routes6("proto", "150") == [
                "fd00:51::/64 via fd00:1::3 dev v0 metric 32 pref medium"
            ])
    }

    @Test func deleteRemovesOurIPv6RouteAndToleratesAnAbsentOne() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let table = try RouteTable(namespacePath: namespace.path)
        let routes = [gatewayRoute6("fd00:52::/64"), gatewayRoute6("fd00:52:1::/64")]
        #expect(try table.apply(replace: routes, delete: []).isEmpty)

        #expect(try table.apply(replace: [], delete: [prefix("fd00:52::/64")]).isEmpty)
        #expect(try table.dump().map(\.prefix) == [prefix("fd00:52:1::/64")])

        #expect(try table.apply(replace: [], delete: [prefix("fd00:52::/64")]).isEmpty)
        #expect(try namespace.routes6("proto", "150").count == 1)
    }

    @Test func aLinkLocalGatewayNeedsItsInterface() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let table = try RouteTable(namespacePath: namespace.path)
        let index = try #require(Interfaces.index(named: "v0", namespacePath: namespace.path))
        let linkLocal = try #require(IPv6Address("fe80::2"))
        let bound = KernelRoute(
            prefix: IPv6Prefix("fd00:53::/64")!, nextHop: linkLocal, interfaceIndex: index)
        let unbound = KernelRoute(prefix: IPv6Prefix("fd00:53:1::/64")!, nextHop: linkLocal)

        let failures = try table.apply(replace: [bound, unbound], delete: [])

        // The kernel cannot tell which link an unbound link-local gateway is on.
        #expect(failures == [RouteFailure(request: .replace(unbound), errno: EINVAL)])
        #expect(try table.dump() == [bound])
        #expect(
            try namespace.routes6("proto", "150") == [
                "fd00:53::/64 via fe80::2 dev v0 metric 32 pref medium"
            ])
    }

    @Test func installsAnIPv6RouteToAnInterfaceAndReadsItBackAsScopeLink() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let table = try RouteTable(namespacePath: namespace.path)
        let index = try #require(Interfaces.index(named: "v0", namespacePath: namespace.path))
        let route = KernelRoute(
            prefix: IPv6Prefix("fd00:54::/64")!, nextHop: nil, interfaceIndex: index)

        #expect(try table.apply(replace: [route], delete: []).isEmpty)

        #expect(try table.dump() == [route])
        #expect(
            try namespace.routes6("proto", "150") == ["fd00:54::/64 dev v0 metric 32 pref medium"])
        // The kernel reports it as scope universe; read back as link, it needs no rewrite.
        let plan = RouteTable.plan(
            installed: try table.installedRoutes(), desired: [route], metric: table.metric)
        #expect(plan.isEmpty)
    }

    @Test func reconcileCoversBothFamiliesAndLeavesAnotherProtocolsIPv6Routes() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let table = try RouteTable(namespacePath: namespace.path)
        for other in ["fd00:55::/64", "fd00:55:1::/64"] {
            try namespace.ip("-6", "route", "add", other, "via", "fd00:1::3", "proto", "static")
        }
        let statics = try namespace.routes6("proto", "static")
        #expect(statics.count == 2)
        let kept = [gatewayRoute("10.59.0.0/24"), gatewayRoute6("fd00:55::/64")]
        let stale = [gatewayRoute("10.59.1.0/24"), gatewayRoute6("fd00:55:2::/64")]
        #expect(try table.apply(replace: kept + stale, delete: []).isEmpty)

        let created = gatewayRoute6("fd00:55:3::/64")
        #expect(try table.reconcile(desired: kept + [created]).isEmpty)

        #expect(try table.dump().map(\.prefix).sorted() == (kept + [created]).map(\.prefix))
        #expect(try namespace.routes6("proto", "static") == statics)

        #expect(try table.reconcile(desired: []).isEmpty)
        #expect(try table.dump().isEmpty)
        #expect(try namespace.routes6("proto", "static") == statics)
    }
}

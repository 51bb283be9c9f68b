import BGPWire
import Glibc
import Testing

@testable import Kernel

struct KernelRouteTests {
    private let prefix = IPv4Prefix("10.60.0.0/24")!

    @Test func scopeFollowsTheNextHopUnlessGiven() {
        #expect(KernelRoute(prefix: prefix, nextHop: IPv4Address(10, 0, 0, 1)).scope == .universe)
        #expect(KernelRoute(prefix: prefix, nextHop: nil, interfaceIndex: 2).scope == .link)
        let host = KernelRoute(prefix: prefix, nextHop: nil, interfaceIndex: 2, scope: .host)
        #expect(host.scope == .host)
    }

    @Test func aRouteWithoutInterfaceIsSatisfiedByAnyInterface() {
        let wanted = KernelRoute(prefix: prefix, nextHop: IPv4Address(10, 0, 0, 1))
        var installed = wanted
        installed.interfaceIndex = 7

        #expect(wanted.isSatisfied(by: installed))
        let elsewhere = KernelRoute(
            prefix: .v4(prefix), nextHop: wanted.nextHop, interfaceIndex: 8)
        #expect(!installed.isSatisfied(by: elsewhere))
        let moved = KernelRoute(
            prefix: prefix, nextHop: IPv4Address(10, 0, 0, 2), interfaceIndex: 7)
        #expect(!wanted.isSatisfied(by: moved))
    }

    @Test func describesItselfLikeIPRoute() {
        let route = KernelRoute(prefix: prefix, nextHop: IPv4Address(10, 0, 0, 1))
        let failure = RouteFailure(request: .replace(route), errno: ENETUNREACH)

        #expect(route.description == "10.60.0.0/24 via 10.0.0.1 scope universe")
        #expect(failure.description.hasPrefix("replace 10.60.0.0/24 via 10.0.0.1 scope universe: "))
        #expect(failure.description.hasSuffix("(errno 101)"))
        #expect(RouteScope(rawValue: 200).description == "200")
    }

    @Test func describesAnIPv6RouteLikeIPRoute() throws {
        let prefix = try #require(IPv6Prefix("fd00::/64"))
        let route = KernelRoute(
            prefix: prefix, nextHop: IPv6Address("fd00:1::2"), interfaceIndex: 3)
        let link = KernelRoute(prefix: prefix, nextHop: nil, interfaceIndex: 3)

        #expect(route.description == "fd00::/64 via fd00:1::2 dev 3 scope universe")
        #expect(link.description == "fd00::/64 dev 3 scope link")
        #expect(RouteRequest.delete(.v6(prefix)).description == "delete fd00::/64")
    }

    @Test func theFamilyInitializersMakeTheSameRouteAsTheGeneralOne() throws {
        let prefix = try #require(IPv6Prefix("fd00::/64"))
        let gateway = try #require(IPv6Address("fd00:1::2"))

        let general = KernelRoute(prefix: .v6(prefix), nextHop: .v6(gateway))
        #expect(KernelRoute(prefix: prefix, nextHop: gateway) == general)
        #expect(general.scope == .universe)
        let ipv4 = KernelRoute(prefix: self.prefix, nextHop: nil, interfaceIndex: 2)
        #expect(ipv4.prefix == .v4(self.prefix))
    }

    @Test func aGatewayOfTheOtherFamilyIsABrokenInvariant() async {
        await #expect(processExitsWith: .failure) {
            _ = KernelRoute(
                prefix: IPPrefix("fd00::/64")!, nextHop: .v4(IPv4Address(10, 0, 0, 1)))
        }
    }
}

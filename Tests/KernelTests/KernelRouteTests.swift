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
        let elsewhere = KernelRoute(prefix: prefix, nextHop: wanted.nextHop, interfaceIndex: 8)
        #expect(!installed.isSatisfied(by: elsewhere))
        installed.nextHop = IPv4Address(10, 0, 0, 2)
        #expect(!wanted.isSatisfied(by: installed))
    }

    @Test func describesItselfLikeIPRoute() {
        let route = KernelRoute(prefix: prefix, nextHop: IPv4Address(10, 0, 0, 1))
        let failure = RouteFailure(request: .replace(route), errno: ENETUNREACH)

        #expect(route.description == "10.60.0.0/24 via 10.0.0.1 scope universe")
        #expect(failure.description.hasPrefix("replace 10.60.0.0/24 via 10.0.0.1 scope universe: "))
        #expect(failure.description.hasSuffix("(errno 101)"))
        #expect(RouteScope(rawValue: 200).description == "200")
    }
}

import BGPWire
import Testing

@testable import brindle_load

/// The address arithmetic and the RFC 4456 attribute checks of a plan.
@Suite struct LoadPlanTests {
    static let plan = LoadPlan(
        clientCount: 3, routesPerClient: 2, firstClient: IPv4Address(10, 0, 0, 254),
        prefixBase: IPv4Address(10, 9, 0, 0), clusterID: IPv4Address(1, 2, 3, 4))

    @Test func numbersClientsFromTheFirstAddressAcrossOctets() {
        #expect(Self.plan.clientAddress(2) == IPv4Address(10, 0, 1, 0))
        #expect(Self.plan.clientIndex(of: IPv4Address(10, 0, 0, 255)) == 1)
        #expect(Self.plan.clientIndex(of: IPv4Address(10, 0, 1, 1)) == nil)
    }

    @Test func givesEachClientItsOwnHostRoutes() {
        #expect(Self.plan.prefixes(of: 1) == [IPv4Prefix("10.9.0.2")!, IPv4Prefix("10.9.0.3")!])
        #expect(Self.plan.routeNumber(of: IPv4Prefix("10.9.0.5")!) == 5)
        #expect(Self.plan.origin(ofRoute: 5) == 2)
        #expect(Self.plan.prefix(ofRoute: 4) == IPv4Prefix("10.9.0.4")!)
    }

    @Test func knowsNoOtherPrefix() {
        #expect(Self.plan.routeNumber(of: IPv4Prefix("10.9.0.6")!) == nil)
        #expect(Self.plan.routeNumber(of: IPv4Prefix("10.9.0.0/31")!) == nil)
        #expect(Self.plan.routeNumber(of: IPv4Prefix("10.8.255.255")!) == nil)
    }

    @Test func countsEveryClientsForeignRoutes() {
        #expect(Self.plan.totalRoutes == 6)
        #expect(Self.plan.expectedRoutes == 12)
    }

    static func reflected(
        nextHop: IPv4Address? = IPv4Address(10, 0, 0, 255),
        originatorID: IPv4Address? = IPv4Address(10, 0, 0, 255),
        clusterList: [IPv4Address] = [IPv4Address(1, 2, 3, 4)]
    ) -> PathAttributes {
        PathAttributes(
            origin: .igp, nextHop: nextHop, localPreference: 100, originatorID: originatorID,
            clusterList: clusterList)
    }

    static let problems: [(PathAttributes, String?)] = [
        (reflected(), nil),
        (reflected(nextHop: IPv4Address(10, 0, 0, 1)), "next hop 10.0.0.1, want 10.0.0.255"),
        (reflected(originatorID: nil), "originator id none, want 10.0.0.255"),
        (reflected(clusterList: []), "cluster list [], want [1.2.3.4]"),
        (
            reflected(clusterList: [IPv4Address(1, 2, 3, 4), IPv4Address(5, 6, 7, 8)]),
            "cluster list [1.2.3.4 5.6.7.8], want [1.2.3.4]"
        ),
    ]

    @Test(arguments: problems) func checks(attributes: PathAttributes, problem: String?) {
        #expect(Self.plan.problem(with: attributes, fromClient: 1) == problem)
    }
}

import BGPWire
import Testing

@testable import Kernel

/// The requests recorded in `Fixtures/kernel/request-*.hex`, each with how to build it.
enum RecordedRequest: String, CaseIterable, Sendable {
    case replaceGateway = "request-replace-gateway.hex"
    case replaceLink = "request-replace-link.hex"
    case replaceUnreachable = "request-replace-unreachable.hex"
    case delete = "request-delete.hex"
    case dump = "request-dump.hex"
    case replaceGateway6 = "request-replace-gateway6.hex"
    case replaceLinkLocal6 = "request-replace-linklocal6.hex"
    case replaceLink6 = "request-replace-link6.hex"
    case delete6 = "request-delete6.hex"

    static let owner = RouteOwner(protocolNumber: 150, table: 254, metric: 32)

    /// Builds the request with the sequence number it was recorded with.
    func build() -> [UInt8] {
        var writer = NetlinkWriter()
        switch self {
        case .replaceGateway:
            replace("10.90.0.0/24", via: IPv4Address(10, 201, 0, 2), 101, &writer)
        case .replaceLink:
            let prefix = IPv4Prefix("10.91.0.0/24")!
            let route = KernelRoute(prefix: prefix, nextHop: nil, interfaceIndex: 3)
            RouteMessage.appendReplace(route, owner: Self.owner, sequence: 102, to: &writer)
        case .replaceUnreachable:
            replace("10.92.0.0/24", via: IPv4Address(192, 0, 2, 1), 103, &writer)
        case .delete:
            delete("10.93.0.0/24", 104, &writer)
        case .dump: RouteMessage.appendDump(sequence: 105, to: &writer)
        case .replaceGateway6:
            replace6("fd00:50::/64", via: IPv6Address("fd00:1::2"), 106, &writer)
        case .replaceLinkLocal6:
            replace6("fd00:52::/64", via: IPv6Address("fe80::2"), 107, &writer)
        case .replaceLink6: replace6("fd00:51::/64", via: nil, 108, &writer)
        case .delete6: delete("fd00:50::/64", 109, &writer)
        }
        return writer.bytes
    }

    private func replace6(
        _ text: String, via nextHop: IPv6Address?, _ sequence: UInt32,
        _ writer: inout NetlinkWriter
    ) {
        // Interface 3 (v0): a link-local gateway or no gateway needs it; a global one not.
        let interface: Int32? = nextHop.map(\.isLinkLocal) == false ? nil : 3
        let route = KernelRoute(
            prefix: IPv6Prefix(text)!, nextHop: nextHop, interfaceIndex: interface)
        RouteMessage.appendReplace(route, owner: Self.owner, sequence: sequence, to: &writer)
    }

    private func delete(_ text: String, _ sequence: UInt32, _ writer: inout NetlinkWriter) {
        RouteMessage.appendDelete(
            IPPrefix(text)!, metric: 32, owner: Self.owner, sequence: sequence, to: &writer)
    }

    private func replace(
        _ text: String, via nextHop: IPv4Address, _ sequence: UInt32, _ writer: inout NetlinkWriter
    ) {
        let route = KernelRoute(prefix: IPv4Prefix(text)!, nextHop: nextHop)
        RouteMessage.appendReplace(route, owner: Self.owner, sequence: sequence, to: &writer)
    }
}

struct RouteMessageTests {
    @Test(arguments: RecordedRequest.allCases)
    func buildsTheRecordedRequest(_ request: RecordedRequest) throws {
        #expect(request.build() == (try Fixture.bytes(request.rawValue)))
    }

    @Test func dumpKeepsOnlyOurRoutesInOurTable() throws {
        let routes = try collect(owner: RecordedRequest.owner)

        let expected = [
            KernelRoute(
                prefix: IPv4Prefix("10.90.0.0/24")!, nextHop: IPv4Address(10, 201, 0, 2),
                interfaceIndex: 3),
            KernelRoute(prefix: IPv4Prefix("10.91.0.0/24")!, nextHop: nil, interfaceIndex: 3),
        ]
        #expect(routes.map(\.route) == expected)
        #expect(routes.allSatisfy { $0.metric == 32 && $0.protocolNumber == 150 })
    }

    @Test func dumpSeesTheStaticRouteForTheSamePrefixAsAnotherProtocols() throws {
        let staticOwner = RouteOwner(protocolNumber: 4, table: 254, metric: 0)
        let routes = try collect(owner: staticOwner)

        #expect(routes.map(\.route.prefix) == [IPPrefix("10.90.0.0/24")!])
        #expect(routes.map(\.route.nextHop) == [.v4(IPv4Address(10, 201, 0, 3))])
        #expect(routes.map(\.metric) == [0])
    }

    @Test func decodesEveryRouteOfTheDumpWithItsTableAndScope() throws {
        let messages = try NetlinkMessage.split(Fixture.bytes("reply-dump.hex")[...])
        let routes = messages.compactMap(RouteMessage.decode)

        #expect(messages.count == 7)
        #expect(routes.map(\.table) == [254, 254, 254, 254, 255, 255])
        #expect(routes.map(\.route.scope) == [.universe, .universe, .link, .link, .host, .link])
        #expect(routes.map(\.protocolNumber) == [4, 150, 150, 2, 2, 2])
    }

    @Test func skipsARouteWhoseAttributeRunsPastTheEnd() throws {
        var bytes = try Fixture.bytes("reply-dump.hex")
        // The first route's first attribute (RTA_TABLE at offset 28) claims 200 bytes.
        bytes[28] = 200
        let messages = try NetlinkMessage.split(bytes[...])

        #expect(RouteMessage.decode(messages[0]) == nil)
        #expect(RouteMessage.decode(messages[1]) != nil)
    }

    @Test func dumpOfBothFamiliesKeepsOnlyOurRoutes() throws {
        let routes = try collect(owner: RecordedRequest.owner, from: "reply-dump-both.hex")

        let expected = [
            KernelRoute(
                prefix: IPv4Prefix("10.90.0.0/24")!, nextHop: IPv4Address(10, 201, 0, 2),
                interfaceIndex: 3),
            KernelRoute(
                prefix: IPv6Prefix("fd00:50::/64")!, nextHop: IPv6Address("fd00:1::2"),
                interfaceIndex: 3),
            KernelRoute(prefix: IPv6Prefix("fd00:51::/64")!, nextHop: nil, interfaceIndex: 3),
            KernelRoute(
                prefix: IPv6Prefix("fd00:52::/64")!, nextHop: IPv6Address("fe80::2"),
                interfaceIndex: 3),
        ]
        #expect(routes.map(\.route) == expected)
        #expect(routes.allSatisfy { $0.metric == 32 && $0.protocolNumber == 150 })
    }

    @Test func dumpOfBothFamiliesSeesTheStaticIPv6RouteForTheSamePrefix() throws {
        let staticOwner = RouteOwner(protocolNumber: 4, table: 254, metric: 0)
        let routes = try collect(owner: staticOwner, from: "reply-dump-both.hex")

        #expect(routes.map(\.route.prefix) == [IPPrefix("fd00:50::/64")!])
        #expect(routes.map(\.route.nextHop) == [IPAddress("fd00:1::3")!])
        #expect(routes.map(\.metric) == [1024])
    }

    /// IPv6 kernels add fe80::/64, local-table and multicast routes; none carries our
    /// protocol number, and every IPv6 route's scope follows its shape.
    @Test func decodesTheKernelsOwnIPv6Routes() throws {
        let messages = try NetlinkMessage.split(Fixture.bytes("reply-dump-both.hex")[...])
        let ipv6 = messages.compactMap(RouteMessage.decode).filter { $0.route.prefix.afi == .ipv6 }

        #expect(ipv6.count == 12)
        #expect(
            ipv6.filter { $0.table == 255 }.map(\.route.prefix.description) == [
                "fd00:1::1/128", "fe80::ca4:e9ff:fee7:cacb/128", "fe80::2c8a:ff:fee3:22e3/128",
                "ff00::/8", "ff00::/8",
            ])
        #expect(ipv6.filter { $0.protocolNumber == 2 }.count == 8)
        #expect(ipv6.allSatisfy { $0.route.scope == ($0.route.nextHop == nil ? .link : .universe) })
    }

    private func collect(
        owner: RouteOwner, from name: String = "reply-dump.hex"
    ) throws -> [InstalledRoute] {
        var collector = DumpCollector(owner: owner)
        for message in try NetlinkMessage.split(Fixture.bytes(name)[...]) {
            if case .complete(let routes) = try collector.take(message) { return routes }
        }
        Issue.record("the dump has no NLMSG_DONE")
        return []
    }
}

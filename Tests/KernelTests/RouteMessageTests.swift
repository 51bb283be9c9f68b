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
            RouteMessage.appendDelete(
                IPv4Prefix("10.93.0.0/24")!, metric: 32, owner: Self.owner, sequence: 104,
                to: &writer)
        case .dump: RouteMessage.appendDump(sequence: 105, to: &writer)
        }
        return writer.bytes
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

        #expect(routes.map(\.route.prefix) == [IPv4Prefix("10.90.0.0/24")!])
        #expect(routes.map(\.route.nextHop) == [IPv4Address(10, 201, 0, 3)])
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

    private func collect(owner: RouteOwner) throws -> [InstalledRoute] {
        var collector = DumpCollector(owner: owner)
        for message in try NetlinkMessage.split(Fixture.bytes("reply-dump.hex")[...]) {
            if case .complete(let routes) = try collector.take(message) { return routes }
        }
        Issue.record("the dump has no NLMSG_DONE")
        return []
    }
}

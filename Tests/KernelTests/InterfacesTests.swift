import BGPWire
import Glibc
import Testing

@testable import Kernel

@Suite(.enabled(if: getuid() == 0, "needs root to create network namespaces"))
struct InterfacesTests {
    @Test func findsAnInterfaceInsideANamespace() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let shown = try namespace.ip("-o", "link", "show", "v0")
        let expected = Int32(shown.prefix { $0 != ":" })

        #expect(Interfaces.index(named: "v0", namespacePath: namespace.path) == expected)
        #expect(Interfaces.index(named: "nothere0", namespacePath: namespace.path) == nil)
    }

    @Test func loopbackIsIndexOneAndAMissingNamespaceGivesNil() {
        #expect(Interfaces.index(named: "lo") == 1)
        #expect(Interfaces.index(named: "lo", namespacePath: "/run/netns/brindle-none") == nil)
    }

    @Test func findsTheConnectedSubnetOfAnAddressOfEitherFamily() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let local = try #require(IPv6Address("fd00:1::1"))
        let absent = try #require(IPv6Address("fd00:1::9"))

        let subnets = try NetworkNamespace.run(in: namespace.path) {
            () throws(KernelError) in
            (
                Interfaces.connectedSubnet(of: IPv4Address(10, 201, 0, 1)),
                Interfaces.connectedSubnet(of: local), Interfaces.connectedSubnet(of: absent)
            )
        }

        #expect(subnets.0 == IPv4Prefix("10.201.0.0/24"))
        #expect(subnets.1 == IPv6Prefix("fd00:1::/64"))
        #expect(subnets.2 == nil)
    }
}

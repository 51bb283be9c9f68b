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
}

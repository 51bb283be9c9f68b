import BGPWire
import Glibc
import Testing

@testable import Kernel

/// Real-kernel tests of `InterfaceTable`: each makes its own network namespaces.
@Suite(.enabled(if: getuid() == 0, "needs root to create network namespaces"))
struct InterfaceTableTests {
    @Test func createsAVethPairAcrossNamespacesAndDeletesIt() throws {
        let host = try TestNamespace()
        defer { host.remove() }
        let container = try TestNamespace()
        defer { container.remove() }
        let table = try InterfaceTable(namespacePath: host.path)

        try table.addVethPair("brlt0", peer: "eth0", peerNamespacePath: container.path)

        #expect(try host.ip("-o", "-d", "link", "show", "brlt0").contains("veth"))
        #expect(try container.ip("-o", "link", "show", "eth0").contains("link-netns"))
        try table.deleteLink("brlt0")
        #expect(throws: CommandFailure.self) { try container.ip("link", "show", "eth0") }
    }

    @Test func refusesATakenNameWithEEXIST() throws {
        let host = try TestNamespace()
        defer { host.remove() }
        let table = try InterfaceTable(namespacePath: host.path)

        let error = #expect(throws: KernelError.self) {
            try table.addVethPair("v0", peer: "other", peerNamespacePath: host.path)
        }
        #expect(error?.errno == EEXIST)
        #expect(error?.call == "add veth v0")
    }

    @Test func setsALinkUpAndAddsAndRemovesAddressesOfBothFamilies() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        try namespace.ip("link", "add", "t0", "type", "veth", "peer", "name", "t1")
        let table = try InterfaceTable(namespacePath: namespace.path)

        try table.setUp("t0")
        try table.addAddress(IPAddress("10.77.0.5")!, prefixLength: 32, to: "t0")
        try table.addAddress(IPAddress("fd00:77::5")!, prefixLength: 128, to: "t0", skipDAD: true)
        try table.addAddress(
            IPAddress("fe80::1")!, prefixLength: 64, to: "t0", replace: true, skipDAD: true)

        let shown = try namespace.ip("-o", "address", "show", "dev", "t0")
        #expect(try namespace.ip("-o", "link", "show", "t0").contains(",UP"))
        #expect(shown.contains("inet 10.77.0.5/32"))
        #expect(shown.contains("inet6 fd00:77::5/128 scope global nodad"))
        #expect(shown.contains("inet6 fe80::1/64 scope link nodad"))

        try table.deleteAddress(IPAddress("10.77.0.5")!, prefixLength: 32, from: "t0")
        #expect(!(try namespace.ip("-o", "address", "show", "dev", "t0")).contains("10.77.0.5"))
    }

    @Test func aSecondAddOfOneAddressIsEEXISTUnlessReplacing() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let table = try InterfaceTable(namespacePath: namespace.path)
        let address = IPAddress("10.201.0.1")!

        let error = #expect(throws: KernelError.self) {
            try table.addAddress(address, prefixLength: 24, to: "v0")
        }
        #expect(error?.errno == EEXIST)
        try table.addAddress(address, prefixLength: 24, to: "v0", replace: true)
    }

    @Test func anAbsentInterfaceIsENODEVAndAnAbsentAddressEADDRNOTAVAIL() throws {
        let namespace = try TestNamespace()
        defer { namespace.remove() }
        let table = try InterfaceTable(namespacePath: namespace.path)

        let missing = #expect(throws: KernelError.self) { try table.setUp("nosuch0") }
        #expect(missing?.errno == ENODEV)
        let gone = #expect(throws: KernelError.self) { try table.deleteLink("nosuch0") }
        #expect(gone?.errno == ENODEV)
        let absent = #expect(throws: KernelError.self) {
            try table.deleteAddress(IPAddress("10.99.0.1")!, prefixLength: 32, from: "v0")
        }
        #expect(absent?.errno == EADDRNOTAVAIL)
    }
}

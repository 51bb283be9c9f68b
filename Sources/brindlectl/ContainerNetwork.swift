import BGPWire
import Foundation
import Kernel
import Store

/// The Linux plumbing of a container, the way Calico does it, written over rtnetlink
/// (no `ip` program is started: each step is one request and its acknowledgement).
///
/// The container's `eth0` is one end of a veth pair whose host end is the container's
/// host interface. Inside, an IPv4 address sits on `eth0` as a /32 and the default route
/// goes through 169.254.1.1, a link-local address that no host owns: the host interface
/// answers ARP for it (proxy ARP), so all traffic reaches the host and is routed there by
/// the host route `ADDR/32 dev IF`, which carries Brindle's kernel protocol number.
///
/// An IPv6 address sits on `eth0` as a /128, and the default route goes through fe80::1,
/// which the host interface does own, so Neighbor Discovery (RFC 4861) answers for it
/// without any proxying; the host route is `ADDR/128 dev IF` with the same protocol and
/// metric. Both addresses skip Duplicate Address Detection (RFC 4862 §5.4): each is the
/// only one of its kind on a two-ended link, and waiting would delay the first packets.
struct ContainerNetwork {
    /// The IPv4 gateway every container routes through.
    static let gateway = IPv4Address(169, 254, 1, 1)
    /// The IPv6 gateway every container routes through, an address of the host interface.
    static let ipv6Gateway = IPv6Address("fe80::1")!
    /// The `rtm_protocol` of the routes inside the container, RTPROT_BOOT (3), as `ip
    /// route add` gives them; metric 0 (the kernel makes an IPv6 one 1024, as for `ip`).
    static let insideRouteProtocol: UInt8 = 3
    /// The container's end of the veth pair.
    static let insideInterface = "eth0"

    /// The container being plumbed.
    let container: Container

    /// Creates the veth pair, configures both ends and adds the host routes; on any
    /// failure removes the pair again, which also drops every route through it.
    func attach(addresses: [IPAddress]) throws {
        let host = try step("open rtnetlink") { try InterfaceTable() }
        let interface = container.hostInterface
        try step("create the veth pair") {
            try host.addVethPair(
                interface, peer: Self.insideInterface, peerNamespacePath: container.netns)
        }
        do {
            try configureInside(addresses: addresses)
            try enableHostSettings()
            if addresses.contains(where: { $0.afi == .ipv6 }) { try enableHostIPv6(host) }
            try step("bring \(interface) up") { try host.setUp(interface) }
            try addHostRoutes(addresses)
        } catch {
            try? host.deleteLink(interface)
            throw error
        }
    }

    /// Deletes the veth pair (and with it the host routes), if it still exists.
    func detach() throws {
        guard interfaceExists else { return }
        try step("delete \(container.hostInterface)") {
            try InterfaceTable().deleteLink(container.hostInterface)
        }
    }

    /// Adds one more address inside the namespace and its host route (for the first IPv6
    /// address, the gateway too); undoes the first step if a later one fails.
    func addAddress(_ address: IPAddress) throws {
        let inside = try step("enter \(container.netns)") {
            try InterfaceTable(namespacePath: container.netns)
        }
        try addInside(address, inside)
        do {
            if address.afi == .ipv6 {
                try enableHostIPv6(step("open rtnetlink") { try InterfaceTable() })
                try writeInsideRoutes(Self.defaultRoutes(for: [address], eth0: eth0Index()))
            }
            try addHostRoutes([address])
        } catch {
            try? inside.deleteAddress(
                address, prefixLength: address.hostPrefix.length, from: Self.insideInterface)
            throw error
        }
    }

    /// Removes an address's host route and the address inside the namespace.
    ///
    /// A running brindled sees the store change too and deletes the same route, often
    /// first, so a route already gone is not an error here.
    func removeAddress(_ address: IPAddress) throws {
        _ = try? RouteTable().apply(replace: [], delete: [address.hostPrefix])
        try step("remove \(address) inside \(container.netns)") {
            try InterfaceTable(namespacePath: container.netns).deleteAddress(
                address, prefixLength: address.hostPrefix.length, from: Self.insideInterface)
        }
    }

    /// Whether the host interface exists in the current namespace.
    var interfaceExists: Bool {
        FileManager.default.fileExists(atPath: "/sys/class/net/\(container.hostInterface)")
    }

    // MARK: - Steps

    private func configureInside(addresses: [IPAddress]) throws {
        let inside = try step("enter \(container.netns)") {
            try InterfaceTable(namespacePath: container.netns)
        }
        try step("bring lo up inside") { try inside.setUp("lo") }
        for address in addresses { try addInside(address, inside) }
        try step("bring eth0 up inside") { try inside.setUp(Self.insideInterface) }
        let eth0 = try eth0Index()
        var routes: [KernelRoute] = []
        if addresses.contains(where: { $0.afi == .ipv4 }) {
            routes.append(
                KernelRoute(
                    prefix: IPv4Prefix(address: Self.gateway, length: 32)!, nextHop: nil,
                    interfaceIndex: eth0))
        }
        try writeInsideRoutes(routes + Self.defaultRoutes(for: addresses, eth0: eth0))
    }

    /// The container's default route of each family among `addresses`, via the gateway.
    private static func defaultRoutes(for addresses: [IPAddress], eth0: Int32) -> [KernelRoute] {
        var routes: [KernelRoute] = []
        if addresses.contains(where: { $0.afi == .ipv4 }) {
            routes.append(
                KernelRoute(
                    prefix: .v4(IPv4Prefix(address: .init(rawValue: 0), length: 0)!),
                    nextHop: .v4(gateway), interfaceIndex: eth0))
        }
        if addresses.contains(where: { $0.afi == .ipv6 }) {
            routes.append(
                KernelRoute(
                    prefix: .v6(IPv6Prefix(address: IPv6Address(high: 0, low: 0), length: 0)!),
                    nextHop: .v6(ipv6Gateway), interfaceIndex: eth0))
        }
        return routes
    }

    private func addInside(_ address: IPAddress, _ inside: InterfaceTable) throws {
        try step("add \(address) inside \(container.netns)") {
            try inside.addAddress(
                address, prefixLength: address.hostPrefix.length, to: Self.insideInterface,
                skipDAD: address.afi == .ipv6)
        }
    }

    private func eth0Index() throws -> Int32 {
        let netns = container.netns
        guard let index = Interfaces.index(named: Self.insideInterface, namespacePath: netns)
        else { throw PlumbingError(description: "no eth0 inside \(netns)") }
        return index
    }

    /// Writes routes inside the container (replacing any of the same key).
    private func writeInsideRoutes(_ routes: [KernelRoute]) throws {
        guard !routes.isEmpty else { return }
        let table = try step("enter \(container.netns)") {
            try RouteTable(
                protocolNumber: Self.insideRouteProtocol, metric: 0,
                namespacePath: container.netns)
        }
        try Self.check(
            step("write the routes inside") { try table.apply(replace: routes, delete: []) })
    }

    /// Proxy ARP on the host end answers the container's ARP for the gateway, at once
    /// rather than after Linux's default random delay of up to 0.8 s; Linux proxies only
    /// on an interface that forwards, so forwarding is enabled on it too (on that interface
    /// alone; the host's other settings are left as they are).
    private func enableHostSettings() throws {
        let interface = container.hostInterface
        try Self.writeSettings([
            ("ipv4/conf/\(interface)/forwarding", "1"), ("ipv4/conf/\(interface)/proxy_arp", "1"),
            ("ipv4/neigh/\(interface)/proxy_delay", "0"),
        ])
    }

    /// Gives the host end the IPv6 gateway address and marks it forwarding, so that it acts
    /// as a router on the link (RFC 4861 §6.2.1); replacing makes a second call harmless.
    /// Whether the host forwards IPv6 at all is `net.ipv6.conf.all.forwarding`, which is
    /// the host's to set.
    private func enableHostIPv6(_ host: InterfaceTable) throws {
        let interface = container.hostInterface
        try Self.writeSettings([("ipv6/conf/\(interface)/forwarding", "1")])
        try step("add \(Self.ipv6Gateway) to \(interface)") {
            try host.addAddress(
                .v6(Self.ipv6Gateway), prefixLength: 64, to: interface, replace: true,
                skipDAD: true)
        }
    }

    /// The host routes `ADDR/32 dev IF` (scope link) and `ADDR/128 dev IF`, with Brindle's
    /// protocol and metric; written with replace, since a running brindled writes the same
    /// route when it sees the store change, and may do so first.
    private func addHostRoutes(_ addresses: [IPAddress]) throws {
        guard let index = Interfaces.index(named: container.hostInterface) else {
            throw PlumbingError(description: "no interface \(container.hostInterface)")
        }
        let routes = addresses.map {
            KernelRoute(prefix: $0.hostPrefix, nextHop: nil, interfaceIndex: index, scope: .link)
        }
        let table = try step("open rtnetlink") { try RouteTable() }
        try Self.check(
            step("write the host routes") { try table.apply(replace: routes, delete: []) })
    }

    /// Throws the first route the kernel refused, if any.
    private static func check(_ failures: [RouteFailure]) throws {
        guard let failure = failures.first else { return }
        throw PlumbingError(description: "the kernel refused a route: \(failure)")
    }

    /// Runs one netlink step, turning its error (a `KernelError`) into a one-line
    /// `PlumbingError` that says what was being done.
    private func step<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw PlumbingError(description: "cannot \(what): \(error)")
        }
    }

    /// Writes `/proc/sys/net/NAME` settings.
    private static func writeSettings(_ settings: [(String, String)]) throws {
        for (name, value) in settings {
            let path = "/proc/sys/net/" + name
            do {
                try Data("\(value)\n".utf8).write(to: URL(fileURLWithPath: path))
            } catch {
                throw PlumbingError(description: "cannot write \(value) to \(path)")
            }
        }
    }
}

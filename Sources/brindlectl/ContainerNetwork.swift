import BGPWire
import Foundation
import Kernel
import Store

/// The Linux plumbing of a container, done with iproute2 the way Calico does it.
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
    /// Brindle's route protocol number (the rtm_protocol of its kernel routes).
    static let routeProtocol = "\(RouteTable.defaultProtocol)"
    /// The metric brindled gives its routes, so both write the same route.
    static let routeMetric = "\(RouteTable.defaultMetric)"
    /// The IPv4 gateway every container routes through.
    static let gateway = "169.254.1.1"
    /// The IPv6 gateway every container routes through, an address of the host interface.
    static let ipv6Gateway = "fe80::1"

    /// The container being plumbed.
    let container: Container

    /// Creates the veth pair, configures both ends and adds the host routes; on any
    /// failure removes the pair again, which also drops every route through it.
    func attach(addresses: [IPAddress]) throws {
        let interface = container.hostInterface
        try ip([
            "link", "add", interface, "type", "veth", "peer", "name", "eth0",
            "netns", container.netns,
        ])
        do {
            try configureInside(addresses: addresses)
            try enableHostSettings()
            if addresses.contains(where: { $0.afi == .ipv6 }) { try enableHostIPv6() }
            try ip(["link", "set", interface, "up"])
            for address in addresses { try addHostRoute(address) }
        } catch {
            try? ip(["link", "del", interface])
            throw error
        }
    }

    /// Deletes the veth pair (and with it the host routes), if it still exists.
    func detach() throws {
        guard interfaceExists else { return }
        try ip(["link", "del", container.hostInterface])
    }

    /// Adds one more address inside the namespace and its host route (for the first IPv6
    /// address, the gateway too); undoes the first step if a later one fails.
    func addAddress(_ address: IPAddress) throws {
        try inside(Self.addressArguments("add", address))
        do {
            if address.afi == .ipv6 {
                try enableHostIPv6()
                try inside(
                    ["-6", "route", "replace", "default", "via", Self.ipv6Gateway, "dev", "eth0"])
            }
            try addHostRoute(address)
        } catch {
            try? inside(Self.addressArguments("del", address))
            throw error
        }
    }

    /// Removes an address's host route and the address inside the namespace.
    ///
    /// A running brindled sees the store change too and deletes the same route, often
    /// first, so a route already gone is not an error here.
    func removeAddress(_ address: IPAddress) throws {
        try? ip(
            ["route", "del", "\(address.hostPrefix)", "dev", container.hostInterface]
                + Self.routeAttributes)
        try inside(Self.addressArguments("del", address))
    }

    /// Whether the host interface exists in the current namespace.
    var interfaceExists: Bool {
        FileManager.default.fileExists(atPath: "/sys/class/net/\(container.hostInterface)")
    }

    // MARK: - Steps

    private func configureInside(addresses: [IPAddress]) throws {
        try inside(["link", "set", "lo", "up"])
        for address in addresses { try inside(Self.addressArguments("add", address)) }
        try inside(["link", "set", "eth0", "up"])
        if addresses.contains(where: { $0.afi == .ipv4 }) {
            try inside(["route", "add", Self.gateway, "dev", "eth0", "scope", "link"])
            try inside(["route", "add", "default", "via", Self.gateway, "dev", "eth0"])
        }
        if addresses.contains(where: { $0.afi == .ipv6 }) {
            try inside(["-6", "route", "add", "default", "via", Self.ipv6Gateway, "dev", "eth0"])
        }
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
    /// as a router on the link (RFC 4861 §6.2.1); `replace` makes a second call harmless.
    /// Whether the host forwards IPv6 at all is `net.ipv6.conf.all.forwarding`, which is
    /// the host's to set.
    private func enableHostIPv6() throws {
        let interface = container.hostInterface
        try Self.writeSettings([("ipv6/conf/\(interface)/forwarding", "1")])
        try ip([
            "-6", "address", "replace", "\(Self.ipv6Gateway)/64", "dev", interface, "nodad",
        ])
    }

    /// `replace`, not `add`: a running brindled writes the same route when it sees the
    /// store change, and may do so first.
    private func addHostRoute(_ address: IPAddress) throws {
        // IPv6 routes have no scope of their own (Linux keeps them all universe).
        let scope = address.afi == .ipv4 ? ["scope", "link"] : []
        try ip(
            ["route", "replace", "\(address.hostPrefix)", "dev", container.hostInterface]
                + scope + Self.routeAttributes)
    }

    /// The protocol and metric of every host route Brindle writes.
    private static let routeAttributes = [
        "proto", routeProtocol, "metric", routeMetric,
    ]

    /// `address add|del ADDR/32 dev eth0`, or for IPv6 `ADDR/128 ... nodad` (add only).
    private static func addressArguments(_ verb: String, _ address: IPAddress) -> [String] {
        let words = ["address", verb, "\(address.hostPrefix)", "dev", "eth0"]
        return address.afi == .ipv6 && verb == "add" ? ["-6"] + words + ["nodad"] : words
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

    private func ip(_ arguments: [String]) throws {
        try ProgramRunner.run("ip", arguments)
    }

    /// Runs `ip` inside the container's namespace; `ip -n` takes only names under
    /// /run/netns, while `nsenter` takes any namespace file.
    private func inside(_ arguments: [String]) throws {
        try ProgramRunner.run("nsenter", ["--net=\(container.netns)", "ip"] + arguments)
    }
}

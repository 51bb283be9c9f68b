import BGPWire
import Foundation
import Kernel
import Store

/// The Linux plumbing of a container, done with iproute2 the way Calico does it.
///
/// The container's `eth0` is one end of a veth pair whose host end is the container's
/// host interface. Inside, the address sits on `eth0` as a /32 and the default route goes
/// through 169.254.1.1, a link-local address that no host owns: the host interface
/// answers ARP for it (proxy ARP), so all traffic reaches the host and is routed there by
/// the host route `ADDR/32 dev IF`, which carries Brindle's kernel protocol number.
struct ContainerNetwork {
    /// Brindle's route protocol number (the rtm_protocol of its kernel routes).
    static let routeProtocol = "\(RouteTable.defaultProtocol)"
    /// The metric brindled gives its routes, so both write the same route.
    static let routeMetric = "\(RouteTable.defaultMetric)"
    /// The gateway every container routes through.
    static let gateway = "169.254.1.1"

    /// The container being plumbed.
    let container: Container

    /// Creates the veth pair, configures both ends and adds the host route; on any
    /// failure removes the pair again, which also drops every route through it.
    func attach(address: IPv4Address) throws {
        let interface = container.hostInterface
        try ip([
            "link", "add", interface, "type", "veth", "peer", "name", "eth0",
            "netns", container.netns,
        ])
        do {
            try configureInside(address: address)
            try enableHostSettings()
            try ip(["link", "set", interface, "up"])
            try addHostRoute(address)
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

    /// Adds one more address inside the namespace and its host route; undoes the first
    /// step if the second fails.
    func addAddress(_ address: IPv4Address) throws {
        try inside(["address", "add", "\(address)/32", "dev", "eth0"])
        do {
            try addHostRoute(address)
        } catch {
            try? inside(["address", "del", "\(address)/32", "dev", "eth0"])
            throw error
        }
    }

    /// Removes an address's host route and the address inside the namespace.
    ///
    /// A running brindled sees the store change too and deletes the same route, often
    /// first, so a route already gone is not an error here.
    func removeAddress(_ address: IPv4Address) throws {
        try? ip([
            "route", "del", "\(address)/32", "dev", container.hostInterface,
            "proto", Self.routeProtocol, "metric", Self.routeMetric,
        ])
        try inside(["address", "del", "\(address)/32", "dev", "eth0"])
    }

    /// Whether the host interface exists in the current namespace.
    var interfaceExists: Bool {
        FileManager.default.fileExists(atPath: "/sys/class/net/\(container.hostInterface)")
    }

    // MARK: - Steps

    private func configureInside(address: IPv4Address) throws {
        try inside(["link", "set", "lo", "up"])
        try inside(["address", "add", "\(address)/32", "dev", "eth0"])
        try inside(["link", "set", "eth0", "up"])
        try inside(["route", "add", Self.gateway, "dev", "eth0", "scope", "link"])
        try inside(["route", "add", "default", "via", Self.gateway, "dev", "eth0"])
    }

    /// Proxy ARP on the host end answers the container's ARP for the gateway, at once
    /// rather than after Linux's default random delay of up to 0.8 s; Linux proxies only
    /// on an interface that forwards, so forwarding is enabled on it too (on that interface
    /// alone; the host's other settings are left as they are).
    private func enableHostSettings() throws {
        let interface = container.hostInterface
        let settings = [
            ("conf/\(interface)/forwarding", "1"), ("conf/\(interface)/proxy_arp", "1"),
            ("neigh/\(interface)/proxy_delay", "0"),
        ]
        for (name, value) in settings {
            let path = "/proc/sys/net/ipv4/" + name
            do {
                try Data("\(value)\n".utf8).write(to: URL(fileURLWithPath: path))
            } catch {
                throw PlumbingError(description: "cannot write \(value) to \(path)")
            }
        }
    }

    /// `replace`, not `add`: a running brindled writes the same route when it sees the
    /// store change, and may do so first.
    private func addHostRoute(_ address: IPv4Address) throws {
        try ip([
            "route", "replace", "\(address)/32", "dev", container.hostInterface,
            "scope", "link", "proto", Self.routeProtocol, "metric", Self.routeMetric,
        ])
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

import BGPWire
import Glibc

/// Look-ups of network interfaces by name.
public enum Interfaces {
    /// The index of the interface called `name` (if_nametoindex(3)), or nil if there is none.
    /// - Parameters:
    ///   - name: the interface name, e.g. `eth0`.
    ///   - namespacePath: a network namespace to look in, e.g. `/run/netns/NAME`; nil for
    ///     the caller's own. A namespace that cannot be entered also gives nil.
    public static func index(named name: String, namespacePath: String? = nil) -> Int32? {
        let index = try? NetworkNamespace.run(in: namespacePath) {
            () throws(KernelError) -> UInt32 in if_nametoindex(name)
        }
        guard let index, index != 0 else { return nil }
        return Int32(bitPattern: index)
    }

    /// The connected subnet of the local interface address `address`
    /// (getifaddrs(3)), or nil when no interface of this namespace has it.
    public static func connectedSubnet(of address: IPv4Address) -> IPv4Prefix? {
        guard case .v4(let mask) = netmask(of: .v4(address)) else { return nil }
        return IPv4Prefix(address: address, length: UInt8(mask.rawValue.nonzeroBitCount))
    }

    /// The connected subnet of the local IPv6 interface address `address` (getifaddrs(3)),
    /// or nil when no interface of this namespace has it. A link-local address held by
    /// several interfaces gives the subnet of the first one listed.
    public static func connectedSubnet(of address: IPv6Address) -> IPv6Prefix? {
        guard case .v6(let mask) = netmask(of: .v6(address)) else { return nil }
        let length = mask.high.nonzeroBitCount + mask.low.nonzeroBitCount
        return IPv6Prefix(address: address, length: UInt8(length))
    }

    /// The netmask of the first interface address equal to `address`.
    private static func netmask(of address: IPAddress) -> IPAddress? {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return nil }
        defer { freeifaddrs(list) }

        var entry: UnsafeMutablePointer<ifaddrs>? = first
        while let current = entry {
            defer { entry = current.pointee.ifa_next }
            guard ipAddress(current.pointee.ifa_addr) == address else { continue }
            return ipAddress(current.pointee.ifa_netmask)
        }
        return nil
    }

    private static func ipAddress(_ socketAddress: UnsafeMutablePointer<sockaddr>?) -> IPAddress? {
        guard let socketAddress else { return nil }
        switch Int32(socketAddress.pointee.sa_family) {
        case AF_INET:
            return socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                .v4(IPv4Address(rawValue: UInt32(bigEndian: $0.pointee.sin_addr.s_addr)))
            }
        case AF_INET6:
            return socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                withUnsafeBytes(of: $0.pointee.sin6_addr) { IPv6Address(octets: $0) }
                    .map(IPAddress.v6)
            }
        default:
            return nil
        }
    }
}

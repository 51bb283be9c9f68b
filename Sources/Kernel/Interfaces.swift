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
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return nil }
        defer { freeifaddrs(list) }

        var entry: UnsafeMutablePointer<ifaddrs>? = first
        while let current = entry {
            defer { entry = current.pointee.ifa_next }
            guard let local = ipv4(current.pointee.ifa_addr), local == address,
                let mask = ipv4(current.pointee.ifa_netmask)
            else { continue }
            return IPv4Prefix(
                address: address, length: UInt8(mask.rawValue.nonzeroBitCount))
        }
        return nil
    }

    private static func ipv4(_ socketAddress: UnsafeMutablePointer<sockaddr>?) -> IPv4Address? {
        guard let socketAddress, socketAddress.pointee.sa_family == sa_family_t(AF_INET) else {
            return nil
        }
        return socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
            IPv4Address(rawValue: UInt32(bigEndian: $0.pointee.sin_addr.s_addr))
        }
    }
}

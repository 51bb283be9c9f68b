/// A container (a network namespace) attached to a node through a veth pair.
public struct Container: Equatable, Sendable {
    /// The container's name, unique in the cluster.
    public var name: String
    /// The node it runs on.
    public var node: String
    /// The path of its network namespace, such as `/var/run/netns/web1`.
    public var netns: String
    /// The host end of its veth pair.
    public var hostInterface: String

    /// Creates a container record; the host interface defaults to the name derived from
    /// the container name.
    public init(name: String, node: String, netns: String, hostInterface: String? = nil) {
        self.name = name
        self.node = node
        self.netns = netns
        self.hostInterface = hostInterface ?? Self.hostInterfaceName(forContainer: name)
    }

    /// The host interface name for a container: `brl` and eight hex digits of the 32-bit
    /// FNV-1a hash of the name, 11 characters, inside Linux's 15-character limit, and the
    /// same on every run and every host.
    public static func hostInterfaceName(forContainer name: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in name.utf8 {
            hash = (hash ^ UInt32(byte)) &* 0x0100_0193
        }
        let digits = String(hash, radix: 16)
        return "brl" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}

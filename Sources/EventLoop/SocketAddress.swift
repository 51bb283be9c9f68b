import Glibc

/// An IPv4 transport address: a 32-bit address and a TCP port.
public struct SocketAddress: Hashable, Sendable, CustomStringConvertible {
    /// The IPv4 address in host byte order (`0x7f000001` is 127.0.0.1).
    public let address: UInt32

    /// The TCP port, 0 meaning "any" when binding.
    public let port: UInt16

    /// Creates an address from its numeric parts.
    public init(address: UInt32, port: UInt16) {
        self.address = address
        self.port = port
    }

    /// Parses dotted-quad text such as `"127.0.0.1"`; nil unless it is exactly four decimal
    /// numbers from 0 to 255 separated by dots.
    public init?(_ text: String, port: UInt16) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }

        var value: UInt32 = 0
        for part in parts {
            let digits = part.allSatisfy { ("0"..."9").contains($0) }
            guard digits, part.count <= 3, let octet = UInt8(part) else {
                return nil
            }
            value = value << 8 | UInt32(octet)
        }
        self.init(address: value, port: port)
    }

    /// The address as `a.b.c.d:port`.
    public var description: String {
        let octets = [24, 16, 8, 0].map { String(address >> $0 & 0xff) }
        return octets.joined(separator: ".") + ":\(port)"
    }

    /// The address in the kernel's layout, network byte order.
    var socketAddress: sockaddr_in {
        var raw = sockaddr_in()
        raw.sin_family = sa_family_t(AF_INET)
        raw.sin_port = port.bigEndian
        raw.sin_addr.s_addr = address.bigEndian
        return raw
    }

    /// Reads an address from the kernel's layout.
    init(_ raw: sockaddr_in) {
        self.init(
            address: UInt32(bigEndian: raw.sin_addr.s_addr),
            port: UInt16(bigEndian: raw.sin_port))
    }
}

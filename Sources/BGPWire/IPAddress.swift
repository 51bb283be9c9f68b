/// An address of either family, for the places that hold both: the store, the command line,
/// the kernel. Route tables keep one family per table and use `IPv4Address` or `IPv6Address`.
public enum IPAddress: Hashable, Comparable, Sendable {
    case v4(IPv4Address)
    case v6(IPv6Address)

    /// Parses a dotted quad or an IPv6 address in RFC 4291 §2.2 text.
    public init?(_ text: some StringProtocol) {
        if let address = IPv4Address(text) {
            self = .v4(address)
        } else if let address = IPv6Address(text) {
            self = .v6(address)
        } else {
            return nil
        }
    }

    /// The address's family.
    public var afi: AFI {
        switch self {
        case .v4: .ipv4
        case .v6: .ipv6
        }
    }

    /// The address if it is IPv4.
    public var ipv4: IPv4Address? {
        guard case .v4(let address) = self else { return nil }
        return address
    }

    /// The address if it is IPv6.
    public var ipv6: IPv6Address? {
        guard case .v6(let address) = self else { return nil }
        return address
    }

    /// The host route (/32 or /128) for the address.
    public var hostPrefix: IPPrefix {
        switch self {
        case .v4(let address): .v4(.host(address))
        case .v6(let address): .v6(.host(address))
        }
    }

    /// IPv4 addresses sort before IPv6 ones.
    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        switch (lhs, rhs) {
        case (.v4(let left), .v4(let right)): left < right
        case (.v6(let left), .v6(let right)): left < right
        case (.v4, .v6): true
        case (.v6, .v4): false
        }
    }
}

extension IPAddress: CustomStringConvertible {
    /// The address in its family's usual text form.
    public var description: String {
        switch self {
        case .v4(let address): address.description
        case .v6(let address): address.description
        }
    }
}

/// A prefix of either family, for the places that hold both (see `IPAddress`).
public enum IPPrefix: Hashable, Comparable, Sendable {
    case v4(IPv4Prefix)
    case v6(IPv6Prefix)

    /// Parses `address/length` of either family, or a bare address as a host route. Host
    /// bits must be zero in the text.
    public init?(_ text: some StringProtocol) {
        if let prefix = IPv4Prefix(text) {
            self = .v4(prefix)
        } else if let prefix = IPv6Prefix(text) {
            self = .v6(prefix)
        } else {
            return nil
        }
    }

    /// The prefix's family.
    public var afi: AFI {
        switch self {
        case .v4: .ipv4
        case .v6: .ipv6
        }
    }

    /// The network address.
    public var address: IPAddress {
        switch self {
        case .v4(let prefix): .v4(prefix.address)
        case .v6(let prefix): .v6(prefix.address)
        }
    }

    /// The prefix length in bits.
    public var length: UInt8 {
        switch self {
        case .v4(let prefix): prefix.length
        case .v6(let prefix): prefix.length
        }
    }

    /// The length of a host route of the family: 32 or 128.
    public var hostLength: UInt8 {
        switch self {
        case .v4: 32
        case .v6: 128
        }
    }

    /// The prefix if it is IPv4.
    public var ipv4: IPv4Prefix? {
        guard case .v4(let prefix) = self else { return nil }
        return prefix
    }

    /// The prefix if it is IPv6.
    public var ipv6: IPv6Prefix? {
        guard case .v6(let prefix) = self else { return nil }
        return prefix
    }

    /// Whether `other`, of the same family, lies wholly inside this prefix.
    public func contains(_ other: IPPrefix) -> Bool {
        switch (self, other) {
        case (.v4(let outer), .v4(let inner)): outer.contains(inner)
        case (.v6(let outer), .v6(let inner)): outer.contains(inner)
        default: false
        }
    }

    /// Whether `address`, of the same family, lies inside this prefix.
    public func contains(_ address: IPAddress) -> Bool {
        switch (self, address) {
        case (.v4(let prefix), .v4(let address)): prefix.contains(address)
        case (.v6(let prefix), .v6(let address)): prefix.contains(address)
        default: false
        }
    }

    /// Whether the two prefixes share an address.
    public func overlaps(_ other: IPPrefix) -> Bool {
        contains(other) || other.contains(self)
    }

    /// IPv4 prefixes sort before IPv6 ones.
    public static func < (lhs: IPPrefix, rhs: IPPrefix) -> Bool {
        switch (lhs, rhs) {
        case (.v4(let left), .v4(let right)): left < right
        case (.v6(let left), .v6(let right)): left < right
        case (.v4, .v6): true
        case (.v6, .v4): false
        }
    }
}

extension IPPrefix: CustomStringConvertible {
    /// `address/length`.
    public var description: String {
        switch self {
        case .v4(let prefix): prefix.description
        case .v6(let prefix): prefix.description
        }
    }
}

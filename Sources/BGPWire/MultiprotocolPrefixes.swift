/// The prefixes of one MP_REACH_NLRI or MP_UNREACH_NLRI attribute (RFC 4760 §3, §4), typed
/// by their address family: one case per family this codec decodes.
///
/// The family lives in the case, so prefixes of one family can never be read as another.
/// Families this codec does not decode never become a value of this type: their attributes
/// stay raw in `PathAttributes.unrecognized`.
public enum MultiprotocolPrefixes: Sendable, Hashable {
    /// IPv4 unicast prefixes (AFI 1, SAFI 1), as RFC 4271 §4.3 encodes them.
    case ipv4Unicast([IPv4Prefix])
    /// IPv6 unicast prefixes (AFI 2, SAFI 1; RFC 2545 §2).
    case ipv6Unicast([IPv6Prefix])

    /// The AFI and SAFI of the case.
    public var family: AddressFamily {
        switch self {
        case .ipv4Unicast: .ipv4Unicast
        case .ipv6Unicast: .ipv6Unicast
        }
    }

    /// Whether there are no prefixes, as in an End-of-RIB marker (RFC 4724 §2).
    public var isEmpty: Bool { count == 0 }

    /// The number of prefixes.
    public var count: Int {
        switch self {
        case .ipv4Unicast(let prefixes): prefixes.count
        case .ipv6Unicast(let prefixes): prefixes.count
        }
    }

    /// The IPv4 prefixes; empty for another family.
    public var ipv4: [IPv4Prefix] {
        guard case .ipv4Unicast(let prefixes) = self else { return [] }
        return prefixes
    }

    /// The IPv6 prefixes; empty for another family.
    public var ipv6: [IPv6Prefix] {
        guard case .ipv6Unicast(let prefixes) = self else { return [] }
        return prefixes
    }

    /// No prefixes of `family`; nil for a family this codec does not decode.
    static func empty(_ family: AddressFamily) -> MultiprotocolPrefixes? {
        switch family {
        case .ipv4Unicast: .ipv4Unicast([])
        case .ipv6Unicast: .ipv6Unicast([])
        default: nil
        }
    }
}

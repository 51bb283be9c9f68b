/// One capability of an OPEN message (RFC 5492 §4): a code and its raw value.
///
/// Unknown capabilities keep their bytes so they can be logged and ignored.
public struct Capability: Sendable, Equatable {
    /// The capability code (IANA registry).
    public var code: CapabilityCode
    /// The capability value, as received.
    public var value: [UInt8]

    /// Creates a capability from its code and raw value.
    public init(code: CapabilityCode, value: [UInt8]) {
        self.code = code
        self.value = value
    }

    /// Multiprotocol extensions for one family (RFC 4760 §8).
    public static func multiprotocol(_ family: AddressFamily) -> Capability {
        let afi = family.afi.rawValue
        return Capability(
            code: .multiprotocol,
            value: [UInt8(afi >> 8), UInt8(afi & 0xFF), 0, family.safi.rawValue])
    }

    /// Route refresh (RFC 2918 §2).
    public static let routeRefresh = Capability(code: .routeRefresh, value: [])

    /// Support for four-octet AS numbers, carrying the speaker's AS (RFC 6793 §3).
    public static func fourOctetAS(_ autonomousSystem: UInt32) -> Capability {
        Capability(
            code: .fourOctetAS,
            value: [
                UInt8(autonomousSystem >> 24), UInt8(truncatingIfNeeded: autonomousSystem >> 16),
                UInt8(truncatingIfNeeded: autonomousSystem >> 8),
                UInt8(truncatingIfNeeded: autonomousSystem),
            ])
    }

    /// The AS this capability carries, if it is a well-formed four-octet AS capability.
    public var fourOctetAutonomousSystem: UInt32? {
        guard code == .fourOctetAS, value.count == 4 else { return nil }
        return value.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The family this capability names, if it is a well-formed multiprotocol capability.
    public var multiprotocolFamily: AddressFamily? {
        guard code == .multiprotocol, value.count == 4 else { return nil }
        return AddressFamily(
            afi: AFI(rawValue: UInt16(value[0]) << 8 | UInt16(value[1])),
            safi: SAFI(rawValue: value[3]))
    }
}

/// Capability codes (IANA "Capability Codes" registry).
public struct CapabilityCode: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let multiprotocol = CapabilityCode(rawValue: 1)
    public static let routeRefresh = CapabilityCode(rawValue: 2)
    public static let extendedMessage = CapabilityCode(rawValue: 6)
    public static let gracefulRestart = CapabilityCode(rawValue: 64)
    public static let fourOctetAS = CapabilityCode(rawValue: 65)
    public static let addPath = CapabilityCode(rawValue: 69)
    public static let enhancedRouteRefresh = CapabilityCode(rawValue: 70)
}

/// Address family identifiers (IANA).
public struct AFI: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let ipv4 = AFI(rawValue: 1)
    public static let ipv6 = AFI(rawValue: 2)
}

/// Subsequent address family identifiers (IANA).
public struct SAFI: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let unicast = SAFI(rawValue: 1)
}

/// An AFI and SAFI pair.
public struct AddressFamily: Hashable, Sendable {
    /// The address family identifier.
    public var afi: AFI
    /// The subsequent address family identifier.
    public var safi: SAFI
    /// Creates a family from its AFI and SAFI.
    public init(afi: AFI, safi: SAFI) {
        self.afi = afi
        self.safi = safi
    }

    /// IPv4 unicast, AFI 1 and SAFI 1.
    public static let ipv4Unicast = AddressFamily(afi: .ipv4, safi: .unicast)
    /// IPv6 unicast, AFI 2 and SAFI 1 (RFC 2545).
    public static let ipv6Unicast = AddressFamily(afi: .ipv6, safi: .unicast)
}

extension AddressFamily: CustomStringConvertible {
    /// `ipv4-unicast`, `ipv6-unicast`, else the numbers, as `afi-2-safi-128`.
    public var description: String {
        switch self {
        case .ipv4Unicast: "ipv4-unicast"
        case .ipv6Unicast: "ipv6-unicast"
        default: "afi-\(afi.rawValue)-safi-\(safi.rawValue)"
        }
    }
}

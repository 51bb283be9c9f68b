/// An OPEN message (RFC 4271 §4.2) with its optional parameters reduced to
/// the capabilities they carry (RFC 5492).
public struct OpenMessage: Sendable, Equatable {
    /// The BGP version; always 4.
    public var version: UInt8
    /// The two-octet "My Autonomous System" field: the speaker's AS, or
    /// AS_TRANS when the AS needs four octets (RFC 6793 §4.1).
    public var myAutonomousSystem: UInt16
    /// The proposed hold time in seconds: 0, or 3 and above.
    public var holdTime: UInt16
    /// The BGP identifier, which must not be 0.0.0.0.
    public var bgpIdentifier: IPv4Address
    /// Capabilities, in the order they appeared.
    public var capabilities: [Capability]

    /// Creates an OPEN, filling in the two-octet AS field from `autonomousSystem`
    /// and adding the four-octet AS capability for it.
    public init(
        autonomousSystem: UInt32, holdTime: UInt16, bgpIdentifier: IPv4Address,
        capabilities: [Capability]
    ) {
        version = 4
        myAutonomousSystem =
            autonomousSystem > UInt32(UInt16.max) ? ASNumber.trans : UInt16(autonomousSystem)
        self.holdTime = holdTime
        self.bgpIdentifier = bgpIdentifier
        self.capabilities = capabilities
        if !capabilities.contains(where: { $0.code == .fourOctetAS }) {
            self.capabilities.append(.fourOctetAS(autonomousSystem))
        }
    }

    /// Creates an OPEN from its raw fields, as the decoder does.
    public init(
        version: UInt8, myAutonomousSystem: UInt16, holdTime: UInt16,
        bgpIdentifier: IPv4Address, capabilities: [Capability]
    ) {
        self.version = version
        self.myAutonomousSystem = myAutonomousSystem
        self.holdTime = holdTime
        self.bgpIdentifier = bgpIdentifier
        self.capabilities = capabilities
    }

    /// The AS number from the four-octet AS capability, if the speaker sent one.
    public var fourOctetAutonomousSystem: UInt32? {
        capabilities.lazy.compactMap(\.fourOctetAutonomousSystem).first
    }

    /// The speaker's AS: from the four-octet capability if present, else the
    /// two-octet field (RFC 6793 §4.1).
    public var autonomousSystem: UInt32 {
        fourOctetAutonomousSystem ?? UInt32(myAutonomousSystem)
    }

    /// Whether the speaker offered a capability with this code.
    public func offers(_ code: CapabilityCode) -> Bool {
        capabilities.contains { $0.code == code }
    }

    /// The address families the speaker offered with the multiprotocol
    /// capability (RFC 4760 §8).
    public var multiprotocolFamilies: [AddressFamily] {
        capabilities.compactMap(\.multiprotocolFamily)
    }
}

/// Special AS numbers.
public enum ASNumber {
    /// AS_TRANS, the two-octet stand-in for a four-octet AS (RFC 6793 §9).
    public static let trans: UInt16 = 23456
}

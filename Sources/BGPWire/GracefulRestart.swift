/// The value of the graceful restart capability (RFC 4724 §3): restart flags, restart time
/// and, for each family the speaker preserves forwarding state for, that family's flags.
public struct GracefulRestart: Sendable, Hashable {
    /// The four Restart Flags bits.
    public var restartFlags: RestartFlags
    /// The Restart Time in seconds, 0 to 4095 (twelve bits).
    public var restartTime: UInt16
    /// The families, in the order sent.
    public var families: [Family]

    /// `restartTime` must fit in twelve bits when the capability is built from it.
    public init(restartFlags: RestartFlags, restartTime: UInt16, families: [Family]) {
        self.restartFlags = restartFlags
        self.restartTime = restartTime
        self.families = families
    }

    /// The largest Restart Time the twelve-bit field holds.
    public static let maximumRestartTime: UInt16 = 0x0FFF

    /// The Restart Flags, the four high-order bits of the first two octets.
    public struct RestartFlags: OptionSet, Hashable, Sendable {
        /// The four bits, as the low nibble.
        public var rawValue: UInt8
        /// Keeps the low four bits of `rawValue`; the field has no others.
        public init(rawValue: UInt8) { self.rawValue = rawValue & 0x0F }

        /// R: the speaker has restarted (RFC 4724 §3).
        public static let restartState = RestartFlags(rawValue: 0x08)
    }

    /// One family of the capability: AFI, SAFI and its flags.
    public struct Family: Sendable, Hashable {
        /// The AFI and SAFI.
        public var family: AddressFamily
        /// The Flags for Address Family octet.
        public var flags: FamilyFlags

        /// Creates the entry for one family.
        public init(family: AddressFamily, flags: FamilyFlags) {
            self.family = family
            self.flags = flags
        }
    }

    /// The Flags for Address Family octet (RFC 4724 §3).
    public struct FamilyFlags: OptionSet, Hashable, Sendable {
        public var rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// F: forwarding state for the family was preserved over the restart.
        public static let forwardingState = FamilyFlags(rawValue: 0x80)
    }
}

/// Typed values of the capabilities Brindle knows beyond multiprotocol, route refresh and
/// four-octet AS. Each accessor returns nil (or false) for another code or a malformed
/// value, never trapping, so a peer's bad capability can be ignored.
extension Capability {
    /// Extended messages up to 65535 octets (RFC 8654 §3): no value.
    public static let extendedMessage = Capability(code: .extendedMessage, value: [])

    /// Enhanced route refresh (RFC 7313 §3.1): no value.
    public static let enhancedRouteRefresh = Capability(code: .enhancedRouteRefresh, value: [])

    /// Whether this is a well-formed extended message capability (empty value).
    public var offersExtendedMessage: Bool { code == .extendedMessage && value.isEmpty }

    /// Whether this is a well-formed enhanced route refresh capability (empty value).
    public var offersEnhancedRouteRefresh: Bool {
        code == .enhancedRouteRefresh && value.isEmpty
    }

    /// ADD-PATH (RFC 7911 §4): four octets per family, AFI, SAFI and Send/Receive.
    public static func addPath(_ families: [AddPathFamily]) -> Capability {
        var value: [UInt8] = []
        for entry in families {
            Self.append(entry.family, to: &value)
            value.append(entry.sendReceive.rawValue)
        }
        return Capability(code: .addPath, value: value)
    }

    /// The tuples of a well-formed ADD-PATH capability: one or more of four octets, each
    /// with a Send/Receive value of 1 to 3 (RFC 7911 §4 treats others as not received).
    public var addPathFamilies: [AddPathFamily]? {
        guard code == .addPath, !value.isEmpty, value.count % 4 == 0 else { return nil }
        var families: [AddPathFamily] = []
        for start in stride(from: 0, to: value.count, by: 4) {
            let sendReceive = AddPathSendReceive(rawValue: value[start + 3])
            guard sendReceive.isValid else { return nil }
            families.append(
                AddPathFamily(family: Self.family(at: start, in: value), sendReceive: sendReceive))
        }
        return families
    }

    /// Graceful restart (RFC 4724 §3): flags and time in two octets, then four octets per
    /// family, AFI, SAFI and the family's flags.
    ///
    /// - Precondition: the restart time fits in twelve bits.
    public static func gracefulRestart(_ restart: GracefulRestart) -> Capability {
        precondition(
            restart.restartTime <= GracefulRestart.maximumRestartTime,
            "a restart time fits 12 bits")
        let header = UInt16(restart.restartFlags.rawValue) << 12 | restart.restartTime
        var value: [UInt8] = []
        value.appendUInt16(header)
        for entry in restart.families {
            Self.append(entry.family, to: &value)
            value.append(entry.flags.rawValue)
        }
        return Capability(code: .gracefulRestart, value: value)
    }

    /// The value of a well-formed graceful restart capability: two octets, then whole
    /// four-octet families.
    public var gracefulRestartParameters: GracefulRestart? {
        guard code == .gracefulRestart, value.count >= 2, (value.count - 2) % 4 == 0 else {
            return nil
        }
        let families = stride(from: 2, to: value.count, by: 4).map { start in
            GracefulRestart.Family(
                family: Self.family(at: start, in: value),
                flags: GracefulRestart.FamilyFlags(rawValue: value[start + 3]))
        }
        return GracefulRestart(
            restartFlags: GracefulRestart.RestartFlags(rawValue: value[0] >> 4),
            restartTime: (UInt16(value[0]) << 8 | UInt16(value[1]))
                & GracefulRestart.maximumRestartTime,
            families: families)
    }

    /// Appends an AFI (two octets) and a SAFI (one).
    private static func append(_ family: AddressFamily, to value: inout [UInt8]) {
        value.appendUInt16(family.afi.rawValue)
        value.append(family.safi.rawValue)
    }

    /// The AFI and SAFI at `start` in `value`, which holds at least three octets there.
    private static func family(at start: Int, in value: [UInt8]) -> AddressFamily {
        AddressFamily(
            afi: AFI(rawValue: UInt16(value[start]) << 8 | UInt16(value[start + 1])),
            safi: SAFI(rawValue: value[start + 2]))
    }
}

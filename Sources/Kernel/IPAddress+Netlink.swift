import BGPWire
import Glibc

extension IPAddress {
    /// The `rtm_family` of the address: AF_INET or AF_INET6.
    var netlinkFamily: UInt8 {
        switch self {
        case .v4: UInt8(AF_INET)
        case .v6: UInt8(AF_INET6)
        }
    }

    /// The all-zero address of `family` (AF_INET or AF_INET6), which a dumped default route
    /// implies by leaving out RTA_DST; nil for other families.
    static func unspecified(family: UInt8) -> IPAddress? {
        switch Int32(family) {
        case AF_INET: .v4(.zero)
        case AF_INET6: .v6(.unspecified)
        default: nil
        }
    }

    /// Reads an address in network byte order from an attribute's payload: four bytes for
    /// AF_INET, sixteen for AF_INET6; nil for any other size or family.
    init?(networkOrder payload: ArraySlice<UInt8>, family: UInt8) {
        let reader = NetlinkReader(payload)
        switch Int32(family) {
        case AF_INET where payload.count == 4:
            guard let value = reader.load(at: 0, as: UInt32.self) else { return nil }
            self = .v4(IPv4Address(rawValue: UInt32(bigEndian: value)))
        case AF_INET6 where payload.count == 16:
            guard let value = reader.load(at: 0, as: UInt128.self) else { return nil }
            let host = UInt128(bigEndian: value)
            self = .v6(
                IPv6Address(
                    high: UInt64(truncatingIfNeeded: host >> 64),
                    low: UInt64(truncatingIfNeeded: host)))
        default:
            return nil
        }
    }
}

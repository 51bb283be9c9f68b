import BGPWire

extension IPPrefix {
    /// The prefix of `length` bits at `address`, in the address's family, host bits cleared;
    /// nil if `length` is longer than the family allows.
    init?(address: IPAddress, length: UInt8) {
        switch address {
        case .v4(let address):
            guard let prefix = IPv4Prefix(address: address, length: length) else { return nil }
            self = .v4(prefix)
        case .v6(let address):
            guard let prefix = IPv6Prefix(address: address, length: length) else { return nil }
            self = .v6(prefix)
        }
    }
}

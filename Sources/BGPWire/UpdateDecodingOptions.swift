/// The parts of `CodecOptions` that change how an UPDATE is read, held without heap
/// storage: the decoders keep a copy per message, and a `CodecOptions` copy would retain
/// its two sets each time.
struct UpdateDecodingOptions {
    /// AS_PATH and AGGREGATOR carry four-octet ASes, and AS4_PATH is not used (RFC 6793).
    let fourOctetAS: Bool
    /// IPv4 unicast prefixes come after a path identifier (RFC 7911 §3).
    let ipv4PathIdentifiers: Bool
    /// IPv6 unicast prefixes come after a path identifier (RFC 7911 §3).
    let ipv6PathIdentifiers: Bool

    /// The reading side of `options`.
    init(_ options: CodecOptions) {
        fourOctetAS = options.fourOctetAS
        // Most sessions have no ADD-PATH: no family to hash then.
        let families = options.addPathReceive
        ipv4PathIdentifiers = !families.isEmpty && families.contains(.ipv4Unicast)
        ipv6PathIdentifiers = !families.isEmpty && families.contains(.ipv6Unicast)
    }

    /// Whether prefixes of `family` come after a path identifier; only IPv4 and IPv6
    /// unicast are decoded, so no other family is asked about.
    func receivesPathIdentifiers(_ family: AddressFamily) -> Bool {
        switch family {
        case .ipv4Unicast: ipv4PathIdentifiers
        case .ipv6Unicast: ipv6PathIdentifiers
        default: false
        }
    }
}

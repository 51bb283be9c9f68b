/// What a route table needs of a prefix type: `IPv4Prefix` and `IPv6Prefix`, one table per
/// family (RFC 4760 keeps the families apart: each has its own NLRI and next hop).
///
/// Besides the prefix itself, a family says where its routes sit in an UPDATE and where
/// their next hop is kept: IPv4 in the NLRI fields with NEXT_HOP (RFC 4271 §4.3) or in
/// MP_REACH_NLRI, IPv6 only in MP_REACH_NLRI, its next hop in
/// `PathAttributes.multiprotocolNextHop` once stored.
public protocol RoutePrefix: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The address type of the family.
    associatedtype Address: Hashable, Comparable, Sendable, CustomStringConvertible

    /// The family's AFI and SAFI (unicast).
    static var family: AddressFamily { get }

    /// The network address.
    var address: Address { get }
    /// The prefix length in bits.
    var length: UInt8 { get }

    /// Whether `other` lies wholly inside this prefix.
    func contains(_ other: Self) -> Bool
    /// Whether `address` lies inside this prefix.
    func contains(_ address: Address) -> Bool

    /// The prefix in the family-neutral form.
    var neutral: IPPrefix { get }
    /// An address of the family in the family-neutral form.
    static func neutral(_ address: Address) -> IPAddress

    /// The next hop that `attributes`, as a route table stores them, give routes of the
    /// family.
    static func nextHop(in attributes: PathAttributes) -> Address?
    /// Sets the next hop of routes of the family in `attributes`.
    static func setNextHop(_ nextHop: Address, in attributes: inout PathAttributes)

    /// The prefixes of the family that `update` withdraws, from every field that can carry
    /// them.
    static func withdrawn(in update: UpdateMessage) -> [Self]
    /// The prefixes of the family that `update` announces, each batch with the attributes
    /// its routes are stored with, next hop included.
    static func announcements(
        in update: UpdateMessage
    ) -> [(prefixes: [Self], attributes: PathAttributes)]

    /// UPDATE messages that withdraw `withdrawn` and announce `announced` with `attributes`,
    /// whose family next hop must be set when `announced` is not empty (see `UpdatePacker`).
    static func pack(
        withdrawn: [Self], announced: [Self], attributes: PathAttributes, options: CodecOptions
    ) -> [[UInt8]]
}

extension IPv4Prefix: RoutePrefix {
    public static var family: AddressFamily { .ipv4Unicast }
    public var neutral: IPPrefix { .v4(self) }
    public static func neutral(_ address: IPv4Address) -> IPAddress { .v4(address) }

    public static func nextHop(in attributes: PathAttributes) -> IPv4Address? {
        attributes.nextHop
    }

    public static func setNextHop(_ nextHop: IPv4Address, in attributes: inout PathAttributes) {
        attributes.nextHop = nextHop
    }

    public static func withdrawn(in update: UpdateMessage) -> [IPv4Prefix] {
        update.withdrawnRoutes + (update.multiprotocolUnreach?.withdrawn.ipv4 ?? [])
    }

    /// The NLRI field with NEXT_HOP, and IPv4 in MP_REACH_NLRI with that attribute's next
    /// hop in NEXT_HOP's place.
    public static func announcements(
        in update: UpdateMessage
    ) -> [(prefixes: [IPv4Prefix], attributes: PathAttributes)] {
        var batches = [(prefixes: update.nlri, attributes: update.pathAttributes)]
        if let reach = update.multiprotocolReach, case .ipv4(let nextHop) = reach.nextHop {
            var attributes = update.pathAttributes
            attributes.nextHop = nextHop
            batches.append((reach.nlri.ipv4, attributes))
        }
        return batches.filter { !$0.prefixes.isEmpty }
    }

    public static func pack(
        withdrawn: [IPv4Prefix], announced: [IPv4Prefix], attributes: PathAttributes,
        options: CodecOptions
    ) -> [[UInt8]] {
        UpdatePacker.pack(
            withdrawn: withdrawn, announced: announced, attributes: attributes, options: options)
    }
}

extension IPv6Prefix: RoutePrefix {
    public static var family: AddressFamily { .ipv6Unicast }
    public var neutral: IPPrefix { .v6(self) }
    public static func neutral(_ address: IPv6Address) -> IPAddress { .v6(address) }

    /// The global next hop (RFC 2545 §3).
    public static func nextHop(in attributes: PathAttributes) -> IPv6Address? {
        guard case .ipv6(let global, _) = attributes.multiprotocolNextHop else { return nil }
        return global
    }

    /// Sets a global next hop alone, with no link-local one.
    public static func setNextHop(_ nextHop: IPv6Address, in attributes: inout PathAttributes) {
        attributes.multiprotocolNextHop = .ipv6(global: nextHop, linkLocal: nil)
    }

    public static func withdrawn(in update: UpdateMessage) -> [IPv6Prefix] {
        update.multiprotocolUnreach?.withdrawn.ipv6 ?? []
    }

    /// IPv6 in MP_REACH_NLRI, stored with its next hop and without NEXT_HOP, which belongs
    /// to the message's IPv4 NLRI.
    public static func announcements(
        in update: UpdateMessage
    ) -> [(prefixes: [IPv6Prefix], attributes: PathAttributes)] {
        guard let reach = update.multiprotocolReach, reach.family == .ipv6Unicast,
            !reach.nlri.isEmpty
        else { return [] }
        var attributes = update.pathAttributes
        attributes.nextHop = nil
        attributes.multiprotocolNextHop = reach.nextHop
        return [(reach.nlri.ipv6, attributes)]
    }

    /// Announcements need `attributes.multiprotocolNextHop`; without one only the
    /// withdrawals are packed.
    public static func pack(
        withdrawn: [IPv6Prefix], announced: [IPv6Prefix], attributes: PathAttributes,
        options: CodecOptions
    ) -> [[UInt8]] {
        var carried = attributes
        carried.multiprotocolNextHop = nil
        guard case .ipv6(let global, let linkLocal) = attributes.multiprotocolNextHop else {
            return UpdatePacker.pack(
                withdrawn: withdrawn, announced: [], nextHop: .unspecified,
                attributes: carried, options: options)
        }
        return UpdatePacker.pack(
            withdrawn: withdrawn, announced: announced, nextHop: global,
            linkLocalNextHop: linkLocal, attributes: carried, options: options)
    }
}

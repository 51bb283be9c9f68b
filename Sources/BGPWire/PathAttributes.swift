/// The path attributes of a route (RFC 4271 §5), decoded into fields.
///
/// Attributes this codec does not interpret are kept whole in `unrecognized`
/// with their flags, type and bytes, so optional transitive ones can be passed
/// on (with the Partial bit set, RFC 4271 §5). The multiprotocol attributes of
/// the families this codec decodes are not path attributes of the routes but
/// carry routes themselves: they live in `UpdateMessage`, so that a set of
/// attributes can be shared by many routes.
public struct PathAttributes: Sendable, Hashable {
    /// The values themselves, behind one reference: a route table copies attribute sets
    /// often (into every change, every route handed out, every export), and a copy is then
    /// one retain; a change copies the values first when they are shared (copy on write).
    ///
    /// A route table holds hundreds of thousands of distinct sets, so the layout is kept
    /// small: the attributes nearly every route has sit inline (88 bytes, a short AS path
    /// among them), the ones few routes carry behind one more reference, which is nil (and
    /// costs nothing else) when all of them are absent. Nil is the only form of "none of
    /// them", so that equal sets compare and hash equal.
    struct Fields: Hashable {
        var origin: Origin?
        var atomicAggregate: Bool
        var nextHop: IPv4Address?
        var multiExitDiscriminator: UInt32?
        var localPreference: UInt32?
        var asPath: ASPath
        var communities: [Community]
        var rare: Boxed<RareFields>?
    }

    /// The attributes few routes carry: from aggregation, reflection, the newer community
    /// kinds, unknown ones, and the next hop of multiprotocol routes.
    struct RareFields: Hashable {
        var aggregator: Aggregator?
        var originatorID: IPv4Address?
        var clusterList: [IPv4Address] = []
        var extendedCommunities: [ExtendedCommunity] = []
        var largeCommunities: [LargeCommunity] = []
        var unrecognized: [RawAttribute] = []
        var partialAttributes = AttributeTypeSet()
        var multiprotocolNextHop: MultiprotocolNextHop?

        /// Whether every attribute is absent.
        var isEmpty: Bool { self == RareFields() }
    }

    /// The shared box of `Fields`; never changed while shared.
    private final class Storage: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    /// Runs `change` on values of this set's own, copying them first if shared.
    private mutating func mutate(_ change: (inout Fields) -> Void) {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
        change(&storage.fields)
    }

    /// The rare attributes, all absent when there is no box.
    private var rare: RareFields { storage.fields.rare?.value ?? RareFields() }

    /// Changes the rare attributes, dropping the box when none is left.
    private mutating func mutateRare(_ change: (inout RareFields) -> Void) {
        var values = rare
        change(&values)
        mutate { $0.rare = values.isEmpty ? nil : Boxed(values) }
    }

    /// ORIGIN, well-known mandatory.
    public var origin: Origin? {
        get { storage.fields.origin }
        set { mutate { $0.origin = newValue } }
    }
    /// AS_PATH with four-octet AS numbers, after merging any AS4_PATH (RFC 6793 §4.2.3).
    public var asPath: ASPath {
        get { storage.fields.asPath }
        set { mutate { $0.asPath = newValue } }
    }
    /// NEXT_HOP, well-known mandatory for IPv4 NLRI.
    public var nextHop: IPv4Address? {
        get { storage.fields.nextHop }
        set { mutate { $0.nextHop = newValue } }
    }
    /// MULTI_EXIT_DISC, optional non-transitive.
    public var multiExitDiscriminator: UInt32? {
        get { storage.fields.multiExitDiscriminator }
        set { mutate { $0.multiExitDiscriminator = newValue } }
    }
    /// LOCAL_PREF, well-known, only between internal peers.
    public var localPreference: UInt32? {
        get { storage.fields.localPreference }
        set { mutate { $0.localPreference = newValue } }
    }
    /// ATOMIC_AGGREGATE, well-known discretionary.
    public var atomicAggregate: Bool {
        get { storage.fields.atomicAggregate }
        set { mutate { $0.atomicAggregate = newValue } }
    }
    /// AGGREGATOR, optional transitive, with a four-octet AS.
    public var aggregator: Aggregator? {
        get { rare.aggregator }
        set { mutateRare { $0.aggregator = newValue } }
    }
    /// COMMUNITIES (RFC 1997), optional transitive.
    public var communities: [Community] {
        get { storage.fields.communities }
        set { mutate { $0.communities = newValue } }
    }
    /// ORIGINATOR_ID (RFC 4456 §8), optional non-transitive.
    public var originatorID: IPv4Address? {
        get { rare.originatorID }
        set { mutateRare { $0.originatorID = newValue } }
    }
    /// CLUSTER_LIST (RFC 4456 §8), optional non-transitive, nearest cluster first.
    public var clusterList: [IPv4Address] {
        get { rare.clusterList }
        set { mutateRare { $0.clusterList = newValue } }
    }
    /// EXTENDED COMMUNITIES (RFC 4360), optional transitive.
    public var extendedCommunities: [ExtendedCommunity] {
        get { rare.extendedCommunities }
        set { mutateRare { $0.extendedCommunities = newValue } }
    }
    /// LARGE_COMMUNITY (RFC 8092), optional transitive, without repeats.
    public var largeCommunities: [LargeCommunity] {
        get { rare.largeCommunities }
        set { mutateRare { $0.largeCommunities = newValue } }
    }
    /// Optional attributes not interpreted here, in the order received, with
    /// MP_REACH_NLRI and MP_UNREACH_NLRI of families this codec does not decode.
    public var unrecognized: [RawAttribute] {
        get { rare.unrecognized }
        set { mutateRare { $0.unrecognized = newValue } }
    }
    /// The recognised optional transitive attributes (AGGREGATOR, COMMUNITIES,
    /// EXTENDED COMMUNITIES, LARGE_COMMUNITY, AS4_PATH, AS4_AGGREGATOR) that came
    /// with the Partial bit set: they go out with it set again, as RFC 4271 §5
    /// forbids clearing it.
    public var partialAttributes: AttributeTypeSet {
        get { rare.partialAttributes }
        set { mutateRare { $0.partialAttributes = newValue } }
    }
    /// The next hop of routes that travel in MP_REACH_NLRI (RFC 4760 §3), when a route
    /// table keeps it with the route's other attributes, as for IPv6. Never encoded as an
    /// attribute of its own and never set by the decoder: on the wire it is part of
    /// `UpdateMessage.multiprotocolReach`.
    public var multiprotocolNextHop: MultiprotocolNextHop? {
        get { rare.multiprotocolNextHop }
        set { mutateRare { $0.multiprotocolNextHop = newValue } }
    }

    /// An empty attribute set, as in a withdraw-only UPDATE.
    public init(
        origin: Origin? = nil, asPath: ASPath = ASPath(), nextHop: IPv4Address? = nil,
        multiExitDiscriminator: UInt32? = nil, localPreference: UInt32? = nil,
        atomicAggregate: Bool = false, aggregator: Aggregator? = nil,
        communities: [Community] = [], originatorID: IPv4Address? = nil,
        clusterList: [IPv4Address] = [], extendedCommunities: [ExtendedCommunity] = [],
        largeCommunities: [LargeCommunity] = [], unrecognized: [RawAttribute] = [],
        partialAttributes: AttributeTypeSet = AttributeTypeSet(),
        multiprotocolNextHop: MultiprotocolNextHop? = nil
    ) {
        let rare = RareFields(
            aggregator: aggregator, originatorID: originatorID, clusterList: clusterList,
            extendedCommunities: extendedCommunities, largeCommunities: largeCommunities,
            unrecognized: unrecognized, partialAttributes: partialAttributes,
            multiprotocolNextHop: multiprotocolNextHop)
        storage = Storage(
            Fields(
                origin: origin, atomicAggregate: atomicAggregate, nextHop: nextHop,
                multiExitDiscriminator: multiExitDiscriminator, localPreference: localPreference,
                asPath: asPath, communities: communities,
                rare: rare.isEmpty ? nil : Boxed(rare)))
    }

    /// Whether no attribute at all is present; `partialAttributes` only marks
    /// attributes and is not counted.
    public var isEmpty: Bool {
        origin == nil && asPath.isEmpty && nextHop == nil
            && multiExitDiscriminator == nil && localPreference == nil && !atomicAggregate
            && aggregator == nil && communities.isEmpty && originatorID == nil
            && clusterList.isEmpty && extendedCommunities.isEmpty && largeCommunities.isEmpty
            && unrecognized.isEmpty && multiprotocolNextHop == nil
    }

    public static func == (lhs: PathAttributes, rhs: PathAttributes) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.fields)
    }
}

/// The ORIGIN attribute's value (RFC 4271 §5.1.1).
public struct Origin: RawRepresentable, Hashable, Sendable, Comparable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let igp = Origin(rawValue: 0)
    public static let egp = Origin(rawValue: 1)
    public static let incomplete = Origin(rawValue: 2)

    public static func < (lhs: Origin, rhs: Origin) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The AGGREGATOR attribute (RFC 4271 §5.1.7), with a four-octet AS (RFC 6793).
public struct Aggregator: Sendable, Hashable {
    /// The AS that aggregated the route.
    public var autonomousSystem: UInt32
    /// The BGP identifier of the speaker that aggregated it.
    public var address: IPv4Address
    /// Creates an AGGREGATOR from its AS and address.
    public init(autonomousSystem: UInt32, address: IPv4Address) {
        self.autonomousSystem = autonomousSystem
        self.address = address
    }
}

/// A community value (RFC 1997): two octets of AS and two of value.
public struct Community: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// Creates a community from its AS half and value half.
    public init(autonomousSystem: UInt16, value: UInt16) {
        rawValue = UInt32(autonomousSystem) << 16 | UInt32(value)
    }

    public static let noExport = Community(rawValue: 0xFFFF_FF01)
    public static let noAdvertise = Community(rawValue: 0xFFFF_FF02)
}

extension Community: CustomStringConvertible {
    /// `AS:value`.
    public var description: String { "\(rawValue >> 16):\(rawValue & 0xFFFF)" }
}

/// A path attribute kept as received: flags, type code and value bytes.
public struct RawAttribute: Sendable, Hashable {
    /// The flags as received.
    public var flags: AttributeFlags
    /// The attribute type code.
    public var type: AttributeType
    /// The attribute value, without its header.
    public var value: [UInt8]
    /// Creates an attribute from its header fields and value.
    public init(flags: AttributeFlags, type: AttributeType, value: [UInt8]) {
        self.flags = flags
        self.type = type
        self.value = value
    }
}

/// The flags octet of a path attribute (RFC 4271 §4.3).
public struct AttributeFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let optional = AttributeFlags(rawValue: 0x80)
    public static let transitive = AttributeFlags(rawValue: 0x40)
    public static let partial = AttributeFlags(rawValue: 0x20)
    public static let extendedLength = AttributeFlags(rawValue: 0x10)
}

/// Path attribute type codes (IANA "BGP Path Attributes" registry).
public struct AttributeType: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let origin = AttributeType(rawValue: 1)
    public static let asPath = AttributeType(rawValue: 2)
    public static let nextHop = AttributeType(rawValue: 3)
    public static let multiExitDiscriminator = AttributeType(rawValue: 4)
    public static let localPreference = AttributeType(rawValue: 5)
    public static let atomicAggregate = AttributeType(rawValue: 6)
    public static let aggregator = AttributeType(rawValue: 7)
    public static let communities = AttributeType(rawValue: 8)
    public static let originatorID = AttributeType(rawValue: 9)
    public static let clusterList = AttributeType(rawValue: 10)
    public static let multiprotocolReachableNLRI = AttributeType(rawValue: 14)
    public static let multiprotocolUnreachableNLRI = AttributeType(rawValue: 15)
    public static let extendedCommunities = AttributeType(rawValue: 16)
    public static let as4Path = AttributeType(rawValue: 17)
    public static let as4Aggregator = AttributeType(rawValue: 18)
    public static let largeCommunities = AttributeType(rawValue: 32)
}

import BGPWire

/// What two speakers agreed in their OPEN messages (RFC 4271 §4.2, RFC 5492).
public struct NegotiatedSession: Sendable, Equatable {
    /// The peer's BGP identifier.
    public var peerIdentifier: IPv4Address
    /// The peer's AS, four-octet when it sent the capability (RFC 6793 §4.1).
    public var peerAS: UInt32
    /// The smaller of the two proposed hold times, in seconds; 0 means no hold
    /// timer and no keepalives (RFC 4271 §4.2).
    public var holdTime: UInt16
    /// A third of the hold time, in seconds (RFC 4271 §10); 0 with no hold time.
    public var keepaliveTime: Double
    /// Both sides offered four-octet AS numbers (RFC 6793 §3).
    public var fourOctetAS: Bool
    /// Both sides offered route refresh (RFC 2918 §2).
    public var routeRefresh: Bool
    /// Both sides offered enhanced route refresh (RFC 7313 §3.1): a refreshed Adj-RIB-Out
    /// goes between a BoRR and an EoRR.
    public var enhancedRouteRefresh: Bool
    /// The address families both sides offered, in our order (RFC 4760 §8).
    public var families: [AddressFamily]
    /// How the codec must encode and decode from now on.
    public var codecOptions: CodecOptions

    /// Creates negotiated terms from their parts.
    public init(
        peerIdentifier: IPv4Address, peerAS: UInt32, holdTime: UInt16, keepaliveTime: Double,
        fourOctetAS: Bool, routeRefresh: Bool, enhancedRouteRefresh: Bool,
        families: [AddressFamily], codecOptions: CodecOptions
    ) {
        self.peerIdentifier = peerIdentifier
        self.peerAS = peerAS
        self.holdTime = holdTime
        self.keepaliveTime = keepaliveTime
        self.fourOctetAS = fourOctetAS
        self.routeRefresh = routeRefresh
        self.enhancedRouteRefresh = enhancedRouteRefresh
        self.families = families
        self.codecOptions = codecOptions
    }

    /// Negotiates the terms of a session from the OPEN we sent and the one we
    /// received. The checks that may reject the peer's OPEN come first, in the FSM.
    ///
    /// A malformed extended message or enhanced route refresh capability (one with a
    /// value) counts as not offered (RFC 5492 §4 leaves a capability's checks to it).
    public init(local: OpenMessage, remote: OpenMessage) {
        let holdTime = min(local.holdTime, remote.holdTime)
        let fourOctetAS =
            local.fourOctetAutonomousSystem != nil && remote.fourOctetAutonomousSystem != nil
        let extendedMessage = Self.both(local, remote, offer: \.offersExtendedMessage)
        let remoteFamilies = Self.families(of: remote)
        self.init(
            peerIdentifier: remote.bgpIdentifier, peerAS: remote.autonomousSystem,
            holdTime: holdTime, keepaliveTime: Double(holdTime) / 3,
            fourOctetAS: fourOctetAS,
            routeRefresh: local.offers(.routeRefresh) && remote.offers(.routeRefresh),
            enhancedRouteRefresh: Self.both(local, remote, offer: \.offersEnhancedRouteRefresh),
            families: Self.families(of: local).filter(remoteFamilies.contains),
            codecOptions: CodecOptions(fourOctetAS: fourOctetAS, extendedMessage: extendedMessage))
    }

    /// The messages a refreshed Adj-RIB-Out for `family` goes between: a BoRR before it
    /// and an EoRR after it when enhanced route refresh was negotiated (RFC 7313 §4),
    /// else nil.
    public func refreshMarkers(for family: AddressFamily) -> (beginning: Message, end: Message)? {
        guard enhancedRouteRefresh else { return nil }
        return (
            .routeRefresh(RouteRefreshMessage(family: family, subtype: .beginning)),
            .routeRefresh(RouteRefreshMessage(family: family, subtype: .end))
        )
    }

    /// Whether both OPENs carry a capability for which `offer` holds.
    static func both(
        _ local: OpenMessage, _ remote: OpenMessage, offer: (Capability) -> Bool
    ) -> Bool {
        local.capabilities.contains(where: offer) && remote.capabilities.contains(where: offer)
    }

    /// The families a speaker supports: those of its multiprotocol capabilities,
    /// or IPv4 unicast alone when it sent none, as a speaker without RFC 4760 does.
    static func families(of open: OpenMessage) -> [AddressFamily] {
        let offered = open.multiprotocolFamilies
        return offered.isEmpty ? [.ipv4Unicast] : offered
    }
}

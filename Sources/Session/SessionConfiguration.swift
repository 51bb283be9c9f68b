import BGPWire

/// What one session is configured with: who we are, who the peer must be, and
/// the timers.
public struct SessionConfiguration: Sendable {
    /// Our AS number, two- or four-octet.
    public var localAS: UInt32
    /// The AS the peer must announce in its OPEN (RFC 4271 §6.2: else Bad Peer AS).
    public var peerAS: UInt32
    /// Our BGP identifier (RFC 4271 §4.2).
    public var localIdentifier: IPv4Address
    /// The hold time we propose, in seconds: 0 (no keepalives) or 3 and above
    /// (RFC 4271 §4.2). The session uses the smaller of ours and the peer's.
    public var holdTime: UInt16
    /// Seconds a TCP connection attempt may take before it is retried. RFC 4271
    /// §10 suggests 120 s; the default is 30 s because hosts in a cluster come
    /// back fast and a refused connection is already retried through the idle hold.
    public var connectRetryTime: Double
    /// Never open a TCP connection; wait in Active for the peer to connect
    /// (RFC 4271 §8.1.1: PassiveTcpEstablishment).
    public var passive: Bool
    /// The first delay, in seconds, before an automatic restart after a failure
    /// (RFC 4271 §8: IdleHoldTime). It doubles after each failure.
    public var idleHoldTime: Double
    /// The cap of the doubling idle hold delay, in seconds.
    public var maximumIdleHoldTime: Double
    /// The capabilities our OPEN offers (RFC 5492). The four-octet AS capability
    /// is added for `localAS` if missing.
    public var capabilities: [Capability]

    /// Creates a configuration.
    ///
    /// - Parameter capabilities: nil for the defaults: multiprotocol IPv4 and IPv6
    ///   unicast (RFC 4760), route refresh (RFC 2918), enhanced route refresh (RFC 7313),
    ///   extended messages (RFC 8654) and four-octet AS (RFC 6793).
    public init(
        localAS: UInt32, peerAS: UInt32, localIdentifier: IPv4Address,
        holdTime: UInt16 = 90, connectRetryTime: Double = 30, passive: Bool = false,
        idleHoldTime: Double = 1, maximumIdleHoldTime: Double = 120,
        capabilities: [Capability]? = nil
    ) {
        self.localAS = localAS
        self.peerAS = peerAS
        self.localIdentifier = localIdentifier
        self.holdTime = holdTime
        self.connectRetryTime = connectRetryTime
        self.passive = passive
        self.idleHoldTime = idleHoldTime
        self.maximumIdleHoldTime = maximumIdleHoldTime
        self.capabilities =
            capabilities ?? [
                .multiprotocol(.ipv4Unicast), .multiprotocol(.ipv6Unicast), .routeRefresh,
                .enhancedRouteRefresh,
                .extendedMessage, .fourOctetAS(localAS),
            ]
    }

    /// Whether the peer is in our AS (internal BGP).
    public var isInternal: Bool { localAS == peerAS }

    /// The OPEN we send (RFC 4271 §4.2).
    public var open: OpenMessage {
        OpenMessage(
            autonomousSystem: localAS, holdTime: holdTime, bgpIdentifier: localIdentifier,
            capabilities: capabilities)
    }
}

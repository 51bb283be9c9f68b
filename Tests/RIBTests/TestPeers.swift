import BGPWire
import Testing

@testable import RIB

/// The peers and prefixes the RIB tests share: we are AS 64511, router 10.0.0.1, cluster
/// 10.0.0.100 when reflecting.
enum TestPeers {
    static let localAS: UInt32 = 64511
    static let routerID = IPv4Address(10, 0, 0, 1)
    static let clusterID = IPv4Address(10, 0, 0, 100)
    static let nextHopSelf = IPv4Address(192, 0, 2, 1)
    /// The pool every test table exports.
    static let pool = IPv4Prefix("10.0.0.0/8")!

    /// Internal peers 2 and 3, external peers 4 (AS 65001), 5 (AS 65001) and 6 (AS 65002).
    /// Identifiers and addresses rise with the number unless a case says otherwise.
    static let internalA = peer(2, autonomousSystem: localAS)
    static let internalB = peer(3, autonomousSystem: localAS)
    static let externalA = peer(4, autonomousSystem: 65001)
    static let externalB = peer(5, autonomousSystem: 65001)
    static let externalC = peer(6, autonomousSystem: 65002)
    /// Internal peers 10 and 11, our route-reflector clients.
    static let clientA = peer(10, autonomousSystem: localAS, isReflectorClient: true)
    static let clientB = peer(11, autonomousSystem: localAS, isReflectorClient: true)

    static func peer(
        _ number: UInt32, autonomousSystem: UInt32, identifier: IPv4Address? = nil,
        address: IPv4Address? = nil, isReflectorClient: Bool = false
    ) -> PeerInfo {
        PeerInfo(
            id: PeerID(rawValue: number),
            address: address ?? IPv4Address(192, 0, 2, UInt8(number)),
            autonomousSystem: autonomousSystem,
            bgpIdentifier: identifier ?? IPv4Address(10, 0, 0, UInt8(number)),
            localAS: localAS, isReflectorClient: isReflectorClient)
    }

    static func makeRIB(_ peers: [PeerInfo], clusterID: IPv4Address? = nil) -> RIB<IPv4Prefix> {
        let rib = RIB<IPv4Prefix>(localAS: localAS, routerID: routerID, clusterID: clusterID)
        peers.forEach(rib.peerUp)
        return rib
    }

    /// The export profile of a group holding `peer`, with next hop `nextHopSelf`.
    static func profile(
        of peer: PeerInfo, nextHopSelf: IPv4Address = nextHopSelf, sharedSubnet: IPv4Prefix? = nil
    ) -> ExportProfile {
        ExportProfile(
            isInternal: peer.isInternal, isReflectorClient: peer.isReflectorClient,
            nextHopSelf: nextHopSelf, sharedSubnet: sharedSubnet)
    }

    /// An empty table for the group of `peer`, exporting `pool`, following `rib`.
    static func table(
        for peer: PeerInfo, sharedSubnet: IPv4Prefix? = nil, on rib: RIB<IPv4Prefix>
    ) -> AdjRIBOut<IPv4Prefix> {
        AdjRIBOut<IPv4Prefix>(
            profile: profile(of: peer, sharedSubnet: sharedSubnet), localAS: localAS,
            policy: ExportPolicy(allowedPrefixes: [.v4(pool)]), rib: rib)
    }

    /// Announces on `rib` and applies the changes to every table in `tables`.
    static func announce(
        _ peer: PeerInfo, _ prefixes: [IPv4Prefix], _ attributes: PathAttributes,
        on rib: RIB<IPv4Prefix>,
        to tables: AdjRIBOut<IPv4Prefix>...
    ) {
        let changes = rib.update(
            from: peer.id, withdrawn: [], announced: prefixes, attributes: attributes)
        tables.forEach { $0.apply(changes) }
    }

    static func prefix(_ text: String) -> IPv4Prefix {
        IPv4Prefix(text)!
    }

    /// Attributes with ORIGIN IGP and a next hop, the rest as given.
    static func attributes(
        _ path: [UInt32], origin: Origin = .igp, med: UInt32? = nil,
        localPreference: UInt32? = nil, communities: [Community] = []
    ) -> PathAttributes {
        PathAttributes(
            origin: origin, asPath: ASPath(sequence: path), nextHop: IPv4Address(192, 0, 2, 99),
            multiExitDiscriminator: med, localPreference: localPreference,
            communities: communities)
    }
}

import BGPWire
import Testing

@testable import RIB

/// The peers and prefixes the RIB tests share: we are AS 64511, router 10.0.0.1.
enum TestPeers {
    static let localAS: UInt32 = 64511
    static let routerID = IPv4Address(10, 0, 0, 1)

    /// Internal peers 2 and 3, external peers 4 (AS 65001), 5 (AS 65001) and 6 (AS 65002).
    /// Identifiers and addresses rise with the number unless a case says otherwise.
    static let internalA = peer(2, autonomousSystem: localAS)
    static let internalB = peer(3, autonomousSystem: localAS)
    static let externalA = peer(4, autonomousSystem: 65001)
    static let externalB = peer(5, autonomousSystem: 65001)
    static let externalC = peer(6, autonomousSystem: 65002)

    static func peer(
        _ number: UInt32, autonomousSystem: UInt32, identifier: IPv4Address? = nil,
        address: IPv4Address? = nil
    ) -> PeerInfo {
        PeerInfo(
            id: PeerID(rawValue: number),
            address: address ?? IPv4Address(192, 0, 2, UInt8(number)),
            autonomousSystem: autonomousSystem,
            bgpIdentifier: identifier ?? IPv4Address(10, 0, 0, UInt8(number)),
            localAS: localAS)
    }

    static func makeRIB(_ peers: [PeerInfo]) -> RIB {
        let rib = RIB(localAS: localAS, routerID: routerID)
        peers.forEach(rib.peerUp)
        return rib
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

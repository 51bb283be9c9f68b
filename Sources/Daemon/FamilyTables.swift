import BGPWire
import RIB

/// One address family's routes in the daemon: its RIB, its update groups and what it keeps
/// per peer. The daemon holds one for IPv4 unicast and one for IPv6 unicast (RFC 4760);
/// every Established peer is in the IPv4 tables, and in the IPv6 ones when its session
/// negotiated IPv6.
final class FamilyTables<Prefix: RIBPrefix> {
    /// The family's routes.
    let rib: RIB<Prefix>
    /// The family's update groups, by what their members share.
    var groups: [UpdateGroupKey: UpdateGroup<Prefix>] = [:]
    /// The group each member is in.
    var groupOf: [PeerID: UpdateGroup<Prefix>] = [:]
    /// A peer's routes of the family not sent again since its BoRR (RFC 7313 §4), for each
    /// peer in the middle of a re-advertisement.
    var staleRoutes: [PeerID: Set<Prefix>] = [:]

    /// Empty tables for the node `desired` describes: its AS, router id and cluster id.
    init(for desired: DesiredState) {
        rib = RIB(
            localAS: desired.autonomousSystem, routerID: desired.routerID,
            clusterID: desired.clusterID)
    }

    /// Whether `peer` takes part in the family: Established and negotiated it.
    func contains(_ peer: Peer) -> Bool {
        groupOf[peer.id] != nil
    }
}

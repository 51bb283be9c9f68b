import BGPWire
import RIB

/// A RIB for each family, each with two established peers, one internal and one external,
/// fed as the daemon feeds them (`Daemon.peer(_:received:)`), with each peer's Adj-RIB-Out
/// drained and packed after every UPDATE and the packed bytes decoded again.
///
/// Traps when a packed UPDATE does not decode cleanly under the receiving peer's options, or
/// carries other prefixes than the Adj-RIB-Out gave the packer.
final class RIBDriver {
    private let ipv4 = FamilyDriver<IPv4Prefix>(
        origin: .host(IPv4Address(10, 0, 0, 1)), sharedSubnet: IPv4Prefix("198.51.100.0/24"))
    private let ipv6 = FamilyDriver<IPv6Prefix>(
        origin: .host(IPv6Address(high: 0xFD00 << 48, low: 1)), sharedSubnet: nil)

    /// Applies `update` from one of the peers to both families.
    func receive(_ update: UpdateMessage, fromInternal: Bool) {
        ipv4.receive(update, fromInternal: fromInternal)
        ipv6.receive(update, fromInternal: fromInternal)
    }

    /// Takes both peers down, as when their sessions close (RFC 4271 §8.2.2).
    func finish() {
        ipv4.finish()
        ipv6.finish()
    }
}

/// One family's RIB and Adj-RIB-Outs in `RIBDriver`.
///
/// The external peer is two-octet and, for IPv4, on a shared subnet, so the AS4 encoding and
/// the third-party next hop are exercised; the internal one is a route-reflector client, so
/// reflection (ORIGINATOR_ID, CLUSTER_LIST) is too.
final class FamilyDriver<Prefix: RIBPrefix> {
    private static var localAS: UInt32 { 64512 }
    private static var routerID: IPv4Address { IPv4Address(192, 0, 2, 1) }
    private static var ipv6NextHopSelf: IPv6Address { IPv6Address(high: 0xFD00 << 48, low: 2) }
    private static var internalPeer: PeerInfo {
        PeerInfo(
            id: PeerID(rawValue: 1), address: IPv4Address(192, 0, 2, 2),
            autonomousSystem: localAS, bgpIdentifier: IPv4Address(192, 0, 2, 2),
            localAS: localAS, isReflectorClient: true)
    }
    private static var externalPeer: PeerInfo {
        PeerInfo(
            id: PeerID(rawValue: 2), address: IPv4Address(198, 51, 100, 2),
            autonomousSystem: 4_200_000_000, bgpIdentifier: IPv4Address(198, 51, 100, 2),
            localAS: localAS)
    }

    private let rib: RIB<Prefix>
    private let outbound: [(table: AdjRIBOut<Prefix>, options: CodecOptions)]

    /// Brings both peers up and originates `origin`.
    init(origin: Prefix, sharedSubnet: IPv4Prefix?) {
        let everything = ExportPolicy(allowedPrefixes: [IPPrefix("0.0.0.0/0")!, IPPrefix("::/0")!])
        let rib = RIB<Prefix>(
            localAS: Self.localAS, routerID: Self.routerID, clusterID: Self.routerID)
        self.rib = rib
        rib.peerUp(Self.internalPeer)
        rib.peerUp(Self.externalPeer)
        let internalProfile = ExportProfile(
            isInternal: true, isReflectorClient: true, nextHopSelf: Self.routerID,
            ipv6NextHopSelf: Self.ipv6NextHopSelf, sharedSubnet: nil)
        let externalProfile = ExportProfile(
            isInternal: false, isReflectorClient: false, nextHopSelf: Self.routerID,
            ipv6NextHopSelf: Self.ipv6NextHopSelf, sharedSubnet: sharedSubnet)
        outbound = [
            (
                AdjRIBOut(
                    profile: internalProfile, localAS: Self.localAS, policy: everything, rib: rib),
                CodecOptions(fourOctetAS: true)
            ),
            (
                AdjRIBOut(
                    profile: externalProfile, localAS: Self.localAS, policy: everything, rib: rib),
                CodecOptions(fourOctetAS: false)
            ),
        ]
        flush(rib.originate(origin, attributes: .init()))
    }

    /// Applies `update` from one of the peers: the family's withdrawn routes, and its
    /// announcements as withdrawn too when RFC 7606 says treat-as-withdraw (§2) or, as the
    /// daemon judges them before the RIB, when their next hop is one no router can have.
    func receive(_ update: UpdateMessage, fromInternal: Bool) {
        let peer = fromInternal ? Self.internalPeer.id : Self.externalPeer.id
        let withdrawn = Prefix.withdrawn(in: update)
        if !withdrawn.isEmpty {
            flush(
                rib.update(
                    from: peer, withdrawn: withdrawn, announced: [],
                    attributes: PathAttributes()))
        }
        for (announced, attributes) in Prefix.announcements(in: update) {
            let nextHop = Prefix.nextHop(in: attributes).map(Prefix.neutral)
            let withdraws = update.treatAsWithdraw || nextHop?.unusableAsNextHop != nil
            flush(
                rib.update(
                    from: peer, withdrawn: withdraws ? announced : [],
                    announced: withdraws ? [] : announced, attributes: attributes))
        }
    }

    /// Takes both peers down, as when their sessions close (RFC 4271 §8.2.2).
    func finish() {
        flush(rib.peerDown(Self.internalPeer.id))
        flush(rib.peerDown(Self.externalPeer.id))
    }

    private func flush(_ changes: [BestPathChange<Prefix>]) {
        for (table, options) in outbound {
            table.apply(changes)
            for update in table.drain() { Self.send(update, options: options) }
        }
    }

    /// Packs `update` and decodes every message, checking that the prefixes come back.
    private static func send(_ update: OutboundUpdate<Prefix>, options: CodecOptions) {
        let messages = Prefix.pack(
            withdrawn: update.withdrawn, announced: update.announced,
            attributes: update.attributes, options: options)
        var withdrawn: [Prefix] = []
        var announced: [Prefix] = []
        for bytes in messages {
            let message = decodePacked(bytes, options: options)
            withdrawn += Prefix.withdrawn(in: message)
            announced += Prefix.announcements(in: message).flatMap(\.prefixes)
        }
        guard withdrawn == update.withdrawn, announced == update.announced || announced.isEmpty
        else { fatalError("packed \(update) came back as \(withdrawn) and \(announced)") }
    }

    /// Decodes a packed UPDATE, which must be whole, short enough and free of errors.
    private static func decodePacked(_ bytes: [UInt8], options: CodecOptions) -> UpdateMessage {
        guard bytes.count <= options.maximumMessageLength,
            case .update(let update)? = bytes.withUnsafeBytes({
                try? Message.decode($0, options: options)
            }),
            !update.treatAsWithdraw, update.discardedAttributes.isEmpty
        else { fatalError("packed update does not decode cleanly: \(hex(bytes))") }
        return update
    }
}

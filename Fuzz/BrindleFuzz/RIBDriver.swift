import BGPWire
import RIB

/// A RIB with two established peers, one internal and one external, fed as the daemon feeds
/// it (`Daemon.peer(_:received:)`), with each peer's Adj-RIB-Out drained and packed after
/// every UPDATE and the packed bytes decoded again.
///
/// Traps when a packed UPDATE does not decode cleanly under the receiving peer's options, or
/// carries other prefixes than the Adj-RIB-Out gave the packer.
final class RIBDriver {
    private static let localAS: UInt32 = 64512
    private static let routerID = IPv4Address(192, 0, 2, 1)
    private static let internalPeer = PeerInfo(
        id: PeerID(rawValue: 1), address: IPv4Address(192, 0, 2, 2), autonomousSystem: localAS,
        bgpIdentifier: IPv4Address(192, 0, 2, 2), localAS: localAS, isReflectorClient: true)
    private static let externalPeer = PeerInfo(
        id: PeerID(rawValue: 2), address: IPv4Address(198, 51, 100, 2),
        autonomousSystem: 4_200_000_000, bgpIdentifier: IPv4Address(198, 51, 100, 2),
        localAS: localAS)

    private let rib = RIB(localAS: localAS, routerID: routerID, clusterID: routerID)
    private let outbound: [(table: AdjRIBOut, options: CodecOptions)]

    /// Brings both peers up; the external one is two-octet and on a shared subnet, so the
    /// AS4 encoding and the third-party next hop are exercised, and the internal one is a
    /// route-reflector client, so reflection (ORIGINATOR_ID, CLUSTER_LIST) is too.
    init() {
        let everything = ExportPolicy(allowedPrefixes: [Self.prefix("0.0.0.0/0")])
        rib.peerUp(Self.internalPeer)
        rib.peerUp(Self.externalPeer)
        outbound = [
            (AdjRIBOut(
                profile: ExportProfile(
                    isInternal: true, isReflectorClient: true, nextHopSelf: Self.routerID,
                    sharedSubnet: nil),
                localAS: Self.localAS, policy: everything), CodecOptions(fourOctetAS: true)),
            (AdjRIBOut(
                profile: ExportProfile(
                    isInternal: false, isReflectorClient: false, nextHopSelf: Self.routerID,
                    sharedSubnet: Self.prefix("198.51.100.0/24")),
                localAS: Self.localAS, policy: everything), CodecOptions(fourOctetAS: false)),
        ]
        flush(rib.originate(IPv4Prefix.host(IPv4Address(10, 0, 0, 1)), attributes: .init()))
    }

    /// Applies `update` from one of the peers: its withdrawn routes, and its NLRI as
    /// withdrawn too when RFC 7606 says treat-as-withdraw (§2).
    func receive(_ update: UpdateMessage, fromInternal: Bool) {
        let peer = fromInternal ? Self.internalPeer.id : Self.externalPeer.id
        var withdrawn = update.withdrawnRoutes
        var announced = update.nlri
        if update.treatAsWithdraw {
            withdrawn += announced
            announced = []
        }
        guard !withdrawn.isEmpty || !announced.isEmpty else { return }
        flush(
            rib.update(
                from: peer, withdrawn: withdrawn, announced: announced,
                attributes: update.pathAttributes))
    }

    /// Takes both peers down, as when their sessions close (RFC 4271 §8.2.2).
    func finish() {
        flush(rib.peerDown(Self.internalPeer.id))
        flush(rib.peerDown(Self.externalPeer.id))
    }

    private func flush(_ changes: [BestPathChange]) {
        for (table, options) in outbound {
            table.apply(changes, rib: rib)
            for update in table.drain() { Self.send(update, options: options) }
        }
    }

    /// Packs `update` and decodes every message, checking that the prefixes come back.
    private static func send(_ update: OutboundUpdate, options: CodecOptions) {
        let messages = UpdatePacker.pack(
            withdrawn: update.withdrawn, announced: update.announced,
            attributes: update.attributes, options: options)
        var withdrawn: [IPv4Prefix] = []
        var announced: [IPv4Prefix] = []
        for bytes in messages {
            let message = decodePacked(bytes, options: options)
            withdrawn += message.withdrawnRoutes
            announced += message.nlri
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

    /// The prefix written as `text`, which this file knows is valid.
    private static func prefix(_ text: String) -> IPv4Prefix {
        guard let prefix = IPv4Prefix(text) else { preconditionFailure("bad prefix \(text)") }
        return prefix
    }
}

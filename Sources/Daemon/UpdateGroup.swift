import BGPWire
import EventLoop
import RIB

/// What makes two peers' outgoing UPDATEs of one family byte for byte the same: the export
/// profile (internal or external, reflector client or not, our next hops, a shared subnet)
/// and how messages are encoded for them (four-octet ASes, extended messages).
struct UpdateGroupKey: Hashable {
    /// The export rules' view of the members.
    var profile: ExportProfile
    /// The members' negotiated encoding.
    var codec: CodecOptions
}

/// Peers sent the same routes of one family: one Adj-RIB-Out for them all, and each UPDATE
/// encoded once and its bytes written to every member's socket. A peer with both families
/// is a member of one group of each; the two write to the same socket.
///
/// A member that cannot keep up (its socket buffer past `Daemon.slowPeerThreshold`) is left
/// out of the writes and only remembers which prefixes changed; when its socket drains it is
/// sent the group's current state of those prefixes, so its backlog is one entry per prefix,
/// never a queue of messages. While every member is held back, nothing is drained at all.
/// A member is never sent its own routes (split horizon): where an UPDATE carries routes
/// that came from it, it gets the withdrawal of those it had been sent from another peer,
/// and nothing else.
final class UpdateGroup<Prefix: RIBPrefix> {
    /// What the members share.
    let key: UpdateGroupKey
    /// The routes advertised to every member.
    let table: AdjRIBOut<Prefix>
    /// The family's RIB, whose peers and cluster id the export rules read.
    let rib: RIB<Prefix>
    /// The members, by RIB peer number.
    var members: [PeerID: Peer] = [:]
    /// Prefixes changed while a member's socket was full, for each member held back.
    private var missed: [PeerID: Set<Prefix>] = [:]
    /// UPDATE messages encoded, once for the whole group or once for one member.
    var messagesEncoded = 0
    /// Messages written to member sockets; more than `messagesEncoded` when members
    /// shared the encoding.
    var messagesSent = 0
    /// The whole table encoded, for members joining before it next changes.
    private var tableBytes: (bytes: [UInt8], count: Int)?

    /// Creates an empty group; `table` is empty until reconciled with the RIB.
    init(key: UpdateGroupKey, localAS: UInt32, policy: ExportPolicy, rib: RIB<Prefix>) {
        self.key = key
        self.rib = rib
        table = AdjRIBOut(profile: key.profile, localAS: localAS, policy: policy, rib: rib)
    }

    /// A short name for `status`, such as `ibgp rr-client` or `ebgp`.
    var profileDescription: String {
        var words = [key.profile.isInternal ? "ibgp" : "ebgp"]
        if Prefix.family != .ipv4Unicast { words.insert("ipv6", at: 0) }
        if key.profile.isReflectorClient { words.append("rr-client") }
        if key.profile.exportsEveryRoute { words.append("all routes") }
        if let subnet = Prefix.sharedSubnet(in: key.profile) { words.append("subnet \(subnet)") }
        if !key.codec.fourOctetAS { words.append("as2") }
        if key.codec.extendedMessage { words.append("extended") }
        return words.joined(separator: " ")
    }

    // MARK: - Sending

    /// Drains the table and writes its UPDATEs to every member, encoded once: all of them
    /// in one write for a member that is the source of none of them.
    func flush() {
        guard table.hasPending, !isEveryMemberHeldBack else { return }
        tableBytes = nil
        let updates = table.drain()
        // Every message once, one after another in one buffer; each update's piece of it
        // is a range, written alone only to a member that is the source of some update.
        var all: [UInt8] = []
        var pieces: [(bytes: Range<Int>, count: Int)] = []
        pieces.reserveCapacity(updates.count)
        for update in updates {
            let messages = encode(update)
            let start = all.count
            for message in messages { all += message }
            pieces.append((start..<all.count, messages.count))
        }
        let total = pieces.reduce(0) { $0 + $1.count }
        messagesEncoded += total
        let sources = Set(updates.compactMap(\.source))
        for member in members.values {
            guard missed[member.id] == nil else {
                remember(updates, for: member)
                continue
            }
            guard let tcp = member.primary.tcp else { continue }
            if sources.contains(member.id) {
                for (update, piece) in zip(updates, pieces) {
                    write(update, all[piece.bytes], count: piece.count, for: member, to: tcp)
                }
            } else {
                tcp.write(all)
                messagesSent += total
            }
            holdBackIfSlow(member)
        }
    }

    // MARK: - Members

    /// Makes `member` one, once what the group had pending went to the others.
    func add(_ member: Peer) {
        flush()
        members[member.id] = member
    }

    /// Forgets `member` and whatever it missed.
    func remove(_ member: Peer) {
        members[member.id] = nil
        missed[member.id] = nil
    }

    /// How many prefixes `member` has yet to be sent after being held back (with what the
    /// table holds pending while every member is held back); 0 while it keeps up.
    func prefixesBehind(_ member: Peer) -> Int {
        guard let missed = missed[member.id] else { return 0 }
        return missed.count + (isEveryMemberHeldBack ? table.pendingCount : 0)
    }

    /// Writes the whole table to a member that has just joined and has sent no route yet,
    /// so that none of the table is its own: encoded once for every such member until the
    /// table changes.
    func sendTable(toNewMember member: Peer) {
        guard let tcp = member.primary.tcp else { return }
        if tableBytes == nil {
            let messages = table.advertisedUpdates().flatMap(encode)
            tableBytes = (Array(messages.joined()), messages.count)
            messagesEncoded += messages.count
        }
        guard let tableBytes else { return }
        tcp.write(tableBytes.bytes)
        messagesSent += tableBytes.count
    }

    /// Writes `updates` to `member` alone: a ROUTE-REFRESH, a slow member catching up, or
    /// a move between groups. Of its own routes, a member that kept up holds none from us
    /// (the shared writes withdrew them), so they are left out; after missed writes or
    /// another group's table it may hold some, so with `withdrawingOwnRoutes` they are
    /// withdrawn.
    func sendPrivately(
        _ updates: [OutboundUpdate<Prefix>], to member: Peer, withdrawingOwnRoutes: Bool = true
    ) {
        guard let tcp = member.primary.tcp else { return }
        // Every message in one buffer and one write: a catch-up or a refresh can be the
        // whole table, tens of thousands of messages.
        var buffer: [UInt8] = []
        for var update in updates {
            if update.source == member.id {
                guard withdrawingOwnRoutes else { continue }
                update.takenFromOtherSources = update.announced
            }
            append(splitHorizon(update, for: member), to: &buffer)
        }
        if !buffer.isEmpty { tcp.write(buffer) }
    }

    /// Encodes `update` onto the end of `buffer`, counting its messages as sent.
    private func append(_ update: OutboundUpdate<Prefix>, to buffer: inout [UInt8]) {
        guard !update.withdrawn.isEmpty || !update.announced.isEmpty else { return }
        let messages = encode(update)
        for message in messages { buffer += message }
        messagesEncoded += messages.count
        messagesSent += messages.count
    }

    /// The whole table again for `member`, as a ROUTE-REFRESH asks (RFC 2918 §4), between
    /// `markers` if given (RFC 7313 §4); for a member whose socket is already full, every
    /// prefix counts as missed instead, so the refresh waits for the catch-up rather than
    /// growing its queue, and goes without markers: at an EoRR the member would drop the
    /// routes the catch-up has yet to send.
    func resend(to member: Peer, between markers: (beginning: Message, end: Message)? = nil) {
        flush()
        let updates = table.advertisedUpdates().filter { $0.source != member.id }
        let full = (member.primary.tcp?.pendingWriteBytes ?? 0) > Daemon.slowPeerThreshold
        guard missed[member.id] == nil, !full else {
            missed[member.id, default: []].formUnion(updates.lazy.flatMap(\.announced))
            return
        }
        if let markers { member.send(markers.beginning, on: member.primary) }
        sendPrivately(updates, to: member, withdrawingOwnRoutes: false)
        if let markers { member.send(markers.end, on: member.primary) }
    }

    private func write(_ update: OutboundUpdate<Prefix>, to tcp: TCPConnection) {
        var buffer: [UInt8] = []
        append(update, to: &buffer)
        if !buffer.isEmpty { tcp.write(buffer) }
    }

    /// Whether the group has members and every one of them is held back. The changes then
    /// stay pending in the table, coalesced there per prefix, rather than being drained into
    /// each member's missed set: a catch-up sends what was missed before, the next flush
    /// the rest, encoded once for everybody.
    private var isEveryMemberHeldBack: Bool {
        !members.isEmpty && members.keys.allSatisfy { missed[$0] != nil }
    }

    /// The group's current state of the prefixes a slow member missed, once its socket
    /// has drained; it then rejoins the shared writes, and what the table still holds
    /// pending goes out with the next flush.
    func catchUp(_ member: Peer) {
        guard let prefixes = missed.removeValue(forKey: member.id) else { return }
        sendPrivately(table.advertisedUpdates(of: prefixes), to: member)
        holdBackIfSlow(member)
    }

    /// Writes one update's shared bytes, or for its source member the split-horizon form.
    private func write(
        _ update: OutboundUpdate<Prefix>, _ bytes: ArraySlice<UInt8>, count: Int,
        for member: Peer, to tcp: TCPConnection
    ) {
        guard update.source == member.id else {
            bytes.withUnsafeBytes { tcp.write($0) }
            messagesSent += count
            return
        }
        write(splitHorizon(update, for: member), to: tcp)
    }

    /// A slow member only notes which prefixes changed.
    private func remember(_ updates: [OutboundUpdate<Prefix>], for member: Peer) {
        for update in updates {
            missed[member.id]?.formUnion(update.withdrawn)
            missed[member.id]?.formUnion(update.announced)
        }
    }

    /// Starts coalescing for a member whose socket holds more than the threshold.
    private func holdBackIfSlow(_ member: Peer) {
        guard let tcp = member.primary.tcp, tcp.pendingWriteBytes > Daemon.slowPeerThreshold
        else { return }
        missed[member.id] = missed[member.id] ?? []
    }

    /// `update` as `member` may receive it: of its own routes, only the withdrawal of
    /// those it was sent from another source before.
    private func splitHorizon(
        _ update: OutboundUpdate<Prefix>, for member: Peer
    ) -> OutboundUpdate<Prefix> {
        guard update.source == member.id else { return update }
        return OutboundUpdate(
            withdrawn: update.withdrawn + update.takenFromOtherSources,
            attributes: PathAttributes(), announced: [])
    }

    private func encode(_ update: OutboundUpdate<Prefix>) -> [[UInt8]] {
        Prefix.pack(
            withdrawn: update.withdrawn, announced: update.announced,
            attributes: update.attributes, options: key.codec)
    }
}

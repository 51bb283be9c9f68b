import BGPWire

/// Which of two connections to the same peer survives a collision (RFC 4271
/// §6.8): the one initiated by the speaker with the higher BGP identifier.
///
/// How the event loop uses it: the configured peer's FSM owns one connection.
/// A connection the peer opens to us while that FSM is in Connect or Active can
/// be handed to it as `.tcpConnectionConfirmed` (dropping our own attempt, if
/// any). One that arrives while the FSM is past Active gets a second
/// `SessionFSM` (the same configuration with `passive` set, sent `.manualStart`
/// then `.tcpConnectionConfirmed`). When either FSM reaches OpenConfirm (it has
/// received an OPEN, so `negotiated?.peerIdentifier` is known) and the other is
/// in OpenSent or OpenConfirm, call `resolve` with the existing FSM's direction.
/// The loser is sent `.manualStop(ceaseSubcode:
/// CeaseSubcode.connectionCollisionResolution)`, which sends Cease 6/7 (RFC 4486)
/// and closes it, and is then disposed of; the winner becomes the peer's FSM.
/// If the existing FSM is already Established, do not call `resolve`: the new
/// connection loses (RFC 4271 §6.8, last paragraph).
public enum CollisionResolution: Sendable, Equatable {
    /// Close the newer connection and keep the existing one.
    case keepExisting
    /// Close the existing connection and keep the newer, incoming one.
    case keepIncoming

    /// Decides a collision between an existing connection and a newer one of
    /// the opposite direction.
    ///
    /// - Parameters:
    ///   - localIdentifier: our BGP identifier.
    ///   - remoteIdentifier: the peer's BGP identifier, from its OPEN.
    ///   - existingIsLocallyInitiated: whether we opened the existing connection.
    ///   - localAS: our AS, used only when the identifiers are equal.
    ///   - remoteAS: the peer's AS, used only when the identifiers are equal.
    /// - Returns: which connection to keep. With equal identifiers the speaker
    ///   with the larger AS wins (RFC 6286 §2.3); if those are equal too, the
    ///   existing connection stays (RFC 4271 §6.8, step 3).
    public static func resolve(
        localIdentifier: IPv4Address, remoteIdentifier: IPv4Address,
        existingIsLocallyInitiated: Bool, localAS: UInt32 = 0, remoteAS: UInt32 = 0
    ) -> CollisionResolution {
        let localWins: Bool
        if localIdentifier != remoteIdentifier {
            localWins = localIdentifier > remoteIdentifier
        } else if localAS != remoteAS {
            localWins = localAS > remoteAS
        } else {
            return .keepExisting
        }
        return localWins == existingIsLocallyInitiated ? .keepExisting : .keepIncoming
    }
}

/// The six states of the BGP finite state machine (RFC 4271 §8.2.2).
///
/// The raw value is the lowercase name used in logs and status output.
public enum SessionState: String, Sendable, CaseIterable {
    /// Nothing happens: the peer is stopped or waits for its idle hold to end.
    case idle
    /// A TCP connection to the peer is being set up.
    case connect
    /// Waiting for the peer to connect to us.
    case active
    /// Our OPEN is sent; waiting for the peer's.
    case openSent
    /// The OPENs are exchanged; waiting for the peer's first KEEPALIVE.
    case openConfirm
    /// The session is up: UPDATEs flow.
    case established

    /// Whether a TCP connection is up and our OPEN has been sent, so that a
    /// NOTIFICATION can be sent on it (RFC 4271 §8.2.2).
    var hasSentOpen: Bool {
        switch self {
        case .openSent, .openConfirm, .established: true
        case .idle, .connect, .active: false
        }
    }
}

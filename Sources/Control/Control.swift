/// Control: the messages of `brindled`'s UNIX control socket.
///
/// A client connects, writes one `ControlRequest` as a line of JSON, and reads
/// one JSON reply until the daemon closes the connection. The types here are
/// plain values shared by the daemon and `brindlectl`; the socket I/O lives in
/// the daemon's event loop and in `ControlClient`.
public enum Control {
    /// The control socket path when none is given.
    public static let defaultSocketPath = "/run/brindle/brindled.ctl"
}

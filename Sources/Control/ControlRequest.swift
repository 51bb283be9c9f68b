/// One request to the daemon.
public struct ControlRequest: Codable, Sendable, Equatable {
    /// What the client asks for.
    public var command: Command

    /// Creates a request for `command`.
    public init(command: Command) { self.command = command }

    /// The requests the daemon answers.
    public enum Command: String, Codable, Sendable {
        /// The daemon and each BGP peer: a `StatusReply`.
        case status
        /// The Loc-RIB with every candidate route: a `RoutesReply`.
        case routes
    }
}

/// The reply to a request the daemon could not answer.
public struct ErrorReply: Codable, Sendable, Equatable {
    /// What went wrong, in one line.
    public var error: String
    /// Creates an error reply.
    public init(error: String) { self.error = error }
}

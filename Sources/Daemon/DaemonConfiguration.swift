import BGPWire

/// What `brindled` is told on its command line.
public struct DaemonConfiguration: Sendable {
    /// The node this daemon runs as; it must be a node in the store.
    public var node: String
    /// The SQLite store file.
    public var storePath: String
    /// The UNIX control socket for `brindlectl status` and `show routes`.
    public var controlPath: String
    /// The pid file that keeps a second daemon for this node from starting.
    public var pidFilePath: String
    /// Lines below this level are not logged.
    public var logLevel: LogLevel
    /// Log every BGP message sent and received at trace level.
    public var tracePackets: Bool
    /// The address to listen on for BGP; nil means the node's address.
    public var listenAddress: IPv4Address?
    /// The TCP port for BGP, ours and the peers' (179, RFC 4271 §8.2.1).
    public var port: UInt16
    /// The rtm_protocol number of the kernel routes Brindle owns.
    public var kernelProtocol: UInt8
    /// The hold time proposed in OPEN, in seconds (RFC 4271 §10 suggests 90).
    public var holdTime: UInt16
    /// Seconds between connection attempts to an unreachable peer.
    public var connectRetryTime: Double
    /// Whether routes learned from peers go into the kernel; off for a route reflector
    /// that forwards no traffic (`--no-kernel-routes`). Local container routes always do.
    public var installsLearnedRoutes: Bool

    /// The defaults for a node: store under /var/lib/brindle, socket under /run/brindle.
    public init(node: String) {
        self.node = node
        storePath = "/var/lib/brindle/store.db"
        controlPath = "/run/brindle/brindled.ctl"
        pidFilePath = ""
        logLevel = .info
        tracePackets = false
        listenAddress = nil
        port = 179
        kernelProtocol = 150
        holdTime = 90
        connectRetryTime = 5
        installsLearnedRoutes = true
    }

    /// The pid file actually used: the configured one, or one beside the store
    /// named after the node, so two daemons for one node on one store collide.
    public var effectivePidFilePath: String {
        pidFilePath.isEmpty ? "\(storePath).\(node).pid" : pidFilePath
    }
}

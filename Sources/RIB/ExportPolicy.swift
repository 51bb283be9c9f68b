import BGPWire

/// Which prefixes may be advertised to a peer at all.
public struct ExportPolicy: Sendable, Equatable {
    /// The enabled IP pools: only a prefix inside one of them is exported.
    public var allowedPrefixes: [IPv4Prefix]

    /// Creates a policy exporting routes inside `allowedPrefixes`.
    public init(allowedPrefixes: [IPv4Prefix]) {
        self.allowedPrefixes = allowedPrefixes
    }

    /// Whether `prefix` lies wholly inside an allowed prefix.
    public func permits(_ prefix: IPv4Prefix) -> Bool {
        allowedPrefixes.contains { $0.contains(prefix) }
    }
}

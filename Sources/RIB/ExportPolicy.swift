import BGPWire

/// Which prefixes may be advertised to a peer at all.
public struct ExportPolicy: Sendable, Equatable {
    /// The enabled IP pools, of both families: only a prefix inside one of them is exported.
    public var allowedPrefixes: [IPPrefix]

    /// Creates a policy exporting routes inside `allowedPrefixes`.
    public init(allowedPrefixes: [IPPrefix]) {
        self.allowedPrefixes = allowedPrefixes
    }

    /// Whether `prefix` lies wholly inside an allowed prefix of its family.
    public func permits(_ prefix: IPPrefix) -> Bool {
        allowedPrefixes.contains { $0.contains(prefix) }
    }
}

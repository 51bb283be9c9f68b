/// A ROUTE-REFRESH message (RFC 2918 §3): a request to resend one family.
public struct RouteRefreshMessage: Sendable, Equatable {
    /// The family to resend.
    public var family: AddressFamily
    /// The octet RFC 2918 reserves and RFC 7313 §3 makes a subtype.
    public var subtype: RouteRefreshSubtype

    /// Creates a request for `family`, a plain one unless `subtype` says otherwise.
    public init(family: AddressFamily, subtype: RouteRefreshSubtype = .request) {
        self.family = family
        self.subtype = subtype
    }
}

/// The ROUTE-REFRESH subtype (RFC 7313 §3).
public struct RouteRefreshSubtype: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// A plain route refresh request (RFC 2918).
    public static let request = RouteRefreshSubtype(rawValue: 0)
    /// Beginning of route refresh (RFC 7313).
    public static let beginning = RouteRefreshSubtype(rawValue: 1)
    /// End of route refresh (RFC 7313).
    public static let end = RouteRefreshSubtype(rawValue: 2)
}

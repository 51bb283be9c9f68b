/// A ROUTE-REFRESH message (RFC 2918 §3): a request to resend one family.
public struct RouteRefreshMessage: Sendable, Equatable {
    public var family: AddressFamily
    public init(family: AddressFamily) { self.family = family }
}

/// An attribute number of one rtnetlink code space (`rta_type`, `nla_type`): route, link
/// or address attributes, each space its own type so that one cannot be sent for another.
protocol NetlinkAttributeType: RawRepresentable, Hashable, Sendable where RawValue == UInt16 {}

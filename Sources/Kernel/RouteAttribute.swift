import CLinux

/// A route attribute type (`rta_type`, linux/rtnetlink.h `enum rtattr_type_t`).
struct RouteAttribute: NetlinkAttributeType {
    /// The attribute number.
    var rawValue: UInt16

    /// RTA_DST: the destination address, network order.
    static let destination = RouteAttribute(rawValue: UInt16(RTA_DST.rawValue))
    /// RTA_OIF: the outgoing interface index.
    static let outputInterface = RouteAttribute(rawValue: UInt16(RTA_OIF.rawValue))
    /// RTA_GATEWAY: the next hop, network order.
    static let gateway = RouteAttribute(rawValue: UInt16(RTA_GATEWAY.rawValue))
    /// RTA_PRIORITY: the metric; lower wins, and it is part of the route's key.
    static let priority = RouteAttribute(rawValue: UInt16(RTA_PRIORITY.rawValue))
    /// RTA_TABLE: the full 32-bit table id (`rtm_table` holds only eight bits).
    static let table = RouteAttribute(rawValue: UInt16(RTA_TABLE.rawValue))
}

import CLinux

/// A netlink message type (`nlmsg_type`): the generic control types of linux/netlink.h and
/// the rtnetlink route, link and address types of linux/rtnetlink.h.
struct NetlinkMessageType: RawRepresentable, Hashable, Sendable {
    /// The type number.
    var rawValue: UInt16

    /// NLMSG_ERROR: an acknowledgement (error 0) or a refusal (negative errno).
    static let error = NetlinkMessageType(rawValue: UInt16(NLMSG_ERROR))
    /// NLMSG_DONE: the end of a multi-part dump.
    static let done = NetlinkMessageType(rawValue: UInt16(NLMSG_DONE))
    /// RTM_NEWROUTE: add or replace a route; also each route in a dump.
    static let newRoute = NetlinkMessageType(rawValue: UInt16(RTM_NEWROUTE))
    /// RTM_DELROUTE: delete a route.
    static let deleteRoute = NetlinkMessageType(rawValue: UInt16(RTM_DELROUTE))
    /// RTM_GETROUTE: with NLM_F_DUMP, list the routes.
    static let getRoute = NetlinkMessageType(rawValue: UInt16(RTM_GETROUTE))
    /// RTM_NEWLINK: create an interface, or change one (its flags, such as up).
    static let newLink = NetlinkMessageType(rawValue: UInt16(RTM_NEWLINK))
    /// RTM_DELLINK: delete an interface (a veth pair goes with either end).
    static let deleteLink = NetlinkMessageType(rawValue: UInt16(RTM_DELLINK))
    /// RTM_NEWADDR: add or replace an interface address.
    static let newAddress = NetlinkMessageType(rawValue: UInt16(RTM_NEWADDR))
    /// RTM_DELADDR: remove an interface address.
    static let deleteAddress = NetlinkMessageType(rawValue: UInt16(RTM_DELADDR))
}

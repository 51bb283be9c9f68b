import CLinux

/// A link attribute (`IFLA_*` of linux/if_link.h), including the nested spaces a veth pair
/// is created with: IFLA_LINKINFO holds IFLA_INFO_*, whose IFLA_INFO_DATA holds VETH_INFO_*
/// (linux/veth.h).
struct LinkAttribute: NetlinkAttributeType {
    /// The attribute number.
    var rawValue: UInt16

    /// IFLA_IFNAME: the interface name, NUL-terminated.
    static let name = LinkAttribute(rawValue: UInt16(IFLA_IFNAME))
    /// IFLA_LINKINFO: the kind of a virtual interface and its kind's own data.
    static let linkInfo = LinkAttribute(rawValue: UInt16(IFLA_LINKINFO))
    /// IFLA_NET_NS_FD: a file descriptor of the network namespace to put the interface in.
    static let namespaceDescriptor = LinkAttribute(rawValue: UInt16(IFLA_NET_NS_FD))
    /// IFLA_INFO_KIND, inside IFLA_LINKINFO: the driver, such as "veth".
    static let infoKind = LinkAttribute(rawValue: UInt16(IFLA_INFO_KIND))
    /// IFLA_INFO_DATA, inside IFLA_LINKINFO: the kind's attributes.
    static let infoData = LinkAttribute(rawValue: UInt16(IFLA_INFO_DATA))
    /// VETH_INFO_PEER, inside a veth's IFLA_INFO_DATA: an `ifinfomsg` and the IFLA_*
    /// attributes of the other end.
    static let vethPeer = LinkAttribute(rawValue: UInt16(VETH_INFO_PEER))
}

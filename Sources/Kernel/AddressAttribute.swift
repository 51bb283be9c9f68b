import CLinux

/// An interface address attribute (`IFA_*` of linux/if_addr.h).
struct AddressAttribute: NetlinkAttributeType {
    /// The attribute number.
    var rawValue: UInt16

    /// IFA_LOCAL: the interface's own address.
    static let local = AddressAttribute(rawValue: UInt16(IFA_LOCAL))
    /// IFA_ADDRESS: the peer's address on a point-to-point link, else the same as IFA_LOCAL.
    static let address = AddressAttribute(rawValue: UInt16(IFA_ADDRESS))
}

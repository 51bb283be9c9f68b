import CLinux

/// The `nlmsg_flags` bits of linux/netlink.h that Brindle sends or reads.
struct NetlinkFlags: OptionSet, Hashable, Sendable {
    /// The flag bits.
    var rawValue: UInt16

    /// NLM_F_REQUEST: every message to the kernel is a request.
    static let request = NetlinkFlags(rawValue: UInt16(NLM_F_REQUEST))
    /// NLM_F_MULTI: one part of a multi-part reply.
    static let multi = NetlinkFlags(rawValue: UInt16(NLM_F_MULTI))
    /// NLM_F_ACK: ask for an NLMSG_ERROR acknowledgement even on success.
    static let acknowledge = NetlinkFlags(rawValue: UInt16(NLM_F_ACK))
    /// NLM_F_DUMP_INTR: the table changed during the dump, so it may be inconsistent.
    static let dumpInterrupted = NetlinkFlags(rawValue: UInt16(NLM_F_DUMP_INTR))
    /// NLM_F_DUMP: return every object (NLM_F_ROOT | NLM_F_MATCH).
    static let dump = NetlinkFlags(rawValue: UInt16(NLM_F_DUMP))
    /// NLM_F_REPLACE: on RTM_NEWROUTE, overwrite an existing route with the same key.
    static let replace = NetlinkFlags(rawValue: UInt16(NLM_F_REPLACE))
    /// NLM_F_CREATE: on RTM_NEWROUTE, create the route if it does not exist.
    static let create = NetlinkFlags(rawValue: UInt16(NLM_F_CREATE))
    /// NLM_F_EXCL: on a NEW request, fail with EEXIST rather than touch an existing object.
    static let exclusive = NetlinkFlags(rawValue: UInt16(NLM_F_EXCL))
}

import BGPWire
import CLinux

/// Builds netlink requests by appending them, one after another, to one byte buffer.
///
/// Netlink headers and integer attributes are in host byte order; addresses are in network
/// order. Every message and attribute is padded to four bytes (NLMSG_ALIGN, RTA_ALIGN).
struct NetlinkWriter {
    /// The bytes built so far, ready for one sendmsg.
    private(set) var bytes: [UInt8] = []
    /// Where the open message starts, so `endMessage` can patch its length.
    private var messageStart: Int?

    /// Creates an empty writer that reserves `capacity` bytes.
    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Starts a message with its 16-byte `nlmsghdr`; port id 0 addresses the kernel.
    mutating func beginMessage(
        type: NetlinkMessageType, flags: NetlinkFlags, sequence: UInt32
    ) {
        precondition(messageStart == nil, "netlink message begun inside another")
        messageStart = bytes.count
        // nlmsg_len is patched by endMessage.
        append(
            nlmsghdr(
                nlmsg_len: 0, nlmsg_type: type.rawValue, nlmsg_flags: flags.rawValue,
                nlmsg_seq: sequence, nlmsg_pid: 0))
    }

    /// Closes the open message, writing its length into `nlmsg_len`.
    mutating func endMessage() {
        guard let start = messageStart else {
            preconditionFailure("netlink message ended without being begun")
        }
        let length = UInt32(bytes.count - start)
        withUnsafeBytes(of: length) { bytes.replaceSubrange(start..<start + 4, with: $0) }
        messageStart = nil
    }

    /// Appends an `rtattr` holding one integer (length, type, value, padding), with no
    /// intermediate array; pass `.bigEndian` for an address in network order.
    mutating func appendAttribute<T: FixedWidthInteger & BitwiseCopyable>(
        _ type: some NetlinkAttributeType, value: T
    ) {
        append(rtattr(rta_len: UInt16(4 + MemoryLayout<T>.size), rta_type: type.rawValue))
        append(value)
        padToFour()
    }

    /// Appends an `rtattr` holding `address` in network byte order: four bytes for IPv4,
    /// sixteen for IPv6.
    mutating func appendAttribute(_ type: some NetlinkAttributeType, address: IPAddress) {
        switch address {
        case .v4(let address):
            appendAttribute(type, value: address.rawValue.bigEndian)
        case .v6(let address):
            let value = UInt128(address.high) << 64 | UInt128(address.low)
            appendAttribute(type, value: value.bigEndian)
        }
    }

    /// Appends an attribute holding `string` and the NUL that ends it (NLA_NUL_STRING
    /// attributes such as IFLA_IFNAME).
    mutating func appendAttribute(_ type: some NetlinkAttributeType, string: String) {
        let utf8 = Array(string.utf8) + [0]
        append(rtattr(rta_len: UInt16(4 + utf8.count), rta_type: type.rawValue))
        bytes.append(contentsOf: utf8)
        padToFour()
    }

    /// Opens an attribute that holds other attributes (NLA_F_NESTED is not required by
    /// the link attributes we nest); returns where it starts, for `endNested`.
    mutating func beginNested(_ type: some NetlinkAttributeType) -> Int {
        let start = bytes.count
        append(rtattr(rta_len: 0, rta_type: type.rawValue))
        return start
    }

    /// Closes the attribute opened at `start`, writing its length.
    mutating func endNested(at start: Int) {
        let length = UInt16(bytes.count - start)
        withUnsafeBytes(of: length) { bytes.replaceSubrange(start..<start + 2, with: $0) }
    }

    /// Appends one value (an integer or a C header such as `rtmsg`) in host byte order.
    mutating func append<T: BitwiseCopyable>(_ value: T) {
        withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
    }

    /// Empties the buffer for the next batch, keeping its storage.
    mutating func removeAll() {
        precondition(messageStart == nil, "netlink batch cleared inside a message")
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func padToFour() {
        let padding = Int(clinux_rta_align(UInt32(bytes.count))) - bytes.count
        bytes.append(contentsOf: repeatElement(0, count: padding))
    }
}

import CLinux

/// A bounds-checked view of netlink bytes: every read returns nil rather than trap when the
/// kernel's reply is shorter than it claims.
struct NetlinkReader {
    /// The bytes being read; offsets are relative to their start.
    let bytes: ArraySlice<UInt8>

    /// Creates a reader over `bytes`.
    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    /// The number of bytes.
    var count: Int { bytes.count }

    /// The host-order value (an integer or a C header such as `rtmsg`) at `offset`, or nil
    /// if it does not fit.
    func load<T: BitwiseCopyable>(at offset: Int, as type: T.Type = T.self) -> T? {
        guard offset >= 0, offset <= bytes.count - MemoryLayout<T>.size else { return nil }
        return bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
    }

    /// The `count` bytes at `offset`, or nil if they do not fit.
    func slice(at offset: Int, count: Int) -> ArraySlice<UInt8>? {
        guard offset >= 0, count >= 0, offset <= bytes.count - count else { return nil }
        let start = bytes.startIndex + offset
        return bytes[start..<start + count]
    }

    /// Calls `body` with each `rtattr` from `offset` to the end, its type and payload.
    /// - Returns: false if an attribute's length runs past the end or is shorter than its
    ///   own header; the attributes before it have been visited.
    func forEachAttribute(
        from offset: Int, _ body: (RouteAttribute, ArraySlice<UInt8>) -> Void
    ) -> Bool {
        var position = offset
        while position + 4 <= bytes.count {
            guard let header = load(at: position, as: rtattr.self), header.rta_len >= 4,
                let payload = slice(at: position + 4, count: Int(header.rta_len) - 4)
            else { return false }
            // The top two bits are NLA_F_NESTED and NLA_F_NET_BYTEORDER, not the type.
            body(RouteAttribute(rawValue: header.rta_type & 0x3FFF), payload)
            position += Int(clinux_rta_align(UInt32(header.rta_len)))
        }
        return true
    }
}

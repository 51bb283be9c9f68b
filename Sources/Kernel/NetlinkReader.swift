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

    /// The host-order integer at `offset`, or nil if it does not fit.
    func integer<T: FixedWidthInteger>(at offset: Int, as type: T.Type = T.self) -> T? {
        guard offset >= 0, offset <= bytes.count - MemoryLayout<T>.size else { return nil }
        return bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
    }

    /// The `count` bytes at `offset`, or nil if they do not fit.
    func slice(at offset: Int, count: Int) -> ArraySlice<UInt8>? {
        guard offset >= 0, count >= 0, offset <= bytes.count - count else { return nil }
        let start = bytes.startIndex + offset
        return bytes[start..<start + count]
    }

    /// The `rtattr` list from `offset` to the end, as (type, payload) pairs; nil if an
    /// attribute's length runs past the end or is shorter than its own header.
    func attributes(from offset: Int) -> [(type: RouteAttribute, payload: ArraySlice<UInt8>)]? {
        var list: [(type: RouteAttribute, payload: ArraySlice<UInt8>)] = []
        var position = offset
        while position + 4 <= bytes.count {
            guard let length = integer(at: position, as: UInt16.self), length >= 4,
                let type = integer(at: position + 2, as: UInt16.self),
                let payload = slice(at: position + 4, count: Int(length) - 4)
            else { return nil }
            // The top two bits are NLA_F_NESTED and NLA_F_NET_BYTEORDER, not the type.
            list.append((RouteAttribute(rawValue: type & 0x3FFF), payload))
            position += (Int(length) + 3) & ~3
        }
        return list
    }
}

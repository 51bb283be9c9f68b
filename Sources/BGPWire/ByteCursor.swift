/// A bounds-checked reader over borrowed bytes, for decoding peer input.
///
/// Every read checks the remaining length first and returns nil when the
/// bytes run out, so malformed input can never trap. The cursor copies
/// nothing: it holds the caller's buffer and two offsets into it.
struct ByteCursor {
    /// The whole buffer; only `position..<end` belongs to this cursor.
    let bytes: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    private(set) var position: Int
    /// The offset one past the last byte this cursor may read.
    let end: Int

    /// A cursor over all of `bytes`.
    init(_ bytes: UnsafeRawBufferPointer) {
        self.init(bytes, from: 0, to: bytes.count)
    }

    private init(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) {
        self.bytes = bytes
        self.position = start
        self.end = end
    }

    /// The number of bytes left to read.
    var remaining: Int { end - position }

    /// Whether every byte has been read.
    var isAtEnd: Bool { position >= end }

    /// The next octet, without consuming it.
    func peekUInt8() -> UInt8? {
        remaining >= 1 ? bytes[position] : nil
    }

    /// Reads one octet.
    mutating func readUInt8() -> UInt8? {
        guard remaining >= 1 else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    /// Reads a two-octet number in network order.
    mutating func readUInt16() -> UInt16? {
        guard remaining >= 2 else { return nil }
        defer { position += 2 }
        return UInt16(bytes[position]) << 8 | UInt16(bytes[position + 1])
    }

    /// Reads a four-octet number in network order.
    mutating func readUInt32() -> UInt32? {
        guard remaining >= 4 else { return nil }
        defer { position += 4 }
        return UInt32(bytes[position]) << 24 | UInt32(bytes[position + 1]) << 16
            | UInt32(bytes[position + 2]) << 8 | UInt32(bytes[position + 3])
    }

    /// Reads an AS number of `size` octets, 2 or 4 (RFC 6793 §4).
    mutating func readAutonomousSystem(size: Int) -> UInt32? {
        size == 4 ? readUInt32() : readUInt16().map(UInt32.init)
    }

    /// Reads `count` octets as the leading octets of a 32-bit number, the
    /// rest zero: the address part of an NLRI prefix (RFC 4271 §4.3).
    @inline(__always)  // once per prefix
    mutating func readLeadingOctets(_ count: Int) -> UInt32? {
        guard (0...4).contains(count), remaining >= count else { return nil }
        defer { position += count }
        // With four bytes left, one load, the bytes past `count` masked off (a shift
        // by 32 gives 0); only a prefix at the very end of the buffer is read bytewise.
        guard remaining < 4 else {
            let word = bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self)
            return UInt32(bigEndian: word) & ~(UInt32.max >> (8 * count))
        }
        var value: UInt32 = 0
        for index in 0..<4 {
            let octet = index < count ? UInt32(bytes[position + index]) : 0
            value = value << 8 | octet
        }
        return value
    }

    /// Reads sixteen octets as an IPv6 address.
    mutating func readIPv6Address() -> IPv6Address? {
        readIPv6LeadingOctets(16)
    }

    /// Reads `count` octets, at most sixteen, as the leading octets of an IPv6 address,
    /// the rest zero: the address part of an IPv6 prefix (RFC 2545 §2, RFC 4760 §5).
    mutating func readIPv6LeadingOctets(_ count: Int) -> IPv6Address? {
        guard count <= 16, remaining >= count else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<16 {
            let octet = index < count ? UInt64(bytes[position + index]) : 0
            if index < 8 { high = high << 8 | octet } else { low = low << 8 | octet }
        }
        position += count
        return IPv6Address(high: high, low: low)
    }

    /// Splits off the next `count` bytes as a cursor of their own and skips
    /// past them.
    mutating func take(_ count: Int) -> ByteCursor? {
        guard count >= 0, remaining >= count else { return nil }
        defer { position += count }
        return ByteCursor(bytes, from: position, to: position + count)
    }

    /// Skips `count` bytes.
    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, remaining >= count else { return false }
        position += count
        return true
    }

    /// Copies the bytes that remain, without consuming them.
    var remainingBytes: [UInt8] { copy(from: position, to: end) }

    /// Copies the bytes from `start` up to `stop`, both offsets into the whole
    /// buffer, clamped to it: error data that quotes the peer's bytes.
    func copy(from start: Int, to stop: Int) -> [UInt8] {
        let lower = max(0, start)
        let upper = min(bytes.count, stop)
        guard lower < upper else { return [] }
        return Array(UnsafeRawBufferPointer(rebasing: bytes[lower..<upper]))
    }
}

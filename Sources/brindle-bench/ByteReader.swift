/// Reads big-endian fields from a byte array, front to back; every read that would run
/// past the end returns nil and moves nothing.
struct ByteReader {
    /// All the bytes.
    let bytes: [UInt8]
    /// Where the next read starts.
    private(set) var offset: Int
    /// Where the readable bytes end.
    let end: Int

    /// Reads `bytes[start..<end]`, the whole array by default.
    init(_ bytes: [UInt8], start: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.offset = start
        self.end = end ?? bytes.count
    }

    /// Bytes left to read.
    var remaining: Int { end - offset }

    /// Skips `count` bytes; false when fewer are left.
    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, count <= remaining else { return false }
        offset += count
        return true
    }

    /// The next `count` bytes as a reader of their own.
    mutating func take(_ count: Int) -> ByteReader? {
        guard count >= 0, count <= remaining else { return nil }
        defer { offset += count }
        return ByteReader(bytes, start: offset, end: offset + count)
    }

    /// The next `count` bytes, most significant first, as one number.
    mutating func read(_ count: Int) -> UInt64? {
        guard count <= 8, count <= remaining else { return nil }
        var value: UInt64 = 0
        for index in offset..<offset + count { value = value << 8 | UInt64(bytes[index]) }
        offset += count
        return value
    }

    /// The next byte.
    mutating func readUInt8() -> UInt8? { read(1).map { UInt8($0) } }

    /// The next two bytes.
    mutating func readUInt16() -> UInt16? { read(2).map { UInt16($0) } }

    /// The next four bytes.
    mutating func readUInt32() -> UInt32? { read(4).map { UInt32($0) } }

    /// The unread bytes.
    var rest: ArraySlice<UInt8> { bytes[offset..<end] }
}

import BGPWire

/// Reads a prefix list in the routeviews-ipasn (pyasn) format: one `PREFIX` or
/// `PREFIX<TAB>ORIGIN-AS` per line, `;` or `#` starting a comment line. Each prefix gets a
/// synthetic attribute set ending in its origin AS (or a made-up one), shared by up to
/// three consecutive prefixes of the same origin. `TableCollector` leaves out a default
/// route.
enum PrefixListReader {
    /// The table of the list in `bytes`, attributes drawn from `seed`.
    /// - Throws: `TableError` naming the first line that is not a prefix list line.
    static func read(_ bytes: [UInt8], seed: UInt64 = SyntheticTable.defaultSeed)
        throws(TableError) -> BenchTable
    {
        var random = SplitMix(seed: seed)
        var collector = TableCollector()
        var current: (origin: UInt32?, attributes: PathAttributes, count: Int)?
        var (start, lineNumber) = (0, 0)
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            lineNumber += 1
            defer { start = end + 1 }
            guard let (prefix, origin) = try parse(bytes[start..<end], line: lineNumber) else {
                continue
            }
            if current == nil || current?.origin != origin || current?.count == 3 {
                current = (origin, SyntheticTable.attributeSet(&random, originAS: origin), 0)
            }
            current?.count += 1
            if let current { collector.add(prefix, current.attributes) }
        }
        return collector.table()
    }

    /// The prefix and origin of one line; nil for a blank or comment line.
    private static func parse(_ text: ArraySlice<UInt8>, line: Int) throws(TableError)
        -> (IPv4Prefix, UInt32?)?
    {
        var text = text
        while let last = text.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") {
            text = text.dropLast()
        }
        guard let first = text.first, first != UInt8(ascii: ";"), first != UInt8(ascii: "#")
        else { return nil }
        let fields = text.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
        guard fields.count <= 2, let prefix = prefix(fields[0]) else {
            let quoted = String(decoding: text, as: UTF8.self)
            throw TableError("line \(line) is not PREFIX[<TAB>ORIGIN-AS]: '\(quoted)'")
        }
        guard fields.count == 2 else { return (prefix, nil) }
        guard let origin = number(fields[1]).flatMap(UInt32.init(exactly:)) else {
            throw TableError(
                "line \(line): '\(String(decoding: fields[1], as: UTF8.self))' is not an AS number")
        }
        return (prefix, origin)
    }

    /// `a.b.c.d/n` with the host bits clear, read straight from the bytes: BGPWire's text
    /// parser goes through `String` and takes seconds for a full table.
    private static func prefix(_ text: ArraySlice<UInt8>) -> IPv4Prefix? {
        let parts = text.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        let octets = parts[0].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 2, octets.count == 4, let length = number(parts[1]), length <= 32
        else { return nil }
        var address: UInt32 = 0
        for octet in octets {
            guard let value = number(octet), value <= 255 else { return nil }
            address = address << 8 | UInt32(value)
        }
        guard address & ~IPv4Prefix.mask(UInt8(length)) == 0 else { return nil }
        return IPv4Prefix(address: IPv4Address(rawValue: address), length: UInt8(length))
    }

    /// A decimal number of one to ten digits.
    private static func number(_ digits: ArraySlice<UInt8>) -> UInt64? {
        guard (1...10).contains(digits.count) else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            value = value * 10 + UInt64(digit - UInt8(ascii: "0"))
        }
        return value
    }
}

// MARK: - Parsing

extension IPv6Address {
    /// Parses IPv6 text in any form RFC 4291 §2.2 allows: eight groups of one to four hex
    /// digits, one `::` standing for one or more zero groups, and a dotted-quad IPv4 address
    /// in place of the last two groups. Nil for anything else, zone indexes included.
    public init?(_ text: some StringProtocol) {
        let text = String(text)
        var parts = text.split(separator: ":", omittingEmptySubsequences: false)
        // "::" is the shortest text, three empty parts; a lone colon at either end is wrong.
        guard parts.count >= 3, !parts[0].isEmpty || text.hasPrefix("::"),
            !parts[parts.count - 1].isEmpty || text.hasSuffix("::")
        else { return nil }
        // A leading or trailing "::" splits into two empty parts; keep one as the gap.
        if text.hasPrefix("::") { parts.removeFirst() }
        if text.hasSuffix("::") { parts.removeLast() }
        guard let groups = Self.groups(of: parts) else { return nil }
        self.init(
            groups[0], groups[1], groups[2], groups[3], groups[4], groups[5], groups[6],
            groups[7])
    }

    /// The eight groups the parts between colons stand for, an empty part being the gap of
    /// "::"; nil when there is more than one gap or the count is wrong.
    private static func groups(of parts: [Substring]) -> [UInt16]? {
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        for (index, part) in parts.enumerated() {
            guard !part.isEmpty else {
                guard !sawGap else { return nil }
                sawGap = true
                continue
            }
            let isLast = index == parts.count - 1
            guard let values = group(part, isLast: isLast) else { return nil }
            if sawGap { tail += values } else { head += values }
        }
        let count = head.count + tail.count
        guard sawGap ? count <= 7 : count == 8 else { return nil }
        return head + Array(repeating: 0, count: 8 - count) + tail
    }

    /// One to four hex digits as one group, or, in the last place, an IPv4 address as two.
    private static func group(_ part: Substring, isLast: Bool) -> [UInt16]? {
        if isLast, part.contains("."), let address = IPv4Address(part) {
            return [UInt16(address.rawValue >> 16), UInt16(address.rawValue & 0xFFFF)]
        }
        guard part.count <= 4, part.allSatisfy({ $0.isASCII && $0.isHexDigit }),
            let value = UInt16(part, radix: 16)
        else { return nil }
        return [value]
    }
}

// MARK: - Text

extension IPv6Address: CustomStringConvertible {
    /// The RFC 5952 §4 text: lowercase hex without leading zeros, the longest run of two or
    /// more zero groups (the first of equal runs) shortened to `::`, and IPv4-mapped
    /// addresses with their last 32 bits as a dotted quad (§5).
    public var description: String {
        let groups = self.groups
        if high == 0, low >> 32 == 0xFFFF {
            return "::ffff:" + IPv4Address(rawValue: UInt32(truncatingIfNeeded: low)).description
        }
        guard let gap = Self.longestZeroRun(groups) else {
            return groups.map { String($0, radix: 16) }.joined(separator: ":")
        }
        let head = groups[..<gap.lowerBound].map { String($0, radix: 16) }
        let tail = groups[gap.upperBound...].map { String($0, radix: 16) }
        return head.joined(separator: ":") + "::" + tail.joined(separator: ":")
    }

    /// The first longest run of at least two zero groups (RFC 5952 §4.2.2, §4.2.3).
    private static func longestZeroRun(_ groups: [UInt16]) -> Range<Int>? {
        var best: Range<Int>?
        var start: Int?
        for index in 0...groups.count {
            if index < groups.count, groups[index] == 0 {
                start = start ?? index
                continue
            }
            if let first = start, index - first >= 2, index - first > (best?.count ?? 0) {
                best = first..<index
            }
            start = nil
        }
        return best
    }
}

/// The milder RFC 7606 §2 approaches to a malformed attribute, ordered so
/// that the worst finding in a message wins (RFC 7606 §3 j).
///
/// The third approach, session reset, is not a case: the decoder throws the
/// NOTIFICATION at once, which outranks both.
enum ErrorDisposition: Int, Comparable {
    /// Drop the attribute and use the rest of the UPDATE.
    case attributeDiscard
    /// Keep the session, but withdraw every prefix the UPDATE announces.
    case treatAsWithdraw

    static func < (lhs: ErrorDisposition, rhs: ErrorDisposition) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// A set of attribute type codes, for finding duplicates without allocating.
struct AttributeTypeSet {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// Adds `type`, returning false when it was already present.
    mutating func insert(_ type: AttributeType) -> Bool {
        let bit = UInt64(1) << UInt64(type.rawValue & 63)
        let present: Bool
        switch type.rawValue >> 6 {
        case 0:
            present = words.0 & bit != 0
            words.0 |= bit
        case 1:
            present = words.1 & bit != 0
            words.1 |= bit
        case 2:
            present = words.2 & bit != 0
            words.2 |= bit
        default:
            present = words.3 & bit != 0
            words.3 |= bit
        }
        return !present
    }
}

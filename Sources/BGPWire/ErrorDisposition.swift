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

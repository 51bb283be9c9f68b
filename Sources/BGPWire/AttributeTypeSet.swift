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

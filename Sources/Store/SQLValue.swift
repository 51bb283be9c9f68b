import BGPWire

/// One SQLite value as the store uses them: integers, text or NULL.
///
/// Addresses and AS numbers are kept as integers, so they sort as numbers and
/// a range of addresses is a range scan.
enum SQLValue: Equatable {
    /// An integer column or parameter.
    case integer(Int64)
    /// A text column or parameter.
    case text(String)
    /// SQL NULL (or a type the store never writes).
    case null

    /// An integer from any fixed-width integer.
    static func int(_ value: some BinaryInteger) -> SQLValue { .integer(Int64(value)) }

    /// A Boolean as 0 or 1.
    static func bool(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }

    /// Text, or NULL for nil.
    static func optional(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }

    /// The integer, or nil for text and NULL.
    var integer: Int64? {
        guard case .integer(let value) = self else { return nil }
        return value
    }

    /// The text, or nil for integers and NULL.
    var text: String? {
        guard case .text(let value) = self else { return nil }
        return value
    }
}

extension [SQLValue] {
    /// Column `index` as a 32-bit number (addresses, AS numbers).
    func uint32(_ index: Int) -> UInt32 { UInt32(truncatingIfNeeded: self[index].integer ?? 0) }

    /// Column `index` as an optional 32-bit number; nil for NULL.
    func optionalUInt32(_ index: Int) -> UInt32? {
        self[index].integer.map { UInt32(truncatingIfNeeded: $0) }
    }

    /// Column `index` as a Boolean stored as 0 or 1.
    func bool(_ index: Int) -> Bool { (self[index].integer ?? 0) != 0 }

    /// Column `index` as text; empty for NULL.
    func string(_ index: Int) -> String { self[index].text ?? "" }

    /// Columns `index` and `index + 1` as a prefix's address and length.
    func prefix(_ index: Int) -> IPv4Prefix {
        let length = UInt8(truncatingIfNeeded: self[index + 1].integer ?? 32)
        return IPv4Prefix(
            address: IPv4Address(rawValue: uint32(index)), length: Swift.min(length, 32))!
    }
}

extension SQLValue: CustomStringConvertible {
    /// The value as SQL would write it, for error messages: `12`, `'text'`, `NULL`.
    var description: String {
        switch self {
        case .integer(let value): "\(value)"
        case .text(let value): "'\(value)'"
        case .null: "NULL"
        }
    }
}

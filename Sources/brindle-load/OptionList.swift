/// Command-line words, consumed option by option.
struct OptionList {
    /// The words not consumed yet.
    private(set) var remaining: [String]

    /// Wraps the words, without the program name.
    init(_ words: [String]) { remaining = words }

    /// Removes `flag` and reports whether it was there.
    mutating func flag(_ flag: String) -> Bool {
        guard let index = remaining.firstIndex(of: flag) else { return false }
        remaining.remove(at: index)
        return true
    }

    /// Removes `option VALUE` and converts the value; nil when the option is absent.
    /// - Throws: `UsageError` when the value is missing or `convert` rejects it.
    mutating func optional<Value>(
        _ option: String, as what: String, _ convert: (String) -> Value?
    ) throws(UsageError) -> Value? {
        guard let index = remaining.firstIndex(of: option) else { return nil }
        guard index + 1 < remaining.count, !remaining[index + 1].hasPrefix("--") else {
            throw UsageError("\(option) needs a value")
        }
        let text = remaining[index + 1]
        remaining.removeSubrange(index...index + 1)
        guard let value = convert(text) else {
            throw UsageError("\(option): '\(text)' is not \(what)")
        }
        return value
    }

    /// Like `optional`, but the option must be present.
    mutating func required<Value>(
        _ option: String, as what: String, _ convert: (String) -> Value?
    ) throws(UsageError) -> Value {
        guard let value = try optional(option, as: what, convert) else {
            throw UsageError("\(option) is required (see --help)")
        }
        return value
    }

    /// Fails on anything left over.
    func finish() throws(UsageError) {
        guard let first = remaining.first else { return }
        throw UsageError("unexpected argument '\(first)' (see --help)")
    }
}

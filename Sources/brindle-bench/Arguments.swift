/// The words after a subcommand, taken option by option; every option appears at most
/// once, except those read with `all(_:)`.
struct Arguments {
    private var words: [String]

    /// Wraps the words that follow the subcommand.
    init(_ words: [String]) { self.words = words }

    /// Removes a flag without value; whether it was given.
    mutating func flag(_ name: String) -> Bool {
        guard let index = words.firstIndex(of: name) else { return false }
        words.remove(at: index)
        return true
    }

    /// Removes every `name VALUE` pair, in order.
    /// - Throws: `UsageError` when a value is missing.
    mutating func all(_ name: String) throws(UsageError) -> [String] {
        var values: [String] = []
        while let value = try text(name) { values.append(value) }
        return values
    }

    /// Removes `name VALUE` and returns the value, or nil when the option is absent.
    /// - Throws: `UsageError` when the value is missing.
    mutating func text(_ name: String) throws(UsageError) -> String? {
        guard let index = words.firstIndex(of: name) else { return nil }
        guard index + 1 < words.count, !words[index + 1].hasPrefix("--") else {
            throw UsageError("\(name) needs a value")
        }
        defer { words.removeSubrange(index...index + 1) }
        return words[index + 1]
    }

    /// Removes `name VALUE` and converts it, or nil when the option is absent.
    /// - Throws: `UsageError` when the value is missing or `parse` refuses it.
    mutating func value<Value>(
        _ name: String, _ what: String, _ parse: (String) -> Value?
    ) throws(UsageError) -> Value? {
        guard let word = try text(name) else { return nil }
        guard let value = parse(word) else { throw UsageError("\(name): '\(word)' is not \(what)") }
        return value
    }

    /// Like `value`, for an option that must be given.
    mutating func required<Value>(
        _ name: String, _ what: String, _ parse: (String) -> Value?
    ) throws(UsageError) -> Value {
        guard let value = try value(name, what, parse) else {
            throw UsageError("\(name) is required")
        }
        return value
    }

    /// Fails when a word was not taken by any option.
    func finish() throws(UsageError) {
        guard let word = words.first else { return }
        throw UsageError("unexpected argument '\(word)'")
    }
}

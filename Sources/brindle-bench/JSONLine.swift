/// A flat JSON object written on one line, keys in the order they were added.
struct JSONLine {
    private var members: [String] = []

    /// An empty object.
    init() {}

    /// Adds an integer member, or null.
    mutating func add(_ key: String, _ value: Int?) {
        members.append("\"\(key)\":\(value.map(String.init) ?? "null")")
    }

    /// Adds a number member rounded to microseconds, or null.
    mutating func add(_ key: String, _ value: Double?) {
        guard let value, value.isFinite else { return members.append("\"\(key)\":null") }
        members.append("\"\(key)\":\((value * 1e6).rounded() / 1e6)")
    }

    /// Adds a string member; the value must need no escaping beyond quotes and backslashes.
    mutating func add(_ key: String, _ value: String) {
        let escaped = value.replacingAll("\\", "\\\\").replacingAll("\"", "\\\"")
        members.append("\"\(key)\":\"\(escaped)\"")
    }

    /// Adds an object member mapping each key to an integer.
    mutating func add(_ key: String, _ object: [(String, Int)]) {
        let inner = object.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",")
        members.append("\"\(key)\":{\(inner)}")
    }

    /// The object's text.
    var text: String { "{" + members.joined(separator: ",") + "}" }
}

extension String {
    /// The string with every `target` replaced by `replacement`.
    fileprivate func replacingAll(_ target: Character, _ replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}

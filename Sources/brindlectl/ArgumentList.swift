import BGPWire
import Store

/// The words of a command line still to be read, with the words of the command read so
/// far (for error messages such as `brindlectl: pool add: ...`).
///
/// A handler first takes its options (`flag`, `option`), then its positional words,
/// then calls `finish()` so that anything left over is an error.
struct ArgumentList {
    /// The words not read yet.
    private(set) var words: [String]
    /// The command words read so far, such as `["pool", "add"]`.
    var path: [String] = []
    /// The options taken so far, so that one left over can be told as given twice.
    private var taken: Set<String> = []

    /// Creates the list from the words after the program name.
    init(_ words: [String]) {
        self.words = words
    }

    /// Whether `--help` or `-h` appears anywhere.
    var helpRequested: Bool { words.contains { $0 == "--help" || $0 == "-h" } }

    /// The next word without taking it.
    var peek: String? { words.first }

    /// Takes the next word as a command word.
    mutating func enter() {
        path.append(words.removeFirst())
    }

    /// A usage error naming the command.
    func usage(_ message: String) -> CommandError {
        .usage(named(message))
    }

    /// A failure (the store or the system refused) naming the command.
    func failure(_ message: String) -> CommandError {
        .failure(named(message))
    }

    private func named(_ message: String) -> String {
        path.isEmpty ? message : "\(path.joined(separator: " ")): \(message)"
    }

    // MARK: - Options

    /// Takes every `name` flag; true if there was one.
    mutating func flag(_ name: String) -> Bool {
        let before = words.count
        words.removeAll { $0 == name }
        return words.count != before
    }

    /// Takes `name VALUE` or `name=VALUE`; nil if absent.
    mutating func option(_ name: String) throws(CommandError) -> String? {
        if let index = words.firstIndex(where: { $0.hasPrefix(name + "=") }) {
            taken.insert(name)
            return String(words.remove(at: index).dropFirst(name.count + 1))
        }
        guard let index = words.firstIndex(of: name) else { return nil }
        guard index + 1 < words.count, !words[index + 1].hasPrefix("--") else {
            throw usage("option \(name) needs a value")
        }
        taken.insert(name)
        words.remove(at: index)
        return words.remove(at: index)
    }

    /// Takes every `name VALUE` or `name=VALUE`, in order; empty if absent.
    mutating func options(_ name: String) throws(CommandError) -> [String] {
        var values: [String] = []
        while let value = try option(name) { values.append(value) }
        return values
    }

    // MARK: - Positional words

    /// Takes the next word, which must not look like an option.
    mutating func positional(_ placeholder: String) throws(CommandError) -> String {
        guard let word = words.first else { throw usage("missing \(placeholder)") }
        guard !word.hasPrefix("-") else { throw unexpectedOption(word) }
        return words.removeFirst()
    }

    /// Takes the next word, which must be exactly `keyword`.
    mutating func keyword(_ keyword: String) throws(CommandError) {
        guard let word = words.first else { throw usage("missing '\(keyword)'") }
        guard word == keyword else { throw usage("expected '\(keyword)', not '\(word)'") }
        words.removeFirst()
    }

    /// Fails if any word is left.
    func finish() throws(CommandError) {
        guard let word = words.first else { return }
        if word.hasPrefix("-") { throw unexpectedOption(word) }
        throw usage("unexpected argument '\(word)'")
    }

    /// An option word no handler took: one given twice, or one the command does not know.
    private func unexpectedOption(_ word: String) -> CommandError {
        let name = String(word.prefix { $0 != "=" })
        guard taken.contains(name) else { return usage("unknown option '\(word)'") }
        return usage("option \(name) given more than once")
    }

    // MARK: - Values

    /// Parses `a.b.c.d/n` with the host bits clear.
    func prefix(_ text: String) throws(CommandError) -> IPv4Prefix {
        if let prefix = IPv4Prefix(text), text.contains("/") { return prefix }
        let parts = text.split(separator: "/")
        if parts.count == 2, parts[1].allSatisfy({ ("0"..."9").contains($0) }),
            let address = IPv4Address(parts[0]), let length = UInt8(parts[1]),
            let network = IPv4Prefix(address: address, length: length), network.address != address
        {
            throw usage("'\(text)' has host bits set; the network is \(network)")
        }
        throw usage("'\(text)' is not an IPv4 prefix")
    }

    /// Parses a prefix of either family, `a.b.c.d/n` or `x:y::/n`, with the host bits clear.
    func ipPrefix(_ text: String) throws(CommandError) -> IPPrefix {
        guard text.contains(":") else { return .v4(try prefix(text)) }
        if let prefix = IPv6Prefix(text), text.contains("/") { return .v6(prefix) }
        let parts = text.split(separator: "/")
        if parts.count == 2, parts[1].allSatisfy({ ("0"..."9").contains($0) }),
            let address = IPv6Address(parts[0]), let length = UInt8(parts[1]),
            let network = IPv6Prefix(address: address, length: length), network.address != address
        {
            throw usage("'\(text)' has host bits set; the network is \(network)")
        }
        throw usage("'\(text)' is not an IPv6 prefix")
    }

    /// Parses an address of either family.
    func ipAddress(_ text: String) throws(CommandError) -> IPAddress {
        guard text.contains(":") else { return .v4(try address(text)) }
        return .v6(try ipv6Address(text))
    }

    /// Parses an IPv6 address in RFC 4291 §2.2 text.
    func ipv6Address(_ text: String) throws(CommandError) -> IPv6Address {
        guard let address = IPv6Address(text) else {
            throw usage("'\(text)' is not an IPv6 address")
        }
        return address
    }

    /// Parses a dotted-quad address.
    func address(_ text: String) throws(CommandError) -> IPv4Address {
        guard let address = IPv4Address(text) else {
            throw usage("'\(text)' is not an IPv4 address")
        }
        return address
    }

    /// Parses an AS number in the asplain notation of RFC 5396, 1 to 4294967295.
    func asNumber(_ text: String) throws(CommandError) -> UInt32 {
        guard text.allSatisfy(\.isASCII), let number = UInt32(text), number != 0 else {
            throw usage("'\(text)' is not an AS number (1 to 4294967295)")
        }
        return number
    }

    /// Checks a node or container name.
    func name(_ text: String, kind: String) throws(CommandError) -> String {
        guard Store.isValidName(text) else {
            throw usage(
                "'\(text)' is not a valid \(kind) name (1 to 63 letters, digits, '.', '-', '_')")
        }
        return text
    }
}

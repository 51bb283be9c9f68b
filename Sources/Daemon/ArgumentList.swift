import BGPWire

/// Command-line arguments, consumed option by option.
///
/// Every mistake becomes an `ArgumentError` with one line for the user, so the
/// executables never trap on what they are given.
public struct ArgumentList: Sendable {
    /// The arguments not consumed yet.
    public private(set) var remaining: [String]

    /// Wraps the arguments, without the program name.
    public init(_ arguments: [String]) { remaining = arguments }

    /// Whether `flag` is present, without consuming it.
    public func contains(_ flag: String) -> Bool { remaining.contains(flag) }

    /// Removes `flag` and reports whether it was there.
    public mutating func flag(_ flag: String) -> Bool {
        guard let index = remaining.firstIndex(of: flag) else { return false }
        remaining.remove(at: index)
        return true
    }

    /// Removes `option VALUE` and returns the value; nil when absent.
    public mutating func value(_ option: String) throws(ArgumentError) -> String? {
        guard let index = remaining.firstIndex(of: option) else { return nil }
        guard index + 1 < remaining.count, !remaining[index + 1].hasPrefix("--") else {
            throw ArgumentError("\(option) needs a value")
        }
        let value = remaining[index + 1]
        remaining.removeSubrange(index...index + 1)
        return value
    }

    /// Removes `option VALUE` and converts the value with `convert`.
    public mutating func value<T>(
        _ option: String, as what: String, _ convert: (String) -> T?
    ) throws(ArgumentError) -> T? {
        guard let text = try value(option) else { return nil }
        guard let converted = convert(text) else {
            throw ArgumentError("\(option): '\(text)' is not \(what)")
        }
        return converted
    }

    /// Fails on anything left over.
    public func finish() throws(ArgumentError) {
        guard let first = remaining.first else { return }
        throw ArgumentError("unexpected argument '\(first)' (see --help)")
    }

    /// Parses brindled's options; `BRINDLE_STORE` and `BRINDLE_CONTROL` in `environment`
    /// stand in for `--store` and `--control`, as for brindlectl.
    public mutating func parseDaemonConfiguration(environment: [String: String] = [:])
        throws(ArgumentError) -> DaemonConfiguration
    {
        let node = try value("--node")
        var configuration = DaemonConfiguration(node: node ?? "")
        if let store = environment["BRINDLE_STORE"], !store.isEmpty {
            configuration.storePath = store
        }
        if let control = environment["BRINDLE_CONTROL"], !control.isEmpty {
            configuration.controlPath = control
        }
        try parsePaths(into: &configuration)
        try parseProtocol(into: &configuration)
        try finish()
        guard node != nil else { throw ArgumentError("--node NAME is required") }
        return configuration
    }

    private mutating func parsePaths(into configuration: inout DaemonConfiguration)
        throws(ArgumentError)
    {
        if let store = try value("--store") { configuration.storePath = store }
        if let control = try value("--control") { configuration.controlPath = control }
        if let pidFile = try value("--pid-file") { configuration.pidFilePath = pidFile }
        if let level = try value("--log-level", as: "a log level", LogLevel.init(name:)) {
            configuration.logLevel = level
        }
        configuration.tracePackets = flag("--trace-packets")
    }

    private mutating func parseProtocol(into configuration: inout DaemonConfiguration)
        throws(ArgumentError)
    {
        configuration.listenAddress = try value(
            "--listen", as: "an IPv4 address", IPv4Address.init)
        if let port = try value("--port", as: "a port number 1-65535", Self.port) {
            configuration.port = port
        }
        if let number = try value(
            "--kernel-protocol", as: "a protocol number 1-255", Self.protocolNumber)
        {
            configuration.kernelProtocol = number
        }
        if let hold = try value("--hold-time", as: "0 or 3-65535 seconds", Self.holdTime) {
            configuration.holdTime = hold
        }
        if let retry = try value("--connect-retry", as: "a number of seconds", Self.seconds) {
            configuration.connectRetryTime = retry
        }
        configuration.installsLearnedRoutes = !flag("--no-kernel-routes")
    }

    private static func port(_ text: String) -> UInt16? {
        UInt16(text).flatMap { $0 > 0 ? $0 : nil }
    }

    private static func protocolNumber(_ text: String) -> UInt8? {
        UInt8(text).flatMap { $0 > 0 ? $0 : nil }
    }

    /// RFC 4271 §4.2: a hold time is 0 or at least 3 seconds.
    private static func holdTime(_ text: String) -> UInt16? {
        UInt16(text).flatMap { $0 == 1 || $0 == 2 ? nil : $0 }
    }

    private static func seconds(_ text: String) -> Double? {
        Double(text).flatMap { $0 > 0 && $0 < 86400 ? $0 : nil }
    }
}

/// A mistake on the command line, in one line.
public struct ArgumentError: Error, Sendable, CustomStringConvertible {
    /// The mistake, in one line.
    public var message: String
    /// Creates an error with its one-line message.
    public init(_ message: String) { self.message = message }
    /// The one-line message.
    public var description: String { message }
}

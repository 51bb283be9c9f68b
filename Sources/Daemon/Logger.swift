import Foundation

/// The daemon's log: one line per event on standard error.
///
/// A line reads `2026-12-03T23:10:00.123Z info session established peer=10.0.0.2
/// peerAS=64511`: time, level, a lowercase message without a trailing period,
/// then context as `key=value` fields sorted by key. Keys come from `LogKey`, so
/// a field has one name everywhere.
public final class Logger: @unchecked Sendable {
    /// Lines below this level are dropped.
    public let level: LogLevel
    /// Whether per-peer packet tracing is on (`--trace-packets`).
    public let tracePackets: Bool

    private let lock = NSLock()
    private let clock = ISO8601DateFormatter()

    /// Creates a log that writes lines at `level` and above.
    public init(level: LogLevel, tracePackets: Bool = false) {
        self.level = level
        self.tracePackets = tracePackets
        clock.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    }

    /// Writes one line if `level` is enabled. The fields are built only when the line is
    /// written, so a debug line on a hot path costs nothing at the usual levels.
    public func log(
        _ level: LogLevel, _ message: String, _ fields: @autoclosure () -> [LogKey: Any] = [:]
    ) {
        guard level >= self.level else { return }
        let fields = fields()
        var line = "\(clock.string(from: Date())) \(level) \(message)"
        for (key, value) in fields.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            line += " \(key.rawValue)=\(Self.quoted("\(value)"))"
        }
        line += "\n"
        lock.lock()
        FileHandle.standardError.write(Data(line.utf8))
        lock.unlock()
    }

    /// Writes a line at `trace`: per-message detail.
    public func trace(_ message: String, _ fields: @autoclosure () -> [LogKey: Any] = [:]) {
        log(.trace, message, fields())
    }
    /// Writes a line at `debug`: what an operator needs to chase a problem.
    public func debug(_ message: String, _ fields: @autoclosure () -> [LogKey: Any] = [:]) {
        log(.debug, message, fields())
    }
    /// Writes a line at `info`: normal events.
    public func info(_ message: String, _ fields: @autoclosure () -> [LogKey: Any] = [:]) {
        log(.info, message, fields())
    }
    /// Writes a line at `notice`: events worth attention, such as a session up or down.
    public func notice(_ message: String, _ fields: @autoclosure () -> [LogKey: Any] = [:]) {
        log(.notice, message, fields())
    }
    /// Writes a line at `warning`: something is wrong but handled.
    public func warning(_ message: String, _ fields: @autoclosure () -> [LogKey: Any] = [:]) {
        log(.warning, message, fields())
    }
    /// Writes a line at `error`: something failed.
    public func error(_ message: String, _ fields: @autoclosure () -> [LogKey: Any] = [:]) {
        log(.error, message, fields())
    }

    /// Values with spaces or quotes are quoted so a line stays machine-readable.
    static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" })
        else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// Log levels, lowest first.
public enum LogLevel: Int, Comparable, CaseIterable, Sendable, CustomStringConvertible {
    case trace, debug, info, notice, warning, error

    /// Parses a level name such as `info`.
    public init?(name: String) {
        guard let level = Self.allCases.first(where: { "\($0)" == name }) else { return nil }
        self = level
    }

    /// The level's name as used by `--log-level`.
    public var description: String {
        switch self {
        case .trace: "trace"
        case .debug: "debug"
        case .info: "info"
        case .notice: "notice"
        case .warning: "warning"
        case .error: "error"
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The field names of log lines, defined once.
public enum LogKey: String, Sendable {
    case address, code, count, data, errno, event, file, generation, interface, localAS, nextHop
    case node, path, peer, peerAS, peerType, prefix, reason, routes, signal, state, subcode
    case clusterID, family, limit, range, seconds, type, error
}

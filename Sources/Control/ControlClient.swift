import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking client of the daemon's control socket, for `brindlectl`.
public struct ControlClient: Sendable {
    /// The socket path.
    public var path: String

    /// Creates a client of the socket at `path`.
    public init(path: String) { self.path = path }

    /// Sends `request` and decodes the reply as `Reply`.
    /// - Throws: `ControlError` when the daemon cannot be reached, replies with an
    ///   `ErrorReply`, or sends something that does not decode.
    public func send<Reply: Decodable>(_ request: ControlRequest, expecting: Reply.Type)
        throws(ControlError) -> Reply
    {
        let bytes = try exchange(request)
        if let reply = try? JSONDecoder().decode(Reply.self, from: bytes) { return reply }
        if let failure = try? JSONDecoder().decode(ErrorReply.self, from: bytes) {
            throw ControlError(message: "the daemon answered: \(failure.error)")
        }
        throw ControlError(message: "the daemon's reply did not decode (\(bytes.count) bytes)")
    }

    private func exchange(_ request: ControlRequest) throws(ControlError) -> Data {
        let descriptor = try connect()
        defer { close(descriptor) }

        guard var line = try? JSONEncoder().encode(request) else {
            throw ControlError(message: "could not encode the request")
        }
        line.append(UInt8(ascii: "\n"))
        try writeAll(line, to: descriptor)
        return try readAll(from: descriptor)
    }

    private func connect() throws(ControlError) -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ControlError(call: "socket", errno: errno) }

        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else {
            close(descriptor)
            throw ControlError(message: "control socket path is longer than \(capacity - 1) bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            close(descriptor)
            throw ControlError(
                message: "cannot reach brindled at \(path): \(String(cString: strerror(code)))"
                    + " (is it running? see --control)")
        }
        return descriptor
    }

    private func writeAll(_ data: Data, to descriptor: Int32) throws(ControlError) {
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw ControlError(call: "write", errno: errno) }
            offset += written
        }
    }

    private func readAll(from descriptor: Int32) throws(ControlError) -> Data {
        var reply = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw ControlError(call: "read", errno: errno) }
            if count == 0 { return reply }
            reply.append(contentsOf: chunk[0..<count])
        }
    }
}

/// Why a control request failed, in one line.
public struct ControlError: Error, CustomStringConvertible, Sendable {
    /// The reason, in one line.
    public var message: String
    /// Creates an error with its one-line reason.
    public init(message: String) { self.message = message }

    init(call: String, errno code: Int32) {
        message = "\(call): \(String(cString: strerror(code))) (errno \(code))"
    }

    /// The one-line reason.
    public var description: String { message }
}

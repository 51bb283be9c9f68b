import CBSD
import Glibc

/// A locked pid file (libbsd's `pidfile_open`): while one daemon holds it, a
/// second one for the same node and store refuses to start.
final class PidFile {
    private let handle: OpaquePointer

    /// Locks `path` and writes our pid into it.
    /// - Throws: `DaemonError` naming the running daemon's pid, or the errno.
    init(path: String) throws(DaemonError) {
        var otherPid: pid_t = 0
        guard let handle = pidfile_open(path, 0o644, &otherPid) else {
            let code = errno
            if code == EEXIST {
                throw DaemonError("another brindled (pid \(otherPid)) holds \(path)")
            }
            throw DaemonError("cannot open pid file \(path): \(String(cString: strerror(code)))")
        }
        self.handle = handle
        guard pidfile_write(handle) == 0 else {
            let code = errno
            pidfile_remove(handle)
            throw DaemonError("cannot write pid file \(path): \(String(cString: strerror(code)))")
        }
    }

    /// Removes the file and releases the lock.
    func remove() {
        pidfile_remove(handle)
    }
}

/// A reason the daemon cannot start or go on, in one line.
public struct DaemonError: Error, CustomStringConvertible, Sendable {
    /// The reason, in one line.
    public var description: String
    /// Creates an error with its one-line reason.
    public init(_ description: String) { self.description = description }
}

import Glibc

/// A failed system call of the kernel watch, with its errno.
struct WatchError: Error, CustomStringConvertible {
    /// The call.
    let call: String
    /// Its errno.
    let errno: Int32

    /// `call: strerror(errno)`.
    var description: String { "\(call): \(String(cString: strerror(errno)))" }
}

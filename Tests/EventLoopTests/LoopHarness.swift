import EventLoop
import Glibc
import Testing

/// Runs `loop` until the test stops it, failing the test if `seconds` pass first.
func runBounded(
    _ loop: EventLoop, seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    var expired = false
    let watchdog = loop.schedule(after: seconds) {
        expired = true
        loop.stop()
    }
    try loop.run()
    loop.cancel(watchdog)
    #expect(
        !expired, "watchdog expired before the test stopped the loop",
        sourceLocation: sourceLocation)
}

/// 127.0.0.1 with the given port (0 for any).
func loopback(_ port: UInt16 = 0) -> SocketAddress {
    SocketAddress(address: 0x7f00_0001, port: port)
}

/// A fresh directory under /tmp, named after the process and `tag`.
func makeTemporaryDirectory(_ tag: String) -> String {
    var template = Array("/tmp/brindle-\(tag)-\(getpid())-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    precondition(made != nil, "mkdtemp failed under /tmp")
    return String(cString: made!)
}

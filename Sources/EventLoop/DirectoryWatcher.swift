import CLinux
import Glibc

/// Watches one directory with inotify and reports the names of files that changed in it,
/// such as the SQLite store and its journal.
public final class DirectoryWatcher {
    /// The inotify events watched: writes, completed writes, creations, renames into the
    /// directory and deletions.
    private static let mask = UInt32(
        IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_MOVED_TO | IN_DELETE)

    /// The fixed part of `struct inotify_event`: wd, mask, cookie, len.
    private static let headerSize = 16

    private let loop: EventLoop
    private let fd: Int32
    private let onChange: ([String]) -> Void
    private let buffer = UnsafeMutableRawBufferPointer.allocate(
        byteCount: 64 * 1024, alignment: 8)
    private var isOpen = true

    /// Starts watching `directory`.
    /// - Parameter onChange: called on the loop's thread with the distinct names changed
    ///   since the last call, in first-seen order. An empty list means the kernel's event
    ///   queue overflowed and changes were lost: rescan everything.
    /// - Throws: `SystemError` from `inotify_init1`, `inotify_add_watch` or `epoll_ctl`.
    public init(
        loop: EventLoop, directory: String, onChange: @escaping ([String]) -> Void
    ) throws(SystemError) {
        let fd = try checkedCall("inotify_init1") {
            inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        }
        do {
            try checkedCall("inotify_add_watch") {
                inotify_add_watch(fd, directory, Self.mask)
            }
        } catch {
            Glibc.close(fd)
            throw error
        }
        (self.loop, self.fd, self.onChange) = (loop, fd, onChange)
        try startWatching()
    }

    deinit { buffer.deallocate() }

    private func startWatching() throws(SystemError) {
        do {
            try loop.register(fd: fd, events: .readable) { [self] _ in readEvents() }
        } catch {
            close()
            throw error
        }
    }

    /// Stops watching and closes the inotify descriptor. Idempotent.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        loop.unregister(fd: fd)
        Glibc.close(fd)
    }

    private func readEvents() {
        var names: [String] = []
        var overflowed = false
        while isOpen, let count = readBatch() {
            let batch = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            if parse(batch, into: &names) { overflowed = true }
        }
        guard isOpen, overflowed || !names.isEmpty else { return }
        onChange(overflowed ? [] : names)
    }

    /// One read of queued events; nil once the queue is empty.
    private func readBatch() -> Int? {
        let result = try? systemCall("read") { Glibc.read(fd, buffer.baseAddress, buffer.count) }
        guard case .done(let count)? = result, count > 0 else { return nil }
        return count
    }

    /// Appends the new names in a batch of `inotify_event` records; returns whether the
    /// batch reports a queue overflow.
    private func parse(_ bytes: UnsafeRawBufferPointer, into names: inout [String]) -> Bool {
        var offset = 0
        var overflowed = false
        while offset + Self.headerSize <= bytes.count {
            let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let field = bytes[(offset + Self.headerSize)..<(offset + Self.headerSize + length)]

            // The name is padded with NULs to an aligned length.
            let name = String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
            if mask & UInt32(IN_Q_OVERFLOW) != 0 { overflowed = true }
            if !name.isEmpty && !names.contains(name) { names.append(name) }
            offset += Self.headerSize + length
        }
        return overflowed
    }
}

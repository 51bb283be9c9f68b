/// A growable, contiguous byte buffer that socket reads append to and `onRead` consumes
/// from the front, so that a message split over two reads is still seen in one piece.
final class ReadBuffer {
    private var storage = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    private var start = 0
    private var end = 0

    deinit { storage.deallocate() }

    /// True when every received byte has been consumed.
    var isEmpty: Bool { start == end }

    /// The received bytes not yet consumed.
    var unread: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: storage[start..<end])
    }

    /// The free space after the unread bytes, for the next read.
    var space: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(rebasing: storage[end...])
    }

    /// Makes `space` at least `minimum` bytes: first by moving the unread bytes to the front,
    /// then by doubling the storage.
    func reserve(_ minimum: Int) {
        guard storage.count - end < minimum else { return }
        if start > 0 { compact() }
        guard storage.count - end < minimum else { return }

        let grown = UnsafeMutableRawBufferPointer.allocate(
            byteCount: max(2 * storage.count, end + minimum), alignment: 16)
        grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: storage[0..<end]))
        storage.deallocate()
        storage = grown
    }

    /// Records that a read put `count` bytes into `space`.
    func commit(_ count: Int) {
        precondition(count <= storage.count - end, "read beyond the reserved space")
        end += count
    }

    /// Drops `count` bytes from the front of `unread`.
    func consume(_ count: Int) {
        precondition(count >= 0 && count <= end - start, "onRead consumed more than it was given")
        start += count
        if start == end { (start, end) = (0, 0) }
    }

    private func compact() {
        let count = end - start
        storage.baseAddress!.copyMemory(from: storage.baseAddress! + start, byteCount: count)
        (start, end) = (0, count)
    }
}

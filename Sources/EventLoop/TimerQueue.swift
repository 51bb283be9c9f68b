/// The loop's pending timers: a binary min-heap of deadlines with lazy cancellation.
///
/// Cancelling removes only the action; the heap entry is dropped when it reaches the top,
/// or all such entries at once when they outnumber the live ones (a BGP hold timer is
/// re-armed on every message, so stale entries would otherwise pile up).
struct TimerQueue {
    private struct Entry {
        let deadline: Double
        let id: TimerID

        /// Earlier deadlines first; equal deadlines in scheduling order.
        func precedes(_ other: Entry) -> Bool {
            deadline != other.deadline ? deadline < other.deadline : id.rawValue < other.id.rawValue
        }
    }

    private var heap: [Entry] = []
    private var actions: [TimerID: () -> Void] = [:]
    private var nextID: UInt64 = 1

    /// The number of timers scheduled and not yet fired or cancelled.
    var count: Int { actions.count }

    /// Adds a timer firing at `deadline` (monotonic seconds).
    mutating func schedule(at deadline: Double, _ action: @escaping () -> Void) -> TimerID {
        let id = TimerID(rawValue: nextID)
        nextID += 1
        actions[id] = action
        heap.append(Entry(deadline: deadline, id: id))
        siftUp(heap.count - 1)
        return id
    }

    /// Forgets a timer; cancelling a fired or unknown timer does nothing.
    mutating func cancel(_ id: TimerID) {
        guard actions.removeValue(forKey: id) != nil else { return }
        if heap.count > 64 && heap.count > 2 * actions.count { compact() }
    }

    /// The deadline of the earliest live timer, if any.
    mutating func nextDeadline() -> Double? {
        dropCancelledTop()
        return heap.first?.deadline
    }

    /// Removes and returns the earliest live timer's action if it is due at `now`.
    mutating func popDue(now: Double) -> (() -> Void)? {
        dropCancelledTop()
        guard let top = heap.first, top.deadline <= now else { return nil }
        removeTop()
        return actions.removeValue(forKey: top.id)
    }

    // MARK: - Heap maintenance

    private mutating func dropCancelledTop() {
        while let top = heap.first, actions[top.id] == nil { removeTop() }
    }

    private mutating func removeTop() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        siftDown(0)
    }

    /// Rebuilds the heap from the live entries only, in O(n).
    private mutating func compact() {
        heap.removeAll { actions[$0.id] == nil }
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            var smallest = parent
            let left = 2 * parent + 1
            let right = left + 1
            if left < heap.count && heap[left].precedes(heap[smallest]) { smallest = left }
            if right < heap.count && heap[right].precedes(heap[smallest]) { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

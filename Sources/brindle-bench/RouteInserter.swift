import BGPWire
import Kernel

/// `insert`: the kernel's own limit for scenario S3, with no daemon. Writes the prefixes of
/// `synthetic:N`, shuffled, as gateway routes in batches through Kernel's `RouteTable`
/// (many requests per sendmsg, every one acknowledged), times that, then deletes them again.
enum RouteInserter {
    /// Parses the words after `insert`, runs, prints the JSON line; the exit status.
    /// - Throws: `UsageError` for a bad command line.
    static func main(_ words: [String]) throws(UsageError) -> Int32 {
        var arguments = Arguments(words)
        let count = try arguments.required("--count", "a count from 1 to 10000000") {
            Int($0).flatMap { (1...SyntheticTable.maximumCount).contains($0) ? $0 : nil }
        }
        let gateway = try arguments.required("--via", "an IPv4 address") { IPv4Address($0) }
        let protocolNumber =
            try arguments.value("--protocol", "a number from 1 to 255") {
                UInt8($0).flatMap { $0 > 0 ? $0 : nil }
            } ?? RouteTable.defaultProtocol
        let batch =
            try arguments.value("--batch", "a count above 0") {
                Int($0).flatMap { $0 > 0 ? $0 : nil }
            } ?? 10_000
        try arguments.finish()
        do {
            return try insert(count, via: gateway, protocolNumber, batch: batch)
        } catch {
            printError("brindle-bench: \(error)")
            return 1
        }
    }

    private static func insert(
        _ count: Int, via gateway: IPv4Address, _ protocolNumber: UInt8, batch: Int
    ) throws(KernelError) -> Int32 {
        // In a fixed random order, as a daemon writing from a hash table would: the kernel
        // takes that faster than the table's own order (measured: a third faster).
        var generator = SplitMix(seed: 0x1A5E_57ED)
        let prefixes = SyntheticTable.make(count: count).prefixes.shuffled(using: &generator)
        let routes = prefixes.map { KernelRoute(prefix: $0, nextHop: gateway) }
        let table = try RouteTable(protocolNumber: protocolNumber)
        let begin = monotonicSeconds()
        var failures = 0
        for start in stride(from: 0, to: routes.count, by: batch) {
            let slice = Array(routes[start..<min(start + batch, routes.count)])
            failures += try table.apply(replace: slice, delete: []).count
        }
        let seconds = monotonicSeconds() - begin
        let deleteBegin = monotonicSeconds()
        for start in stride(from: 0, to: prefixes.count, by: batch) {
            let slice = prefixes[start..<min(start + batch, prefixes.count)].map(IPPrefix.v4)
            _ = try table.apply(replace: [], delete: slice)
        }
        var line = JSONLine()
        line.add("mode", "insert")
        line.add("routes", count - failures)
        line.add("insert_s", seconds)
        line.add("routes_per_s", Int((Double(count - failures) / seconds).rounded()))
        line.add("failures", failures)
        line.add("delete_s", monotonicSeconds() - deleteBegin)
        printLine(line.text)
        return failures == 0 ? 0 : 1
    }
}

import Glibc

extension RouteTable {
    /// One request to send, with the metric that identifies the route in the kernel.
    typealias Entry = (request: RouteRequest, metric: UInt32)

    /// Sends `entries` in batches of up to `batchBytes` and collects every acknowledgement.
    func perform(_ entries: [Entry]) throws(KernelError) -> [RouteFailure] {
        var writer = NetlinkWriter(capacity: Self.batchBytes + 128)
        var pending: [UInt32: RouteRequest] = [:]
        var failures: [RouteFailure] = []
        for entry in entries {
            let sequence = takeSequence()
            append(entry, sequence: sequence, to: &writer)
            pending[sequence] = entry.request
            guard writer.bytes.count >= Self.batchBytes else { continue }
            failures += try flush(&writer, pending: &pending)
        }
        guard !pending.isEmpty else { return failures }
        return failures + (try flush(&writer, pending: &pending))
    }

    private func append(_ entry: Entry, sequence: UInt32, to writer: inout NetlinkWriter) {
        switch entry.request {
        case .replace(let route):
            RouteMessage.appendReplace(route, owner: owner, sequence: sequence, to: &writer)
        case .delete(let prefix):
            RouteMessage.appendDelete(
                prefix, metric: entry.metric, owner: owner, sequence: sequence, to: &writer)
        }
    }

    /// Sends the batch, then reads until every request in `pending` is acknowledged.
    private func flush(
        _ writer: inout NetlinkWriter, pending: inout [UInt32: RouteRequest]
    ) throws(KernelError) -> [RouteFailure] {
        try socket.send(writer.bytes)
        writer.removeAll()
        var failures: [RouteFailure] = []
        while !pending.isEmpty {
            for message in try NetlinkMessage.split(socket.receive()) {
                // Replies to earlier, abandoned requests carry other sequence numbers.
                guard let errorNumber = message.errorNumber,
                    let request = pending.removeValue(forKey: message.sequence)
                else { continue }
                guard Self.isFailure(request, errorNumber) else { continue }
                failures.append(RouteFailure(request: request, errno: errorNumber))
            }
        }
        return failures
    }

    /// Whether an acknowledgement reports a failure: any errno but 0, except ESRCH on a
    /// delete, which means our route was already gone.
    static func isFailure(_ request: RouteRequest, _ errorNumber: Int32) -> Bool {
        guard errorNumber != 0 else { return false }
        if case .delete = request, errorNumber == ESRCH { return false }
        return true
    }
}

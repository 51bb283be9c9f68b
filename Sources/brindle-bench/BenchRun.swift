import BGPWire
import EventLoop
import Glibc

/// One timed run: opens the senders' sessions and the monitor's, waits until the monitor
/// is quiet, plays every sender's pre-encoded stream at once, and stops when the monitor
/// holds the expected prefixes or time runs out.
///
/// Against a daemon every session connects to the daemon; in `direct` mode the monitor is
/// a listener in this process that accepts one receiving session per sender.
final class BenchRun: SessionObserver {
    /// Seconds without an UPDATE after which the monitor counts as quiet when the daemon
    /// sends no End-of-RIB.
    static let quietSeconds = 2.0
    /// Seconds between a failed connection attempt and the next (RFC 4271 §8.2.2's
    /// ConnectRetry, short: a daemon just started may not listen yet).
    static let retryDelay = 1.0

    /// The command line.
    let options: RunOptions
    /// The table.
    let table: BenchTable
    /// Which prefixes each sender plays.
    let plan: SenderPlan
    /// What the run measured so far.
    private(set) var result = RunResult()

    private let loop: EventLoop
    private var tracker: PrefixTracker
    private var expected: Int
    private var senders: [BenchSession] = []
    private var receivers: [BenchSession] = []
    private var listener: TCPListener?
    private var start = 0.0
    private var lastUpdate = 0.0
    private var monitorQuiet = false
    private var playing: Double?
    private var sendersDone = 0
    private var startStatus: ProcessStatus?
    private var target = SocketAddress(address: 0, port: 0)
    private var lastFailure: String?
    private var report: (RunResult) -> Void = { _ in }

    /// Prepares a run; nothing connects before `run()`.
    /// - Throws: `SystemError` when the event loop cannot be made.
    init(options: RunOptions, table: BenchTable, plan: SenderPlan) throws(SystemError) {
        (self.options, self.table, self.plan) = (options, table, plan)
        loop = try EventLoop()
        // A daemon drops routes through its own AS, and may hold back from the monitor those
        // through the monitor's (RFC 4271 §9.1.2): real tables have a few.
        let loopingASes: Set<UInt32> =
            options.mode == .daemon ? [options.daemonAS, options.monitorAS] : []
        let (kept, looped) = table.prefixes(at: plan.distinctIndices(), loopingThrough: loopingASes)
        tracker = PrefixTracker(expected: kept)
        expected = options.expect ?? tracker.expectedCount
        result.prefixesExpected = expected
        result.prefixesLooped = looped.count
        result.daemonSampled = options.pid != nil
    }

    /// Runs to the end: `report` gets the result as soon as it is known, which with
    /// `--hold-until` is before the sessions close.
    /// - Returns: what was measured; `result.converged` says whether the monitor got all.
    /// - Throws: `SystemError` when the loop or the direct listener fails.
    func run(
        reporting report: @escaping (RunResult) -> Void = { _ in }
    ) throws(SystemError) -> RunResult {
        self.report = report
        start = loop.now
        loop.schedule(after: options.timeout) { [unowned self] in
            finish(lastFailure.map { "timeout, last failure: \($0)" } ?? "timeout")
        }
        scheduleTick()
        try openSessions()
        try loop.run()
        for session in senders + receivers { session.close() }
        listener?.close()
        return result
    }

    // MARK: - Sessions

    private func openSessions() throws(SystemError) {
        if options.mode == .direct {
            let listener = try TCPListener(
                loop: loop,
                address: SocketAddress(address: RunOptions.directMonitor.rawValue, port: 0)
            ) { [unowned self] connection in accept(connection) }
            (self.listener, target) = (listener, listener.localAddress)
        } else {
            target = options.target!
            let monitor = makeSession(
                .receiver, options.monitorAS, options.monitor, options.daemonAS)
            receivers.append(monitor)
            monitor.connect(to: target)
        }
        let peerAS = options.mode == .direct ? options.monitorAS : options.daemonAS
        for (index, address) in options.senders.enumerated() {
            let session = makeSession(.sender, options.senderAS + UInt32(index), address, peerAS)
            senders.append(session)
            session.connect(to: target)
        }
    }

    private func makeSession(
        _ role: BenchSession.Role, _ localAS: UInt32, _ address: IPv4Address, _ peerAS: UInt32?
    ) -> BenchSession {
        BenchSession(
            role: role, localAS: localAS, address: address, peerAS: peerAS,
            holdTime: options.holdTime, loop: loop, observer: self)
    }

    /// In `direct` mode, each sender's connection becomes one receiving session of the
    /// monitor; a connection beyond the senders' is refused.
    private func accept(_ connection: TCPConnection) {
        guard receivers.count < senders.count else { return connection.close() }
        let session = makeSession(.receiver, options.monitorAS, RunOptions.directMonitor, nil)
        receivers.append(session)
        session.adopt(connection)
    }

    private var sessionCount: Int { senders.count + (options.mode == .direct ? senders.count : 1) }

    func sessionEstablished(_ session: BenchSession) {
        result.establishedSessions += 1
        if session.role == .receiver { session.sendEndOfRIB() }
        guard result.establishedSessions == sessionCount else { return }
        result.establishedSeconds = loop.now - start
        lastUpdate = loop.now
        // The daemon may still be sending what it held before; direct has nothing before.
        if options.mode == .direct { monitorQuiet = true }
        waitForQuietMonitor()
    }

    /// A session that connects and never reached Established tries again until the run
    /// times out; any other failure ends the run.
    func session(_ session: BenchSession, failed reason: String) {
        let what = "session \(session.address): \(reason)"
        let connects = session.role == .sender || options.mode == .daemon
        guard connects, !session.wasEstablished, playing == nil else { return finish(what) }
        lastFailure = what
        loop.schedule(after: Self.retryDelay) { [unowned self] in
            if !result.finished { session.connect(to: target) }
        }
    }

    // MARK: - Playing

    private func waitForQuietMonitor() {
        guard playing == nil else { return }
        guard monitorQuiet || loop.now - lastUpdate >= Self.quietSeconds else {
            loop.schedule(after: 0.1) { [unowned self] in waitForQuietMonitor() }
            return
        }
        play()
    }

    /// Encodes every sender's stream, then starts the clock and plays them all.
    private func play() {
        let streams = senders.enumerated().map { index, session in
            UpdateStream(
                table: table, ranges: plan.ranges(ofSender: index), senderAS: session.localAS,
                nextHop: options.nextHop(ofSender: index), options: session.options)
        }
        result.prefixesSent = streams.reduce(0) { $0 + $1.prefixes }
        result.updatesSent = streams.reduce(0) { $0 + $1.updates }
        result.bytesSent = streams.reduce(0) { $0 + $1.bytes.count }
        startStatus = options.pid.flatMap(ProcessStatus.read)
        result.daemonResidentBeforeKiB = startStatus?.residentKiB
        let now = loop.now
        playing = now
        for (session, stream) in zip(senders, streams) { session.play(stream) }
        checkConverged()
    }

    func sessionSent(_ session: BenchSession) {
        sendersDone += 1
        guard sendersDone == senders.count, let playing else { return }
        result.sentSeconds = loop.now - playing
    }

    // MARK: - Receiving

    func session(_ session: BenchSession, received update: UpdateMessage) {
        lastUpdate = loop.now
        if update.isEndOfRIB, playing == nil { monitorQuiet = true }
        tracker.withdraw(update.withdrawnRoutes)
        if update.treatAsWithdraw {
            // RFC 7606 §2: the prefixes count as withdrawn.
            tracker.withdraw(update.nlri)
        } else {
            tracker.announce(update.nlri)
            if options.nextHopSelf, !update.nlri.isEmpty,
                update.pathAttributes.nextHop?.rawValue != options.target?.address
            {
                result.otherNextHops += update.nlri.count
            }
        }
        if playing != nil { checkConverged() }
    }

    private func checkConverged() {
        guard let playing, tracker.heldCount >= expected else { return }
        result.convergedSeconds = loop.now - playing
        result.converged = true
        finish(nil)
    }

    // MARK: - The end

    private func scheduleTick() {
        loop.schedule(after: 1) { [unowned self] in
            for session in senders + receivers { session.tick() }
            scheduleTick()
        }
    }

    private func finish(_ failure: String?) {
        guard result.finished == false else { return }
        result.finished = true
        result.failure = failure
        result.prefixesReceived = tracker.heldCount
        result.unexpectedPrefixes = tracker.unexpectedAnnouncements
        result.withdrawals = tracker.withdrawals
        result.missingExamples = tracker.missing(limit: 5)
        if let startStatus, let end = options.pid.flatMap(ProcessStatus.read) {
            result.daemonCPUSeconds = end.cpuSeconds - startStatus.cpuSeconds
            result.daemonPeakResidentKiB = end.peakResidentKiB
            result.daemonResidentAfterKiB = end.residentKiB
        }
        report(result)
        guard failure == nil, let path = options.holdUntil else { return loop.stop() }
        holdSessions(until: path)
    }

    /// Keeps the sessions up, their KEEPALIVEs going, until `path` exists or the run's
    /// timeout passed; looks every 50 ms.
    private func holdSessions(until path: String) {
        guard access(path, F_OK) != 0, loop.now - start < options.timeout else {
            return loop.stop()
        }
        loop.schedule(after: 0.05) { [unowned self] in holdSessions(until: path) }
    }
}

import BGPWire
import EventLoop
import Glibc

/// One run against a route reflector: opens every client's session in bounded batches,
/// has all of them announce at once when all are Established, tallies what each receives
/// and stops when every route arrived (right or wrong), a session fails, or time runs out.
final class LoadRun {
    /// The most attempts a client makes to reach Established before the run fails.
    static let maximumAttempts = 3
    /// Seconds between a failed attempt and the next.
    static let retryDelay = 1.0
    /// How many problems of each kind the report quotes.
    static let exampleLimit = 5

    /// The command line.
    let options: LoadOptions
    /// The clients and their routes.
    let plan: LoadPlan
    /// The loop every client runs on.
    let loop: EventLoop
    /// What every client holds.
    private(set) var ledger: RouteLedger

    private var clients: [LoadClient] = []
    private var waiting: [Int] = []
    private var opening = 0
    private var establishedCount = 0
    private var timeline = Timeline()
    private var sessionFailures = 0
    private var failureExamples: [String] = []
    private var routeExamples: [String] = []
    private var startSample: ProcessSample?
    private var endSample: ProcessSample?

    /// Prepares the clients; nothing is sent before `run()`.
    init(options: LoadOptions, loop: EventLoop) {
        self.options = options
        self.plan = LoadPlan(options)
        self.loop = loop
        ledger = RouteLedger(plan: plan)
        clients = (0..<plan.clientCount).map {
            LoadClient(index: $0, address: plan.clientAddress($0), run: self)
        }
        waiting = Array((0..<plan.clientCount).reversed())
    }

    /// The reflector's transport address.
    var reflector: SocketAddress {
        SocketAddress(address: options.reflector.rawValue, port: options.port)
    }

    /// Runs until the end and reports.
    /// - Throws: `SystemError` if the loop itself fails.
    func run() throws(SystemError) -> LoadReport {
        startSample = options.daemonPID.flatMap(ProcessSample.read)
        timeline.start = loop.now
        loop.schedule(after: options.timeout) { [unowned self] in finish(timedOut: true) }
        scheduleTick()
        openMore()
        try loop.run()
        return makeReport()
    }

    /// Keeps the sessions up, with keepalives, for `seconds` or until SIGTERM or SIGINT,
    /// so that the daemon's state at convergence can be looked at; then closes them.
    /// - Throws: `SystemError` if the signal set-up or the loop fails.
    func linger(seconds: Double) throws(SystemError) {
        defer { for client in clients { client.close() } }
        guard seconds > 0 else { return }
        try loop.onSignal([SIGTERM, SIGINT]) { [unowned self] _ in loop.stop() }
        loop.schedule(after: seconds) { [unowned self] in loop.stop() }
        try loop.run()
    }

    /// The OPEN every client sends: our AS, the offered hold time, the client's address
    /// as identifier, IPv4 unicast (RFC 4760) and four-octet AS numbers (RFC 6793).
    func openMessage(for address: IPv4Address) -> OpenMessage {
        OpenMessage(
            autonomousSystem: options.autonomousSystem, holdTime: options.holdTime,
            bgpIdentifier: address, capabilities: [.multiprotocol(.ipv4Unicast)])
    }

    // MARK: - Opening sessions

    /// Starts sessions while fewer than a batch are opening, so that the reflector's
    /// accept queue is never flooded.
    private func openMore() {
        while opening < options.batch, let next = waiting.popLast() {
            opening += 1
            clients[next].connect(to: reflector)
        }
    }

    /// Called by a client whose session reached Established.
    func clientEstablished(_ client: LoadClient) {
        opening -= 1
        establishedCount += 1
        openMore()
        guard establishedCount == plan.clientCount else { return }
        timeline.established = loop.now
        announceAll()
    }

    /// Called by a client whose session ended; before Established it is tried again.
    func client(_ client: LoadClient, failed reason: String, wasEstablished: Bool) {
        guard timeline.finished == nil else { return }
        let what = "client \(client.address): \(reason)"
        guard !wasEstablished else {
            recordFailure(what)
            return finish(timedOut: false)
        }
        opening -= 1
        guard client.attempts < Self.maximumAttempts else {
            recordFailure(what + " (after \(client.attempts) attempts)")
            return finish(timedOut: false)
        }
        loop.schedule(after: Self.retryDelay) { [unowned self] in
            waiting.append(client.index)
            openMore()
        }
        openMore()
    }

    private func recordFailure(_ what: String) {
        sessionFailures += 1
        if failureExamples.count < Self.exampleLimit { failureExamples.append(what) }
    }

    // MARK: - Routes

    /// Every client announces its routes in the same loop turn.
    private func announceAll() {
        timeline.announced = loop.now
        for client in clients {
            client.announce(plan.prefixes(of: client.index), with: attributes(of: client))
        }
    }

    /// What a client gives its own routes: itself as next hop, and the LOCAL_PREF an
    /// internal peer must carry (RFC 4271 §5.1.5).
    private func attributes(of client: LoadClient) -> PathAttributes {
        PathAttributes(origin: .igp, nextHop: client.address, localPreference: 100)
    }

    /// Called by a client for every UPDATE it receives once Established.
    func client(_ client: LoadClient, received update: UpdateMessage) {
        for prefix in update.withdrawnRoutes { ledger.withdraw(prefix, from: client.index) }
        if update.treatAsWithdraw {
            // RFC 7606 §2: the routes are treated as withdrawn, and the attributes are wrong.
            for prefix in update.nlri { ledger.withdraw(prefix, from: client.index) }
            noteRoute("client \(client.address) got a treat-as-withdraw UPDATE")
        } else {
            let unusual = ledger.announce(
                update.nlri, with: update.pathAttributes, to: client.index)
            for (prefix, outcome) in unusual { note(outcome, prefix, client) }
        }
        guard timeline.announced != nil, ledger.isSettled else { return }
        finish(timedOut: false)
    }

    private func note(_ outcome: RouteLedger.Outcome, _ prefix: IPv4Prefix, _ client: LoadClient) {
        switch outcome {
        case .wrong(let problem): noteRoute("client \(client.address) got \(prefix): \(problem)")
        case .unexpected: noteRoute("client \(client.address) got \(prefix), which nobody sent")
        case .echo: break  // RFC 4456 §8 lets a reflector send a client its own route.
        }
    }

    private func noteRoute(_ what: String) {
        if routeExamples.count < Self.exampleLimit { routeExamples.append(what) }
    }

    // MARK: - Timers and the end

    /// The report of a finished run.
    private func makeReport() -> LoadReport {
        var report = LoadReport(options: options, plan: plan)
        report.established = establishedCount
        report.establishSeconds = timeline.establishSeconds
        report.convergeSeconds = timeline.convergeSeconds
        report.timedOut = timeline.timedOut
        report.count(ledger)
        report.sessionFailures = sessionFailures
        report.examples = failureExamples + routeExamples + missingExamples()
        if let startSample, let endSample {
            report.daemonCPUSeconds = endSample.cpuSeconds - startSample.cpuSeconds
            report.daemonPeakResidentBytes = endSample.peakResidentBytes
        }
        report.loadCPUSeconds = ProcessSample.read(pid: getpid())?.cpuSeconds
        return report
    }

    private func missingExamples() -> [String] {
        ledger.missing(limit: Self.exampleLimit).map { receiver, route in
            "client \(plan.clientAddress(receiver)) lacks \(plan.prefix(ofRoute: route))"
        }
    }

    /// Keepalives and hold timers for all clients, once a second.
    private func scheduleTick() {
        loop.schedule(after: 1) { [unowned self] in
            let now = loop.now
            for client in clients { client.tick(now: now) }
            scheduleTick()
        }
    }

    private func finish(timedOut: Bool) {
        guard timeline.finished == nil else { return }
        timeline.finished = loop.now
        timeline.timedOut = timedOut
        if ledger.isSettled { timeline.settled = timeline.finished }
        endSample = options.daemonPID.flatMap(ProcessSample.read)
        loop.stop()
    }
}

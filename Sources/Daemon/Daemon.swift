import BGPWire
import EventLoop
import Foundation
import Kernel
import RIB
import Session
import Store

/// Daemon: `brindled` wired together.
///
/// One event-loop thread owns everything here but the kernel route table: the peers
/// and their sessions, the RIB and the store watcher. Data flows one way through
/// it: the store gives the desired state (peers, local container routes, pools);
/// sessions hand decoded UPDATEs to the RIB of each family they carry
/// (`FamilyTables`, IPv4 and IPv6); the RIBs' best path changes go to the kernel
/// and to the Adj-RIB-Out of every update group of the family. The kernel's share
/// goes to the `KernelWriter`, which writes the route table on a thread of its own
/// and posts the outcomes back to the loop; the groups are flushed once it holds
/// every change, so many changes share one packed UPDATE and no peer is sent a
/// route before our kernel has it.
public final class Daemon {
    /// What the command line asked for.
    public let configuration: DaemonConfiguration
    let logger: Logger
    let loop: EventLoop
    let store: Store
    let kernelWriter: KernelWriter
    let startedAt = Date().timeIntervalSince1970

    /// What the store asked for last.
    var desired: DesiredState
    /// The IPv4 unicast routes, which every Established peer takes part in.
    var ipv4: FamilyTables<IPv4Prefix>
    /// The IPv6 unicast routes (RFC 4760, RFC 2545), for peers that negotiated them.
    var ipv6: FamilyTables<IPv6Prefix>
    var peers: [IPv4Address: Peer] = [:]
    var peersByID: [PeerID: Peer] = [:]
    var nextPeerID: UInt32 = 1

    var listener: TCPListener?
    var controlServer: ControlServer?
    var storeWatcher: DirectoryWatcher?
    var pidFile: PidFile?

    /// Kernel changes waiting for the next flush: a route to write, or nil to delete.
    var pendingKernel: [IPPrefix: KernelRoute?] = [:]
    /// Prefixes whose last kernel write failed, with the number of attempts.
    var kernelRetries = KernelRetries()
    var kernelRetryScheduled = false
    var flushScheduled = false
    /// When the update groups began waiting for the kernel writer, while they wait.
    var groupsHeldSince: Double?
    var reloadScheduled = false
    var lateReloadScheduled = false
    var drainCheckScheduled = false
    var reflectionGraceScheduled = false
    var isShuttingDown = false

    /// Our BGP identifier and next hop: the node's address.
    var routerID: IPv4Address { desired.routerID }
    /// Our AS number.
    var localAS: UInt32 { desired.autonomousSystem }

    /// Opens the store, the kernel socket and the event loop; starts nothing yet.
    /// - Throws: `DaemonError` with one line an operator can act on.
    public init(configuration: DaemonConfiguration, logger: Logger) throws(DaemonError) {
        self.configuration = configuration
        self.logger = logger
        guard FileManager.default.fileExists(atPath: configuration.storePath) else {
            throw DaemonError(
                "store \(configuration.storePath) does not exist;"
                    + " create it with brindlectl (--store or BRINDLE_STORE)")
        }
        pidFile = try PidFile(path: configuration.effectivePidFilePath)
        do {
            store = try Store(path: configuration.storePath, creating: false)
        } catch {
            pidFile?.remove()
            throw DaemonError("store \(configuration.storePath): \(error)")
        }
        let snapshot: ClusterSnapshot
        do { snapshot = try store.snapshot() } catch {
            pidFile?.remove()
            throw DaemonError("store \(configuration.storePath): \(error)")
        }
        guard let desired = DesiredState(snapshot: snapshot, node: configuration.node) else {
            pidFile?.remove()
            throw DaemonError(
                "node \(configuration.node) is not in the store;"
                    + " add it with 'brindlectl node add \(configuration.node) --ip ADDRESS'")
        }
        self.desired = desired
        ipv4 = FamilyTables(for: desired)
        ipv6 = FamilyTables(for: desired)
        do {
            loop = try EventLoop()
            kernelWriter = KernelWriter(
                table: try RouteTable(protocolNumber: configuration.kernelProtocol))
        } catch {
            pidFile?.remove()
            throw DaemonError("cannot start: \(error)")
        }
    }

    /// Runs until SIGTERM or SIGINT, then shuts down cleanly.
    public func run() throws(DaemonError) {
        defer { cleanUp() }
        try start()
        do { try loop.run() } catch { throw DaemonError("event loop failed: \(error)") }
    }

    private func start() throws(DaemonError) {
        // Everything that can fail comes before the kernel is touched, so a daemon that
        // cannot start (a second one in this namespace, say) never removes routes.
        try step("cannot install signal handlers") { try installSignalHandlers() }
        try step("cannot listen for BGP on \(bgpAddress)") { try listen() }
        try step("cannot open the control socket \(configuration.controlPath)") {
            controlServer = try ControlServer(daemon: self, path: configuration.controlPath)
        }
        try step("cannot watch the store") { try watchStore() }
        startKernelWriter()
        reconcileKernelAtStart()
        originateLocalRoutes(desired.localRoutes.keys)
        for (address, peer) in desired.peers.sorted(by: { $0.key < $1.key }) {
            addPeer(address, peer)
        }
        logger.notice(
            "brindled started",
            [
                .node: configuration.node, .address: routerID, .localAS: localAS,
                .count: desired.peers.count,
            ])
    }

    /// Where BGP connections are accepted: `--listen`, else the node's address.
    var bgpAddress: SocketAddress {
        let address = configuration.listenAddress ?? routerID
        return SocketAddress(address: address.rawValue, port: configuration.port)
    }

    func listen() throws {
        listener = try TCPListener(loop: loop, address: bgpAddress) { [weak self] tcp in
            self?.acceptConnection(tcp)
        }
        logger.info("listening for bgp", [.address: bgpAddress])
    }

    /// Hands a connection to the peer at its address, else to a listen range.
    private func acceptConnection(_ tcp: TCPConnection) {
        let remote = IPv4Address(rawValue: tcp.remoteAddress.address)
        guard !isShuttingDown else { return tcp.close() }
        guard let peer = peers[remote] else { return acceptDynamicPeer(tcp, from: remote) }
        peer.accept(tcp)
    }

    /// Runs one start-up step, turning its error into a line that says what failed.
    private func step(_ what: String, _ body: () throws -> Void) throws(DaemonError) {
        do { try body() } catch { throw DaemonError("\(what): \(error)") }
    }

    private func installSignalHandlers() throws {
        try loop.onSignal([SIGTERM, SIGINT, SIGHUP]) { [weak self] signal in
            guard let self else { return }
            if signal == SIGHUP {
                self.logger.notice("re-reading the store", [.signal: "hup"])
                self.reloadStore(force: true)
                self.reinstallKernelRoutes()
            } else {
                self.shutDown(signal: signal == SIGTERM ? "term" : "int")
            }
        }
    }

    /// Sends Cease to every peer, flushes, and shortly after lets the kernel writer
    /// finish what is queued; the loop stops once it has (`kernelReported`).
    ///
    /// Routes learned from peers leave the kernel with their sessions; routes to
    /// local containers stay, so containers on this host stay reachable from it.
    func shutDown(signal: String) {
        guard !isShuttingDown else { return }
        isShuttingDown = true
        logger.notice("shutting down", [.signal: signal])
        for peer in peers.values { peer.stop(ceaseSubcode: CeaseSubcode.administrativeShutdown) }
        flush()
        loop.schedule(after: 0.2) { [weak self] in self?.finishKernel() }
    }

    private func cleanUp() {
        // Nothing is written after run() returns: a stop that did not come through
        // shutDown still finishes what was queued first.
        kernelWriter.waitUntilFinished()
        listener?.close()
        controlServer?.close()
        pidFile?.remove()
        pidFile = nil
    }
}

import Control
import Daemon
import Foundation

/// brindled: parses the command line and runs the daemon.
let usage = """
    usage: brindled --node NAME [--store PATH] [--control PATH] [--pid-file PATH]
                    [--log-level trace|debug|info|notice|warning|error] [--trace-packets]
                    [--listen ADDRESS] [--port PORT] [--kernel-protocol N]
                    [--hold-time SECONDS] [--connect-retry SECONDS] [--no-kernel-routes]

    Runs BGP for one node of a Brindle cluster: advertises the node's container
    addresses from the store, learns the other nodes' routes and installs them in
    the kernel with protocol number 150 (see --kernel-protocol). With
    --no-kernel-routes learned routes stay out of the kernel (a route reflector that
    forwards no traffic); the routes to local containers are written either way.

    defaults: --store /var/lib/brindle/store.db  --control /run/brindle/brindled.ctl
              --pid-file STORE.NODE.pid  --log-level info  --port 179  --hold-time 90
              --connect-retry 5  --kernel-protocol 150

    environment: BRINDLE_STORE and BRINDLE_CONTROL, when set and not empty, replace the
                 defaults of --store and --control (the options still win), as for brindlectl
    """

/// Parses the arguments and runs the daemon; returns the exit status.
func runDaemon(_ words: [String]) -> Int32 {
    if words.contains("--help") || words.contains("-h") {
        print(usage)
        return 0
    }
    var arguments = ArgumentList(words)
    let configuration: DaemonConfiguration
    do {
        configuration = try arguments.parseDaemonConfiguration(
            environment: ProcessInfo.processInfo.environment)
    } catch {
        FileHandle.standardError.write(Data("brindled: \(error.message.singleLine)\n".utf8))
        return 2
    }
    let logger = Logger(level: configuration.logLevel, tracePackets: configuration.tracePackets)
    do {
        let daemon = try Daemon(configuration: configuration, logger: logger)
        try daemon.run()
        return 0
    } catch {
        FileHandle.standardError.write(Data("brindled: \("\(error)".singleLine)\n".utf8))
        return 1
    }
}

exit(runDaemon(Array(CommandLine.arguments.dropFirst())))

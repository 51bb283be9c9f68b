// brindle-load: a load generator for BGP route reflectors (RFC 4456), with no daemon of
// its own. It opens N iBGP client sessions from N source addresses, each announcing K
// /32 routes, and checks that every client receives every other client's routes with
// the originating client as NEXT_HOP and ORIGINATOR_ID and exactly the expected
// CLUSTER_LIST. It reports the time to Established and to full convergence, what was
// wrong or missing, and optionally the daemon's CPU time and peak memory.
//
// Data flow: one EventLoop (epoll) drives every session; each client frames and
// decodes its bytes with BGPWire and hands UPDATEs to one RouteLedger, two bits per
// (client, route). IPv4 unicast only; no ADD-PATH, graceful restart or TCP MD5.
import EventLoop
import Foundation
import Glibc

/// Runs the tool; returns the exit status: 0 all matched, 1 not, 2 usage error.
func runLoad(_ words: [String]) -> Int32 {
    if words.contains("--help") || words.contains("-h") {
        print(LoadOptions.usage)
        return 0
    }
    let options: LoadOptions
    do {
        options = try LoadOptions(words)
    } catch {
        printError("brindle-load: \(error)")
        return 2
    }
    return measure(options)
}

/// Runs one load against the reflector and prints the report.
func measure(_ options: LoadOptions) -> Int32 {
    // One descriptor per session, and a few for the loop itself.
    let limit = FileLimit.raise(to: options.clientCount + 64)
    guard limit >= options.clientCount + 16 else {
        printError("brindle-load: only \(limit) open files allowed, too few for the clients")
        return 2
    }
    do {
        let run = try LoadRun(options: options, loop: EventLoop())
        let report = try run.run()
        // Written at once, unbuffered: a script may read it while the sessions linger.
        FileHandle.standardOutput.write(
            Data(((options.json ? report.json : report.text) + "\n").utf8))
        try run.linger(seconds: options.linger)
        return report.ok ? 0 : 1
    } catch {
        printError("brindle-load: \(error)")
        return 1
    }
}

/// Writes one line to standard error.
func printError(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

exit(runLoad(Array(CommandLine.arguments.dropFirst())))

import BGPWire
import Glibc

/// The subcommands, each parsing its words, running, printing one JSON line on standard
/// output and returning the exit status: 0 done, 1 not done as expected, 2 usage error.
enum Command {
    /// The usage text.
    static let usage = """
        usage: brindle-bench run --target ADDR[:PORT] --daemon-as AS --sender ADDR [--sender ...]
                             --sender-as AS --monitor ADDR --monitor-as AS --table TABLE
                             [--overlap PERCENT] [--per-sender N] [--next-hop-self] [--expect N]
                             [--timeout S] [--hold-time S] [--pid PID] [--hold-until FILE]
               brindle-bench direct --table TABLE [--senders N] [--overlap PERCENT]
                             [--per-sender N] [--expect N] [--timeout S] [--hold-time S]
               brindle-bench kernel-watch --expect N [--protocol NUM] [--family 4|6] [--timeout S]
               brindle-bench insert --count N --via GATEWAY [--protocol NUM] [--batch N]
               brindle-bench decode [--table TABLE] [--seconds S]
               brindle-bench table --table TABLE [--stats] [--routes FILE]
        TABLE is synthetic:N[:SEED], mrt:PATH (uncompressed MRT) or prefixes:PATH (prefix list)
        """

    /// Runs the subcommand named by the first word.
    static func main(_ words: [String]) -> Int32 {
        guard let name = words.first, name != "--help", name != "-h" else {
            print(usage)
            return words.isEmpty ? 2 : 0
        }
        let rest = Array(words.dropFirst())
        do throws(UsageError) {
            switch name {
            case "run": return try runSessions(RunOptions(mode: .daemon, rest))
            case "direct": return try runSessions(RunOptions(mode: .direct, rest))
            case "decode": return try decode(rest)
            case "table": return try table(rest)
            case "kernel-watch": return try KernelWatch.main(rest)
            case "insert": return try RouteInserter.main(rest)
            default: throw UsageError("unknown subcommand '\(name)'")
            }
        } catch {
            printError("brindle-bench: \(error)")
            return 2
        }
    }

    /// `run` and `direct`.
    static func runSessions(_ options: RunOptions) throws(UsageError) -> Int32 {
        guard let table = load(options.table) else { return 1 }
        if let perSender = options.perSender, perSender > table.count {
            throw UsageError("--per-sender \(perSender) is more than the table's \(table.count)")
        }
        let plan = SenderPlan(
            tableCount: table.count, senderCount: options.senders.count,
            perSender: options.perSender, overlap: options.overlap)
        do {
            let result = try BenchRun(options: options, table: table, plan: plan).run {
                printLine($0.json(mode: options.mode))
            }
            return result.converged ? 0 : 1
        } catch {
            printError("brindle-bench: \(error)")
            return 1
        }
    }

    /// `decode`.
    static func decode(_ words: [String]) throws(UsageError) -> Int32 {
        var arguments = Arguments(words)
        let source =
            try arguments.value("--table", "synthetic:N[:SEED] or mrt:PATH") {
                TableSource($0)
            } ?? .synthetic(count: 1_000_000, seed: SyntheticTable.defaultSeed)
        let seconds =
            try arguments.value("--seconds", "seconds") {
                Double($0).flatMap { $0 > 0 ? $0 : nil }
            } ?? 3
        try arguments.finish()
        guard let table = load(source) else { return 1 }
        do {
            let result = try DecodeBench.run(table: table, seconds: seconds)
            var line = JSONLine()
            line.add("mode", "decode")
            line.add("prefixes", result.prefixes)
            line.add("seconds", result.seconds)
            line.add("prefixes_per_s", Int(result.rate.rounded()))
            printLine(line.text)
            return 0
        } catch {
            printError("brindle-bench: the decoder refused our own UPDATEs: \(error)")
            return 1
        }
    }

    /// `table`.
    static func table(_ words: [String]) throws(UsageError) -> Int32 {
        var arguments = Arguments(words)
        let source = try arguments.required(
            "--table", "synthetic:N[:SEED], mrt:PATH or prefixes:PATH"
        ) {
            TableSource($0)
        }
        let stats = arguments.flag("--stats")
        let routesPath = try arguments.text("--routes")
        try arguments.finish()
        guard let table = load(source) else { return 1 }
        if let routesPath, !writeFile(routesPath, table.routeLines().joined(separator: "\n") + "\n")
        {
            printError(
                "brindle-bench: cannot write \(routesPath): \(String(cString: strerror(errno)))")
            return 1
        }
        let stream = UpdateStream(
            table: table, ranges: [0..<table.count], senderAS: DecodeBench.senderAS,
            nextHop: DecodeBench.nextHop, options: CodecOptions(fourOctetAS: true))
        var line = JSONLine()
        line.add("mode", "table")
        line.add("prefixes", table.count)
        line.add("attribute_sets", table.attributeSets.count)
        line.add("updates", stream.updates)
        line.add("bytes", stream.bytes.count)
        if stats {
            let histogram = table.lengthHistogram.sorted { $0.key < $1.key }
            line.add("length_histogram", histogram.map { ("\($0.key)", $0.value) })
        }
        printLine(line.text)
        return 0
    }

    /// The table of `source`, or nil after saying on standard error why it cannot be had.
    static func load(_ source: TableSource) -> BenchTable? {
        do {
            return try source.load()
        } catch {
            printError("brindle-bench: \(error)")
            return nil
        }
    }
}

/// Writes `text` to a new file at `path`, replacing any; false on failure, errno set.
func writeFile(_ path: String, _ text: String) -> Bool {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return writeAll(fd, text)
}

/// Writes `line` and a newline to standard output at once, unbuffered.
func printLine(_ line: String) {
    writeAll(STDOUT_FILENO, line + "\n")
}

/// Writes `line` and a newline to standard error.
func printError(_ line: String) {
    writeAll(STDERR_FILENO, line + "\n")
}

@discardableResult
private func writeAll(_ fd: Int32, _ text: String) -> Bool {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written > 0 || errno == EINTR else { return false }
        bytes = bytes.dropFirst(max(written, 0))
    }
    return true
}

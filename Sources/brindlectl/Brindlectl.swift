import Foundation
import Control
import Store

/// The brindlectl program: global options, the command tree, and exit statuses
/// (0 done, 1 the store or the system refused, 2 bad arguments).
enum Brindlectl {
    /// The top-level commands. `status` and `show routes` (which talk to brindled's
    /// control socket) join this list as further entries.
    static let commands: [Command] = [
        PoolCommands.command, NodeCommands.command, BGPCommands.command,
        ContainerCommands.command, DaemonCommands.status, DaemonCommands.show,
    ]

    /// The root of the tree.
    static let root = Command(
        "brindlectl", summary: "brindlectl manages a Brindle cluster's store",
        children: commands)

    /// Runs one command line and returns the exit status.
    static func run(_ words: [String], environment: [String: String]) -> Int32 {
        do {
            var arguments = ArgumentList(words)
            let storePath = try arguments.option("--store")
            let context = Context(
                storePath: storePath ?? environment["BRINDLE_STORE"] ?? Context.defaultStorePath,
                environment: environment)
            try root.dispatch(&arguments, context)
            return 0
        } catch {
            return report(error)
        }
    }

    private static func report(_ error: Error) -> Int32 {
        switch error {
        case CommandError.help(let text):
            print(
                text + "\n\nglobal option: --store PATH (default \(Context.defaultStorePath),"
                    + " or BRINDLE_STORE)")
            return 0
        case let error as CommandError:
            printError(error)
            return error.exitStatus
        default:
            printError(.failure("\(error)"))
            return 1
        }
    }

    private static func printError(_ error: CommandError) {
        switch error {
        case .usage(let message), .failure(let message):
            FileHandle.standardError.write(Data("brindlectl: \(message.singleLine)\n".utf8))
        case .help: break
        }
    }
}

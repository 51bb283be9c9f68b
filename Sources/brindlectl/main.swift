import Foundation

exit(
    Brindlectl.run(
        Array(CommandLine.arguments.dropFirst()),
        environment: ProcessInfo.processInfo.environment))

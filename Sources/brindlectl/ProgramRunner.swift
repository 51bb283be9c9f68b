import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs system programs (`ip`, `nsenter`) with argument arrays, never through a shell.
///
/// It uses `posix_spawn` rather than Foundation's `Process`, whose child watcher needs a
/// loopback TCP connection and so hangs in a network namespace whose `lo` is still down.
enum ProgramRunner {
    /// Where programs are looked for after the directories of `PATH`.
    private static let systemDirectories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]

    /// Runs `program` with `arguments` and waits for it.
    ///
    /// - Throws: `PlumbingError` naming the command line and quoting the first line the
    ///   program wrote on standard error, if it could not start or exited non-zero.
    static func run(_ program: String, _ arguments: [String]) throws {
        let commandLine = ([program] + arguments).joined(separator: " ")
        let path = try locate(program)
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&errorPipe) == 0 else {
            throw PlumbingError(description: "cannot run \(commandLine): pipe errno=\(errno)")
        }

        let spawned = spawn(path, arguments, standardError: errorPipe)
        close(errorPipe[1])
        let output = readAll(errorPipe[0])
        close(errorPipe[0])
        guard case .success(let pid) = spawned else {
            throw PlumbingError(description: "cannot run \(commandLine): posix_spawn failed")
        }

        let status = wait(for: pid)
        guard status != 0 else { return }
        let firstLine = String(decoding: output, as: UTF8.self).split(separator: "\n").first
        throw PlumbingError(
            description:
                "\(commandLine) failed: \(firstLine.map(String.init) ?? "status \(status)")")
    }

    /// Starts the program with standard input and output on /dev/null and standard error
    /// on the write end of `standardError`, closing both pipe ends in the child.
    private static func spawn(_ path: String, _ arguments: [String], standardError: [Int32])
        -> Result<pid_t, PlumbingError>
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, standardError[1], 2)
        posix_spawn_file_actions_addclose(&actions, standardError[0])
        posix_spawn_file_actions_addclose(&actions, standardError[1])

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let code = posix_spawn(&pid, path, &actions, nil, argv, environ)
        return code == 0 ? .success(pid) : .failure(PlumbingError(description: "errno=\(code)"))
    }

    private static func readAll(_ descriptor: Int32) -> [UInt8] {
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                output += buffer[0..<count]
            } else if count < 0, errno == EINTR {
                continue
            } else {
                return output
            }
        }
    }

    /// Waits for the child and returns its exit status, or 128 plus the signal that
    /// killed it.
    private static func wait(for pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return -1 }
        }
        // The wait status macros are not imported: low 7 bits are the signal, 0 if exited.
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    private static func locate(_ program: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + systemDirectories
        for directory in directories {
            let candidate = directory + "/" + program
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw PlumbingError(description: "cannot find the '\(program)' program (iproute2)")
    }
}

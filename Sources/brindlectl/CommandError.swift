/// Why a brindlectl command stopped, and so its exit status.
enum CommandError: Error {
    /// The arguments are wrong; exit status 2.
    case usage(String)
    /// The store refused the change or plumbing failed; exit status 1.
    case failure(String)
    /// `--help` was asked for: print this text on standard output, exit status 0.
    case help(String)

    /// The process exit status for this error.
    var exitStatus: Int32 {
        switch self {
        case .usage: 2
        case .failure: 1
        case .help: 0
        }
    }
}

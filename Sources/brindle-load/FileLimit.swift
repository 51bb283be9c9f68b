import Glibc

/// The process's limit on open descriptors (RLIMIT_NOFILE), which one session each
/// quickly reaches.
enum FileLimit {
    /// Raises the soft limit to at least `needed`, and the hard limit too when that is
    /// allowed (it is for root).
    /// - Returns: the soft limit now in force.
    static func raise(to needed: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        let wanted = rlim_t(needed)
        guard limit.rlim_cur < wanted else { return Int(limit.rlim_cur) }

        var raised = rlimit(rlim_cur: wanted, rlim_max: max(limit.rlim_max, wanted))
        if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { return needed }
        // Without the right to raise the hard limit, go as far as it allows.
        raised = rlimit(rlim_cur: limit.rlim_max, rlim_max: limit.rlim_max)
        guard setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 else {
            return Int(limit.rlim_cur)
        }
        return Int(limit.rlim_max)
    }
}

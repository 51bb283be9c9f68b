import Glibc

/// A daemon's CPU time and memory at one moment, from /proc (proc(5)).
struct ProcessStatus: Equatable {
    /// utime plus stime so far, in seconds.
    var cpuSeconds: Double
    /// The resident set size now (VmRSS), in KiB.
    var residentKiB: Int
    /// The peak resident set size so far (VmHWM), in KiB.
    var peakResidentKiB: Int

    /// The status of process `pid`; nil when it is gone or /proc cannot be read.
    static func read(pid: Int32) -> ProcessStatus? {
        guard let stat = try? TableSource.contents(of: "/proc/\(pid)/stat"),
            let status = try? TableSource.contents(of: "/proc/\(pid)/status")
        else { return nil }
        return parse(
            stat: String(decoding: stat, as: UTF8.self),
            status: String(decoding: status, as: UTF8.self))
    }

    /// The status from the texts of /proc/PID/stat and /proc/PID/status; nil when a field
    /// is missing.
    static func parse(stat: String, status: String) -> ProcessStatus? {
        // The command name (field 2) may hold spaces and parentheses: count from its end.
        guard let nameEnd = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: nameEnd)...].split(separator: " ")
        // fields[0] is field 3 (state), so utime (14) and stime (15) are 11 and 12.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]),
            let resident = kibibytes("VmRSS:", in: status),
            let peak = kibibytes("VmHWM:", in: status)
        else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return ProcessStatus(
            cpuSeconds: (user + system) / ticks, residentKiB: resident, peakResidentKiB: peak)
    }

    /// The number after `key` on its line of /proc/PID/status, given there in kB.
    private static func kibibytes(_ key: String, in status: String) -> Int? {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else {
            return nil
        }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }
}

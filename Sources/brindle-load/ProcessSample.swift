import Glibc

/// A daemon's use of the machine at one moment, read from /proc (proc(5)).
struct ProcessSample: Equatable {
    /// User plus system CPU time so far, in seconds (utime and stime of /proc/PID/stat).
    var cpuSeconds: Double
    /// The peak resident set size so far, in bytes (VmHWM of /proc/PID/status).
    var peakResidentBytes: UInt64

    /// Reads the sample of process `pid`; nil when it is gone or the files cannot be read.
    static func read(pid: Int32) -> ProcessSample? {
        guard let stat = readFile("/proc/\(pid)/stat"),
            let status = readFile("/proc/\(pid)/status"),
            let ticks = cpuTicks(fromStat: stat), let peak = peakResident(fromStatus: status)
        else { return nil }
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        return ProcessSample(cpuSeconds: Double(ticks) / ticksPerSecond, peakResidentBytes: peak)
    }

    /// utime plus stime, fields 14 and 15 of a /proc/PID/stat line. The command name,
    /// field 2, is in parentheses and may hold spaces and parentheses itself, so the
    /// fields are counted from the last closing parenthesis.
    static func cpuTicks(fromStat text: String) -> UInt64? {
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the name come field 3 (state) onwards: utime is the 12th of those.
        guard fields.count > 12, let user = UInt64(fields[11]), let system = UInt64(fields[12])
        else { return nil }
        return user + system
    }

    /// VmHWM from /proc/PID/status, given in kB, in bytes.
    static func peakResident(fromStatus text: String) -> UInt64? {
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count >= 2, let kilobytes = UInt64(words[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }

    private static func readFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else {
                return count == 0 ? String(decoding: bytes, as: UTF8.self) : nil
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}

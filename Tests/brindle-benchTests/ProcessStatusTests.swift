import Glibc
import Testing

@testable import brindle_bench

/// Reading a daemon's CPU time and memory from /proc texts.
@Suite struct ProcessStatusTests {
    @Test func readsCPUAndMemoryPastAParenthesisedName() throws {
        let stat = "42 (bird (x) y) S 1 42 42 0 -1 4194560 10 0 0 0 250 50 0 0 20 0 1 0 5 1 1"
        let status = "Name:\tbird\nVmHWM:\t   92000 kB\nVmRSS:\t   90000 kB\n"
        let sample = try #require(ProcessStatus.parse(stat: stat, status: status))
        #expect(sample.residentKiB == 90000 && sample.peakResidentKiB == 92000)
        #expect(sample.cpuSeconds > 0)
    }

    @Test func readsThisProcess() {
        #expect(ProcessStatus.read(pid: getpid())?.residentKiB ?? 0 > 0)
    }
}

import Glibc
import Testing

@testable import brindle_load

/// Reading a daemon's CPU time and peak memory from /proc text.
@Suite struct ProcessSampleTests {
    @Test func readsUserAndSystemTicksAfterAnAwkwardName() {
        let stat = "4242 (bird) x (1)) S 1 4242 4242 0 -1 4194560 300 0 0 0 1234 567 0 0 20 0 1"
        #expect(ProcessSample.cpuTicks(fromStat: stat) == 1801)
    }

    @Test func rejectsATruncatedStatLine() {
        #expect(ProcessSample.cpuTicks(fromStat: "4242 (bird) S 1 2 3") == nil)
        #expect(ProcessSample.cpuTicks(fromStat: "no name here") == nil)
    }

    @Test func readsThePeakResidentSetInBytes() {
        let status = "Name:\tbird\nVmPeak:\t  20000 kB\nVmHWM:\t    9876 kB\nVmRSS:\t 9000 kB\n"
        #expect(ProcessSample.peakResident(fromStatus: status) == 9876 * 1024)
        #expect(ProcessSample.peakResident(fromStatus: "Name:\tbird\n") == nil)
    }

    @Test func samplesThisProcess() throws {
        let sample = try #require(ProcessSample.read(pid: getpid()))
        #expect(sample.peakResidentBytes > 0)
        #expect(sample.cpuSeconds >= 0)
    }
}

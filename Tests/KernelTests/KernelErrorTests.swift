import Glibc
import Testing

@testable import Kernel

struct KernelErrorTests {
    @Test func namesTheCallAndTheErrno() {
        let error = KernelError(call: "sendmsg", errno: ENOBUFS)
        #expect(error.description == "sendmsg: No buffer space available (errno 105)")
    }

    @Test func appendsTheDetail() {
        let error = KernelError(call: "open", errno: ENOENT, detail: "/run/netns/x")
        #expect(error.description == "open: No such file or directory (errno 2): /run/netns/x")
    }

    @Test func aMissingNamespaceFailsTheTableWithOpen() {
        #expect {
            _ = try RouteTable(namespacePath: "/run/netns/brindle-none")
        } throws: { error in
            (error as? KernelError)?.call == "open" && (error as? KernelError)?.errno == ENOENT
        }
    }
}

import Testing
@testable import Kernel

@Test func KernelBuilds() { #expect(Bool(true)) }

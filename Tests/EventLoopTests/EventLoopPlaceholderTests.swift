import Testing
@testable import EventLoop

@Test func EventLoopBuilds() { #expect(Bool(true)) }

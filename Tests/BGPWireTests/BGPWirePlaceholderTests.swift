import Testing
@testable import BGPWire

@Test func BGPWireBuilds() { #expect(Bool(true)) }

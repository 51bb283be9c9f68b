import Testing
@testable import RIB

@Test func RIBBuilds() { #expect(Bool(true)) }

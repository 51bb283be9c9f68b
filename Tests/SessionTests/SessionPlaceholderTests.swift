import Testing
@testable import Session

@Test func SessionBuilds() { #expect(Bool(true)) }

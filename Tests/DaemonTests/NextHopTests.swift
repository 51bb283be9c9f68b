import BGPWire
import Testing

@testable import Daemon

/// Which learned next hops go into the kernel as gateways of their own family.
@Test(arguments: [
    ("10.30.0.254", true), ("fd00:30::fe", true), ("2001:db8::1", true),
    ("::ffff:10.30.0.254", false),
])
func aNextHopIsInstallableUnlessIPv4Mapped(text: String, installable: Bool) throws {
    let nextHop = try #require(IPAddress(text))
    #expect(Daemon.isInstallable(nextHop) == installable)
}

import Testing

@testable import BGPWire

/// Addresses a router can have: routes through them are kept.
@Test(arguments: ["10.41.0.254", "fd00:41::fe", "2001:db8::1", "fe00::1", "fec0::1"])
func unicastAddressesAreUsableNextHops(text: String) throws {
    let address = try #require(IPAddress(text))
    #expect(address.unusableAsNextHop == nil)
}

/// Addresses no router can have (RFC 6890, RFC 4291 §2.4), and a link-local one where RFC
/// 2545 §3 wants a global one: routes through them count as withdrawn (RFC 7606 §7.3).
@Test(arguments: [
    ("224.0.0.1", "a multicast address"), ("127.0.0.1", "a loopback address"),
    ("0.0.0.0", "in 0.0.0.0/8 (this network)"), ("::", "the unspecified address"),
    ("::1", "the loopback address"), ("fe80::fe", "a link-local address"),
    ("febf:ffff::1", "a link-local address"), ("ff02::1", "a multicast address"),
])
func specialAddressesAreUnusableNextHops(text: String, reason: String) throws {
    let address = try #require(IPAddress(text))
    #expect(address.unusableAsNextHop == reason)
}

import EventLoop
import Testing

@Suite struct SocketAddressTests {
    @Test(arguments: [
        ("127.0.0.1", UInt32(0x7f00_0001)), ("0.0.0.0", 0), ("255.255.255.255", 0xffff_ffff),
        ("10.1.2.3", 0x0a01_0203),
    ])
    func parsesDottedQuads(text: String, value: UInt32) {
        let address = SocketAddress(text, port: 179)
        #expect(address == SocketAddress(address: value, port: 179))
        #expect(address?.description == "\(text):179")
    }

    @Test(arguments: [
        "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "a.b.c.d", "1.2.3.-4",
        "0001.2.3.4", " 1.2.3.4",
        "+1.2.3.4",
    ])
    func rejectsMalformedText(text: String) {
        #expect(SocketAddress(text, port: 0) == nil)
    }
}

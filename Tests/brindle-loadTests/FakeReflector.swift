import BGPWire
import EventLoop

/// A route reflector just good enough for brindle-load's tests, on 10.209.0.1: it answers
/// OPEN with OPEN and KEEPALIVE and sends every UPDATE's routes on to every other
/// connection, with ORIGINATOR_ID and CLUSTER_LIST added by `reflect`.
final class FakeReflector {
    /// Turns a client's attributes into what the others get; nil drops the routes.
    typealias Reflect = (PathAttributes, IPv4Address) -> PathAttributes?

    private let listener: TCPListener
    private var connections: [TCPConnection] = []
    private let reflect: Reflect

    /// Listens on a free port of 10.209.0.1.
    init(loop: EventLoop, reflect: @escaping Reflect) throws {
        self.reflect = reflect
        var accepted: (TCPConnection) -> Void = { _ in }
        listener = try TCPListener(
            loop: loop, address: SocketAddress(address: 0x0ad1_0001, port: 0)
        ) { accepted($0) }
        accepted = { [unowned self] in serve($0) }
    }

    /// The listening port.
    var port: UInt16 { listener.localAddress.port }

    /// What a correct reflector in cluster `clusterID` does (RFC 4456 §8).
    static func correct(clusterID: IPv4Address) -> Reflect {
        { attributes, originator in
            var reflected = attributes
            reflected.originatorID = originator
            reflected.clusterList = [clusterID] + attributes.clusterList
            return reflected
        }
    }

    private func serve(_ connection: TCPConnection) {
        connections.append(connection)
        connection.onRead = { [unowned self] bytes in
            var offset = 0
            while let length = try? MessageFramer.nextMessageLength(
                in: UnsafeRawBufferPointer(rebasing: bytes[offset...]), maximumLength: 4096)
            {
                let message = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
                offset += length
                guard let decoded = try? Message.decode(message, options: CodecOptions()) else {
                    continue
                }
                handle(decoded, from: connection)
            }
            return offset
        }
    }

    private func handle(_ message: Message, from connection: TCPConnection) {
        switch message {
        case .open:
            let open = OpenMessage(
                autonomousSystem: 64511, holdTime: 90, bgpIdentifier: IPv4Address(10, 209, 0, 1),
                capabilities: [.multiprotocol(.ipv4Unicast)])
            connection.write(Message.open(open).encode(options: .beforeOpen))
            connection.write(Message.keepalive.encode(options: CodecOptions()))
        case .update(let update): pass(update, from: connection)
        default: break
        }
    }

    private func pass(_ update: UpdateMessage, from origin: TCPConnection) {
        let originator = IPv4Address(rawValue: origin.remoteAddress.address)
        guard let attributes = reflect(update.pathAttributes, originator) else { return }
        let messages = UpdatePacker.pack(
            withdrawn: [], announced: update.nlri, attributes: attributes,
            options: CodecOptions())
        for connection in connections where connection !== origin {
            for message in messages { connection.write(message) }
        }
    }
}

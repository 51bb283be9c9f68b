import BGPWire
import Foundation
import Testing

@testable import Store

/// Addresses collected from several threads.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var addresses: [IPAddress] = []
    private var errors: [String] = []

    func add(_ new: [IPAddress], _ error: String?) {
        lock.lock()
        defer { lock.unlock() }
        addresses += new
        if let error { errors.append(error) }
    }

    var result: ([IPAddress], [String]) {
        lock.lock()
        defer { lock.unlock() }
        return (addresses, errors)
    }
}

/// The first 200 addresses of a pool, in order.
private func firstAddresses(of pool: IPPrefix) -> Set<IPAddress> {
    var addresses: [IPAddress] = [pool.address]
    while addresses.count < 200, let next = addresses.last?.successor { addresses.append(next) }
    return Set(addresses)
}

@Test(arguments: ["10.0.0.0/24", "fd00:65::/64"])
func concurrentWritersNeverShareAnAddress(poolText: String) throws {
    let file = TemporaryStoreFile()
    let setup = try Store(path: file.path)
    let pool = try #require(IPPrefix(poolText))
    try setup.addNode(Node(name: "a", address: IPv4Address(10, 9, 0, 1)))
    try setup.addPool(Pool(cidr: pool))
    let writers = 4
    let perWriter = 50
    for writer in 0..<writers {
        try setup.database.run(
            "INSERT INTO containers VALUES (?1, 'a', '/n', ?1)", [.text("c\(writer)")])
    }

    let collected = Collected()
    let group = DispatchGroup()
    let path = file.path
    for writer in 0..<writers {
        group.enter()
        let thread = Thread {
            defer { group.leave() }
            var got: [IPAddress] = []
            do throws(StoreError) {
                let store = try Store(path: path)
                for _ in 0..<perWriter {
                    got.append(try store.allocate(container: "c\(writer)", family: pool.afi))
                }
                collected.add(got, nil)
            } catch {
                collected.add(got, error.description)
            }
        }
        thread.start()
    }
    group.wait()

    let (addresses, errors) = collected.result
    #expect(errors.isEmpty, "\(errors)")
    #expect(addresses.count == writers * perWriter)
    #expect(Set(addresses).count == writers * perWriter)
    #expect(Set(addresses) == firstAddresses(of: pool))
    #expect(try setup.allocations().count == writers * perWriter)
}

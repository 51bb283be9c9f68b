// swift-tools-version:6.0
import PackageDescription

/// Drops the run-time exclusivity checks in release builds (see the RIB target).
let uncheckedExclusivityInRelease = SwiftSetting.unsafeFlags(
    ["-enforce-exclusivity=unchecked"], .when(configuration: .release))

let package = Package(
    name: "Brindle",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "brindled", targets: ["brindled"]),
        .executable(name: "brindlectl", targets: ["brindlectl"]),
    ],
    targets: [
        // C shims and system libraries.
        .target(name: "CLinux"),
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CBSD", pkgConfig: "libbsd",
            providers: [.apt(["libbsd-dev"])]),

        // Layers, lowest first.
        .target(name: "BGPWire"),
        .target(name: "Session", dependencies: ["BGPWire"]),
        // The RIB is generic over the prefix type; its code must be specialised where the
        // daemon uses it (IPv4Prefix, IPv6Prefix), or every hash and copy goes through
        // generic metadata (measured: about half of brindled's time receiving routes).
        //
        // Release builds of the RIB and the daemon leave out the run-time exclusivity
        // checks of class properties (measured: 6 % of brindled's time taking in a table,
        // in swift_beginAccess and AccessSet::insert); debug builds, which the tests run,
        // keep them, so an overlapping access still traps there.
        .target(
            name: "RIB", dependencies: ["BGPWire"],
            swiftSettings: [
                .unsafeFlags(["-cross-module-optimization"]), uncheckedExclusivityInRelease,
            ]),
        .target(name: "EventLoop", dependencies: ["CLinux"]),
        .target(name: "Kernel", dependencies: ["CLinux", "BGPWire"]),
        .target(name: "Store", dependencies: ["CSQLite", "BGPWire"]),
        .target(name: "Control", dependencies: []),
        .target(
            name: "Daemon",
            dependencies: [
                "BGPWire", "Session", "RIB", "EventLoop", "Kernel", "Store", "Control",
                "CBSD", "CLinux",
            ],
            swiftSettings: [uncheckedExclusivityInRelease]),
        .executableTarget(name: "brindled", dependencies: ["Daemon", "Control"]),
        .executableTarget(
            name: "brindlectl", dependencies: ["Store", "Control", "BGPWire", "Kernel"]),
        .executableTarget(name: "brindle-load", dependencies: ["BGPWire", "EventLoop"]),
        .executableTarget(
            name: "brindle-bench", dependencies: ["BGPWire", "EventLoop", "Kernel", "CLinux"]),

        // Tests mirror the targets.
        .testTarget(name: "BGPWireTests", dependencies: ["BGPWire"]),
        .testTarget(name: "SessionTests", dependencies: ["Session", "BGPWire"]),
        .testTarget(name: "RIBTests", dependencies: ["RIB", "BGPWire"]),
        .testTarget(name: "EventLoopTests", dependencies: ["EventLoop", "CLinux"]),
        .testTarget(name: "KernelTests", dependencies: ["Kernel", "BGPWire"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "BGPWire"]),
        .testTarget(name: "DaemonTests", dependencies: ["Daemon", "Store", "BGPWire"]),
        .testTarget(
            name: "brindle-loadTests",
            dependencies: ["brindle-load", "BGPWire", "EventLoop", "CLinux"]),
        .testTarget(
            name: "brindle-benchTests", dependencies: ["brindle-bench", "BGPWire", "EventLoop"]),
    ]
)

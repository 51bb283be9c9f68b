import Foundation
import Testing

/// Tests of the built brindled binary's `--help`, which must name everything that changes
/// where the daemon looks for its files.
private let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let binary = packageRoot.appendingPathComponent(".build/debug/brindled").path

@Test func brindledHelpNamesTheEnvironmentVariables() throws {
    #expect(FileManager.default.isExecutableFile(atPath: binary), "build brindled first")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["--help"]
    process.environment = [:]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()

    #expect(process.terminationStatus == 0)
    #expect(text.hasPrefix("usage: brindled --node NAME"))
    #expect(text.contains("environment: BRINDLE_STORE and BRINDLE_CONTROL, when set and not"))
    #expect(text.contains("defaults of --store and --control (the options still win)"))
}

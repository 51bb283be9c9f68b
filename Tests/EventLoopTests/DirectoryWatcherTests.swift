import EventLoop
import Glibc
import Testing

@Suite struct DirectoryWatcherTests {
    @Test func reportsAFileWrittenInTheDirectory() throws {
        let directory = makeTemporaryDirectory("watch")
        let file = directory + "/store.db"
        defer {
            unlink(file)
            rmdir(directory)
        }

        let loop = try EventLoop()
        var changed: Set<String> = []
        let watcher = try DirectoryWatcher(loop: loop, directory: directory) { names in
            changed.formUnion(names)
            if changed.contains("store.db") { loop.stop() }
        }
        loop.schedule(after: 0.02) {
            let fd = open(file, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
            #expect(fd >= 0)
            #expect(write(fd, "pools", 5) == 5)
            close(fd)
        }
        try runBounded(loop)
        watcher.close()

        #expect(changed == ["store.db"])
    }

    @Test func missingDirectoryThrowsENOENT() throws {
        let loop = try EventLoop()
        #expect(throws: SystemError(call: "inotify_add_watch", errno: ENOENT)) {
            _ = try DirectoryWatcher(loop: loop, directory: "/tmp/brindle-absent-\(getpid())") {
                _ in
            }
        }
    }
}

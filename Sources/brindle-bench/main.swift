// brindle-bench: the Swift half of Brindle's benchmark (scripts/bench is the other), with
// no daemon of its own. It plays a route table into a daemon from pre-encoded UPDATEs as
// fast as TCP takes them, times until a monitor session holds what the daemon
// re-advertises, and measures the harness's own ceiling (`direct`), UPDATE decoding
// (`decode`), route notifications in a namespace (`kernel-watch`) and batched netlink
// inserts (`insert`). BENCH-CONTRACT.md is its interface.
//
// Data flow: a table (synthetic, MRT per RFC 6396, or a prefix list) becomes one
// `UpdateStream` per sender, encoded with BGPWire's packer before the clock starts; one
// EventLoop drives every session; the monitor decodes with BGPWire and keeps one bit per
// expected prefix. IPv4 unicast only; no ADD-PATH, graceful restart or TCP MD5.
import Glibc

exit(Command.main(Array(CommandLine.arguments.dropFirst())))

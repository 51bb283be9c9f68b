// Kernel: Brindle's side of the Linux forwarding table, over rtnetlink (RFC 3549, and the
// kernel's linux/rtnetlink.h, which is the real reference).
//
// Job: the RIB hands this layer route differences as values; `RouteTable` turns them into
// RTM_NEWROUTE and RTM_DELROUTE requests, packs many into each sendmsg, reads one
// acknowledgement per request and maps every error back to its route. At start the daemon
// calls `reconcile`, which dumps the routes carrying Brindle's protocol number, deletes the
// stale ones and writes the desired ones. `KernelWriter` runs a table on a thread of its own:
// the daemon hands it batches without blocking, batches queued while it is busy merge (the
// latest value of a prefix wins), and the outcomes come back in order through a closure.
//
// Data flow: `KernelRoute` values -> `RouteMessage` (encode into one `NetlinkWriter` buffer)
// -> `NetlinkSocket` (the one syscall wrapper) -> replies split by `NetlinkMessage` and read
// with the bounds-checked `NetlinkReader` -> `RouteFailure` values or dumped routes.
//
// Ownership: every route written or deleted carries our protocol number (`rtm_protocol`) and
// our metric (`RTA_PRIORITY`). The kernel matches both on RTM_DELROUTE, so a delete never
// removes another protocol's route, and the distinct metric keeps a replace from overwriting
// a route another protocol holds for the same prefix at metric 0.
//
// Supported: IPv4 and IPv6 unicast routes with one gateway of the prefix's family (an IPv6
// link-local one with its interface) or a scope-link route to an interface, in one routing
// table, optionally inside another network namespace; one AF_UNSPEC dump reads both
// families. Not yet supported: IPv4 gateways for IPv6 prefixes (RFC 5549, RTA_VIA),
// multipath (RTA_MULTIPATH) routes, link and address event subscriptions, nftables.

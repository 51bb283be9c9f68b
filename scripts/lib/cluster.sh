# Helpers for scripts that build a Brindle cluster in namespaces: hosts on one
# bridged fabric, containers placed through the store, peers read from status,
# and steady pings that count every lost reply. Source it after common.sh.
#
# The container helpers run brindlectl as "$BIN/brindlectl --store $STORE", so a
# script sets BIN and STORE first. The status helpers need jq.

# A namespace holding the bridge br0 that every host's eth0 is plugged into.
make_fabric() {
    add_namespace "$1"
    # No multicast snooping, as in scripts/demo: neighbour solicitations reach every port.
    ip -n "$1" link add br0 type bridge mcast_snooping 0 || die "bridge in $1 failed"
    ip -n "$1" link set br0 up
}

# join_fabric FABRIC NAMESPACE PORT ADDRESS/LENGTH: a new namespace whose eth0
# holds the address, plugged into the fabric's bridge as PORT, forwarding on.
join_fabric() {
    local fabric=$1 namespace=$2 port=$3 address=$4
    add_namespace "$namespace"
    link_namespaces "$fabric" "$port" "$namespace" eth0
    ip -n "$fabric" link set "$port" master br0
    enable_forwarding "$namespace"
    ip -n "$namespace" addr add "$address" dev eth0
}

# add_container HOST_NAMESPACE NODE NAME NAMESPACE [--ip IP | --pool CIDR]: a new
# namespace plumbed as container NAME of NODE, run from the host's namespace as the
# CNI plugin would be.
add_container() {
    local host_namespace=$1 node=$2 name=$3 namespace=$4
    shift 4
    add_namespace "$namespace"
    ip netns exec "$host_namespace" "$BIN/brindlectl" --store "$STORE" container add "$name" \
        --netns "/run/netns/$namespace" --node "$node" "$@" >/dev/null \
        || die "container add $name failed"
}

# The IPv4 address on a container namespace's eth0, without its length.
container_address() {
    ip -n "$1" -4 -o addr show dev eth0 | awk '{ split($4, a, "/"); print a[1] }'
}

# Whether namespace $1 holds Brindle's kernel route to $2/32 through $3.
kernel_route_via() {
    ip -n "$1" route show "$2/32" proto "${BRINDLE_PROTOCOL:-150}" | grep -q "via $3 "
}

# The daemon's `brindlectl status --json`, filtered through jq with the given arguments.
status_json() {
    local control=$1
    shift
    "$BIN/brindlectl" status --json --control "$control" | jq "$@"
}

# peer_type CONTROL ADDRESS: the peer's type in the daemon's status, empty when not listed.
peer_type() {
    status_json "$1" -r --arg peer "$2" '.peers[] | select(.address == $peer) | .type'
}

# peer_state CONTROL ADDRESS: the peer's session state, empty when not listed.
peer_state() {
    status_json "$1" -r --arg peer "$2" '.peers[] | select(.address == $peer) | .state'
}

# established_count CONTROL: how many peers of the daemon are established.
established_count() {
    status_json "$1" '[.peers[] | select(.state == "established")] | length'
}

# peer_count CONTROL: how many peers the daemon lists, in any state.
peer_count() { status_json "$1" '.peers | length'; }

# Steady pings: one echo request every 50 ms from a namespace, in the background,
# until steady_pings_stop. A reply that never came is a gap in the sequence numbers
# of the replies; only the one request in flight when ping is stopped is forgiven.
STEADY_PINGS=()

# steady_ping_start NAMESPACE ADDRESS LOG
steady_ping_start() {
    spawn_in "$1" "$3" ping -n -i 0.05 "$2"
    STEADY_PINGS+=("$!")
}

# Stops every steady ping with SIGINT, which makes ping print its statistics.
steady_pings_stop() {
    local pid
    for pid in "${STEADY_PINGS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
    for pid in "${STEADY_PINGS[@]}"; do
        wait "$pid" 2>/dev/null
        forget_spawned "$pid"
    done
    STEADY_PINGS=()
}

# steady_ping_tally LOG: prints "SENT LOST" for a stopped steady ping.
steady_ping_tally() {
    awk '
        / bytes from / {
            for (i = 1; i <= NF; i++) if ($i ~ /^icmp_seq=/) sequence = substr($i, 10) + 0
            if (!(sequence in seen)) { seen[sequence] = 1; replies++ }
            if (sequence > last) last = sequence
        }
        / packets transmitted/ { sent = $1 }
        END {
            unanswered = sent - last
            print sent + 0, last - replies + (unanswered > 1 ? unanswered - 1 : 0)
        }' "$1"
}

# steady_ping_clean LOG MINIMUM: whether the ping sent at least MINIMUM requests and
# lost none.
steady_ping_clean() {
    local sent lost
    read -r sent lost < <(steady_ping_tally "$1")
    [ "$sent" -ge "$2" ] && [ "$lost" -eq 0 ]
}

# Route watches: `ip monitor route` in a namespace, in the background, until
# route_watches_stop. A ping may still get through while a host lacks a route (its
# default route may lead to a router that has one), so a step that must keep every
# route checks the watch's log for deletions too.
ROUTE_WATCHES=()

# route_watch_start NAMESPACE LOG
route_watch_start() {
    spawn_in "$1" "$2" ip monitor route
    ROUTE_WATCHES+=("$!")
}

route_watches_stop() {
    local pid
    for pid in "${ROUTE_WATCHES[@]}"; do stop_spawned "$pid"; done
    ROUTE_WATCHES=()
}

# route_watch_kept LOG PREFIX: whether the watch saw no route starting with PREFIX deleted.
route_watch_kept() { ! grep -q "^Deleted $2" "$1"; }

# Stops a process that spawn_in started, with SIGTERM, waiting up to 5 s for it to
# end; it is dropped from the list that `cleanup` ends.
stop_spawned() {
    kill -TERM "$1" 2>/dev/null || true
    wait_until 5 bash -c "! kill -0 $1" || kill -KILL "$1" 2>/dev/null
    wait "$1" 2>/dev/null
    forget_spawned "$1"
}

# Drops a process that has ended from the list that `cleanup` ends, so that its pid,
# once reused, is left alone.
forget_spawned() {
    local kept=() other
    for other in "${BRINDLE_PIDS[@]}"; do [ "$other" = "$1" ] || kept+=("$other"); done
    BRINDLE_PIDS=("${kept[@]}")
}

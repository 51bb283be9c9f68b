# S4 of scripts/bench: a container address added on host A, one at a time, until its
# route is in host B's kernel; p50 and p99 over the adds. Two hosts on one veth, iBGP in
# AS 64511, each running the same daemon: brindled on both (one store, nodes a and b,
# `brindlectl container c1 ip add IP` on A), or BIRD on both (the address's route added to
# A's kernel, learned by BIRD's kernel protocol, exported over BGP with next hop self,
# installed in B's kernel by BIRD's kernel protocol). Only brindled and BIRD: the issue's
# pipeline. `ip -ts monitor route` on both hosts stamps when each route lands, so each add
# is timed from the command's start and from the route in A's kernel. The adds run from one
# shell inside A's namespace, as a host's own shell would run them: neither command pays
# for `ip netns exec` (some 1.6 ms a call here). Source it after bench-scenarios.sh.

S4_A=10.230.0.1 S4_B=10.230.0.2
S4_POOL=10.66.0.0/20

# The i-th address added, from 10.66.4.0 up (the container's first address is below).
s4_address() { echo "10.66.$((4 + $1 / 256)).$(($1 % 256))"; }

s4_set_up() {
    start_run
    NS_A=$P-${RUN}a NS_B=$P-${RUN}b NS_C=$P-${RUN}c NS_D=$NS_A
    add_namespace "$NS_A"
    add_namespace "$NS_B"
    link_namespaces "$NS_A" eth0 "$NS_B" eth0
    ip -n "$NS_A" addr add $S4_A/24 dev eth0
    ip -n "$NS_B" addr add $S4_B/24 dev eth0
    enable_forwarding "$NS_A"
    enable_forwarding "$NS_B"
}

s4_tear_down() {
    local namespace pid
    for namespace in "$NS_A" "$NS_B" "${NS_C:-}"; do
        [ -n "$namespace" ] || continue
        ip netns pids "$namespace" 2>/dev/null | xargs -r kill -TERM 2>/dev/null
    done
    sleep 0.5
    for namespace in "$NS_A" "$NS_B" "${NS_C:-}"; do
        [ -n "$namespace" ] || continue
        ip netns pids "$namespace" 2>/dev/null | xargs -r kill -KILL 2>/dev/null
    done
    for pid in "${BRINDLE_PIDS[@]:$FIRST_PID_INDEX}"; do wait "$pid" 2>/dev/null; done
    BRINDLE_PIDS=("${BRINDLE_PIDS[@]:0:$FIRST_PID_INDEX}")
    for namespace in "$NS_A" "$NS_B" "${NS_C:-}"; do
        [ -n "$namespace" ] && ip netns del "$namespace" 2>/dev/null
    done
    return 0
}

# brindled on A and B from one store; c1 is a container of A with its first address.
s4_start_brindled() {
    local ctl=("$BIN/brindlectl" --store "$DIR/store.db") node
    {
        "${ctl[@]}" pool add $S4_POOL && "${ctl[@]}" node add a --ip $S4_A \
            && "${ctl[@]}" node add b --ip $S4_B
    } >>"$DIR/brindlectl.log" 2>&1 || return 1
    for node in a b; do
        local namespace=$NS_A
        [ $node = b ] && namespace=$NS_B
        spawn_in "$namespace" "$DIR/brindled-$node.log" "$BIN/brindled" --node $node \
            --store "$DIR/store.db" --control "$DIR/brindled-$node.ctl" \
            --pid-file "$DIR/brindled-$node.pid" --log-level notice --connect-retry 1
    done
    NS_C=$P-${RUN}c
    add_namespace "$NS_C"
    ip netns exec "$NS_A" "${ctl[@]}" container add c1 --netns "/run/netns/$NS_C" --node a \
        --pool $S4_POOL >>"$DIR/brindlectl.log" 2>&1 || return 1
    wait_until 30 s4_brindled_established
}

s4_brindled_established() {
    [ "$(established_count "$DIR/brindled-a.ctl")" -ge 1 ] \
        && [ "$(established_count "$DIR/brindled-b.ctl")" -ge 1 ]
}

# Run in A's namespace by s4_adds.
s4_add_brindled() {
    "$BIN/brindlectl" --store "$DIR/store.db" container c1 ip add "$1" >>"$DIR/brindlectl.log" 2>&1
}

# BIRD on both hosts; A's kernel protocol learns the routes through c0, a veth end that
# stands for the containers' interfaces.
s4_start_bird() {
    ip -n "$NS_A" link add c0 type veth peer name c0p
    ip -n "$NS_A" link set c0 up
    ip -n "$NS_A" link set c0p up
    s4_bird_config a $S4_A $S4_B "learn; ipv4 { import all; export none; }" \
        "export all; next hop self;"
    s4_bird_config b $S4_B $S4_A "ipv4 { import none; export all; }" \
        "import all; export none;"
    spawn_in "$NS_A" "$DIR/bird-a.out" bird -f -c "$DIR/bird-a.conf" -s "$DIR/bird-a.ctl" \
        -P "$DIR/bird-a.pid"
    spawn_in "$NS_B" "$DIR/bird-b.out" bird -f -c "$DIR/bird-b.conf" -s "$DIR/bird-b.ctl" \
        -P "$DIR/bird-b.pid"
    wait_until 30 s4_bird_established
}

# s4_bird_config HOST LOCAL NEIGHBOUR KERNEL-CHANNEL BGP-CHANNEL
s4_bird_config() {
    cat >"$DIR/bird-$1.conf" <<BIRD
log "$DIR/bird-$1.log" { warning, error, fatal, bug };
router id $2;
protocol device { scan time 60; }
protocol kernel { $4; }
protocol bgp peer {
    local $2 as $DAEMON_AS; neighbor $3 as $DAEMON_AS; direct;
    connect retry time 1; error wait time 1, 2;
    ipv4 { $5 };
}
BIRD
}

s4_bird_established() {
    local host
    for host in a b; do
        birdc -s "$DIR/bird-$host.ctl" show protocols peer 2>/dev/null | grep -q Established \
            || return 1
    done
}

# Run in A's namespace by s4_adds.
s4_add_bird() { ip route add "$1/32" dev c0 proto static; }

# A route watch with timestamps in UTC, so that they compare with EPOCHREALTIME.
s4_watch() { spawn_in "$1" "$2" env TZ=UTC ip -ts monitor route; }

# Seconds since midnight UTC of `ip -ts` stamps for ADDRESS's additions in LOG: the first.
s4_stamp() {
    awk -v prefix="$2" '
        $1 ~ /^\[/ && $2 == prefix {
            split(substr($1, 13, 15), t, ":")
            printf "%.6f\n", t[1] * 3600 + t[2] * 60 + t[3]
            exit
        }' "$1"
}

# Waits up to 10 s for ADDRESS's route via A in B's route watch, looking every 10 ms (the
# time is taken from the watch's stamps, not from this loop).
s4_wait_route() {
    local pattern="] $1 via $S4_A " deadline=$((SECONDS + 10))
    until grep -qF "$pattern" "$DIR/monitor-b.log"; do
        [ $SECONDS -ge $deadline ] && return 1
        sleep 0.01
    done
}

# run_s4 DAEMON: the adds one by one, each waiting (up to 10 s) for its route in B.
run_s4() {
    local daemon=$1 key=S4:$1
    say "S4: $daemon on two hosts, $S4_ADDS container addresses added on A"
    s4_set_up
    VERSION[$daemon]=$("${daemon}_version")
    s4_watch "$NS_A" "$DIR/monitor-a.log"
    s4_watch "$NS_B" "$DIR/monitor-b.log"
    if ! "s4_start_$daemon"; then
        NOTE[$key]="the two hosts did not peer: $(cat "$DIR"/b*.{out,log} 2>/dev/null | tail -n 1)"
        finish_run "$key" 3
        s4_tear_down
        return
    fi
    : >"$DIR/adds.txt"
    : >"$DIR/adds-failure.txt"
    DAEMON=$daemon DIR=$DIR BIN=$BIN S4_ADDS=$S4_ADDS S4_A=$S4_A ip netns exec "$NS_A" bash -c \
        "$(declare -f s4_address s4_wait_route "s4_add_$daemon" s4_adds); s4_adds"
    [ -s "$DIR/adds-failure.txt" ] && NOTE[$key]=$(cat "$DIR/adds-failure.txt")
    s4_summary "$key"
    s4_tear_down
}

# In A's namespace, with DAEMON, DIR, BIN, S4_ADDS and S4_A from the environment: each add
# and its start time in adds.txt, or why the adds stopped in adds-failure.txt.
s4_adds() {
    local i address start
    for ((i = 0; i < S4_ADDS; i++)); do
        address=$(s4_address $i)
        start=$EPOCHREALTIME
        "s4_add_$DAEMON" "$address" || {
            echo "adding $address failed" >"$DIR/adds-failure.txt"
            return
        }
        s4_wait_route "$address" || {
            echo "$address did not reach B's kernel within 10 s" >"$DIR/adds-failure.txt"
            return
        }
        echo "$address $start" >>"$DIR/adds.txt"
    done
}

# Writes $TOP/KEY.json from the adds and both watches: latencies in milliseconds, from the
# command's start and from the route in A's kernel, until the route in B's kernel.
s4_summary() {
    local key=$1 address start a b
    : >"$DIR/latencies.txt"
    while read -r address start; do
        a=$(s4_stamp "$DIR/monitor-a.log" "$address")
        b=$(s4_stamp "$DIR/monitor-b.log" "$address")
        awk -v s="$start" -v a="${a:-}" -v b="$b" 'BEGIN {
            s = s % 86400
            printf "%.3f %s\n", (b - s) * 1000, (a == "" ? "-" : sprintf("%.3f", (b - a) * 1000))
        }' >>"$DIR/latencies.txt"
    done <"$DIR/adds.txt"
    s4_json "$DIR/latencies.txt" >"$TOP/$key.json"
    local done=$(wc -l <"$DIR/adds.txt")
    [ "$done" -eq "$S4_ADDS" ] && finish_run "$key" 0 || finish_run "$key" 1
}

# p50 and p99 (nearest rank) of both columns, as brindle-bench's reports are: one JSON line.
s4_json() {
    local total=$(wc -l <"$1")
    {
        cut -d' ' -f1 "$1" | sort -n | s4_ranks total
        cut -d' ' -f2 "$1" | grep -v '^-$' | sort -n | s4_ranks from_a
    } | jq -sc --argjson adds "$S4_ADDS" --argjson done "$total" \
        '{mode: "s4", adds: $adds, done: $done} + add'
}

s4_ranks() {
    awk -v name="$1" '{ v[NR] = $1 } END {
        if (NR == 0) { printf "{}\n"; exit }
        p50 = int(NR * 0.50 + 0.999999); p99 = int(NR * 0.99 + 0.999999)
        printf "{\"%s_p50_ms\": %s, \"%s_p99_ms\": %s, \"%s_max_ms\": %s}\n",
            name, v[p50], name, v[p99], name, v[NR]
    }'
}

scenario_S4() {
    local daemon ran=
    for daemon in "${DAEMON_LIST[@]}"; do
        case $daemon in
            brindled | bird) run_s4 "$daemon"; ran=1 ;;
            *) RESULT[S4:$daemon]=n/a
               NOTE[S4:$daemon]="S4 compares brindled with BIRD's kernel-to-BGP pipeline only" ;;
        esac
    done
    [ -n "$ran" ] || warn "S4: neither brindled nor bird in --daemons"
}

# The scenarios of scripts/bench. Source it after common.sh and bench-daemons.sh; it needs
# BIN, TOP, P, the addresses and ASes, the sizes and TIMEOUT from scripts/bench.
#
# A run is keyed SCENARIO:NAME (S1:bird, S1:direct...). Its brindle-bench report is
# $TOP/KEY.json, RESULT[KEY] is ok, FAILED or skipped, NOTE[KEY] says why when not ok, and
# CPU[KEY] holds the daemon's CPU seconds over the run, all its processes counted.

. "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"

declare -A CPU=() KERNEL_REPORT=() READY=() ENDED=()
RUN=0

# A value of a report; empty when absent or null.
field() { jq -r ".$2 // empty" "$TOP/$1.json" 2>/dev/null; }

# The brindle-bench options that shape a table: the scenario's senders, and for S2 what
# each sends and how much they overlap.
table_options() {
    local i
    TABLE_OPTIONS=()
    for ((i = 0; i < SENDERS; i++)); do TABLE_OPTIONS+=(--sender "$(sender_ip $i)"); done
    [ -n "${PER_SENDER:-}" ] && TABLE_OPTIONS+=(--per-sender "$PER_SENDER" --overlap "$OVERLAP")
    return 0
}

# The harness's ceiling: the senders straight into the monitor, no daemon.
run_direct() {
    local key=$1:direct table=$2 extra=()
    [ -n "${PER_SENDER:-}" ] && extra=(--per-sender "$PER_SENDER" --overlap "$OVERLAP")
    say "$1: brindle-bench direct, $table, $SENDERS sender(s)"
    "$BIN/brindle-bench" direct --table "$table" --senders "$SENDERS" "${extra[@]}" \
        --timeout "$TIMEOUT" >"$TOP/$key.json" 2>"$TOP/$key.err"
    finish_run "$key" $?
}

# finish_run KEY STATUS: RESULT[KEY] from brindle-bench's exit status and report.
finish_run() {
    if [ "$2" -eq 0 ] && [ -s "$TOP/$1.json" ]; then
        RESULT[$1]=ok
        return 0
    fi
    RESULT[$1]=FAILED
    NOTE[$1]=${NOTE[$1]:-"brindle-bench exited $2: $(tail -n 1 "$TOP/$1.err" 2>/dev/null)"}
    FAILED=1
    warn "$1: ${NOTE[$1]}"
    return 1
}

# Numbers a new run and gives it a folder of its own; the processes it spawns come after
# FIRST_PID_INDEX in BRINDLE_PIDS, so its teardown stops only those.
start_run() {
    RUN=$((RUN + 1))
    DIR=$TOP/run$RUN
    mkdir -p "$DIR"
    FIRST_PID_INDEX=${#BRINDLE_PIDS[@]}
}

# Two fresh namespaces joined by a veth: the daemon's and brindle-bench's, which holds
# every sender's address and the monitor's.
set_up_network() {
    local i
    start_run
    NS_D=$P-${RUN}d NS_B=$P-${RUN}b
    add_namespace "$NS_D"
    add_namespace "$NS_B"
    link_namespaces "$NS_D" d0 "$NS_B" b0
    ip -n "$NS_D" addr add $DAEMON_IP/16 dev d0
    for ((i = 0; i < SENDERS; i++)); do ip -n "$NS_B" addr add "$(sender_ip $i)/16" dev b0; done
    ip -n "$NS_B" addr add $MONITOR_IP/16 dev b0
}

# Ends every process of the run (SIGTERM, then SIGKILL), forgets their pids so that
# `cleanup` never signals a reused one, and deletes the namespaces with their routes.
tear_down_network() {
    local pids
    pids=$(ip netns pids "$NS_D" 2>/dev/null; ip netns pids "$NS_B" 2>/dev/null)
    [ -n "$pids" ] && kill -TERM $pids 2>/dev/null
    for _ in $(seq 50); do
        [ -z "$(ip netns pids "$NS_D"; ip netns pids "$NS_B")" ] 2>/dev/null && break
        sleep 0.1
    done
    pids=$(ip netns pids "$NS_D" 2>/dev/null; ip netns pids "$NS_B" 2>/dev/null)
    [ -n "$pids" ] && kill -KILL $pids 2>/dev/null
    for pid in "${BRINDLE_PIDS[@]:$FIRST_PID_INDEX}"; do wait "$pid" 2>/dev/null; done
    BRINDLE_PIDS=("${BRINDLE_PIDS[@]:0:$FIRST_PID_INDEX}")
    ip netns del "$NS_D" 2>/dev/null
    ip netns del "$NS_B" 2>/dev/null
    return 0
}

# Starts daemon $2 for run $1 and waits until it listens; records its version.
start_daemon() {
    local key=$1 daemon=$2
    VERSION[$daemon]=$("${daemon}_version")
    if ! "${daemon}_start"; then
        NOTE[$key]="its configuration could not be made"
        return 1
    fi
    wait_until 20 daemon_listening && return 0
    NOTE[$key]="it does not listen: $(tail -n 1 "$DIR/daemon.log" 2>/dev/null)"
    return 1
}

# Prefixes each line read with the wall-clock time it was read at.
stamp_lines() {
    local line
    while IFS= read -r line; do echo "$EPOCHREALTIME $line"; done
}

# Starts brindle-bench kernel-watch in the daemon's namespace for run $1, counting $2
# routes of the daemon's protocol, and waits for its `ready`, whose wall-clock time is kept
# in READY[$1]: the watch's times count from it.
start_kernel_watch() {
    local key=$1 protocol
    protocol=$("${DAEMON}_protocol")
    ip netns exec "$NS_D" "$BIN/brindle-bench" kernel-watch --expect "$2" --protocol "$protocol" \
        --timeout "$TIMEOUT" >"$TOP/$key.kernel.json" 2> >(stamp_lines >"$TOP/$key.kernel.err") &
    WATCHER=$!
    BRINDLE_PIDS+=("$WATCHER")
    if wait_until 10 grep -q " ready$" "$TOP/$key.kernel.err"; then
        READY[$key]=$(awk '$2 == "ready" { print $1; exit }' "$TOP/$key.kernel.err")
        return 0
    fi
    NOTE[$key]="kernel-watch did not get ready: $(tail -n 1 "$TOP/$key.kernel.err")"
    return 1
}

# run_daemon SCENARIO DAEMON TABLE: one daemon, fresh, against the senders and the monitor;
# with KERNEL=yes the kernel watcher counts what it installs.
run_daemon() {
    local key=$1:$2 table=$3 status
    DAEMON=$2 WATCHER=
    say "$1: $DAEMON, $table, $SENDERS sender(s)${PER_SENDER:+ x $PER_SENDER}"
    set_up_network
    if ! start_daemon "$key" "$DAEMON"; then
        finish_run "$key" 3
        tear_down_network
        return
    fi
    if [ "$KERNEL" = yes ] && ! start_kernel_watch "$key" "${EXPECT_KERNEL:?}"; then
        finish_run "$key" 3
        tear_down_network
        return
    fi
    play "$key" "$table"
    status=$?
    if [ -n "$WATCHER" ]; then
        wait_kernel_watch "$key"
        release_sessions "$key"
        status=$?
    fi
    [ "$DAEMON" = brindled ] && [ -n "$BRINDLED_NO_EXPORT" ] \
        && NOTE[$key]="brindlectl has no --export all: brindled exports only its pools"
    finish_run "$key" $status
    tear_down_network
}

# After the run, the kernel watcher gets KERNEL_GRACE more seconds to see every route.
wait_kernel_watch() {
    wait_until "$KERNEL_GRACE" bash -c "! kill -0 $WATCHER 2>/dev/null"
    kill -TERM "$WATCHER" 2>/dev/null
    wait "$WATCHER"
    KERNEL_REPORT[$1]=$?
    [ "${KERNEL_REPORT[$1]}" -eq 0 ] && return 0
    # What the kernel holds tells a daemon that wrote too little from a watch that missed
    # notifications.
    local held
    held=$(ip -n "$NS_D" route show proto "$("${DAEMON}_protocol")" 2>/dev/null | wc -l)
    NOTE[$1]="kernel-watch saw $(kernel_field "$1" routes) of $EXPECT_KERNEL routes (the kernel\
 holds $held of the daemon's)${NOTE[$1]:+; }${NOTE[$1]:-}"
    FAILED=1
}

# brindle-bench run from the senders' namespace; CPU counted over the daemon's processes.
# With the kernel watched, the sessions stay up after the monitor converged, until
# release_sessions: a daemon whose UPDATEs run ahead of its kernel writes (brindled's may,
# by up to half a second) would otherwise withdraw routes it had not yet written, and those
# never reach the kernel. play then returns once the report is out, not its status.
play() {
    local key=$1 table=$2 before status=0 timeout=$TIMEOUT hold=()
    table_options
    # Without --export all brindled sends the monitor nothing: no use waiting long.
    [ "$DAEMON" = brindled ] && [ -n "$BRINDLED_NO_EXPORT" ] && timeout=30
    [ -n "$WATCHER" ] && hold=(--hold-until "$TOP/$key.release")
    before=$(namespace_cpu_seconds "$WATCHER")
    : >"$TOP/$key.stamped"
    (
        set -o pipefail
        ip netns exec "$NS_B" "$BIN/brindle-bench" run --target $DAEMON_IP \
            --daemon-as $DAEMON_AS "${TABLE_OPTIONS[@]}" --sender-as $SENDER_AS \
            --monitor $MONITOR_IP --monitor-as $MONITOR_AS --table "$table" --next-hop-self \
            --timeout "$timeout" --pid "$("${DAEMON}_rib_pid")" "${hold[@]}" \
            2>"$TOP/$key.err" | stamp_lines >"$TOP/$key.stamped"
    ) &
    PLAYER=$!
    if [ -n "$WATCHER" ]; then
        until [ -s "$TOP/$key.stamped" ] || ! kill -0 $PLAYER 2>/dev/null; do sleep 0.05; done
    else
        wait $PLAYER
        status=$?
    fi
    # brindle-bench prints its report once the monitor converged: its first UPDATE went out
    # converged_s before the report's time, the reference for the kernel watch's times.
    ENDED[$key]=$(awk 'NR == 1 { print $1 }' "$TOP/$key.stamped")
    cut -d' ' -f2- "$TOP/$key.stamped" >"$TOP/$key.json"
    CPU[$key]=$(awk -v a="$before" -v b="$(namespace_cpu_seconds "$WATCHER")" \
        'BEGIN { printf "%.2f", b - a }')
    return $status
}

# Lets a held brindle-bench run close its sessions; its exit status.
release_sessions() {
    touch "$TOP/$1.release"
    wait $PLAYER
}

# The same table for the ceiling and every daemon.
run_all() {
    local scenario=$1 table=$2 daemon
    run_direct "$scenario" "$table"
    for daemon in "${DAEMON_LIST[@]}"; do run_daemon "$scenario" "$daemon" "$table"; done
}

scenario_S1() {
    SENDERS=1 PER_SENDER= KERNEL=no
    run_all S1 "synthetic:$S1_PREFIXES"
}

# A real table, decompressed into the run's folder; absent files are skipped with a note.
scenario_S1r() {
    SENDERS=1 PER_SENDER= KERNEL=no
    S1R_TABLES=()
    if [ -f "$IPASN" ]; then
        real_prefixes "$TOP/ipasn.txt"
        S1R_TABLES+=(S1r)
        run_all S1r "prefixes:$TOP/ipasn.txt"
    else
        NOTE[S1r]="skipped: $IPASN is absent (a fresh clone has no ../shared/data)"
        warn "S1r: ${NOTE[S1r]}"
    fi
    # The real MRT table only at full size: it adds a run per daemon.
    [ "$SIZE" = full ] && [ -f "$BVIEW" ] || return 0
    zcat "$BVIEW" >"$TOP/bview.mrt"
    S1R_TABLES+=(S1m)
    run_all S1m "mrt:$TOP/bview.mrt"
}

# Writes to $1 the prefix list, its first S1R_LINES prefixes at quick size, without those
# whose origin is one of the benchmark's own ASes (their number in S1R_DROPPED): every daemon
# drops a path holding its own AS (RFC 4271 section 9.1.2), some never send the monitor one
# holding the monitor's.
real_prefixes() {
    local own="$DAEMON_AS $MONITOR_AS" i
    for ((i = 0; i < S2_SENDERS; i++)); do own+=" $((SENDER_AS + i))"; done
    : >"$1"
    S1R_DROPPED=$(zcat "$IPASN" | awk -F'\t' -v own="$own" -v limit="${S1R_LINES:-0}" \
        -v out="$1" '
        BEGIN { split(own, list, " "); for (i in list) skip[list[i]] = 1 }
        /^;/ { next }
        limit > 0 && ++lines > limit { exit }
        ($2 in skip) { dropped++; next }
        { print >out }
        END { print dropped + 0 }')
}

scenario_S2() {
    SENDERS=$S2_SENDERS PER_SENDER=$S2_PER_SENDER OVERLAP=$S2_OVERLAP KERNEL=no
    # Enough distinct prefixes for every sender's slice; the slices overlap.
    run_all S2 "synthetic:$((S2_SENDERS * S2_PER_SENDER))"
}

# The raw inserter, then every daemon that can install with its kernel export on; the
# monitor still takes every route, and kernel-watch counts the daemon's own.
scenario_S3() {
    SENDERS=1 PER_SENDER= KERNEL=yes EXPECT_KERNEL=$S3_PREFIXES
    run_direct S3 "synthetic:$S3_PREFIXES"
    run_inserter
    local daemon
    for daemon in "${DAEMON_LIST[@]}"; do
        DAEMON=$daemon
        if [ -z "$("${daemon}_protocol")" ]; then
            RESULT[S3:$daemon]=n/a
            NOTE[S3:$daemon]=$(no_kernel_reason "$daemon")
            continue
        fi
        run_daemon S3 "$daemon" "synthetic:$S3_PREFIXES"
    done
}

no_kernel_reason() {
    case $1 in
        gobgp) echo "GoBGP installs routes only through zebra" ;;
        openbgpd) echo "this OpenBGPD is built without netlink (no libmnl): fib-update does" \
            "nothing on Linux" ;;
        *) echo "no kernel install" ;;
    esac
}

# brindle-bench insert in a namespace of its own, through a neighbour on a veth whose both
# ends stay in it (the dummy link type may be missing). The same kernel watcher as in the
# daemons' runs listens meanwhile: the kernel's cost of telling it about every route is
# then in both rates alike.
run_inserter() {
    local key=S3:insert namespace=$P-insert status
    say "S3: the raw inserter, $S3_PREFIXES routes"
    add_namespace "$namespace"
    ip -n "$namespace" link add v0 type veth peer name v1
    ip -n "$namespace" link set v0 up
    ip -n "$namespace" link set v1 up
    ip -n "$namespace" addr add 10.222.0.1/24 dev v0
    NS_D=$namespace DAEMON=inserter WATCHER=
    if start_kernel_watch "$key" "$S3_PREFIXES"; then
        ip netns exec "$namespace" "$BIN/brindle-bench" insert --count "$S3_PREFIXES" \
            --via 10.222.0.2 --protocol "$(inserter_protocol)" >"$TOP/$key.json" \
            2>"$TOP/$key.err"
        status=$?
        wait_kernel_watch "$key"
    else
        status=3
    fi
    finish_run "$key" $status
    ip netns pids "$namespace" 2>/dev/null | xargs -r kill -KILL 2>/dev/null
    ip netns del "$namespace"
}

# The raw inserter's route protocol: one no daemon under test uses.
inserter_protocol() { echo 201; }

# S5: the decoder alone, on the synthetic table and on the real MRT one when present.
scenario_S5() {
    local seconds=2
    [ "$SIZE" = full ] && seconds=10
    say "S5: brindle-bench decode, synthetic:$S1_PREFIXES"
    "$BIN/brindle-bench" decode --table "synthetic:$S1_PREFIXES" --seconds $seconds \
        >"$TOP/S5:synthetic.json" 2>"$TOP/S5:synthetic.err"
    finish_run S5:synthetic $?
    [ -f "$BVIEW" ] || return 0
    zcat "$BVIEW" >"$TOP/bview.mrt"
    say "S5: brindle-bench decode, the real MRT table"
    "$BIN/brindle-bench" decode --table "mrt:$TOP/bview.mrt" --seconds $seconds \
        >"$TOP/S5:mrt.json" 2>"$TOP/S5:mrt.err"
    finish_run S5:mrt $?
}

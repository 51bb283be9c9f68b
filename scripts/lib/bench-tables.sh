# The tables of scripts/bench, as Markdown so that --record appends them as printed, and
# the record itself. Source it after bench-scenarios.sh.

# Formats a number with $1 decimals; n/a when empty.
number() { [ -n "$2" ] && printf "%.${1}f" "$2" || printf 'n/a'; }
mebibytes() { [ -n "$1" ] && awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }' || printf 'n/a'; }
# A ratio a / b as x0.00; n/a unless both are there.
ratio() {
    [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" \
        'BEGIN { if (b == 0) printf "n/a"; else printf "x%.2f", a / b }' || printf 'n/a'
}

# Bytes of RSS growth per path held: (RSS at convergence - RSS before) / paths. The daemon
# holds one path per prefix each sender sent (S1: one path per prefix).
bytes_per_path() {
    local before after paths
    before=$(field "$1" daemon_rss_before_kib) after=$(field "$1" daemon_rss_after_kib)
    paths=$(field "$1" prefixes_sent)
    [ -n "$before" ] && [ -n "$after" ] && [ -n "$paths" ] && [ "$paths" -gt 0 ] || return 0
    awk -v b="$before" -v a="$after" -v p="$paths" 'BEGIN { printf "%.0f", (a - b) * 1024 / p }'
}

# Leaves in BEST the smallest value of $2 among the successful runs of the daemons other
# than brindled, and in BEST_NAME that daemon; both empty when there is none.
best_other() {
    local scenario=$1 what=$2 daemon value
    BEST= BEST_NAME=
    for daemon in "${DAEMON_LIST[@]}"; do
        [ "$daemon" = brindled ] || [ "${RESULT[$scenario:$daemon]:-}" != ok ] && continue
        value=$("$what" "$scenario:$daemon")
        [ -n "$value" ] || continue
        [ -z "$BEST" ] || awk -v v="$value" -v b="$BEST" 'BEGIN { exit !(v < b) }' \
            && BEST=$value BEST_NAME=$daemon
    done
    return 0
}

converged() { field "$1" converged_s; }
result_of() { echo "${RESULT[$1]:-not run}"; }

# The notes of the given runs, after a blank line; nothing when there are none.
notes() {
    local key lines=()
    for key in "$@"; do
        [ -n "${NOTE[$key]:-}" ] && lines+=("- $key: ${NOTE[$key]}")
    done
    [ ${#lines[@]} -eq 0 ] || { echo; printf '%s\n' "${lines[@]}"; }
}

# table_session SCENARIO TITLE: the ceiling, then a row per daemon, then the ratios.
table_session() {
    local scenario=$1 key daemon
    echo "**$scenario**: $2"
    echo
    echo "| daemon | version | result | converged s | CPU s | peak RSS MiB | bytes/path |" \
        "prefixes sent | received |"
    echo "|---|---|---|---|---|---|---|---|---|"
    key=$scenario:direct
    echo "| direct (no daemon: the ceiling) | brindle-bench | $(result_of "$key")" \
        "| $(number 2 "$(converged "$key")") | | | | $(field "$key" prefixes_sent)" \
        "| $(field "$key" prefixes_received) |"
    for daemon in "${DAEMON_LIST[@]}"; do
        key=$scenario:$daemon
        echo "| $daemon | ${VERSION[$daemon]:-} | $(result_of "$key")" \
            "| $(number 2 "$(converged "$key")") | ${CPU[$key]:-n/a}" \
            "| $(mebibytes "$(field "$key" daemon_peak_rss_kib)")" \
            "| $(bytes_per_path "$key") | $(field "$key" prefixes_sent)" \
            "| $(field "$key" prefixes_received) |"
    done
    session_ratios "$scenario"
    notes "$scenario:direct" "${DAEMON_LIST[@]/#/$scenario:}"
}

# brindled against BIRD and against the best other daemon: time and memory per path.
session_ratios() {
    local scenario=$1 mine=$1:brindled best_time best_memory time_name
    [ "${RESULT[$mine]:-}" = ok ] || return 0
    if [ "${RESULT[$scenario:bird]:-}" = ok ]; then
        echo "| brindled / BIRD | | |" \
            "$(ratio "$(converged "$mine")" "$(converged "$scenario:bird")")" \
            "| $(ratio "${CPU[$mine]}" "${CPU[$scenario:bird]}") | | $(ratio \
            "$(bytes_per_path "$mine")" "$(bytes_per_path "$scenario:bird")") | | |"
    fi
    best_other "$scenario" converged
    best_time=$BEST time_name=$BEST_NAME
    best_other "$scenario" bytes_per_path
    best_memory=$BEST
    [ -n "$best_time" ] || return 0
    echo "| brindled / best other (time: $time_name, memory: $BEST_NAME) | | |" \
        "$(ratio "$(converged "$mine")" "$best_time") | | |" \
        "$(ratio "$(bytes_per_path "$mine")" "$best_memory") | | |"
}

table_S1() {
    table_session S1 "one sender, synthetic:$S1_PREFIXES; time until the monitor holds every
prefix, from the first UPDATE. CPU: all the daemon's processes over the run; peak RSS: VmHWM
of the process holding the routes; bytes/path: its RSS growth over the paths it holds, one
per prefix from the one sender. No daemon writes the routes to the kernel here (brindled
runs with --no-kernel-routes)."
}

s1r_title() {
    local part="the real prefixes of $(basename "$IPASN")"
    [ -n "$S1R_LINES" ] && part="the first $S1R_LINES real prefixes of $(basename "$IPASN")"
    echo "as S1 with $part,"
    echo "attributes synthetic around each origin AS."
    [ "${S1R_DROPPED:-0}" -eq 0 ] && return
    echo "The $S1R_DROPPED whose origin is one of the benchmark's own ASes are left out."
}

table_S1r() {
    local table
    if [ ${#S1R_TABLES[@]} -eq 0 ]; then
        echo "**S1r**: ${NOTE[S1r]:-not run}"
        return
    fi
    for table in "${S1R_TABLES[@]}"; do
        case $table in
            S1r) table_session S1r "$(s1r_title)" ;;
            S1m) echo
                 table_session S1m "as S1 with the real MRT table $(basename "$BVIEW")
(TABLE_DUMP, the first entry per prefix, its own attributes)." ;;
        esac
    done
}

table_S2() {
    table_session S2 "$S2_SENDERS senders (AS 65001..), $S2_PER_SENDER prefixes each, each
slice overlapping the next by $S2_OVERLAP %, so the decision process picks among paths;
bytes/path counts every path received (prefixes sent, summed over the senders)."
}

kernel_field() { jq -r ".$2 // empty" "$TOP/$1.kernel.json" 2>/dev/null; }
# From the first route in the kernel to the last.
kernel_spread() {
    local first last
    first=$(kernel_field "$1" first_s) last=$(kernel_field "$1" last_s)
    [ -n "$first" ] && [ -n "$last" ] && awk -v f="$first" -v l="$last" \
        'BEGIN { printf "%.3f", l - f }'
}

# From the first UPDATE until the last route is in the kernel: the watch's last time after
# its `ready`, less the first UPDATE's wall-clock time (the report's less converged_s).
kernel_seconds() {
    local last converged
    last=$(kernel_field "$1" last_s) converged=$(converged "$1")
    [ -n "$last" ] && [ -n "$converged" ] && [ -n "${READY[$1]:-}" ] && [ -n "${ENDED[$1]:-}" ] \
        || return 0
    awk -v r="${READY[$1]}" -v l="$last" -v e="${ENDED[$1]}" -v c="$converged" \
        'BEGIN { printf "%.3f", r + l - (e - c) }'
}

kernel_rate() {
    local seconds routes
    seconds=$(kernel_seconds "$1") routes=$(kernel_field "$1" routes)
    [ -n "$seconds" ] && [ -n "$routes" ] \
        && awk -v s="$seconds" -v r="$routes" 'BEGIN { if (s > 0) printf "%.0f", r / s }'
}

# The kernel's result (kernel-watch saw every route) and the monitor's, apart.
s3_result() {
    local kernel=FAILED
    [ "${RESULT[$1]:-}" = n/a ] && { echo n/a; return; }
    [ "${KERNEL_REPORT[$1]:-1}" -eq 0 ] && kernel=ok
    echo "kernel $kernel, monitor $(result_of "$1")"
}

table_S3() {
    local key daemon raw
    echo "**S3**: synthetic:$S3_PREFIXES learned from one sender into the kernel, the daemon's"
    echo "kernel export on; counted by brindle-bench kernel-watch in the daemon's namespace"
    echo "(its protocol's route notifications). To FIB: from the first UPDATE until the last"
    echo "route is in the kernel (the first UPDATE's wall-clock time: when brindle-bench printed"
    echo "its report less converged s, some 20 ms late); routes/s over that time; first to last:"
    echo "from the first route in the kernel to the last. The raw inserter writes the same"
    echo "prefixes with batched netlink and no daemon, with no BGP before it, while the same"
    echo "kernel watcher listens."
    echo
    echo "| daemon | version | results | kernel routes | to FIB s | first to last s | routes/s" \
        "| x raw inserter | monitor converged s | CPU s | peak RSS MiB |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    key=S3:insert
    raw=$(field "$key" routes_per_s)
    echo "| raw inserter | brindle-bench | $(result_of "$key") | $(field "$key" routes)" \
        "| $(number 3 "$(field "$key" insert_s)") | | $(number 0 "$raw") | x1.00 | | | |"
    echo "| direct (no daemon, no kernel) | brindle-bench | $(result_of S3:direct) | | | | |" \
        "| $(number 2 "$(converged S3:direct)") | | |"
    for daemon in "${DAEMON_LIST[@]}"; do
        key=S3:$daemon
        echo "| $daemon | ${VERSION[$daemon]:-} | $(s3_result "$key")" \
            "| $(kernel_field "$key" routes) | $(number 3 "$(kernel_seconds "$key")")" \
            "| $(number 3 "$(kernel_spread "$key")") | $(number 0 "$(kernel_rate "$key")")" \
            "| $(ratio "$(kernel_rate "$key")" "$raw")" \
            "| $(number 2 "$(converged "$key")") | ${CPU[$key]:-n/a}" \
            "| $(mebibytes "$(field "$key" daemon_peak_rss_kib)") |"
    done
    [ -n "$(kernel_seconds S3:brindled)" ] && [ -n "$(kernel_seconds S3:bird)" ] \
        && echo "| brindled / BIRD (to FIB) | | | | $(ratio "$(kernel_seconds S3:brindled)" \
            "$(kernel_seconds S3:bird)") | | | | | | |"
    notes S3:insert S3:direct "${DAEMON_LIST[@]/#/S3:}"
}

milliseconds() { number 1 "$(field "$1" "$2")"; }

table_S4() {
    local key daemon
    echo "**S4**: $S4_ADDS container addresses added on host A one at a time, each until its"
    echo "route is in host B's kernel (ip -ts monitor route on both hosts); from the command's"
    echo "start (brindled: brindlectl container c1 ip add; BIRD: ip route add, learned by its"
    echo "kernel protocol) and from the route's arrival in A's kernel; iBGP between the hosts."
    echo
    echo "| daemon | version | result | adds | p50 ms | p99 ms | max ms | A kernel to B p50 ms" \
        "| p99 ms |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for daemon in "${DAEMON_LIST[@]}"; do
        key=S4:$daemon
        [ "${RESULT[$key]:-}" = n/a ] && continue
        echo "| $daemon | ${VERSION[$daemon]:-} | $(result_of "$key") | $(field "$key" done)" \
            "| $(milliseconds "$key" total_p50_ms) | $(milliseconds "$key" total_p99_ms)" \
            "| $(milliseconds "$key" total_max_ms) | $(milliseconds "$key" from_a_p50_ms)" \
            "| $(milliseconds "$key" from_a_p99_ms) |"
    done
    [ "${RESULT[S4:brindled]:-}" = ok ] && [ "${RESULT[S4:bird]:-}" = ok ] \
        && echo "| brindled / BIRD | | | | $(ratio "$(field S4:brindled total_p50_ms)" \
            "$(field S4:bird total_p50_ms)") | $(ratio "$(field S4:brindled total_p99_ms)" \
            "$(field S4:bird total_p99_ms)") | | | |"
    notes "${DAEMON_LIST[@]/#/S4:}"
}

table_S5() {
    local key
    echo "**S5**: brindle-bench decode, pre-encoded UPDATEs decoded in a loop on one core."
    echo
    echo "| table | result | prefixes | seconds | prefixes/s |"
    echo "|---|---|---|---|---|"
    for key in S5:synthetic S5:mrt; do
        [ -n "${RESULT[$key]:-}" ] || continue
        echo "| ${key#S5:} | $(result_of "$key") | $(field "$key" prefixes)" \
            "| $(number 2 "$(field "$key" seconds)")" \
            "| $(number 0 "$(field "$key" prefixes_per_s)") |"
    done
    notes S5:synthetic S5:mrt
}

# Appends the report to BENCHMARKS.md with the machine, the kernel, the date and versions.
record() {
    local benchmarks=$BRINDLE_ROOT/BENCHMARKS.md daemon versions=()
    for daemon in "${DAEMON_LIST[@]}"; do
        [ -n "${VERSION[$daemon]:-}" ] && versions+=("${VERSION[$daemon]}")
    done
    [ -f "$benchmarks" ] || echo "# Brindle benchmarks" >"$benchmarks"
    {
        echo
        echo "## $(date -u '+%Y-%m-%d %H:%M UTC'): scripts/bench ($SIZE)"
        echo
        echo "scripts/bench --$SIZE --scenarios $SCENARIOS --daemons $DAEMONS."
        echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo \
            | head -n 1), Linux $(uname -r); $(swift --version 2>&1 | head -n 1)."
        echo "Daemons: $(IFS=,; echo "${versions[*]}" | sed 's/,/, /g')."
        echo
        echo "$1"
    } >>"$benchmarks"
    say "recorded in BENCHMARKS.md"
}

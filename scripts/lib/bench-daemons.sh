# The daemons under test for scripts/bench, each with an equivalent configuration: eBGP in
# AS $DAEMON_AS on $DAEMON_IP, every sender ($SENDER_IPS, AS $SENDER_AS + i) and the monitor
# ($MONITOR_IP, AS $MONITOR_AS) configured passive, everything learned exported to the
# monitor with next hop self and nothing to the senders, kernel install only when $KERNEL is
# yes (brindled with --no-kernel-routes otherwise). Source it after common.sh.
#
# For each daemon D: D_start (writes its configuration in $DIR, starts it in $NS_D and
# leaves its pid in DAEMON_PID), D_version, D_rib_pid (the process that holds the routes,
# whose memory is measured) and D_protocol (the rtm_protocol of its kernel routes, empty when
# it cannot install any). Each run starts its daemon afresh.

# The i-th sender's address and AS, i from 0.
sender_ip() { echo "10.220.1.$(($1 + 1))"; }
sender_as() { echo $((SENDER_AS + $1)); }

# Whether something in the daemon's namespace listens on the BGP port.
daemon_listening() { ip netns exec "$NS_D" ss -Hltn 'sport = :179' | grep -q .; }

daemon_spawn() {
    spawn_in "$NS_D" "$DIR/daemon.log" "$@"
    DAEMON_PID=${BRINDLE_PIDS[-1]}
}

# --- brindled: the store holds the node, a pool, the senders (sent nothing: the default
# scope exports only the pool, which holds no route) and the monitor with --export all.

BRINDLED_NO_EXPORT=

brindled_ctl() {
    "$BIN/brindlectl" --store "$DIR/store.db" "$@" >>"$DIR/brindlectl.log" 2>&1 && return 0
    warn "brindlectl $* failed: $(tail -n 1 "$DIR/brindlectl.log")"
    return 1
}

# Adds the monitor, a passive peer that gets every route (--export all); a brindlectl without
# that option gets the peer without it, and the run is marked as lacking it (it will time out).
brindled_peer() {
    "$BIN/brindlectl" --store "$DIR/store.db" bgp peer add "$1" as "$2" --passive --export all \
        >>"$DIR/brindlectl.log" 2>&1 && return 0
    BRINDLED_NO_EXPORT=1
    brindled_ctl bgp peer add "$1" as "$2" --passive
}

brindled_start() {
    local i kernel=(--no-kernel-routes)
    [ "$KERNEL" = yes ] && kernel=()
    BRINDLED_NO_EXPORT=
    brindled_ctl node add bench --ip "$DAEMON_IP" --as "$DAEMON_AS" \
        && brindled_ctl pool add 10.99.0.0/24 || return 1
    for ((i = 0; i < SENDERS; i++)); do
        brindled_ctl bgp peer add "$(sender_ip $i)" as "$(sender_as $i)" --passive || return 1
    done
    brindled_peer "$MONITOR_IP" "$MONITOR_AS" || return 1
    daemon_spawn "$BIN/brindled" --node bench --store "$DIR/store.db" \
        --control "$DIR/brindled.ctl" --pid-file "$DIR/brindled.pid" --log-level notice \
        "${kernel[@]}"
}

brindled_version() { echo "brindled $(cd "$BRINDLE_ROOT" && git describe --always --dirty)"; }
brindled_rib_pid() { echo "$DAEMON_PID"; }
brindled_protocol() { echo 150; }

# --- BIRD 2: one protocol per sender from a template, the monitor export-only.

bird_start() {
    local i kernel=
    [ "$KERNEL" = yes ] && kernel='protocol kernel { ipv4 { import none; export all; }; }'
    {
        echo "log \"$DIR/bird.log\" { warning, error, fatal, bug };"
        echo "router id $DAEMON_IP;"
        echo "protocol device { scan time 60; }"
        echo "$kernel"
        echo "template bgp sender {"
        echo "    local $DAEMON_IP as $DAEMON_AS; passive on; hold time 90;"
        echo "    ipv4 { import all; export none; };"
        echo "}"
        for ((i = 0; i < SENDERS; i++)); do
            echo "protocol bgp s$i from sender { neighbor $(sender_ip $i) as $(sender_as $i); }"
        done
        echo "protocol bgp monitor {"
        echo "    local $DAEMON_IP as $DAEMON_AS; neighbor $MONITOR_IP as $MONITOR_AS;"
        echo "    passive on; hold time 90;"
        echo "    ipv4 { import none; export all; next hop self; };"
        echo "}"
    } >"$DIR/bird.conf"
    daemon_spawn bird -f -c "$DIR/bird.conf" -s "$DIR/bird.ctl" -P "$DIR/bird.pid"
}

bird_version() { bird --version 2>&1 | sed -n 's/^BIRD version /BIRD /p' | head -n 1; }
bird_rib_pid() { echo "$DAEMON_PID"; }
bird_protocol() { echo 12; }

# --- GoBGP: every neighbor passive, IPv4 unicast; it has no kernel install without zebra.

gobgp_neighbor() {
    cat <<TOML
[[neighbors]]
  [neighbors.config]
    neighbor-address = "$1"
    peer-as = $2
  [neighbors.transport.config]
    passive-mode = true
    local-address = "$DAEMON_IP"
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv4-unicast"
TOML
}

gobgp_start() {
    local i
    {
        printf '[global.config]\n  as = %s\n  router-id = "%s"\n' "$DAEMON_AS" "$DAEMON_IP"
        printf '  local-address-list = ["%s"]\n' "$DAEMON_IP"
        for ((i = 0; i < SENDERS; i++)); do gobgp_neighbor "$(sender_ip $i)" "$(sender_as $i)"; done
        gobgp_neighbor "$MONITOR_IP" "$MONITOR_AS"
    } >"$DIR/gobgpd.toml"
    daemon_spawn gobgpd -f "$DIR/gobgpd.toml" --api-hosts 127.0.0.1:50051 -l warn
}

gobgp_version() { gobgpd --version 2>&1 | sed -n 's/^gobgpd version /GoBGP /p' | head -n 1; }
gobgp_rib_pid() { echo "$DAEMON_PID"; }
gobgp_protocol() { echo; }

# --- FRR: bgpd alone (-Z) without the kernel; with it, zebra first and bgpd talking to it.

frr_start() {
    local i zebra=(-Z)
    mkdir -p "$DIR/frr"
    {
        echo "frr defaults traditional"
        echo "hostname bench"
        echo "log file $DIR/frr.log warnings"
        echo "router bgp $DAEMON_AS"
        echo " bgp router-id $DAEMON_IP"
        echo " no bgp ebgp-requires-policy"
        echo " no bgp network import-check"
        for ((i = 0; i < SENDERS; i++)); do
            echo " neighbor $(sender_ip $i) remote-as $(sender_as $i)"
            echo " neighbor $(sender_ip $i) passive"
        done
        echo " neighbor $MONITOR_IP remote-as $MONITOR_AS"
        echo " neighbor $MONITOR_IP passive"
        echo " address-family ipv4 unicast"
        echo "  neighbor $MONITOR_IP next-hop-self"
        echo " exit-address-family"
    } >"$DIR/frr/bgpd.conf"
    if [ "$KERNEL" = yes ]; then
        # zebra has no -S: it runs as frr (keeping its network capabilities), so its folder
        # is frr's and the folders above it can be passed through.
        echo "hostname bench" >"$DIR/frr/zebra.conf"
        chmod a+x "$TOP" "$DIR"
        chown -R frr:frr "$DIR/frr"
        spawn_in "$NS_D" "$DIR/zebra.log" /usr/lib/frr/zebra -f "$DIR/frr/zebra.conf" \
            -i "$DIR/frr/zebra.pid" --vty_socket "$DIR/frr" -z "$DIR/frr/zserv.api" -P 0 \
            -s 134217728 --log stdout
        wait_until 10 test -S "$DIR/frr/zserv.api" || warn "zebra did not start"
        zebra=()
    fi
    daemon_spawn /usr/lib/frr/bgpd "${zebra[@]}" -S -f "$DIR/frr/bgpd.conf" \
        -i "$DIR/frr/bgpd.pid" --vty_socket "$DIR/frr" -z "$DIR/frr/zserv.api" -P 0 \
        --log stdout
}

frr_version() { /usr/lib/frr/bgpd --version 2>&1 | sed -n 's/^bgpd version /FRR /p' | head -n 1; }
frr_rib_pid() { echo "$DAEMON_PID"; }
frr_protocol() { echo 186; }

# --- OpenBGPD in the foreground; its routes live in the route decision engine process.

openbgpd_start() {
    local i fib=no
    [ "$KERNEL" = yes ] && fib=yes
    {
        echo "AS $DAEMON_AS"
        echo "router-id $DAEMON_IP"
        echo "listen on $DAEMON_IP"
        echo "socket \"$DIR/bgpd.sock\""
        echo "fib-update $fib"
        for ((i = 0; i < SENDERS; i++)); do
            printf 'neighbor %s {\n    remote-as %s\n    passive\n}\n' "$(sender_ip $i)" \
                "$(sender_as $i)"
        done
        printf 'neighbor %s {\n    remote-as %s\n    passive\n    set nexthop self\n}\n' \
            "$MONITOR_IP" "$MONITOR_AS"
        echo "allow from any"
        echo "allow to any"
    } >"$DIR/bgpd.conf"
    # Its processes chroot to the _openbgpd user's home, which systemd would create.
    mkdir -p "$(getent passwd _openbgpd | cut -d: -f6)"
    daemon_spawn bgpd -d -f "$DIR/bgpd.conf"
}

openbgpd_version() { bgpd -V 2>&1 | head -n 1; }

# The portable OpenBGPD writes kernel routes (RTPROT_BGP) only when built with libmnl;
# Debian 12's 7.7 is not, and its fib-update does nothing on Linux.
openbgpd_protocol() { ldd "$(command -v bgpd)" 2>/dev/null | grep -q libmnl && echo 186; }

# The route decision engine: the child started as `bgpd -R` (-S is the session engine, -T
# the RTR engine); the parent when none is found.
openbgpd_rib_pid() {
    local child
    for child in $(pgrep -P "$DAEMON_PID"); do
        tr '\0' ' ' <"/proc/$child/cmdline" 2>/dev/null | grep -q -- " -R " \
            && { echo "$child"; return; }
    done
    echo "$DAEMON_PID"
}

# CPU seconds (utime + stime) of every process in the daemon's namespace but those given.
namespace_cpu_seconds() {
    local pid ticks=0 skip=" $* " fields
    for pid in $(ip netns pids "$NS_D"); do
        [[ "$skip" == *" $pid "* ]] && continue
        fields=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
        ticks=$((ticks + $(echo "$fields" | awk '{ print $12 + $13 }')))
    done
    awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", t / hz }'
}

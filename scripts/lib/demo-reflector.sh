# `scripts/demo --reflector`: route reflection (RFC 4456) end to end. Sourced by
# scripts/demo once brindled is built, with BIN set and the cleanup traps in place.
#
# The node mesh is off. Two reflector hosts (r1, r2) peer with each other, with
# every client host (h1 to h4, two containers each) and, over eBGP, with the BIRD
# ToR (AS 65000), which peers with nothing else. Checks: every container reaches
# every other; clients learn each route from both reflectors with the owning host
# as next hop, as does the ToR; steady pings lose nothing while r1 is stopped, nor
# while the mesh is switched on and off again.
. "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"
ensure_packages jq

P=brdemo$$
DIR=$(make_temp_dir demo-reflector)
STORE=$DIR/store.db
ctl() { "$BIN/brindlectl" --store "$STORE" "$@"; }
REFLECTORS=(r1 r2)
CLIENTS=(h1 h2 h3 h4)
declare -A HOST_IP=(
    [r1]=10.10.0.11 [r2]=10.10.0.12
    [h1]=10.10.0.1 [h2]=10.10.0.2 [h3]=10.10.0.3 [h4]=10.10.0.4
)
declare -A DAEMON_PID=()
TOR_IP=10.10.0.254
POOL=10.65.0.0/24
control() { echo "$DIR/$1.ctl"; }

say "fabric: a bridge joining the ToR, two reflectors and four clients on 10.10.0.0/24"
make_fabric "$P-fab"
join_fabric "$P-fab" "$P-tor" tor $TOR_IP/24
for node in "${REFLECTORS[@]}" "${CLIENTS[@]}"; do
    join_fabric "$P-fab" "$P-$node" "$node" "${HOST_IP[$node]}/24"
    # The ToR is each host's gateway, as in the default demo.
    ip -n "$P-$node" route add default via $TOR_IP
done

say "store: pool $POOL, six nodes"
ctl pool add $POOL --nat-outgoing >/dev/null || die "pool add failed"
for node in "${REFLECTORS[@]}" "${CLIENTS[@]}"; do
    ctl node add "$node" --ip "${HOST_IP[$node]}" >/dev/null || die "node add $node failed"
done

# The reflection part of the store, kept apart: two reflectors, the ToR a peer of
# each of them only, the mesh off. Each reflector is its own cluster.
configure_reflection() {
    local reflector
    for reflector in "${REFLECTORS[@]}"; do
        ctl node set "$reflector" --route-reflector || die "node set $reflector failed"
        ctl bgp peer add $TOR_IP as 65000 --node "$reflector" >/dev/null \
            || die "bgp peer add for $reflector failed"
    done
    ctl bgp node-mesh off || die "node-mesh off failed"
}
configure_reflection

say "ToR: BIRD 2 in AS 65000, peering with r1 and r2 only"
cat >"$DIR/bird.conf" <<BIRD
log "$DIR/bird.log" all;
router id $TOR_IP;
protocol device { scan time 5; }
protocol kernel { ipv4 { import none; export all; }; }
template bgp reflector {
    local $TOR_IP as 65000;
    ipv4 { import all; export all; next hop self; };
    connect retry time 2;
    error wait time 1, 10;
}
BIRD
for node in "${REFLECTORS[@]}"; do
    echo "protocol bgp $node from reflector { neighbor ${HOST_IP[$node]} as 64511; }" \
        >>"$DIR/bird.conf"
done
spawn_in "$P-tor" "$DIR/bird.out" bird -f -c "$DIR/bird.conf" -s "$DIR/bird.ctl" -P "$DIR/bird.pid"
birdc() { command birdc -s "$DIR/bird.ctl" "$@"; }

start_brindled() {
    spawn_in "$P-$1" "$DIR/$1.log" "$BIN/brindled" --node "$1" --store "$STORE" \
        --control "$(control "$1")" --connect-retry 1
    DAEMON_PID[$1]=$!
}
say "hosts: brindled on r1, r2 and h1 to h4"
for node in "${REFLECTORS[@]}" "${CLIENTS[@]}"; do start_brindled "$node"; done

say "containers: two per client host, from $POOL"
declare -A CONTAINER_IP=() CONTAINER_NODE=()
CONTAINERS=()
for node in "${CLIENTS[@]}"; do
    for suffix in a b; do
        name="c${node#h}$suffix"
        add_container "$P-$node" "$node" "$name" "$P-$name" --pool $POOL
        CONTAINER_IP[$name]=$(container_address "$P-$name")
        CONTAINER_NODE[$name]=$node
        CONTAINERS+=("$name")
        echo "    $name on $node: ${CONTAINER_IP[$name]}"
    done
done

# ---------------------------------------------------------------------------------------
say "routes: every host and the ToR, through the reflectors"
owner_ip() { echo "${HOST_IP[${CONTAINER_NODE[$1]}]}"; }
# routes_everywhere NODE...: each node's kernel and the ToR's route every container to
# its own host.
routes_everywhere() {
    local node name
    for node in "$@"; do
        for name in "${CONTAINERS[@]}"; do
            [ "${CONTAINER_NODE[$name]}" = "$node" ] && continue
            kernel_route_via "$P-$node" "${CONTAINER_IP[$name]}" "$(owner_ip "$name")" || return 1
        done
    done
    for name in "${CONTAINERS[@]}"; do tor_route_is_direct "$name" || return 1; done
}
# The ToR must send straight to the container's own host, never through a reflector.
tor_route_is_direct() {
    ip -n "$P-tor" route show "${CONTAINER_IP[$1]}/32" | grep -q "via $(owner_ip "$1") "
}
check_within "every host and the ToR route every container to its own host" 60 \
    routes_everywhere "${REFLECTORS[@]}" "${CLIENTS[@]}"

# BIRD holds a path from each reflector, both with the owning host as next hop
# (the third-party next hop of RFC 4271 §5.1.3: all are on one subnet).
bird_next_hops() { birdc show route for "${CONTAINER_IP[$1]}/32" | awk '$1 == "via" { print $2 }'; }
bird_has_both_paths() {
    [ "$(bird_next_hops "$1" | grep -cx "$(owner_ip "$1")")" -eq 2 ] \
        && [ "$(bird_next_hops "$1" | grep -vcx "$(owner_ip "$1")")" -eq 0 ]
}
for name in "${CONTAINERS[@]}"; do
    check_within "BIRD holds ${CONTAINER_IP[$name]}/32 from r1 and r2, via $(owner_ip "$name")" 10 \
        bird_has_both_paths "$name"
done

# A client holds every other client's container route from each reflector, the next
# hop being the owning host.
learned_from() {
    local client=$1 reflector=$2 name routes
    routes=$("$BIN/brindlectl" show routes --json --control "$(control "$client")") || return 1
    for name in "${CONTAINERS[@]}"; do
        [ "${CONTAINER_NODE[$name]}" = "$client" ] && continue
        jq -e --arg prefix "${CONTAINER_IP[$name]}/32" --arg source "${HOST_IP[$reflector]}" \
            --arg nextHop "$(owner_ip "$name")" \
            'any(.routes[]; .prefix == $prefix and .source == $source and .nextHop == $nextHop)' \
            <<<"$routes" >/dev/null || return 1
    done
}
for client in "${CLIENTS[@]}"; do
    for reflector in "${REFLECTORS[@]}"; do
        check_within "$client learned the other hosts' containers from $reflector" 10 \
            learned_from "$client" "$reflector"
    done
done

say "peer types in brindlectl status"
client_sees_reflectors() {
    local ctl_path
    ctl_path=$(control "$1")
    [ "$(peer_type "$ctl_path" "${HOST_IP[r1]}")" = reflector ] \
        && [ "$(peer_type "$ctl_path" "${HOST_IP[r2]}")" = reflector ] \
        && [ "$(peer_count "$ctl_path")" -eq 2 ] && [ "$(established_count "$ctl_path")" -eq 2 ]
}
reflector_sees_clients() {
    local client
    for client in "${CLIENTS[@]}"; do
        [ "$(peer_type "$(control "$1")" "${HOST_IP[$client]}")" = rr-client ] || return 1
    done
    # Four clients, the other reflector and the ToR.
    [ "$(established_count "$(control "$1")")" -eq 6 ]
}
for reflector in "${REFLECTORS[@]}"; do
    check "$reflector's status says reflector, node mesh off" \
        status_json "$(control "$reflector")" -e '.role == "reflector" and .nodeMesh == false'
done
for client in "${CLIENTS[@]}"; do
    check "$client peers with r1 and r2 only, both of type reflector, established" \
        client_sees_reflectors "$client"
done
for reflector in "${REFLECTORS[@]}"; do
    check "$reflector lists h1 to h4 as rr-client, six sessions established" \
        reflector_sees_clients "$reflector"
done

# ---------------------------------------------------------------------------------------
say "pings: every container to every other, on one host and across hosts"
for from in "${CONTAINERS[@]}"; do
    for to in "${CONTAINERS[@]}"; do
        [ "$from" = "$to" ] && continue
        check "$from -> $to (${CONTAINER_IP[$to]})" \
            ip netns exec "$P-$from" ping -c 1 -W 2 "${CONTAINER_IP[$to]}"
    done
done

# Steady pings between containers of different hosts, each pair through another
# pair of hosts, for as long as a step takes.
STEADY_PAIRS=(c1a:c2b c2a:c3b c3a:c4b c4a:c1b)
# The clients' kernels are watched too: a client's ping may still get through while
# it lacks a route, over its default route to the ToR.
start_steady_pings() {
    local pair from to client
    for client in "${CLIENTS[@]}"; do
        route_watch_start "$P-$client" "$DIR/watch-$1-$client.log"
    done
    for pair in "${STEADY_PAIRS[@]}"; do
        from=${pair%:*} to=${pair#*:}
        steady_ping_start "$P-$from" "${CONTAINER_IP[$to]}" "$DIR/ping-$1-$from-$to.log"
    done
    sleep 1
}
# Stops the steady pings after a last second and checks that none lost a reply, and
# that no client deleted a container route.
check_steady_pings() {
    local pair log sent lost client
    sleep 1
    steady_pings_stop
    route_watches_stop
    for client in "${CLIENTS[@]}"; do
        check "$client kept every container route $2" \
            route_watch_kept "$DIR/watch-$1-$client.log" "${POOL%.*}."
    done
    for pair in "${STEADY_PAIRS[@]}"; do
        log="$DIR/ping-$1-${pair/:/-}.log"
        read -r sent lost < <(steady_ping_tally "$log")
        check "steady ping ${pair/:/ -> } $2: $sent sent, $lost lost" steady_ping_clean "$log" 40
    done
}

say "stopping r1's brindled (SIGTERM) under steady pings"
start_steady_pings stop
stop_spawned "${DAEMON_PID[r1]}"
reflector_down_everywhere() {
    local client
    for client in "${CLIENTS[@]}"; do
        [ "$(peer_state "$(control "$client")" "${HOST_IP[$1]}")" != established ] || return 1
    done
}
check_within "h1 to h4 see r1's session go down" 10 reflector_down_everywhere r1
sleep 2
check_steady_pings stop "while r1 stops"
check "r2, h1 to h4 and the ToR still route every container to its own host" \
    routes_everywhere r2 "${CLIENTS[@]}"
for client in "${CLIENTS[@]}"; do
    check "$client holds the other hosts' containers from r2" learned_from "$client" r2
done

say "starting r1 again"
start_brindled r1
for reflector in "${REFLECTORS[@]}"; do
    check_within "$reflector has its six sessions established again" 30 \
        reflector_sees_clients "$reflector"
done
for client in "${CLIENTS[@]}"; do
    check_within "$client learned the other hosts' containers from r1 again" 10 \
        learned_from "$client" r1
done

say "switching the node mesh on and off again under steady pings"
# With the mesh on, every node peers with all five others.
mesh_everywhere() {
    local node want
    for node in "${REFLECTORS[@]}" "${CLIENTS[@]}"; do
        case $node in r*) want=6 ;; *) want=5 ;; esac
        [ "$(established_count "$(control "$node")")" -eq "$want" ] || return 1
    done
}
reflection_everywhere() {
    local node
    for node in "${CLIENTS[@]}"; do client_sees_reflectors "$node" || return 1; done
    for node in "${REFLECTORS[@]}"; do reflector_sees_clients "$node" || return 1; done
}
start_steady_pings mesh
ctl bgp node-mesh on >/dev/null || die "node-mesh on failed"
check_within "with the mesh on every host has a session with every other" 30 mesh_everywhere
check "h1 lists h2 as a mesh peer" test "$(peer_type "$(control h1)" "${HOST_IP[h2]}")" = mesh
# The reflectors go on reflecting for a grace time while the mesh comes up, then stop.
reflection_stopped() {
    local node
    for node in "${REFLECTORS[@]}"; do
        [ "$(status_json "$(control "$node")" -r .role)" = node ] || return 1
    done
}
check_within "the reflectors stop reflecting after their grace time" 30 reflection_stopped
sleep 1
ctl bgp node-mesh off >/dev/null || die "node-mesh off failed"
check_within "with the mesh off again the clients peer with the reflectors only" 30 \
    reflection_everywhere
sleep 2
check_steady_pings mesh "while the mesh goes on and off"
check "every route is in place after the mesh went on and off" \
    routes_everywhere "${REFLECTORS[@]}" "${CLIENTS[@]}"

say "brindlectl status on r1"
"$BIN/brindlectl" status --control "$(control r1)"
say "h1's kernel routes with protocol 150 (Brindle's)"
ip -n "$P-h1" route show proto 150
say "routes BIRD learned on the ToR"
birdc show route

if [ "$CHECKS_FAILED" -ne 0 ]; then
    for log in "$DIR"/*.log; do
        case $log in */ping-* | */watch-*) continue ;; esac
        echo "--- last lines of $log"
        tail -n 15 "$log"
    done
fi
echo
echo "demo --reflector: $CHECKS_PASSED passed, $CHECKS_FAILED failed"
[ -n "${KEEP_LOGS:-}" ] && echo "logs in $DIR"
[ "$CHECKS_FAILED" -eq 0 ]

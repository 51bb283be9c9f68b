# ExaBGP as the peer, driven through its API: a process of ours hands it commands
# from a file and writes what it receives, as JSON, to another. The neighbor carries IPv4
# and IPv6 unicast; each route is announced with the link's address of its family.

exabgp_as() { echo 65005; }

exabgp_start() {
    local passive=false
    [ "$PEER_PASSIVE" = yes ] && passive=true
    : >"$DIR/exabgp.commands"
    cat >"$DIR/exabgp.conf" <<EXABGP
process control {
    run $INTEROP_DIR/exabgp-api $DIR/exabgp.received $DIR/exabgp.commands;
    encoder json;
}
neighbor $HOST_IP {
    router-id $PEER_IP;
    local-address $PEER_IP;
    local-as $PEER_AS;
    peer-as $BRINDLE_AS;
    hold-time 9;
    passive $passive;
    capability { route-refresh enable; }
    family { ipv4 unicast; ipv6 unicast; }
    api {
        processes [ control ];
        neighbor-changes;
        receive { parsed; update; }
    }
}
EXABGP
    local trace=()
    [ -n "${INTEROP_TRACE:-}" ] && trace=(exabgp.log.level=DEBUG exabgp.log.message=true)
    spawn_peer env exabgp.daemon.user=root exabgp.daemon.drop=false \
        exabgp.tcp.bind="$PEER_IP" exabgp.tcp.port=179 exabgp.log.destination=stdout \
        exabgp.api.ack=false "${trace[@]}" exabgp "$DIR/exabgp.conf"
}

exabgp_command() { echo "$1" >>"$DIR/exabgp.commands"; }
exabgp_established() {
    grep '"type": *"state"' "$DIR/exabgp.received" | tail -n 1 | grep -q '"state": *"up"'
}
# The last UPDATE that names the prefix announces it with that next hop.
exabgp_has() {
    local family="\"$(family "$1") unicast\""
    grep '"type": *"update"' "$DIR/exabgp.received" | grep "\"$1\"" | tail -n 1 \
        | grep -q "\"announce\": *{ *$family: *{ *\"$2\": *\[ *{ *\"nlri\": *\"$1\""
}
exabgp_announce() { exabgp_command "announce route $1 next-hop $(peer_next_hop "$1")"; }
exabgp_withdraw() { exabgp_command "withdraw route $1 next-hop $(peer_next_hop "$1")"; }
exabgp_refresh() { exabgp_command "announce route-refresh ipv4 unicast"; }
exabgp_stop() { stop_peer; }
exabgp_show() { tail -n 5 "$DIR/exabgp.received"; }

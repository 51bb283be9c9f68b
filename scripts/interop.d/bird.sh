# BIRD 2 as the peer: static routes, disabled until announced, are the peer's routes, one
# protocol per family. IPv6 runs as a second channel on the IPv4 session; BIRD would take
# the session's IPv4 address as next hop, so the channel names the link's IPv6 address.

bird_as() { echo 65001; }

bird_start() {
    local passive=off
    [ "$PEER_PASSIVE" = yes ] && passive=on
    cat >"$DIR/bird.conf" <<BIRD
log "$DIR/bird.log" all;
router id $PEER_IP;
protocol device { scan time 5; }
protocol static announced { disabled; ipv4; route $PEER_ROUTE blackhole; }
protocol static announced6 { disabled; ipv6; route $PEER_ROUTE6 blackhole; }
protocol bgp brindle {
    local $PEER_IP as $PEER_AS;
    neighbor $HOST_IP as $BRINDLE_AS;
    ipv4 { import all; export where proto = "announced"; next hop self; };
    ipv6 { import all; export where proto = "announced6"; next hop address $PEER_IP6; };
    passive $passive;
    connect retry time 1;
    hold time 9;
    error wait time 1, 2;
}
BIRD
    spawn_peer bird -f -c "$DIR/bird.conf" -s "$DIR/bird.ctl" -P "$DIR/bird.pid"
}

# The static protocol that holds the prefix.
bird_static() { [ "$(family "$1")" = ipv6 ] && echo announced6 || echo announced; }

bird_birdc() { birdc -s "$DIR/bird.ctl" "$@"; }
bird_established() { bird_birdc show protocols brindle | grep -q Established; }
bird_has() { bird_birdc show route for "$1" all | grep -q "BGP.next_hop: $2\$"; }
bird_announce() { bird_birdc enable "$(bird_static "$1")" >/dev/null; }
bird_withdraw() { bird_birdc disable "$(bird_static "$1")" >/dev/null; }
bird_refresh() { bird_birdc reload in brindle >/dev/null; }
bird_stop() { stop_peer; }
bird_show() { bird_birdc show route all; }

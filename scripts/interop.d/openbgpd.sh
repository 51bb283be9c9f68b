# OpenBGPD as the peer, in the foreground (-d), with its control socket in the case's
# folder and `fib-update no`. Routes are networks added and deleted with bgpctl. The neighbor
# also announces IPv6 unicast. On a directly connected eBGP session OpenBGPD sends its own
# IPv6 address as next hop (it compares the next hop with the session's IPv4 network), and
# on Linux that address comes out as ::1: the neighbor is `multihop 2`, and the peer's IPv6
# route carries the link's IPv6 address with `set nexthop no-modify`.

openbgpd_as() { echo 65004; }

openbgpd_start() {
    local passive=
    [ "$PEER_PASSIVE" = yes ] && passive=passive
    cat >"$DIR/bgpd.conf" <<OPENBGPD
AS $PEER_AS
router-id $PEER_IP
listen on $PEER_IP
socket "$DIR/bgpd.sock"
fib-update no
holdtime 9
holdtime min 3
neighbor $HOST_IP {
    remote-as $BRINDLE_AS
    multihop 2
    announce IPv4 unicast
    announce IPv6 unicast
    $passive
}
allow from any
allow to any
match to $HOST_IP prefix $PEER_ROUTE6 set nexthop no-modify
OPENBGPD
    # Its processes chroot to the _openbgpd user's home, which systemd would create.
    mkdir -p "$(getent passwd _openbgpd | cut -d: -f6)"
    spawn_peer bgpd -d -v -f "$DIR/bgpd.conf"
}

openbgpd_ctl() { in_peer bgpctl -s "$DIR/bgpd.sock" "$@"; }
openbgpd_established() {
    openbgpd_ctl show neighbor "$HOST_IP" | grep -q "BGP state = Established"
}
openbgpd_has() { openbgpd_ctl show rib "$1" | grep -q "$1 *$2 "; }
openbgpd_announce() {
    local next_hop=()
    [ "$(family "$1")" = ipv6 ] && next_hop=(nexthop "$PEER_IP6")
    openbgpd_ctl network add "$1" "${next_hop[@]}" >/dev/null
}
openbgpd_withdraw() { openbgpd_ctl network delete "$1" >/dev/null; }
openbgpd_refresh() { openbgpd_ctl neighbor "$HOST_IP" refresh >/dev/null; }
openbgpd_stop() { stop_peer; }
openbgpd_show() { openbgpd_ctl show neighbor "$HOST_IP"; openbgpd_ctl show rib; }

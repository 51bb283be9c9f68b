# FRR's bgpd as the peer, without zebra (-Z): nothing of it touches /etc/frr or
# /var/run/frr; its config, pid file and vty socket live in the case's folder.
# Routes are `network` statements added and removed over vtysh.

frr_as() { echo 65002; }

frr_start() {
    local passive=
    [ "$PEER_PASSIVE" = yes ] && passive=" neighbor $HOST_IP passive"
    mkdir -p "$DIR/frr"
    cat >"$DIR/frr/bgpd.conf" <<FRR
frr defaults traditional
hostname peer
log file $DIR/frr.log debugging
router bgp $PEER_AS
 bgp router-id $PEER_IP
 no bgp ebgp-requires-policy
 no bgp network import-check
 neighbor $HOST_IP remote-as $BRINDLE_AS
 neighbor $HOST_IP timers 3 9
 neighbor $HOST_IP timers connect 1
$passive
FRR
    spawn_peer /usr/lib/frr/bgpd -Z -S -f "$DIR/frr/bgpd.conf" -i "$DIR/frr/bgpd.pid" \
        --vty_socket "$DIR/frr" -z "$DIR/frr/zserv.api" -P 0 --log stdout
}

frr_vtysh() { in_peer vtysh --vty_socket "$DIR/frr" -d bgpd "$@"; }
frr_configure() { frr_vtysh -c "configure terminal" -c "router bgp $PEER_AS" -c "$1" >/dev/null; }
frr_established() {
    frr_vtysh -c "show ip bgp neighbors $HOST_IP" | grep -q "BGP state = Established"
}
frr_has() { frr_vtysh -c "show ip bgp $1" | grep -q "^ *$2 from $HOST_IP"; }
frr_announce() { frr_configure "network $1"; }
frr_withdraw() { frr_configure "no network $1"; }
frr_refresh() { frr_vtysh -c "clear ip bgp $HOST_IP soft in" >/dev/null; }
frr_stop() { stop_peer; }
frr_show() { frr_vtysh -c "show ip bgp" -c "show ip bgp neighbors $HOST_IP"; }

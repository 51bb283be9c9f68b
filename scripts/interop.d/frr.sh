# FRR's bgpd as the peer, without zebra (-Z): nothing of it touches /etc/frr or
# /var/run/frr; its config, pid file and vty socket live in the case's folder.
# Routes are `network` statements added and removed over vtysh. IPv6 unicast is activated
# on the IPv4 session; a route map gives its routes the link's IPv6 address as next hop,
# where FRR would send the session's IPv4 address mapped into IPv6.

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
 address-family ipv6 unicast
  neighbor $HOST_IP activate
  neighbor $HOST_IP route-map next-hop6 out
 exit-address-family
route-map next-hop6 permit 10
 set ipv6 next-hop global $PEER_IP6
FRR
    spawn_peer /usr/lib/frr/bgpd -Z -S -f "$DIR/frr/bgpd.conf" -i "$DIR/frr/bgpd.pid" \
        --vty_socket "$DIR/frr" -z "$DIR/frr/zserv.api" -P 0 --log stdout
}

frr_vtysh() { in_peer vtysh --vty_socket "$DIR/frr" -d bgpd "$@"; }
# frr_configure PREFIX COMMAND: runs COMMAND in the address family of PREFIX.
frr_configure() {
    frr_vtysh -c "configure terminal" -c "router bgp $PEER_AS" \
        -c "address-family $(family "$1") unicast" -c "$2" >/dev/null
}
frr_established() {
    frr_vtysh -c "show ip bgp neighbors $HOST_IP" | grep -q "BGP state = Established"
}
frr_has() { frr_vtysh -c "show bgp $(family "$1") unicast $1" | grep -q "^ *$2 from $HOST_IP"; }
frr_announce() { frr_configure "$1" "network $1"; }
frr_withdraw() { frr_configure "$1" "no network $1"; }
frr_refresh() { frr_vtysh -c "clear ip bgp $HOST_IP soft in" >/dev/null; }
frr_stop() { stop_peer; }
frr_show() {
    frr_vtysh -c "show bgp ipv4 unicast" -c "show bgp ipv6 unicast" \
        -c "show bgp neighbors $HOST_IP"
}

# GoBGP as the peer: routes are added to and deleted from its global RIB over its API.
# The neighbor carries IPv4 and IPv6 unicast; IPv6 routes are added with the link's IPv6
# address as next hop.
# No gobgp_refresh: GoBGP keeps every Adj-RIB-In, so `neighbor X softresetin` (and
# `softreset`) re-runs its policies locally and never sends a ROUTE-REFRESH.

gobgp_as() { echo 65003; }

gobgp_start() {
    local passive=false
    [ "$PEER_PASSIVE" = yes ] && passive=true
    cat >"$DIR/gobgpd.toml" <<TOML
[global.config]
  as = $PEER_AS
  router-id = "$PEER_IP"
[[neighbors]]
  [neighbors.config]
    neighbor-address = "$HOST_IP"
    peer-as = $BRINDLE_AS
  [neighbors.timers.config]
    connect-retry = 1
    hold-time = 9
    keepalive-interval = 3
  [neighbors.transport.config]
    passive-mode = $passive
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv4-unicast"
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv6-unicast"
TOML
    spawn_peer gobgpd -f "$DIR/gobgpd.toml" --api-hosts 127.0.0.1:50051
}

gobgp_cli() { in_peer gobgp -u 127.0.0.1 -p 50051 "$@"; }
gobgp_established() { gobgp_cli neighbor "$HOST_IP" | grep -qi "BGP state = established"; }
gobgp_has() { gobgp_cli global rib -a "$(family "$1")" "$1" | grep -q " $2 "; }
gobgp_announce() {
    local next_hop=()
    [ "$(family "$1")" = ipv6 ] && next_hop=(nexthop "$PEER_IP6")
    gobgp_cli global rib add "$1" "${next_hop[@]}" -a "$(family "$1")" >/dev/null
}
gobgp_withdraw() { gobgp_cli global rib del "$1" -a "$(family "$1")" >/dev/null; }
gobgp_stop() { stop_peer; }
gobgp_show() {
    gobgp_cli neighbor "$HOST_IP"
    gobgp_cli global rib -a ipv4
    gobgp_cli global rib -a ipv6
}

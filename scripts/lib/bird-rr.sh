# BIRD 2 as a route reflector for scripts/bench-reflector. Source it after common.sh.
#
# bird_rr_config FILE LOG LOCAL AS RANGE CLUSTER writes a configuration with one
# dynamic BGP protocol: every connection from RANGE spawns an internal session
# (BIRD's "neighbor range"), each neighbour an rr client, reflected routes keep
# the client's next hop, and the routes go to the namespace's kernel too, as a
# brindled route reflector installs them.

bird_rr_config() {
    local file=$1 log=$2 local_ip=$3 as=$4 range=$5 cluster=$6
    cat >"$file" <<BIRD
log "$log" { warning, error, fatal, bug };
router id $local_ip;
protocol device { scan time 10; }
protocol kernel { ipv4 { import none; export all; }; }
protocol bgp clients {
    local $local_ip as $as;
    neighbor range $range as $as;
    dynamic name "c";
    rr client;
    rr cluster id $cluster;
    hold time 90;
    ipv4 { import all; export all; next hop keep; };
}
BIRD
}

# Starts BIRD with FILE in namespace NS, its control socket beside FILE; the pid is
# left in BIRD_RR_PID (not printed: a subshell would lose common.sh's registration).
bird_rr_start() {
    local namespace=$1 file=$2
    spawn_in "$namespace" "$file.out" bird -f -c "$file" -s "$file.ctl" -P "$file.pid"
    BIRD_RR_PID=${BRINDLE_PIDS[-1]}
}

# The running BIRD's version, as `birdc` reports it.
bird_rr_version() {
    birdc -s "$1.ctl" show status 2>/dev/null | sed -n 's/^BIRD \([0-9.]*\).*/\1/p' | head -n 1
}

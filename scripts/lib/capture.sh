# Packet captures for Brindle's scripts: dumpcap records the BGP traffic on an interface
# inside a namespace, and tshark then decodes what one address sent, so that a script can
# show that Wireshark's BGP dissector reads every message Brindle sends with no
# malformed-packet finding and no warning. Source it after common.sh. A capture runs as a
# registered process and writes into a registered folder, so `cleanup` stops and removes it.

# The messages' names by type code (RFC 4271 §4.1, RFC 2918 §3 for ROUTE-REFRESH).
CAPTURE_TYPE_NAMES=([1]=OPEN [2]=UPDATE [3]=NOTIFICATION [4]=KEEPALIVE [5]=ROUTE-REFRESH)

# Installs tshark (and with it dumpcap) if it is missing. Debian's wireshark-common asks
# whether non-root users may capture: the answer, no, is given beforehand. A failed
# install does not end the script: the captures' checks then fail, each one saying why.
ensure_capture_packages() {
    capture_tools_present && return 0
    echo "wireshark-common wireshark-common/install-setuid boolean false" \
        | debconf-set-selections
    (ensure_packages tshark)
    capture_tools_present || warn "tshark or dumpcap is missing: every capture check will fail"
}

# Both programs are on the PATH: dumpcap to capture, tshark to decode.
capture_tools_present() { command -v tshark >/dev/null && command -v dumpcap >/dev/null; }

# capture_start NAMESPACE INTERFACE FILE: records TCP port 179 on the interface into FILE
# (pcapng) and returns once dumpcap captures; sets CAPTURE_PID. Fails if dumpcap is missing
# or does not start within ten seconds.
capture_start() {
    local namespace=$1 interface=$2 file=$3
    CAPTURE_PID=
    capture_tools_present || { warn "tshark or dumpcap is not installed: no capture"; return 1; }
    spawn_in "$namespace" "$file.log" dumpcap -q -i "$interface" -f "tcp port 179" -w "$file"
    CAPTURE_PID=${BRINDLE_PIDS[-1]}
    wait_until 10 grep -q "^Capturing on" "$file.log" && return 0
    warn "dumpcap did not start: $(tail -n 1 "$file.log")"
    return 1
}

# Stops the capture that capture_start began, so that dumpcap writes the file's end.
capture_stop() {
    [ -n "${CAPTURE_PID:-}" ] || return 0
    kill -TERM "$CAPTURE_PID" 2>/dev/null
    wait_until 5 bash -c "! kill -0 $CAPTURE_PID" || kill -KILL "$CAPTURE_PID" 2>/dev/null
    wait "$CAPTURE_PID" 2>/dev/null
    CAPTURE_PID=
    return 0
}

# tshark, without its warning about running as root.
capture_tshark() { tshark "$@" 2>/dev/null; }

# capture_types FILE ADDRESS: the type code of every BGP message ADDRESS sent, one a line.
capture_types() {
    capture_tshark -r "$1" -Y "bgp && ip.src == $2" -T fields -e bgp.type | tr ',' '\n' \
        | grep .
}

# capture_summary FILE ADDRESS: "N BGP messages (N OPEN, N UPDATE, ...)".
capture_summary() {
    local counts code count total=0 parts=()
    counts=$(capture_types "$1" "$2" | sort -n | uniq -c)
    while read -r count code; do
        [ -n "$code" ] || continue
        total=$((total + count))
        parts+=("$count ${CAPTURE_TYPE_NAMES[$code]:-type-$code}")
    done <<<"$counts"
    local IFS=,
    echo "$total BGP messages (${parts[*]:-none})" | sed 's/,/, /g'
}

# capture_sent FILE ADDRESS TYPE...: ADDRESS sent at least one message of every TYPE code.
capture_sent() {
    local file=$1 address=$2 code types
    shift 2
    types=$(capture_types "$file" "$address")
    for code in "$@"; do grep -qx "$code" <<<"$types" || return 1; done
}

# capture_shows FILE ADDRESS FILTER: some BGP message from ADDRESS matches the display
# FILTER, e.g. "bgp.mp_reach_nlri_ipv6_prefix == fd00::" for an IPv6 route it announced.
capture_shows() {
    local frames
    frames=$(capture_tshark -r "$1" -Y "bgp && ip.src == $2 && ($3)" -T fields -e frame.number)
    [ -n "$frames" ]
}

# The frames with BGP in them that tshark finds malformed or warns about. TCP's own
# findings on frames without BGP (a reset, say) are not about the messages.
capture_finding_filter() {
    echo "ip.src == $1 && bgp && (_ws.malformed || _ws.expert.severity >= warning)"
}

# capture_findings FILE ADDRESS: one line per flagged frame from ADDRESS: the frame number,
# the BGP message types in it, and tshark's findings.
capture_findings() {
    capture_tshark -r "$1" -Y "$(capture_finding_filter "$2")" -T fields -e frame.number \
        -e bgp.type -e _ws.expert.message
}

# capture_clean FILE ADDRESS: tshark reads the file and flags no frame from ADDRESS.
capture_clean() {
    local findings
    findings=$(capture_findings "$1" "$2") || return 1
    [ -z "$findings" ]
}

# capture_details FILE ADDRESS: the BGP decode and bytes of the flagged frames, to 300 lines.
capture_details() {
    capture_tshark -r "$1" -Y "$(capture_finding_filter "$2")" -O bgp -x | head -n 300
}

# capture_readable FILE: tshark is installed and reads FILE to its end.
capture_readable() { capture_tools_present && [ -s "$1" ] && capture_tshark -r "$1" >/dev/null; }
